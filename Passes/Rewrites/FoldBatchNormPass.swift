import CNNIR

/// `fold-batchnorm`: folds a `batch_norm` into the `conv`, `conv_transpose` or `gemm` that
/// produces its input, rewriting the producer's weight and bias in the unit's weights
/// (`W' = W·γ/√(σ²+ε)` per output channel, `b' = (b − μ)·γ/√(σ²+ε) + β`, computed in `Double`).
///
/// Preconditions, checked per batch_norm (a batch_norm that fails one stays):
/// - its input is the only result of a conv, conv_transpose or gemm that nothing else uses and
///   the graph does not return;
/// - the producer carries only the attributes whose meaning survives the rewrite (a conv with a
///   fused activation, say, is left alone), and its weight is a parameter whose tensor the unit
///   holds;
/// - the producer's bias (gemm's `c`) and the batch_norm's scale, bias, mean and variance are
///   known: parameters with tensors, or `constant` results;
/// - every folded factor is finite.
///
/// A weight used only by the producer is rewritten in place; a shared one is copied to a new
/// parameter `NAME.folded`. A producer without bias gets the batch_norm's bias parameter when
/// nothing else uses it, or a new parameter. gemm's `beta` becomes 1 (it is folded into `c`).
/// Parameters and constants left unused are removed.
public struct FoldBatchNormPass: Pass {
    public let name = "fold-batchnorm"
    public let summary = "fold batch_norm into the conv, conv_transpose or gemm before it (weights rewritten)"

    /// The attributes each producer may carry; any other attribute stops the fold.
    static let foldableAttributes: [OpKind: Set<String>] = [
        .conv: ["strides", "pads", "dilations", "groups", "auto_pad"],
        .convTranspose: ["strides", "pads", "dilations", "groups", "auto_pad", "output_padding"],
        .gemm: ["alpha", "beta", "trans_a", "trans_b"],
    ]

    /// Creates the pass.
    public init() {}

    public func run(on unit: inout CompilationUnit) throws {
        var rewriter = GraphRewriter(unit)
        for index in rewriter.nodeIndices where rewriter.node(at: index).op == .batchNorm {
            try fold(at: index, &rewriter)
        }
        unit = rewriter.unit
    }

    /// Folds the batch_norm at `index` into its producer when every precondition holds.
    private func fold(at index: Int, _ rewriter: inout GraphRewriter) throws {
        let normalization = rewriter.node(at: index)
        guard normalization.operands.count == 5, normalization.results.count == 1,
              let producerIndex = rewriter.producer(of: normalization.operands[0]) else { return }
        var producer = rewriter.node(at: producerIndex)
        guard let allowed = Self.foldableAttributes[producer.op], producer.hasOnlyAttributes(allowed),
              producer.results.count == 1, (2...3).contains(producer.operands.count),
              producer.results[0].type == normalization.results[0].type,
              rewriter.useCount(of: producer.results[0].name) == 1 else { return }
        let weightName = producer.operands[1]
        guard let weight = rewriter.weight(of: weightName), weight.dtype.isFloatingPoint,
              let affine = Self.affine(of: normalization, rewriter) else { return }
        let oldBias = producer.operands.count == 3 ? producer.operands[2] : nil
        var oldBiasValues: (values: [Double], shape: [Int])?
        if let oldBias {
            guard let values = rewriter.constantValues(of: oldBias),
                  let shape = rewriter.type(of: oldBias)?.shape.fixedSizes else { return }
            oldBiasValues = (values, shape)
        }
        guard let folded = BatchNormFolding(producer: producer, weight: weight, oldBias: oldBiasValues, affine: affine) else { return }

        let newWeight = rewriter.useCount(of: weightName) == 1 ? weightName : rewriter.unusedName(weightName + ".folded")
        rewriter.setParameter(newWeight, to: try WeightTensor(dtype: weight.dtype, shape: weight.shape, converting: folded.weight))
        let biasName = Self.biasName(oldBias: oldBias, normalization: (normalization, index), producerIndex: producerIndex,
                                     biasType: TensorType(weight.dtype, folded.biasShape), rewriter)
        rewriter.setParameter(biasName, to: try WeightTensor(dtype: weight.dtype, shape: folded.biasShape, converting: folded.bias))
        producer.operands = [producer.operands[0], newWeight, biasName]
        if producer.op == .gemm { producer.attributes["beta"] = nil }
        rewriter.replaceNode(at: producerIndex, with: producer)
        guard rewriter.bypassNode(at: index, with: [producer.results[0].name]) else {
            throw normalization.error("the folded batch_norm could not be removed")
        }
        for value in normalization.operands.dropFirst() + [weightName] + (oldBias.map { [$0] } ?? []) {
            Self.removeIfUnused(value, &rewriter)
        }
    }

    /// The per-channel map the batch_norm computes, when its parameters are known.
    private static func affine(of node: Node, _ rewriter: GraphRewriter) -> ChannelAffine? {
        guard let epsilon = ResolvedAttributes(node)?.float("epsilon") else { return nil }
        let values = node.operands.dropFirst().compactMap { rewriter.constantValues(of: $0) }
        guard values.count == 4 else { return nil }
        return ChannelAffine(scale: values[0], bias: values[1], mean: values[2], variance: values[3], epsilon: epsilon)
    }

    /// The parameter that takes the folded bias: the producer's own bias parameter when only
    /// the producer uses it, else `BIAS.folded`; for a producer without bias, the batch_norm's
    /// bias parameter when only the batch_norm uses it, else `PRODUCER.bias`.
    private static func biasName(oldBias: String?, normalization: (node: Node, index: Int), producerIndex: Int,
                                 biasType: TensorType, _ rewriter: GraphRewriter) -> String {
        let (candidate, user) = oldBias.map { ($0, producerIndex) } ?? (normalization.node.operands[2], normalization.index)
        if rewriter.isUsedOnly(candidate, by: user), rewriter.parameter(named: candidate)?.type == biasType { return candidate }
        return rewriter.unusedName(oldBias.map { $0 + ".folded" } ?? rewriter.node(at: producerIndex).name + ".bias")
    }

    /// Removes `value` if nothing uses it any more: its parameter and tensor, or its node.
    private static func removeIfUnused(_ value: String, _ rewriter: inout GraphRewriter) {
        if rewriter.parameter(named: value) != nil {
            rewriter.removeParameterIfUnused(value)
        } else if let index = rewriter.producer(of: value) {
            rewriter.removeNodeIfUnused(at: index)
        }
    }
}
