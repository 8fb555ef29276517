import CNNGEMM
import CNNIR
import Foundation

/// im2col and gemm1x1 for convs whose output maps are smaller than their channel count (the deep
/// layers of CNNs: 7x7 and 14x14 maps of 256 to 2048 channels), one group, constant weights.
///
/// `GEMMConvolutionKernel` computes `Y = W · B` with the positions as the product's columns,
/// 48 to a register tile: a 7x7 map's 49 positions fill one tile and leave a 49th column that
/// costs a third of a tile. Here the product is transposed, `Yᵀ = Bᵀ · Wᵀ`: the positions are
/// its rows (8 to a tile) and the output channels its columns, so that whole tiles cover all
/// but the last few positions. The weights are packed once as the product's B (`PackedWeights`,
/// `.b`); the column matrix (or, for 1x1, the image itself) is read as A stored transposed;
/// the product goes to a scratch matrix `positions × C_out`, which is transposed back into the
/// output planes (`BlockTranspose`) before the bias, residual and activation are applied to each
/// channel (`ConvolutionEpilogue.finish`).
///
/// Threads: each thread takes a band of output channels (whole register tiles, balanced by
/// channel count), gathers the whole column matrix into its own workspace slot and computes its
/// band: the weights are read once in all, and no thread reads what another wrote.
struct SmallMapConvolutionKernel: Kernel {
    let name: String
    /// The conv's shapes and window.
    let geometry: ConvolutionGeometry
    /// Bias, residual and activation.
    let epilogue: ConvolutionEpilogue
    /// How positions are gathered into columns; `nil` for 1x1 convs (no gathering).
    let traversal: ColumnTraversal?
    /// `Yᵀ[positions × C_out] = Bᵀ · Wᵀ` for one image.
    let product: PackedGEMM
    /// Wᵀ packed as the product's B.
    let packedWeights: PackedWeights
    /// The threads the workspace has room for.
    let threadSlots: Int
    /// Bytes of one thread's column matrix (0 for 1x1), of its product and of its GEMM scratch,
    /// each a multiple of 64.
    let columnBytes: Int, resultBytes: Int, gemmBytes: Int

    /// The most output positions for which the transposed product pays.
    static let maximumPositions = 196

    /// Whether this kernel runs `geometry` better than `GEMMConvolutionKernel`: one group,
    /// constant weights, at most `maximumPositions` output positions and at least as many output
    /// channels, and a column matrix within `ConvolutionWork.sharedColumnLimitBytes`.
    static func suits(_ geometry: ConvolutionGeometry, weightsAreConstant: Bool) -> Bool {
        let positions = geometry.outputPlane
        return weightsAreConstant && geometry.groups == 1 && positions <= maximumPositions
            && geometry.outputChannels >= positions
            && geometry.columnRows * positions * MemoryLayout<Float>.stride <= ConvolutionWork.sharedColumnLimitBytes
    }

    var workspaceBytes: Int { threadSlots * (columnBytes + resultBytes + gemmBytes) }

    /// The kernel of `geometry` (for which `suits` holds): `gemm1x1` when `pointwise`, else
    /// `im2col`; packs `weights` now. Throws when the GEMM cannot be prepared.
    init(geometry: ConvolutionGeometry, pointwise: Bool, epilogue: ConvolutionEpilogue, weights: Tensor,
         instructionSet: GEMMInstructionSet = .selected()) throws {
        name = pointwise ? "gemm1x1" : "im2col"
        self.geometry = geometry
        self.epilogue = epilogue
        traversal = pointwise ? nil : ColumnTraversal(geometry)
        threadSlots = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let positions = geometry.outputPlane
        do {
            product = try PackedGEMM(rows: positions, columns: geometry.outputChannels, depth: geometry.columnRows,
                                     transposeA: true, transposeB: true,
                                     leadingA: pointwise ? geometry.inputPlane : positions, instructionSet: instructionSet)
        } catch {
            throw Diagnostic("the packed GEMM rejected the conv's product: \(error)")
        }
        packedWeights = try PackedWeights(weights, product: product, groups: 1, as: .b)
        columnBytes = pointwise ? 0 : WorkspaceSize.bytes(forFloats: geometry.columnRows * positions + ColumnGather.spillFloats)
        resultBytes = WorkspaceSize.bytes(forFloats: positions * geometry.outputChannels)
        gemmBytes = (product.workspaceByteCount(threadCount: 1) + 63) / 64 * 64
    }

    /// The output channels of thread `part` of `parts`: whole register tiles, the boundaries at
    /// the tile edges nearest to equal shares of the channels.
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

    /// Runs every image on `workspace`, each thread its band of output channels.
    private func run(_ buffers: KernelBuffers, context: KernelContext, workspace: UnsafeMutableRawPointer) {
        let x = buffers.floatInput(0), y = buffers.floatOutput(0)
        let bias = epilogue.bias(buffers), residual = epilogue.residual(buffers)
        let weights = packedWeights.panels(ofGroup: 0)
        let channels = geometry.outputChannels, plane = geometry.outputPlane, positions = plane
        let alignment = product.columnAlignment
        let parts = min(context.threadCount, threadSlots, (channels + alignment - 1) / alignment)
        let slotBytes = columnBytes + resultBytes + gemmBytes
        WorkerPool.shared.run(parts: parts) { part in
            let band = Self.channelBand(part, of: parts, channels: channels, alignment: alignment)
            guard !band.isEmpty else { return }
            let slot = workspace + part * slotBytes
            let columns = slot.assumingMemoryBound(to: Float.self)
            let result = (slot + columnBytes).assumingMemoryBound(to: Float.self)
            let gemm = UnsafeMutableRawBufferPointer(start: slot + columnBytes + resultBytes, count: gemmBytes)
            for image in 0..<geometry.batch {
                let source = x + image * geometry.inputChannels * geometry.inputPlane
                var a = source
                if let traversal {
                    let readable = (geometry.batch - image) * geometry.inputChannels * geometry.inputPlane
                    traversal.visit(positions: 0..<positions,
                                    ColumnGather(image: source, readable: readable, columns: columns, spills: true))
                    a = UnsafePointer(columns)
                }
                product.multiply(a: a, packedB: weights, c: result, columns: band, workspace: gemm)
                let output = y + image * channels * plane
                BlockTranspose.transpose(result + band.lowerBound, rows: positions, columns: band.count, sourceLeading: channels,
                                         into: output + band.lowerBound * plane, destinationLeading: plane)
                for channel in band {
                    epilogue.finish(output + channel * plane, count: plane, bias: bias?[channel] ?? 0,
                                    residual: residual.map { $0 + (image * channels + channel) * plane })
                }
            }
        }
    }
}
