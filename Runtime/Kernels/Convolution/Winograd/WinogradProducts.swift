import CNNWinogradKernels
import CNNGEMM

/// The element-wise stage of a Winograd conv as packed GEMM products: for each of the α²
/// frequencies, `M[ξ] = U[ξ] · V[ξ]` with U[ξ] the `C_out × C_in` transformed filters and V[ξ]
/// the `C_in × tiles` transformed inputs of a block of tiles.
///
/// The output channels are split into bands (the rows of one product), so that threads can
/// share a block's products; a block's tiles come in groups of 16 (one vector), so there is
/// one product per band size and number of groups.
struct WinogradProducts: Sendable {
    /// The output channels.
    let outputChannels: Int
    /// The output channels of every band but the last (a multiple of 8).
    let bandRows: Int
    /// The number of bands.
    let bandCount: Int
    /// The most groups of 16 tiles one block holds.
    let maximumGroups: Int
    /// The product of a full band and of the last band for 1...maximumGroups groups.
    private let products: [PackedGEMM]

    /// The products of `outputChannels × inputChannels` filters in about `bands` bands, for
    /// blocks of up to `maximumGroups` groups, on `instructionSet`.
    init(outputChannels: Int, inputChannels: Int, bands: Int, maximumGroups: Int,
         instructionSet: GEMMInstructionSet) throws(GEMMError) {
        self.outputChannels = outputChannels
        self.maximumGroups = maximumGroups
        let perBand = (outputChannels + max(1, bands) - 1) / max(1, bands)
        bandRows = (perBand + 7) / 8 * 8
        bandCount = (outputChannels + bandRows - 1) / bandRows
        let lastRows = outputChannels - (bandCount - 1) * bandRows
        var products: [PackedGEMM] = []
        for rows in [bandRows, lastRows] {
            for groups in 1...maximumGroups {
                let tiles = groups * WinogradLanes.count
                products.append(try PackedGEMM(rows: rows, columns: tiles, depth: inputChannels, leadingA: inputChannels,
                                               leadingB: tiles, leadingC: tiles, instructionSet: instructionSet))
            }
        }
        self.products = products
    }

    /// The output channels of band `band`.
    func band(_ band: Int) -> Range<Int> {
        (band * bandRows)..<min((band + 1) * bandRows, outputChannels)
    }

    /// The product of band `band` for a block of `groups` groups of tiles.
    func product(band: Int, groups: Int) -> PackedGEMM {
        products[(band == bandCount - 1 ? maximumGroups : 0) + groups - 1]
    }

    /// The GEMM scratch bytes of the largest product on one thread.
    var workspaceBytes: Int {
        products.map { $0.workspaceByteCount(threadCount: 1) }.max() ?? 0
    }
}
