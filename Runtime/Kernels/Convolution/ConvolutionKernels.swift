/// The fast f32 kernels of conv and conv_transpose (NCHW, 1 to 3 spatial axes):
/// - `depthwise`: 2-D depthwise conv, a direct SIMD loop;
/// - `gemm1x1`: kernel 1, stride 1, no padding, one `cblas_sgemm` per image and group;
/// - `im2col+sgemm`: every other conv;
/// - `col2im+sgemm`: every conv_transpose.
///
/// Other element types get `nil` (the reference kernels run them).
public struct ConvolutionKernels: KernelFamily {
    /// The default bound on the column matrix of one segment: 8 MiB. Measured on 3x3 64→64
    /// 56x56 (a 64×3136×576 product), fewer and wider products beat segments that stay in L2,
    /// because every sgemm call repacks its A panel and wakes OpenBLAS's threads: 1 MiB segments
    /// ran at 87% of one whole sgemm's rate on one thread and 73–75% on two, 8 MiB at 91–94%
    /// and 82–85%.
    public static let defaultColumnBufferBytes = 8 << 20

    /// The most bytes the column matrix of one im2col or col2im segment may take (the
    /// workspace of those kernels); at least one position is taken per segment.
    public var columnBufferBytes: Int

    /// Creates the family with a bound on the column matrix of one segment.
    public init(columnBufferBytes: Int = ConvolutionKernels.defaultColumnBufferBytes) {
        self.columnBufferBytes = columnBufferBytes
    }

    /// The kernel for a conv or conv_transpose node of f32 operands; `nil` for other nodes.
    /// Throws a diagnostic at the node when its shapes and attributes do not fit together.
    public func makeKernel(for request: KernelRequest) throws -> Kernel? {
        let op = request.node.op
        guard op == .conv || op == .convTranspose, request.isFloat32Only else { return nil }
        let geometry = try ConvolutionGeometry(request, transposed: op == .convTranspose)
        guard MatrixProduct.fitsIndexRange(geometry.largestTensor) else { return nil }
        if geometry.transposed {
            return TransposedConvolutionKernel(geometry: geometry, segments: ColumnSegments(geometry, columnBufferBytes: columnBufferBytes))
        }
        if geometry.isDepthwise2D { return DepthwiseConvolutionKernel(geometry) }
        if geometry.isPointwise { return PointwiseConvolutionKernel(geometry: geometry) }
        return Im2colConvolutionKernel(geometry: geometry, segments: ColumnSegments(geometry, columnBufferBytes: columnBufferBytes))
    }
}
