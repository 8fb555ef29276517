import CNNGEMM
import CNNIR
import Foundation

/// im2col and gemm1x1 for convs whose output maps are smaller than their channel count (the deep
/// layers of CNNs: 7x7 and 14x14 maps of 256 to 2048 channels), one group, constant weights.
///
/// `GEMMConvolutionKernel` computes `Y = W · B` with the positions as the product's columns,
/// 48 to a register tile: a 7x7 map's 49 positions fill one tile and leave a 49th column that
/// costs a third of a tile. Here the product is transposed, `Yᵀ = Bᵀ · Wᵀ`: the positions are
/// its rows (up to 8 to a tile) and the output channels its columns. The weights are packed
/// once as the product's B (`PackedWeights`, `.b`). The left operand `Bᵀ` (`Source`) is read in
/// place, run by run of positions (`PositionRuns`, `WindowedRows`), with no column matrix:
/// - 1x1 convs of stride 1 read the input itself;
/// - 2-D convs whose windows are wider than their width stride read a zero-padded,
///   column-phase-split copy of the input rows they need (`PhaseSplitImage`), one pass over the
///   input, where every tap of a run of positions reads consecutive floats;
/// - the others (1x1 convs with strides, 1-D and 3-D convs) gather their column matrix, which the
///   GEMM packs.
/// The product goes to a scratch matrix `positions × C_out` (holding the residual, transposed,
/// when there is one: the GEMM adds it with beta 1, the bias as a column bias and relu, clip or
/// leaky_relu in registers), which is transposed back into the output planes (`BlockTranspose`);
/// other activations then run over each channel's positions.
///
/// Threads, each on its own workspace slot so that no thread reads what another wrote
/// (`splitsPositions`):
/// - a band of output channels (whole register-tile columns, balanced by channel count): each
///   thread reads the inputs of every position and computes its band, writing whole output
///   planes; the weights are read once in all;
/// - a band of positions (whole register-tile rows): each thread reads (copies or gathers)
///   only their inputs and multiplies them by all the weights, which stay in the shared cache;
///   both threads write into every output plane, whose line at the band boundary they share.
struct SmallMapConvolutionKernel: Kernel {
    let name: String
    /// The conv's shapes and window.
    let geometry: ConvolutionGeometry
    /// Bias, residual and activation.
    let epilogue: ConvolutionEpilogue
    /// Where the product's left operand comes from.
    let source: Source
    /// For each depth step, where it reads relative to a position's first read (read-in-place
    /// sources; empty for gathered columns).
    let depthOffsets: [Int]
    /// How a band of positions is cut into runs (read-in-place sources).
    let positionRuns: PositionRuns
    /// `Yᵀ[rows × C_out] = Bᵀ · Wᵀ` for bands of positions of every length the run uses
    /// (`positionBands`), or for all positions.
    let products: [PackedGEMM]
    /// Wᵀ packed as the products' B (the same for every band of positions).
    let packedWeights: PackedWeights
    /// Whether threads split the positions (else the output channels).
    let splitsPositions: Bool
    /// The threads the workspace has room for.
    let threadSlots: Int
    /// The padded rows per channel of a thread's band (phase-split sources).
    let bandRows: Int
    /// Bytes of one thread's input copy (band or column matrix; 0 for 1x1 of stride 1), of its
    /// product and of its GEMM scratch, each a multiple of 64.
    let inputBytes: Int, resultBytes: Int, gemmBytes: Int

    /// Where the transposed product's left operand, the positions' inputs, comes from.
    enum Source {
        /// The input itself (1x1, stride 1): position p of channel c is `x[c · plane + p]`.
        case image
        /// A phase-split copy of the input rows a band of positions reads.
        case band(PhaseSplitImage)
        /// A gathered column matrix, packed by the GEMM.
        case columns(ColumnTraversal)
    }

    /// The most output positions for which the transposed product pays.
    static let maximumPositions = 196

    /// The largest weights for which threads split the positions, each reading all the weights:
    /// a few MiB, well inside the shared 32 MiB L3 cache.
    static let positionSplitWeightBytes = 3 << 20

    /// The largest input (column matrix, or image of a 1x1 conv) that every thread reads whole
    /// when threads split small weights by output channels: half of this processor's 1 MiB L2.
    /// (MobileNetV2's 1x1 convs at 14x14 and 7x7, 31–451 KiB of input, run 3–5% faster split
    /// by channels than by positions on 2 threads; ResNet-50's 1024→256 at 14x14, 784 KiB, is
    /// 5% slower.)
    static let channelSplitInputBytes = 512 << 10

    /// The smallest column matrix for which threads split the positions whatever the weights:
    /// gathering it whole on every thread then costs more than reading the weights twice
    /// (measured on ResNet-50's 3x3/2 512→512 conv at 14x14: 0.82 ms against 0.90 on 2 threads,
    /// while its 1024→2048 1x1/2 downsampling conv, 200 KiB of columns, is faster split by
    /// channels: 0.62 ms against 0.66).
    static let positionSplitColumnBytes = 256 << 10

    /// Whether this kernel runs `geometry` better than `GEMMConvolutionKernel`: one group,
    /// constant weights, at most `maximumPositions` output positions and at least as many output
    /// channels, and a column matrix within `ConvolutionWork.sharedColumnLimitBytes`.
    static func suits(_ geometry: ConvolutionGeometry, weightsAreConstant: Bool) -> Bool {
        let positions = geometry.outputPlane
        return weightsAreConstant && geometry.groups == 1 && positions <= maximumPositions
            && geometry.outputChannels >= positions
            && geometry.columnRows * positions * MemoryLayout<Float>.stride <= ConvolutionWork.sharedColumnLimitBytes
    }

    var workspaceBytes: Int { threadSlots * (inputBytes + resultBytes + gemmBytes) }

    /// Whether a 2-D conv of `geometry` reads a phase-split band: its windows are wider than its
    /// width stride (taps share the copied columns).
    static func readsBand(_ geometry: ConvolutionGeometry) -> Bool {
        geometry.spatialRank == 2 && (geometry.kernel[2] - 1) * geometry.dilations[2] + 1 > geometry.strides[2]
    }

    /// The kernel of `geometry` (for which `suits` holds): `gemm1x1` when `pointwise`, else
    /// `im2col`; packs `weights` now. Throws when the GEMM cannot be prepared.
    init(geometry: ConvolutionGeometry, pointwise: Bool, epilogue: ConvolutionEpilogue, weights: Tensor,
         instructionSet: GEMMInstructionSet = .selected()) throws {
        name = pointwise ? "gemm1x1" : "im2col"
        self.geometry = geometry
        self.epilogue = epilogue
        threadSlots = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let positions = geometry.outputPlane
        splitsPositions = Self.splitsPositions(geometry, pointwise: pointwise, threads: threadSlots,
                                               alignment: instructionSet.columnTile)
        let slots = threadSlots
        let bands = splitsPositions
            ? (0..<slots).map { Self.positionBand($0, of: slots, positions: positions) }.filter { !$0.isEmpty }
            : [0..<positions]
        let rowCounts = Set(bands.map(\.count)).sorted(by: >)
        do {
            products = try rowCounts.map { rows throws(GEMMError) in
                try PackedGEMM(rows: rows, columns: geometry.outputChannels, depth: geometry.columnRows,
                               transposeA: true, transposeB: true, leadingA: pointwise ? geometry.inputPlane : rows,
                               leadingC: Self.resultLeading(geometry.outputChannels), instructionSet: instructionSet)
            }
        } catch {
            throw Diagnostic("the packed GEMM rejected the conv's product: \(error)")
        }
        guard let longest = products.first else { throw Diagnostic("the conv has no output positions") }
        packedWeights = try PackedWeights(weights, product: longest, groups: 1, as: .b)
        let outputWidth = geometry.outputSize.last ?? 1
        if pointwise {
            source = .image
            depthOffsets = (0..<geometry.inputChannels).map { $0 * geometry.inputPlane }
            positionRuns = PositionRuns(rowLength: nil, rowStep: 0, maximumLength: longest.rowAlignment)
            (bandRows, inputBytes) = (0, 0)
        } else if Self.readsBand(geometry) {
            let image = PhaseSplitImage(geometry)
            source = .band(image)
            bandRows = bands.map { image.paddedRows(for: Self.outputRows(of: $0, width: outputWidth)).count }.max() ?? 0
            depthOffsets = image.tapOffsets(paddedRows: bandRows)
            positionRuns = PositionRuns(rowLength: outputWidth, rowStep: image.strideHeight * image.rowStride,
                                        maximumLength: longest.rowAlignment)
            inputBytes = WorkspaceSize.bytes(forFloats: image.bandFloats(paddedRows: bandRows))
        } else {
            source = .columns(ColumnTraversal(geometry))
            (depthOffsets, bandRows) = ([], 0)
            positionRuns = PositionRuns(rowLength: nil, rowStep: 0, maximumLength: longest.rowAlignment)
            inputBytes = WorkspaceSize.bytes(forFloats: geometry.columnRows * longest.rows + ColumnGather.spillFloats)
        }
        resultBytes = WorkspaceSize.bytes(forFloats: longest.rows * Self.resultLeading(geometry.outputChannels))
        gemmBytes = (longest.workspaceByteCount(threadCount: 1) + 63) / 64 * 64
    }

    /// Whether threads split the positions of `geometry` (else its output channels, in bands of
    /// `alignment`): positions for column matrices from `positionSplitColumnBytes` up; channels
    /// for weights above `positionSplitWeightBytes`; for smaller weights, channels when every
    /// thread may read the whole input (up to `channelSplitInputBytes`) and the bands of
    /// `threads` threads are balanced (none an eighth above an equal share), else positions.
    static func splitsPositions(_ geometry: ConvolutionGeometry, pointwise: Bool, threads: Int, alignment: Int) -> Bool {
        let columnBytes = geometry.columnRows * geometry.outputPlane * MemoryLayout<Float>.stride
        if !pointwise && columnBytes >= positionSplitColumnBytes { return true }
        guard geometry.columnRows * geometry.outputChannels * MemoryLayout<Float>.stride <= positionSplitWeightBytes else { return false }
        let channels = geometry.outputChannels
        let widest = (0..<threads).map { channelBand($0, of: threads, channels: channels, alignment: alignment).count }.max() ?? channels
        return columnBytes > channelSplitInputBytes || 8 * widest * threads > 9 * channels
    }

    /// The output rows (of width `width`) that `positions` touch.
    static func outputRows(of positions: Range<Int>, width: Int) -> Range<Int> {
        guard !positions.isEmpty else { return 0..<0 }
        return (positions.lowerBound / width)..<((positions.upperBound - 1) / width + 1)
    }

    /// The distance between rows of the product's scratch matrix: the channel count plus 16,
    /// so that rows are never a multiple of 4 KiB apart (1024 channels would put the rows of a
    /// register tile, and those the transposes read and write, in one set of the L1 cache).
    static func resultLeading(_ channels: Int) -> Int { channels + 16 }

    /// The positions of thread `part` of `parts` when threads split the positions: whole
    /// register-tile rows (8), nearest to equal shares.
    static func positionBand(_ part: Int, of parts: Int, positions: Int) -> Range<Int> {
        func boundary(_ index: Int) -> Int {
            guard index < parts else { return positions }
            return min(positions, (positions * index / parts + 4) / 8 * 8)
        }
        return boundary(part)..<max(boundary(part), boundary(part + 1))
    }

    /// The output channels of thread `part` of `parts` when threads split the channels: whole
    /// register tiles, the boundaries at the tile edges nearest to equal shares of the channels.
    static func channelBand(_ part: Int, of parts: Int, channels: Int, alignment: Int) -> Range<Int> {
        func boundary(_ index: Int) -> Int {
            guard index < parts else { return channels }
            let tiles = (Double(channels) * Double(index) / Double(parts) / Double(alignment)).rounded()
            return min(channels, Int(tiles) * alignment)
        }
        return boundary(part)..<max(boundary(part), boundary(part + 1))
    }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        buffers.withWorkspace(bytes: workspaceBytes) { workspace in run(buffers, context: context, workspace: workspace) }
    }

    /// Runs every image on `workspace`, each thread its bands of positions or of output channels.
    private func run(_ buffers: KernelBuffers, context: KernelContext, workspace: UnsafeMutableRawPointer) {
        let channels = geometry.outputChannels, positions = geometry.outputPlane
        let alignment = products[0].columnAlignment
        let threads = min(context.threadCount, threadSlots)
        let parts = splitsPositions ? threads : min(threads, (channels + alignment - 1) / alignment)
        let slotBytes = inputBytes + resultBytes + gemmBytes
        WorkerPool.shared.run(parts: parts) { part in
            let slot = workspace + part * slotBytes
            guard splitsPositions else {
                let band = Self.channelBand(part, of: parts, channels: channels, alignment: alignment)
                if !band.isEmpty { run(rows: 0..<positions, channels: band, buffers, slot: slot) }
                return
            }
            // The positions are always cut into one band per slot (the products exist for
            // those); with fewer threads than slots a thread takes several in turn.
            for index in equalShare(part, of: parts, threadSlots) {
                let rows = Self.positionBand(index, of: threadSlots, positions: positions)
                if !rows.isEmpty { run(rows: rows, channels: 0..<channels, buffers, slot: slot) }
            }
        }
    }

    /// Computes the outputs of positions `rows` (a band the products were prepared for) and
    /// channels `channels` of every image, on the workspace slot `slot`.
    private func run(rows: Range<Int>, channels: Range<Int>, _ buffers: KernelBuffers, slot: UnsafeMutableRawPointer) {
        guard let product = products.first(where: { $0.rows == rows.count }) else { return }
        let x = buffers.floatInput(0), y = buffers.floatOutput(0)
        let bias = epilogue.bias(buffers), residual = epilogue.residual(buffers)
        let weights = packedWeights.panels(ofGroup: 0)
        let outputChannels = geometry.outputChannels, plane = geometry.outputPlane
        let leading = Self.resultLeading(outputChannels)
        let input = slot.assumingMemoryBound(to: Float.self)
        let result = (slot + inputBytes).assumingMemoryBound(to: Float.self)
        let gemm = UnsafeMutableRawBufferPointer(start: slot + inputBytes + resultBytes, count: gemmBytes)
        // The bias is a column bias of the transposed product; relu, clip and leaky_relu run in registers.
        let gemmEpilogue = GEMMEpilogue(columnBias: bias, activation: epilogue.registerActivation ?? .none)
        let inputFloats = geometry.inputChannels * geometry.inputPlane
        for image in 0..<geometry.batch {
            let imageInput = x + image * inputFloats
            let readable = (geometry.batch - image) * inputFloats
            let imageOffset = image * outputChannels * plane
            if let residual {
                // The residual, transposed into the product's scratch, which the GEMM then adds (beta 1).
                BlockTranspose.transpose(residual + imageOffset + channels.lowerBound * plane + rows.lowerBound,
                                         rows: channels.count, columns: rows.count, sourceLeading: plane,
                                         into: result + channels.lowerBound, destinationLeading: leading)
            }
            let beta: Float = residual == nil ? 0 : 1
            switch source {
            case .image:
                multiplyInPlace(product, source: imageInput, positions: rows, channels: channels, weights: weights,
                                result: result, beta: beta, epilogue: gemmEpilogue, workspace: gemm)
            case .band(let phaseSplit):
                let paddedRows = phaseSplit.paddedRows(for: Self.outputRows(of: rows, width: geometry.outputSize[2]))
                phaseSplit.fill(input, rows: paddedRows, from: imageInput, readable: readable, bandRows: bandRows)
                // Offsets count from the band's first padded row.
                multiplyInPlace(product, source: input - paddedRows.lowerBound * phaseSplit.rowStride, positions: rows,
                                channels: channels, weights: weights, result: result, beta: beta,
                                epilogue: gemmEpilogue, workspace: gemm)
            case .columns(let traversal):
                traversal.visit(positions: rows, ColumnGather(image: imageInput, readable: readable, columns: input, spills: true))
                product.multiply(a: input, packedB: weights, c: result, columns: channels, beta: beta,
                                 epilogue: gemmEpilogue, workspace: gemm)
            }
            let output = y + imageOffset
            BlockTranspose.transpose(result + channels.lowerBound, rows: rows.count, columns: channels.count,
                                     sourceLeading: leading, into: output + channels.lowerBound * plane + rows.lowerBound,
                                     destinationLeading: plane)
            if epilogue.activatesAfterProduct {
                for channel in channels { epilogue.activate(output + channel * plane + rows.lowerBound, count: rows.count) }
            }
        }
    }

    /// `result[positions, channels] = epilogue(Bᵀ · Wᵀ + beta · result)` with `Bᵀ` read in place
    /// from `source` run by run.
    private func multiplyInPlace(_ product: PackedGEMM, source: UnsafePointer<Float>, positions: Range<Int>,
                                 channels: Range<Int>, weights: UnsafeRawPointer, result: UnsafeMutablePointer<Float>,
                                 beta: Float, epilogue: GEMMEpilogue, workspace: UnsafeMutableRawBufferPointer) {
        depthOffsets.withUnsafeBufferPointer { offsets in
            positionRuns.withRuns(of: positions) { runs in
                guard let depthOffsets = offsets.baseAddress else { return }
                product.multiply(windowedA: WindowedRows(source: source, depthOffsets: depthOffsets, runs: runs),
                                 packedB: weights, c: result, columns: channels, beta: beta, epilogue: epilogue,
                                 workspace: workspace)
            }
        }
    }
}
