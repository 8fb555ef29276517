import CNNGEMM
import CNNIR
import Foundation

/// conv_weight_grad of any rank, stride, padding, dilation and group count on cnnc's packed GEMM:
/// for each group, `dW[g] = Σ_n dy_n[g] · columns_nᵀ`, with `columns_n` the im2col matrix of
/// image n's group (`C_in/g · k` rows, one column per output position), gathered by the conv
/// kernels' own `ColumnTraversal`.
///
/// The batch's output positions are taken in segments (`WeightGradientSegments`), and dW in
/// blocks of output and input channels (`WeightGradientTask`): a block writes only its own input
/// channels' part of each segment's column matrix, transposed, into its thread's workspace (the
/// packed GEMM packs a plain B much faster than a transposed one) — for a 1-D or 2-D conv with
/// stride 1 or 2 along the width straight from padded copies of the images (`RowWindowColumns`),
/// else gathered then transposed (`BlockTranspose`) — and adds `dy[rows, segment] · columnsᵀ`
/// to its block of dW, which stays in cache across the segments. Small images are joined several to a segment, their dy rows copied side by side.
/// When dW has too few columns to be cut for the threads, the segments are cut into slices that
/// sum into partial dWs, added up in slice order at the end. Threads take contiguous ranges of
/// blocks; each element of dW (or of a partial dW) is summed by one thread, in an order fixed by
/// the conv's shape, so that every thread count gives the same bits.
struct WeightGradientKernel: Kernel {
    let name = "im2col-weight-grad"
    /// The conv's shapes and window.
    let geometry: ConvolutionGeometry
    /// The division of the output positions.
    let segments: WeightGradientSegments
    /// The blocks of dW, group by group.
    let tasks: [WeightGradientTask]
    /// The slices of the segments (1: the tasks sum into dW itself).
    let slices: Int
    /// Floats of the partial dWs of the slices (a multiple of 16; 0 for one slice).
    let partialFloats: Int
    /// The threads the workspace has room for.
    let threadSlots: Int
    /// Floats of one thread's column matrix (twice: as gathered and transposed), of its joined
    /// gradient rows and of its padded images (each a multiple of 16).
    let columnFloats: Int, gradientFloats: Int, paddedFloats: Int
    /// Bytes of one thread's GEMM scratch (a multiple of 64).
    let gemmBytes: Int

    /// The most column-matrix floats a segment's block may take: about half of this processor's
    /// 1 MiB L2 (as the conv kernels' column budget).
    static let columnBudgetFloats = (512 << 10) / MemoryLayout<Float>.stride

    /// Bytes of one thread's share of the workspace.
    private var slotBytes: Int { slotFloats * MemoryLayout<Float>.stride + gemmBytes }

    /// Floats of one thread's share of the workspace before its GEMM scratch.
    private var slotFloats: Int { 2 * columnFloats + gradientFloats + paddedFloats }

    var workspaceBytes: Int { partialFloats * MemoryLayout<Float>.stride + threadSlots * slotBytes }

    /// The floats of dW.
    private var gradientCount: Int { geometry.outputChannels * geometry.inputChannelsPerGroup * geometry.kernelVolume }

    /// The kernel of `geometry` (a conv, not transposed). Throws when a product cannot be prepared.
    init(geometry: ConvolutionGeometry, instructionSet: GEMMInstructionSet = .selected()) throws {
        self.geometry = geometry
        let groupColumns = geometry.inputChannelsPerGroup * geometry.kernelVolume
        let widest = min(WeightGradientTask.targetColumns, max(groupColumns, geometry.outputChannelsPerGroup))
        let maximumDepth = min(4096, max(64, Self.columnBudgetFloats / widest))
        segments = WeightGradientSegments(images: geometry.batch, positions: geometry.outputPlane, maximumDepth: maximumDepth)
        threadSlots = max(1, ProcessInfo.processInfo.activeProcessorCount)
        (tasks, slices) = try WeightGradientTask.plan(geometry, segments: segments, threadSlots: threadSlots,
                                                      instructionSet: instructionSet)
        let roundUp = { (floats: Int) in (floats + 15) / 16 * 16 }
        partialFloats = slices > 1 ? roundUp(slices * geometry.outputChannels * groupColumns) : 0
        columnFloats = roundUp((tasks.map(\.leadingColumns).max() ?? 0) * segments.fullDepth)
        paddedFloats = roundUp(tasks.compactMap { $0.rowWindows?.paddedFloats }.max() ?? 0)
        gradientFloats = segments.joinsImages ? roundUp((tasks.map(\.rowCount).max() ?? 0) * segments.fullDepth) : 0
        gemmBytes = ((tasks.map { $0.fullProduct.workspaceByteCount(threadCount: 1) }.max() ?? 0) + 63) / 64 * 64
    }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let x = buffers.floatInput(0), dy = buffers.floatInput(1), weightGradient = buffers.floatOutput(0)
        buffers.withWorkspace(bytes: workspaceBytes) { workspace in
            let parts = min(context.threadCount, threadSlots, tasks.count)
            let slotBytes = slotBytes, gradientCount = gradientCount
            let partials = workspace.bindMemory(to: Float.self, capacity: max(1, partialFloats))
            let slots = workspace + partialFloats * MemoryLayout<Float>.stride
            WorkerPool.shared.run(parts: parts) { part in
                let slot = slots + part * slotBytes
                for index in equalShare(part, of: parts, tasks.count) {
                    let task = tasks[index]
                    let target = slices == 1 ? weightGradient : partials + task.slice * gradientCount
                    run(task, x: x, dy: dy, weightGradient: target, slot: slot)
                }
            }
            guard slices > 1 else { return }
            weightGradient.update(from: partials, count: gradientCount)
            for slice in 1..<slices {
                let partial = partials + slice * gradientCount
                for index in 0..<gradientCount { weightGradient[index] += partial[index] }
            }
        }
    }

    /// Computes one block of dW with one thread's share of the workspace.
    @inline(__always)
    private func run(_ task: WeightGradientTask, x: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                     weightGradient: UnsafeMutablePointer<Float>, slot: UnsafeMutableRawPointer) {
        let transposed = slot.bindMemory(to: Float.self, capacity: slotFloats)
        let gathered = transposed + columnFloats, joinedGradient = gathered + columnFloats
        let padded = joinedGradient + gradientFloats
        let gemmWorkspace = UnsafeMutableRawBufferPointer(start: slot + slotFloats * MemoryLayout<Float>.stride, count: gemmBytes)
        let plane = geometry.outputPlane, kernelVolume = geometry.kernelVolume
        let groupColumns = geometry.inputChannelsPerGroup * kernelVolume
        let block = weightGradient + (task.group * geometry.outputChannelsPerGroup + task.rows.lowerBound) * groupColumns
            + task.channels.lowerBound * kernelVolume
        for row in 0..<task.rowCount { (block + row * groupColumns).update(repeating: 0, count: task.columnCount) }
        let firstChannel = task.group * geometry.inputChannelsPerGroup + task.channels.lowerBound
        let firstRow = task.group * geometry.outputChannelsPerGroup + task.rows.lowerBound
        var paddedImage = -1
        segments.forEach(task.segmentRange) { firstImage, imageCount, positions in
            let depth = imageCount * positions.count
            for image in 0..<imageCount {
                let source = x + ((firstImage + image) * geometry.inputChannels + firstChannel) * geometry.inputPlane
                if let rowWindows = task.rowWindows {
                    if paddedImage != firstImage + image { rowWindows.pad(image: source, into: padded) }
                    paddedImage = firstImage + image
                    rowWindows.gather(padded: padded, positions: positions,
                                      into: transposed + image * positions.count * task.leadingColumns)
                } else {
                    task.traversal.visit(positions: positions, BlockColumnGather(image: source, columns: gathered + image * positions.count,
                                                                                pieceLength: positions.count, rowStride: depth))
                }
            }
            if task.rowWindows == nil {
                BlockTranspose.transpose(gathered, rows: task.columnCount, columns: depth, sourceLeading: depth,
                                         into: transposed, destinationLeading: task.leadingColumns)
            }
            var gradient = UnsafePointer(dy + (firstImage * geometry.outputChannels + firstRow) * plane + positions.lowerBound)
            if segments.joinsImages {
                for image in 0..<imageCount {
                    let source = dy + ((firstImage + image) * geometry.outputChannels + firstRow) * plane
                    for row in 0..<task.rowCount {
                        (joinedGradient + row * depth + image * plane).update(from: source + row * plane, count: plane)
                    }
                }
                gradient = UnsafePointer(joinedGradient)
            }
            let product = depth == segments.fullDepth ? task.fullProduct : task.lastProduct
            product.multiply(a: gradient, b: transposed, c: block, beta: 1, workspace: gemmWorkspace, threadCount: 1)
        }
    }
}
