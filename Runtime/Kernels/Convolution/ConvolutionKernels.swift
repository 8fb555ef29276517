import CNNGEMM
import CNNIR

/// The fast f32 kernels of conv, fused_conv and conv_transpose (NCHW, 1 to 3 spatial axes).
///
/// A conv's `algorithm` attribute names its kernel (the select-kernels pass sets it). `auto`, a
/// conv no pass has chosen for (a model run at -O0), runs the general kernel: `gemm1x1` for 1x1
/// convs, `im2col` for the others, as a runtime without a graph optimizer would. The kernels:
/// - `im2col` / `gemm1x1`: `GEMMConvolutionKernel`, any conv, on the packed GEMM, or
///   `SmallMapConvolutionKernel` (the product transposed) for maps smaller than their channel count,
///   or `StridedConvolutionKernel` (B packed from a phase-split input band) at width stride 2 or more;
/// - `winograd2x2` / `winograd4x4`: `WinogradConvolutionKernel`, 3x3 stride-1 2-D convs;
/// - `depthwise`: `DepthwiseConvolutionKernel`, 2-D depthwise convs;
/// - `direct`: none here (the node runs on the reference kernels);
/// - `col2im+sgemm`: every conv_transpose.
///
/// Other element types get `nil` (the reference kernels run them).
public struct ConvolutionKernels: KernelFamily {
    /// The default bound on the column matrix of one conv_transpose segment: 8 MiB.
    public static let defaultColumnBufferBytes = 8 << 20

    /// The most bytes the column matrix of one col2im segment may take (the workspace of
    /// conv_transpose); at least one position is taken per segment.
    public var columnBufferBytes: Int
    /// The instruction set of the packed GEMM products (tests force each one).
    public var instructionSet: GEMMInstructionSet

    /// Creates the family.
    public init(columnBufferBytes: Int = ConvolutionKernels.defaultColumnBufferBytes,
                instructionSet: GEMMInstructionSet = .selected()) {
        self.columnBufferBytes = columnBufferBytes
        self.instructionSet = instructionSet
    }

    /// The kernel for a conv, fused_conv or conv_transpose node of f32 operands; `nil` for other
    /// nodes and for `algorithm = direct`. Throws a diagnostic at the node when its shapes and
    /// attributes do not fit together, or its algorithm cannot run it.
    public func makeKernel(for request: KernelRequest) throws -> Kernel? {
        let op = request.node.op
        guard op == .conv || op == .fusedConv || op == .convTranspose, request.isFloat32Only else { return nil }
        let geometry = try ConvolutionGeometry(request, transposed: op == .convTranspose)
        guard MatrixProduct.fitsIndexRange(geometry.largestTensor) else { return nil }
        if geometry.transposed {
            return TransposedConvolutionKernel(geometry: geometry, segments: ColumnSegments(geometry, columnBufferBytes: columnBufferBytes))
        }
        let epilogue = try ConvolutionEpilogue(request)
        let weights = request.constantOperands[1]
        var algorithm = try request.choiceAttribute("algorithm", as: ConvolutionAlgorithm.self)
        if algorithm == .auto {
            algorithm = geometry.isPointwise ? .gemm1x1 : .im2col
        }
        if let unmet = algorithm.requirementUnmet(by: geometry.shape) {
            throw request.error("algorithm \(algorithm.rawValue) cannot run this conv: \(unmet)")
        }
        switch algorithm {
        case .direct, .auto:
            return nil
        case .depthwise:
            return DepthwiseConvolutionKernel(geometry, epilogue: epilogue, instructionSet: instructionSet)
        case .winograd2x2, .winograd4x4:
            return try WinogradConvolutionKernel(geometry: geometry, epilogue: epilogue,
                                                 tile: algorithm == .winograd2x2 ? .f2x2 : .f4x4,
                                                 weights: weights, instructionSet: instructionSet)
        case .im2col, .gemm1x1:
            if let weights, SmallMapConvolutionKernel.suits(geometry, weightsAreConstant: true) {
                return try SmallMapConvolutionKernel(geometry: geometry, pointwise: algorithm == .gemm1x1, epilogue: epilogue,
                                                     weights: weights, instructionSet: instructionSet)
            }
            if let weights, algorithm == .im2col, StridedConvolutionKernel.suits(geometry, weightsAreConstant: true) {
                return try StridedConvolutionKernel(geometry: geometry, epilogue: epilogue, weights: weights,
                                                    instructionSet: instructionSet)
            }
            return try GEMMConvolutionKernel(geometry: geometry, pointwise: algorithm == .gemm1x1, epilogue: epilogue, weights: weights,
                                             instructionSet: instructionSet)
        }
    }
}
