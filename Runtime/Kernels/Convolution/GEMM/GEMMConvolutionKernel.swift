import CNNGEMM
import CNNIR
import Foundation

/// conv of any rank, stride, padding, dilation and group count on cnnc's packed GEMM, as
/// `Y[group] = W[group] · B` per image and group, B being:
/// - `im2col`: the column matrix of the window positions, gathered segment by segment into the
///   thread's workspace (`ColumnTraversal`);
/// - `gemm1x1` (kernel 1, stride 1, no padding): the image itself, with no gathering.
///
/// Constant weights are packed once when the kernel is prepared (`PackedWeights`); weights
/// given only at run time are packed block by block during each product. The epilogue's bias,
/// residual and piecewise-linear activation are applied to each tile in registers; other
/// activations run over each segment's rows right after its product, while they are in cache.
///
/// Threads (`ConvolutionWork`): each thread takes a contiguous range of items and gathers and
/// multiplies them alone; or, for small deep layers, each thread gathers every item's whole
/// column matrix into its own slot and computes its share of the output channels (so that no
/// thread reads columns another gathered, which is slow when the cores share no cache); or,
/// when the weights are only known at run time, the items run one after another, all threads
/// gathering each column matrix (split by image channels) and then computing its product.
struct GEMMConvolutionKernel: Kernel {
    let name: String
    /// The conv's shapes and window.
    let geometry: ConvolutionGeometry
    /// Bias, residual and activation.
    let epilogue: ConvolutionEpilogue
    /// How positions are gathered into columns; `nil` for 1x1 convs (no gathering).
    let traversal: ColumnTraversal?
    /// The division into work items.
    let work: ConvolutionWork
    /// The product of each item length (`ConvolutionWork.itemLengths`), the longest first.
    let products: [PackedGEMM]
    /// The weights packed at preparation, when they were constant.
    let packedWeights: PackedWeights?
    /// The threads the workspace has room for.
    let threadSlots: Int
    /// Bytes of one thread's column matrix (0 for 1x1), a multiple of 64.
    let columnBytes: Int
    /// Bytes of one thread's GEMM scratch when products run on one thread each.
    let gemmBytesPerThread: Int
    /// Bytes of GEMM scratch when one product runs on every thread.
    let sharedGEMMBytes: Int

    var workspaceBytes: Int {
        max(threadSlots * (columnBytes + gemmBytesPerThread), columnBytes + sharedGEMMBytes)
    }

    /// The kernel of `geometry` (a conv, not transposed): `gemm1x1` when `pointwise` (which
    /// needs `geometry.isPointwise`), else `im2col`; `weights` are packed now when given. Throws
    /// when the GEMM cannot be prepared.
    init(geometry: ConvolutionGeometry, pointwise: Bool, epilogue: ConvolutionEpilogue, weights: Tensor?,
         instructionSet: GEMMInstructionSet = .selected()) throws {
        name = pointwise ? "gemm1x1" : "im2col"
        self.geometry = geometry
        self.epilogue = epilogue
        traversal = pointwise ? nil : ColumnTraversal(geometry)
        threadSlots = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let depth = geometry.columnRows
        work = ConvolutionWork(geometry, columnRows: pointwise ? 0 : depth, threadCount: threadSlots,
                               columnTile: instructionSet.columnTile)
        do {
            products = try work.itemLengths.sorted(by: >).map { columns throws(GEMMError) in
                try PackedGEMM(rows: geometry.outputChannelsPerGroup, columns: columns, depth: depth,
                               leadingB: pointwise ? geometry.inputPlane : nil, leadingC: geometry.outputPlane,
                               instructionSet: instructionSet)
            }
        } catch {
            throw Diagnostic("the packed GEMM rejected the conv's product: \(error)")
        }
        guard let longest = products.first else { throw Diagnostic("the conv has no output positions") }
        packedWeights = try weights.map { try PackedWeights($0, product: longest, groups: geometry.groups) }
        columnBytes = pointwise ? 0 : WorkspaceSize.bytes(forFloats: depth * work.longestItem + ColumnGather.spillFloats)
        gemmBytesPerThread = (longest.workspaceByteCount(threadCount: 1) + 63) / 64 * 64
        sharedGEMMBytes = longest.workspaceByteCount(threadCount: threadSlots)
    }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        buffers.withWorkspace(bytes: workspaceBytes) { workspace in run(buffers, context: context, workspace: workspace) }
    }

    /// Runs every work item on `workspace`: each thread its own items, or each thread its own
    /// output channels of every item, or every item on all threads together.
    private func run(_ buffers: KernelBuffers, context: KernelContext, workspace: UnsafeMutableRawPointer) {
        let operands = Operands(buffers, epilogue: epilogue)
        let threads = min(context.threadCount, threadSlots)
        let slotBytes = columnBytes + gemmBytesPerThread
        func slot(_ part: Int) -> (columns: UnsafeMutableRawPointer, gemm: UnsafeMutableRawBufferPointer) {
            let start = workspace + part * slotBytes
            return (start, UnsafeMutableRawBufferPointer(start: start + columnBytes, count: gemmBytesPerThread))
        }
        if threads > 1 && work.splitsOutputChannels, let packedWeights {
            let alignment = products[0].rowAlignment, rows = geometry.outputChannelsPerGroup
            let rowTiles = (rows + alignment - 1) / alignment
            let parts = min(threads, rowTiles)
            WorkerPool.shared.run(parts: parts) { part in
                let (columns, gemm) = slot(part)
                let band = (part * rowTiles / parts * alignment)..<min(rows, (part + 1) * rowTiles / parts * alignment)
                for item in 0..<work.itemCount {
                    run(item: item, operands, columns: columns, gemmWorkspace: gemm, threadCount: 1) { product, b, c, epilogue, group in
                        product.multiply(packedA: packedWeights.panels(ofGroup: group), b: b, c: c, rows: band,
                                         epilogue: epilogue, workspace: gemm)
                        return band
                    }
                }
            }
        } else if threads > 1 && work.itemCount >= threads && !work.splitsOutputChannels {
            WorkerPool.shared.run(parts: threads) { part in
                let (columns, gemm) = slot(part)
                for item in work.items(ofPart: part, parts: threads) {
                    run(item: item, operands, columns: columns, gemmWorkspace: gemm, threadCount: 1)
                }
            }
        } else {
            let gemmWorkspace = UnsafeMutableRawBufferPointer(start: workspace + columnBytes, count: sharedGEMMBytes)
            for item in 0..<work.itemCount {
                run(item: item, operands, columns: workspace, gemmWorkspace: gemmWorkspace, threadCount: threads)
            }
        }
    }

    /// The image of `group` in `image` within `x`.
    @inline(__always)
    private func source(_ x: UnsafePointer<Float>, image: Int, group: Int) -> UnsafePointer<Float> {
        x + (image * geometry.inputChannels + group * geometry.inputChannelsPerGroup) * geometry.inputPlane
    }

    /// Gathers the column matrix of `positions` of the image `source` (with `readable` floats
    /// of input from it on) into `columns`, on up to `threadCount` threads, each taking a share
    /// of the image channels (one thread alone lets the gather spill past runs).
    private func gather(_ traversal: ColumnTraversal, positions: Range<Int>, source: UnsafePointer<Float>, readable: Int,
                        into columns: UnsafeMutablePointer<Float>, threadCount: Int) {
        let channels = geometry.inputChannelsPerGroup
        let parts = min(threadCount, channels)
        WorkerPool.shared.run(parts: parts) { part in
            let share = equalShare(part, of: parts, channels)
            traversal.visit(positions: positions, channels: share,
                            ColumnGather(image: source, readable: readable, columns: columns, spills: parts == 1))
        }
    }

    /// Computes the output channels it returns of one item's product, given the product, B, the
    /// item's output, its epilogue and its group.
    typealias Multiplication = (PackedGEMM, UnsafePointer<Float>, UnsafeMutablePointer<Float>, GEMMEpilogue, Int) -> Range<Int>

    /// Gathers (unless 1x1), multiplies and finishes work item `item`: all its output channels
    /// on `threadCount` threads, or those `multiplication` computes.
    @inline(__always)
    private func run(item: Int, _ operands: Operands, columns: UnsafeMutableRawPointer,
                     gemmWorkspace: UnsafeMutableRawBufferPointer, threadCount: Int,
                     multiplication: Multiplication? = nil) {
        let (groupImage, positions) = work.item(item)
        guard let product = products.first(where: { $0.columns == positions.count }) else { return }
        let (image, group) = groupImage.quotientAndRemainder(dividingBy: geometry.groups)
        let outPerGroup = geometry.outputChannelsPerGroup, plane = geometry.outputPlane
        let source = source(operands.x, image: image, group: group)
        let outputOffset = (image * geometry.outputChannels + group * outPerGroup) * plane + positions.lowerBound
        let output = operands.y + outputOffset
        let b: UnsafePointer<Float>
        if let traversal {
            let gathered = columns.assumingMemoryBound(to: Float.self)
            let readable = geometry.batch * geometry.inputChannels * geometry.inputPlane - (source - operands.x)
            gather(traversal, positions: positions, source: source, readable: readable, into: gathered, threadCount: threadCount)
            b = UnsafePointer(gathered)
        } else {
            b = source + positions.lowerBound
        }
        let gemmEpilogue = epilogue.gemmEpilogue(bias: operands.bias.map { $0 + group * outPerGroup },
                                                 residual: operands.residual.map { $0 + outputOffset },
                                                 residualLeadingDimension: plane)
        var channels = 0..<outPerGroup
        if let multiplication {
            channels = multiplication(product, b, output, gemmEpilogue, group)
        } else if let packedWeights {
            product.multiply(packedA: packedWeights.panels(ofGroup: group), b: b, c: output, epilogue: gemmEpilogue,
                             workspace: gemmWorkspace, threadCount: threadCount)
        } else {
            product.multiply(a: operands.weights + group * outPerGroup * product.depth, b: b, c: output,
                             epilogue: gemmEpilogue, workspace: gemmWorkspace, threadCount: threadCount)
        }
        if epilogue.activatesAfterProduct {
            for channel in channels { epilogue.activate(output + channel * plane, count: positions.count) }
        }
    }

    /// The memory of one run.
    struct Operands {
        let x: UnsafePointer<Float>, weights: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>
        let bias: UnsafePointer<Float>?, residual: UnsafePointer<Float>?

        init(_ buffers: KernelBuffers, epilogue: ConvolutionEpilogue) {
            x = buffers.floatInput(0)
            weights = buffers.floatInput(1)
            y = buffers.floatOutput(0)
            bias = epilogue.bias(buffers)
            residual = epilogue.residual(buffers)
        }
    }
}
