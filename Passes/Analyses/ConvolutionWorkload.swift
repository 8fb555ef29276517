import CNNIR

/// One conv as a cost model sees it: its shape, batch and output size.
public struct ConvolutionWorkload: Sendable, Hashable, CustomStringConvertible {
    /// Kernel, strides, dilations, pads, groups and channel counts.
    public var shape: ConvolutionShape
    /// N.
    public var batch: Int
    /// The spatial sizes of the input.
    public var inputSize: [Int]
    /// The spatial sizes of the result.
    public var outputSize: [Int]

    /// Creates a workload.
    public init(shape: ConvolutionShape, batch: Int, inputSize: [Int], outputSize: [Int]) {
        self.shape = shape
        self.batch = batch
        self.inputSize = inputSize
        self.outputSize = outputSize
    }

    /// The workload of a conv or fused_conv `node`, or `nil` when its shapes are not static.
    public init?(_ node: Node, types: [String: TensorType]) {
        let operandTypes = node.operands.compactMap { types[$0] }
        guard operandTypes.count == node.operands.count, let x = operandTypes.first?.shape.fixedSizes,
              let y = node.results.first?.type.shape.fixedSizes, x.count == y.count, x.count >= 3,
              let shape = try? ConvolutionShape(convolution: node, operandTypes: operandTypes) else { return nil }
        self.init(shape: shape, batch: x[0], inputSize: Array(x[2...]), outputSize: Array(y[2...]))
    }

    /// Multiply-adds: every output element sums C_in/groups · kernel volume products.
    public var multiplyAccumulates: Int {
        batch * shape.outputChannels * outputSize.reduce(1, *) * shape.inputChannels / shape.groups * shape.kernel.reduce(1, *)
    }

    /// A stable text naming everything that decides a kernel's speed, for caches and tables:
    /// `n1 64x56x56 -> 64x56x56 k3x3 s1x1 d1x1 p1,1,1,1 g1`.
    public var description: String {
        func joined(_ values: [Int], _ separator: String = "x") -> String { values.map(String.init).joined(separator: separator) }
        return "n\(batch) \(shape.inputChannels)x\(joined(inputSize)) -> \(shape.outputChannels)x\(joined(outputSize))"
            + " k\(joined(shape.kernel)) s\(joined(shape.strides)) d\(joined(shape.dilations))"
            + " p\(joined(shape.padsBegin + shape.padsEnd, ",")) g\(shape.groups)"
    }
}
