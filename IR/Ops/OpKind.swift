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
    // Training: batch normalization with batch statistics, and the gradients of the
    // normalizations, activations and classification losses
    case batchNormTrain = "batch_norm_train"
    case batchNormGrad = "batch_norm_grad"
    case instanceNormGrad = "instance_norm_grad"
    case activationGrad = "activation_grad"
    case softmaxCrossEntropyGrad = "softmax_cross_entropy_grad"
    case hingeGrad = "hinge_grad"
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
    // Gradients of the spatial ops
    case convWeightGrad = "conv_weight_grad"
    case maxPoolGrad = "max_pool_grad"
    case avgPoolGrad = "avg_pool_grad"
    case padGrad = "pad_grad"
    case resizeGrad = "resize_grad"
    // Negative log-likelihood loss and its gradient
    case nllLoss = "nll_loss"
    case nllLossGrad = "nll_loss_grad"
    // Optimizer updates, learning-rate schedules and gradient clipping
    case sgdUpdate = "sgd_update"
    case momentumUpdate = "momentum_update"
    case adagradUpdate = "adagrad_update"
    case adamUpdate = "adam_update"
    case rmspropUpdate = "rmsprop_update"
    case learningRate = "learning_rate"
    case globalNormScale = "global_norm_scale"

    public var description: String { rawValue }
}
