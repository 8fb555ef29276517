import CNNGEMM
import CNNIR
import Foundation

/// im2col for 2-D convs whose width stride is 2 or more (the stems and downsampling convs of
/// CNNs), one group, constant weights, without a column matrix.
///
/// At width stride 2 every run of im2col's gather takes every other float, and there are as
/// many runs as column rows times output rows. Here each thread first copies the band of input
/// rows its output rows read into a `PhaseSplitImage` (zero-padded, each row split into its
/// even and odd columns: one pass over the input), where every tap of the window reads
/// consecutive floats. The GEMM's B is then built straight in packed form, one panel of NR
/// output positions at a time: each depth step of a panel is one or a few contiguous copies
/// from the band, at the tap's offset (`tapOffsets`). The weights are packed once as A; each
/// panel is multiplied by all of them (`PackedGEMM.multiply(packedA:packedB:…)`), with the
/// bias, the residual and relu, clip or leaky_relu applied in registers.
///
/// Threads take contiguous ranges of output rows of each image, in bands of at most
/// `bandBudgetBytes`, and own their band, panel and GEMM scratch, so that no thread reads what
/// another wrote.
struct StridedConvolutionKernel: Kernel {
    let name = "im2col"
    /// The conv's shapes and window.
    let geometry: ConvolutionGeometry
    /// Bias, residual and activation.
    let epilogue: ConvolutionEpilogue
    /// The layout of a thread's band of input rows.
    let image: PhaseSplitImage
    /// `Y[:, panel] = W · B[:, panel]` for one panel of NR positions (fewer when the output
    /// plane is smaller).
    let product: PackedGEMM
    /// The weights packed as the product's A.
    let packedWeights: PackedWeights
    /// For each depth step (column matrix row), the offset of its tap in a band.
    let tapOffsets: [Int]
    /// The output rows of one band, and the padded rows it holds per channel.
    let bandOutputRows: Int, bandRows: Int
    /// The threads the workspace has room for.
    let threadSlots: Int
    /// Bytes of one thread's band, panel and GEMM scratch, each a multiple of 64.
    let bandBytes: Int, panelBytes: Int, gemmBytes: Int

    /// Whether this kernel runs `geometry`: 2-D, one group, constant weights, a width stride of
    /// 2 or more, windows wider than the stride (so that taps share the copied columns: a 1x1/2
    /// conv reads a quarter of its input, which im2col gathers directly), output rows at least
    /// `minimumOutputWidth` wide.
    static func suits(_ geometry: ConvolutionGeometry, weightsAreConstant: Bool) -> Bool {
        weightsAreConstant && geometry.spatialRank == 2 && geometry.groups == 1 && geometry.strides[2] >= 2
            && (geometry.kernel[2] - 1) * geometry.dilations[2] + 1 > geometry.strides[2]
            && geometry.outputSize[2] >= minimumOutputWidth
    }

    /// The bytes of input one band may hold: about half of this processor's 1 MiB L2, like
    /// im2col's column budget, so that the band stays there while its panels are packed.
    static let bandBudgetBytes = 512 << 10

    var workspaceBytes: Int { threadSlots * (bandBytes + panelBytes + gemmBytes) }

    /// The kernel of `geometry` (for which `suits` holds); packs `weights` now. Throws when the
    /// GEMM cannot be prepared.
    init(geometry: ConvolutionGeometry, epilogue: ConvolutionEpilogue, weights: Tensor,
         instructionSet: GEMMInstructionSet = .selected()) throws {
        self.geometry = geometry
        self.epilogue = epilogue
        image = PhaseSplitImage(geometry)
        threadSlots = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let depth = geometry.columnRows
        do {
            product = try PackedGEMM(rows: geometry.outputChannels, columns: min(instructionSet.columnTile, geometry.outputPlane),
                                     depth: depth,
                                     leadingC: geometry.outputPlane, instructionSet: instructionSet)
        } catch {
            throw Diagnostic("the packed GEMM rejected the conv's product: \(error)")
        }
        packedWeights = try PackedWeights(weights, product: product, groups: 1)
        let slots = threadSlots
        let longestBand = (0..<slots).map { equalShare($0, of: slots, geometry.outputSize[1]).count }.max() ?? 0
        bandOutputRows = min(max(1, longestBand), image.outputRows(fittingIn: Self.bandBudgetBytes))
        bandRows = image.paddedRows(for: 0..<bandOutputRows).count
        tapOffsets = image.tapOffsets(paddedRows: bandRows)
        bandBytes = WorkspaceSize.bytes(forFloats: image.bandFloats(paddedRows: bandRows))
        panelBytes = WorkspaceSize.bytes(forFloats: product.packedBByteCount / MemoryLayout<Float>.stride + ColumnGather.spillFloats)
        gemmBytes = (product.workspaceByteCount(threadCount: 1) + 63) / 64 * 64
    }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        buffers.withWorkspace(bytes: workspaceBytes) { workspace in
            let threads = min(context.threadCount, threadSlots)
            let slotBytes = bandBytes + panelBytes + gemmBytes
            WorkerPool.shared.run(parts: threads) { part in
                // The rows are always cut into one share per slot (the band is sized for those);
                // with fewer threads than slots a thread takes several in turn.
                let slot = workspace + part * slotBytes
                for share in equalShare(part, of: threads, threadSlots) {
                    let rows = equalShare(share, of: threadSlots, geometry.outputSize[1])
                    for imageIndex in 0..<geometry.batch {
                        for first in stride(from: rows.lowerBound, to: rows.upperBound, by: bandOutputRows) {
                            run(image: imageIndex, rows: first..<min(first + bandOutputRows, rows.upperBound), buffers, slot: slot)
                        }
                    }
                }
            }
        }
    }

    /// Computes output rows `rows` (at most `bandOutputRows`) of image `imageIndex` on the
    /// workspace slot `slot`.
    private func run(image imageIndex: Int, rows: Range<Int>, _ buffers: KernelBuffers, slot: UnsafeMutableRawPointer) {
        let x = buffers.floatInput(0), y = buffers.floatOutput(0)
        let inputFloats = geometry.inputChannels * geometry.inputPlane
        let plane = geometry.outputPlane, outputWidth = geometry.outputSize[2]
        let band = slot.assumingMemoryBound(to: Float.self)
        let panel = (slot + bandBytes).assumingMemoryBound(to: Float.self)
        let gemm = UnsafeMutableRawBufferPointer(start: slot + bandBytes + panelBytes, count: gemmBytes)
        let source = x + imageIndex * inputFloats
        let paddedRows = image.paddedRows(for: rows)
        image.fill(band, rows: paddedRows, from: source, readable: (geometry.batch - imageIndex) * inputFloats,
                   bandRows: bandRows)
        let outputOffset = imageIndex * geometry.outputChannels * plane
        let gemmEpilogue = epilogue.gemmEpilogue(bias: epilogue.bias(buffers),
                                                 residual: epilogue.residual(buffers).map { $0 + outputOffset },
                                                 residualLeadingDimension: plane)
        let panelWidth = product.columns
        let positions = (rows.lowerBound * outputWidth)..<(rows.upperBound * outputWidth)
        // Offsets count from the band's first padded row.
        let bandStart = paddedRows.lowerBound * image.rowStride
        tapOffsets.withUnsafeBufferPointer { offsets in
            for first in stride(from: positions.lowerBound, to: positions.upperBound, by: panelWidth) {
                let columns = min(panelWidth, positions.upperBound - first)
                pack(positions: first..<(first + columns), from: band - bandStart, offsets: offsets, into: panel)
                let output = y + outputOffset + first
                product.multiply(packedA: packedWeights.panels(ofGroup: 0), packedB: panel, c: output,
                                 columns: 0..<columns, epilogue: gemmEpilogue.offset(row: 0, column: first), workspace: gemm)
                if epilogue.activatesAfterProduct {
                    for channel in 0..<geometry.outputChannels { epilogue.activate(output + channel * plane, count: columns) }
                }
            }
        }
    }

    /// Builds the packed panel of B for output positions `positions` (at most NR): row k holds,
    /// for each position, the element tap k reads, copied from `band` (addressed as if it
    /// started at padded row 0) in runs along the output rows (`Runs`). Whole vectors are written past each run's end; the next run,
    /// or the next row of the panel, overwrites them, and the last row spills into the slack.
    @inline(__always)
    private func pack(positions: Range<Int>, from band: UnsafePointer<Float>, offsets: UnsafeBufferPointer<Int>,
                      into panel: UnsafeMutablePointer<Float>) {
        let outputWidth = geometry.outputSize[2], panelWidth = product.columnAlignment
        let rowStep = image.strideHeight * image.rowStride
        var runs = Runs(repeating: (0, 0, 0))
        var runCount = 0
        var position = positions.lowerBound
        while position < positions.upperBound && runCount < runs.count {
            let (row, column) = position.quotientAndRemainder(dividingBy: outputWidth)
            let count = min(outputWidth - column, positions.upperBound - position)
            runs[runCount] = (row * rowStep + column, position - positions.lowerBound, count)
            runCount += 1
            position += count
        }
        var destination = panel
        for offset in offsets {
            for run in 0..<runCount {
                let (source, column, count) = runs[run]
                let from = band + source + offset, to = destination + column
                var index = 0
                while index < count {
                    to.storeFloatVector(from.loadFloatVector(at: index), at: index)
                    index += 16
                }
            }
            destination += panelWidth
        }
    }

    /// The runs of one panel: where each reads in the band, its first column and its length.
    /// NR (at most 48) positions over output rows at least `minimumOutputWidth` wide make at
    /// most 4.
    typealias Runs = InlineArray<4, (source: Int, column: Int, count: Int)>

    /// The narrowest output rows this kernel takes.
    static let minimumOutputWidth = 16
}
