extension OpKind {
    /// The declarative definition of this op: operands, attributes with defaults, and the shape
    /// and type rule. The definitions live with their family (Convolution.swift, Pooling.swift, ...).
    public var schema: OpSchema {
        switch self {
        case .constant: return ConstantOps.constant
        case .conv: return ConvolutionOps.conv
        case .convTranspose: return ConvolutionOps.convTranspose
        case .fusedConv: return FusedConvolutionOps.fusedConv
        case .maxPool: return PoolingOps.maxPool
        case .avgPool: return PoolingOps.avgPool
        case .globalAvgPool: return PoolingOps.globalAvgPool
        case .globalMaxPool: return PoolingOps.globalMaxPool
        case .batchNorm: return NormalizationOps.batchNorm
        case .instanceNorm: return NormalizationOps.instanceNorm
        case .lrn: return NormalizationOps.lrn
        case .relu: return ActivationOps.relu
        case .leakyRelu: return ActivationOps.leakyRelu
        case .prelu: return ActivationOps.prelu
        case .clip: return ActivationOps.clip
        case .sigmoid: return ActivationOps.sigmoid
        case .tanh: return ActivationOps.tanh
        case .hardSigmoid: return ActivationOps.hardSigmoid
        case .hardSwish: return ActivationOps.hardSwish
        case .silu: return ActivationOps.silu
        case .elu: return ActivationOps.elu
        case .softmax: return ActivationOps.softmax
        case .logSoftmax: return ActivationOps.logSoftmax
        case .gemm: return LinearAlgebraOps.gemm
        case .matmul: return LinearAlgebraOps.matmul
        case .add: return ElementwiseOps.add
        case .sub: return ElementwiseOps.sub
        case .mul: return ElementwiseOps.mul
        case .div: return ElementwiseOps.div
        case .concat: return DataMovementOps.concat
        case .flatten: return ReshapingOps.flatten
        case .reshape: return ReshapingOps.reshape
        case .transpose: return ReshapingOps.transpose
        case .pad: return DataMovementOps.pad
        case .resize: return ResizeOps.resize
        case .dropout: return ActivationOps.dropout
        case .identity: return ActivationOps.identity
        case .squeeze: return ReshapingOps.squeeze
        case .unsqueeze: return ReshapingOps.unsqueeze
        case .softmaxCrossEntropy: return LossOps.softmaxCrossEntropy
        case .mse: return LossOps.mse
        case .hinge: return LossOps.hinge
        case .slice: return SlicingOps.slice
        case .split: return SlicingOps.split
        case .reduceMean: return ReductionOps.reduceMean
        case .reduceSum: return ReductionOps.reduceSum
        case .reduceMax: return ReductionOps.reduceMax
        case .reduceMin: return ReductionOps.reduceMin
        case .reduceL2: return ReductionOps.reduceL2
        case .argmax: return ReductionOps.argmax
        case .argmin: return ReductionOps.argmin
        case .pow: return ElementwiseOps.pow
        case .sqrt: return UnaryMathOps.sqrt
        case .exp: return UnaryMathOps.exp
        case .log: return UnaryMathOps.log
        case .neg: return UnaryMathOps.neg
        case .abs: return UnaryMathOps.abs
        case .reciprocal: return UnaryMathOps.reciprocal
        case .erf: return UnaryMathOps.erf
        case .softplus: return UnaryMathOps.softplus
        case .gelu: return UnaryMathOps.gelu
        case .sum: return VariadicOps.sum
        case .max: return VariadicOps.max
        case .min: return VariadicOps.min
        case .mean: return VariadicOps.mean
        case .equal: return ComparisonOps.equal
        case .less: return ComparisonOps.less
        case .greater: return ComparisonOps.greater
        case .where: return ComparisonOps.where
        case .expand: return ReplicationOps.expand
        case .tile: return ReplicationOps.tile
        case .cast: return CastOps.cast
        case .depthToSpace: return SpaceDepthOps.depthToSpace
        case .spaceToDepth: return SpaceDepthOps.spaceToDepth
        }
    }
}
