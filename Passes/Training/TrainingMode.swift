import CNNIR

/// The training-mode forms of the ops that behave differently in training.
enum TrainingMode {
    /// Appends `batch_norm_train` for a `batch_norm` node: same first result, then the next
    /// running mean and variance (named `<statistic>.next`), the batch mean and inverse standard
    /// deviation. Returns the names of the two running-statistics updates.
    static func batchNorm(_ node: Node, builder: GraphBuilder) throws -> [String] {
        guard node.operands.count == 5 else { throw node.error("batch_norm needs x, scale, bias, mean and variance") }
        let operands = try node.operands.map { try TrainingStepBuilder.value($0, in: builder) }
        let names = [node.name, TrainingStep.nextValueName(of: node.operands[3]), TrainingStep.nextValueName(of: node.operands[4]),
                     node.name + ".batch_mean", node.name + ".batch_inverse_std"]
        var attributes = Attributes()
        for name in ["epsilon", "momentum"] { attributes[name] = node.attributes[name] }
        _ = try builder.apply(.batchNormTrain, operands, attributes, resultCount: 5, names: names)
        return Array(names[1...2])
    }

    /// Appends `dropout` in training mode for a `dropout` node: the mask drawn from its seed and
    /// the step counter; the mask is the second result.
    static func dropout(_ node: Node, step: GraphValue, builder: GraphBuilder) throws {
        var attributes = node.attributes
        attributes["training"] = .bool(true)
        _ = try builder.apply(.dropout, [TrainingStepBuilder.value(node.operands[0], in: builder), step], attributes,
                              resultCount: 2, names: [node.name, node.name + ".mask"])
    }
}
