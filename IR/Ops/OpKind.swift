/// Every op of the IR, by its name in the text format.
///
/// Each op has one declarative definition, its `OpSchema` (operands, attributes with defaults,
/// shape and type rule); `OpKind.allCases` enumerates the op set so that tests can cover it.
public enum OpKind: String, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    // Constants
    case constant
    // Convolution
    case conv
    case convTranspose = "conv_transpose"
    case fusedConv = "fused_conv"
    // Pooling
    case maxPool = "max_pool"
    case avgPool = "avg_pool"
    case globalAvgPool = "global_avg_pool"
    case globalMaxPool = "global_max_pool"
    // Normalization
    case batchNorm = "batch_norm"
    case instanceNorm = "instance_norm"
    case lrn
    // Activations
    case relu
    case leakyRelu = "leaky_relu"
    case prelu
    case clip
    case sigmoid
    case tanh
    case hardSigmoid = "hard_sigmoid"
    case hardSwish = "hard_swish"
    case silu
    case elu
    case softmax
    case logSoftmax = "log_softmax"
    // Linear algebra
    case gemm
    case matmul
    // Element-wise binary with broadcasting
    case add, sub, mul, div
    // Data movement
    case concat
    case flatten
    case reshape
    case transpose
    case pad
    case resize
    case dropout
    case identity
    case squeeze
    case unsqueeze
    // Losses
    case softmaxCrossEntropy = "softmax_cross_entropy"
    case mse
    case hinge
    // Slicing and splitting
    case slice
    case split
    // Reductions
    case reduceMean = "reduce_mean"
    case reduceSum = "reduce_sum"
    case reduceMax = "reduce_max"
    case reduceMin = "reduce_min"
    case reduceL2 = "reduce_l2"
    case argmax, argmin
    // Element-wise math
    case pow
    case sqrt, exp, log, neg, abs, reciprocal, erf, softplus, gelu
    // Variadic element-wise with broadcasting
    case sum, max, min, mean
    // Comparisons and selection
    case equal, less, greater
    case `where`
    // Replication
    case expand, tile
    // Element type conversion
    case cast
    // Space and depth
    case depthToSpace = "depth_to_space"
    case spaceToDepth = "space_to_depth"

    public var description: String { rawValue }
}
