import CNNGEMM
import Foundation

/// conv_transpose of any rank, stride, padding, dilation, output padding and group count as
/// `cblas_sgemm` + col2im, the adjoint of im2col + sgemm.
///
/// For every image and group, the output starts at the bias; the input positions are taken in
/// `segments`, and each segment's column matrix `columns = W[group]ᵀ · X[group][:, segment]`
/// (`(C_out/g · kernel volume) × segment length`) is scatter-added into the output. The
/// (image, group) pairs write disjoint parts of the output, so they are split over the worker
/// pool in contiguous ranges, each thread with its own column matrix: the same bits on any
/// number of threads. (A stride-1 conv's data gradient is emitted as a conv instead, which
/// runs on the conv kernels; this kernel takes the strided ones and upsampling layers.)
struct TransposedConvolutionKernel: Kernel {
    let name = "col2im+sgemm"
    /// The conv_transpose's shapes and window.
    let geometry: ConvolutionGeometry
    /// The input positions multiplied and scattered at once.
    let segments: ColumnSegments
    /// The most threads a run may use: one column matrix each.
    let threadSlots: Int

    /// The kernel of `geometry` taking its positions in `segments`.
    init(geometry: ConvolutionGeometry, segments: ColumnSegments) {
        self.geometry = geometry
        self.segments = segments
        threadSlots = max(1, min(ProcessInfo.processInfo.activeProcessorCount, geometry.batch * geometry.groups))
    }

    /// One column matrix, rounded up to whole cache lines.
    private var slotBytes: Int { (segments.workspaceBytes + 63) / 64 * 64 }

    var workspaceBytes: Int { threadSlots * slotBytes }

    /// Splits the (image, group) pairs over the threads; each starts its outputs at the bias,
    /// then multiplies and scatters segment by segment.
    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let pairs = geometry.batch * geometry.groups
        let threads = min(context.threadCount, threadSlots)
        buffers.withWorkspace(bytes: workspaceBytes) { workspace in
            guard threads > 1 else {
                run(pairs: 0..<pairs, buffers, columns: workspace.assumingMemoryBound(to: Float.self))
                return
            }
            WorkerPool.shared.run(parts: threads) { part in
                run(pairs: equalShare(part, of: threads, pairs), buffers,
                    columns: (workspace + part * slotBytes).assumingMemoryBound(to: Float.self))
            }
        }
    }

    /// The (image, group) pairs `range` (pair = image · groups + group) with `columns` as the column matrix.
    private func run(pairs range: Range<Int>, _ buffers: KernelBuffers, columns: UnsafeMutablePointer<Float>) {
        let x = buffers.floatInput(0), y = buffers.floatOutput(0)
        let weight = buffers.floatInput(1), bias = buffers.optionalFloatInput(2)
        let (inPerGroup, outPerGroup, rows) = (geometry.inputChannelsPerGroup, geometry.outputChannelsPerGroup, segments.rows)
        let (inputPlane, outputPlane) = (geometry.inputPlane, geometry.outputPlane)
        for pair in range {
            let (image, group) = pair.quotientAndRemainder(dividingBy: geometry.groups)
            let source = x + (image * geometry.inputChannels + group * inPerGroup) * inputPlane
            let output = y + (image * geometry.outputChannels + group * outPerGroup) * outputPlane
            startWithBias(bias.map { $0 + group * outPerGroup }, channels: outPerGroup, rows: output,
                          rowStride: outputPlane, length: outputPlane)
            segments.forEach { segment in
                var product = MatrixProduct(rows: rows, columns: segment.count, inner: inPerGroup, transposeA: true)
                product.leadingB = inputPlane
                product.run(a: weight + group * inPerGroup * rows, b: source + segment.lowerBound, c: columns)
                segments.traversal.visit(positions: segment, ColumnScatter(image: output, columns: columns))
            }
        }
    }
}
