import CNNIR

/// The weight and bias of a conv, conv_transpose or gemm node after a batch_norm that follows
/// it is folded in: every weight element is scaled by the factor of the output channel it
/// contributes to, and the bias becomes `scale · bias + shift` per output channel.
struct BatchNormFolding {
    /// The producer's new weight values, in the weight's row-major order.
    var weight: [Double]
    /// The producer's new bias values.
    var bias: [Double]
    /// The shape of the new bias: [C_out] for convolutions; [N], or [M, N] when gemm's `c`
    /// varies over rows, for gemm.
    var biasShape: [Int]

    /// The folded values, or nil when the producer's shapes or attributes are not the ones
    /// this rule handles. `oldBias` is the producer's bias operand (`c` for gemm) with its
    /// static shape, if it has one.
    init?(producer: Node, weight: WeightTensor, oldBias: (values: [Double], shape: [Int])?, affine: ChannelAffine) {
        guard let attributes = ResolvedAttributes(producer),
              let channelOf = Self.outputChannel(producer.op, weight.shape, attributes, affine.channelCount) else { return nil }
        let values = weight.doubles()
        self.weight = values.indices.map { values[$0] * affine.scale[channelOf($0)] }
        let channels = affine.channelCount
        var biasFactor = 1.0
        var shape = [channels]
        var sourceShape = [channels]
        if producer.op == .gemm {
            guard let beta = attributes.float("beta") else { return nil }
            biasFactor = beta
            if let oldShape = oldBias?.shape {
                guard oldShape.count <= 2 else { return nil }
                let varyingRows = oldShape.count == 2 && oldShape[0] != 1
                shape = varyingRows ? [oldShape[0], channels] : [channels]
                sourceShape = varyingRows || oldShape.count < 2 ? oldShape : [oldShape[1]]
            }
        } else if let oldShape = oldBias?.shape, oldShape != [channels] {
            return nil
        }
        let sources = ElementIndexing.broadcast(from: sourceShape, to: shape)
        let old = oldBias?.values
        guard sources.allSatisfy({ $0 < (old?.count ?? channels) }) else { return nil }
        bias = sources.indices.map { position in
            let channel = position % channels
            let scaled = old.map { biasFactor * $0[sources[position]] * affine.scale[channel] } ?? 0
            return scaled + affine.shift[channel]
        }
        biasShape = shape
    }

    /// For a weight of `shape`, the output channel each row-major element contributes to, or
    /// nil when the shape does not have `channels` output channels.
    private static func outputChannel(_ op: OpKind, _ shape: [Int], _ attributes: ResolvedAttributes,
                                      _ channels: Int) -> ((Int) -> Int)? {
        switch op {
        case .conv:
            guard shape.count >= 2, shape[0] == channels else { return nil }
            let perChannel = shape.dropFirst().reduce(1, *)
            return { $0 / perChannel }
        case .convTranspose:
            guard shape.count >= 2, let groups = attributes.int("groups"), groups > 0, shape[0] % groups == 0,
                  shape[1] * groups == channels else { return nil }
            let kernel = shape.dropFirst(2).reduce(1, *)
            let (inputsPerGroup, outputsPerGroup) = (shape[0] / groups, shape[1])
            return { index in
                let inputChannel = index / (outputsPerGroup * kernel)
                return inputChannel / inputsPerGroup * outputsPerGroup + index / kernel % outputsPerGroup
            }
        case .gemm:
            guard shape.count == 2, let transposed = attributes.bool("trans_b") else { return nil }
            if transposed {
                guard shape[0] == channels else { return nil }
                return { $0 / shape[1] }
            }
            guard shape[1] == channels else { return nil }
            return { $0 % channels }
        default:
            return nil
        }
    }
}
