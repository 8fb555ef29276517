import CNNIR

/// Fast f32 kernels for batch_norm (inference, as a per-channel affine map), instance_norm and lrn.
public struct NormalizationKernels: KernelFamily {
    /// The ops this family has a kernel for (every configuration, f32).
    public static let operations: Set<OpKind> = [.batchNorm, .instanceNorm, .lrn]

    /// Creates the family.
    public init() {}

    /// The kernel for a batch_norm, instance_norm or lrn node of f32 operands; `nil` for other
    /// nodes. Throws a diagnostic at the node when its shapes and attributes do not fit together.
    public func makeKernel(for request: KernelRequest) throws -> Kernel? {
        let op = request.node.op
        guard Self.operations.contains(op) else { return nil }
        let operandCount = op == .batchNorm ? 5 : op == .instanceNorm ? 3 : 1
        guard let shapes = try Float32Shapes(request, minimumOperands: operandCount) else { return nil }
        let input = shapes.input
        guard input.count >= (op == .instanceNorm ? 3 : 2), shapes.output == input else {
            throw request.node.error("expected an input [N, C, ...] and a result of the same shape, found \(input) -> \(shapes.output)")
        }
        let planes = ChannelPlanes(batch: input[0], channels: input[1], planeSize: elementCount(Array(input[2...])))
        let channels = planes.channels
        for index in 1..<operandCount where shapes.operands[index] != [channels] {
            throw request.node.error("operand \(index + 1) must have shape [\(channels)], found \(shapes.operands[index])")
        }
        switch op {
        case .batchNorm:
            let epsilon = try request.doubleAttribute("epsilon")
            return BatchNormKernel(planes: planes, epsilon: epsilon,
                                   preparedCoefficients: try preparedCoefficients(request, channels: channels, epsilon: epsilon))
        case .instanceNorm:
            return InstanceNormKernel(planes: planes, epsilon: try request.doubleAttribute("epsilon"))
        default:
            let size = try request.intAttribute("size")
            guard size >= 1 else { throw request.node.error("attribute 'size' must be at least 1, found \(size)") }
            return LocalResponseNormKernel(planes: planes, size: size,
                                           alpha: Float(try request.doubleAttribute("alpha")), beta: Float(try request.doubleAttribute("beta")),
                                           bias: Float(try request.doubleAttribute("bias")))
        }
    }

    /// batch_norm's `a` and `b` when scale, bias, mean and variance are all constant; `nil` otherwise.
    private func preparedCoefficients(_ request: KernelRequest, channels: Int, epsilon: Double) throws -> PreparedTable<Float>? {
        var parameters: [[Float]] = []
        for index in 1...4 {
            guard let tensor = request.constantOperands[index] else { return nil }
            guard tensor.dtype == .f32, tensor.count == channels else {
                throw request.node.error("constant operand \(index + 1) must be f32[\(channels)], found \(tensor.type)")
            }
            parameters.append(tensor.scalars)
        }
        var coefficients = [Float](repeating: 0, count: 2 * channels)
        coefficients.withUnsafeMutableBufferPointer { output in
            guard let base = output.baseAddress else { return }
            ChannelAffine.compute(scale: parameters[0], bias: parameters[1], mean: parameters[2], variance: parameters[3],
                                  epsilon: epsilon, channels: channels, into: base)
        }
        return PreparedTable(coefficients)
    }
}
