import CNNIR

extension Lowerings {
    /// The ONNX domain of the training operators.
    static let trainingDomain = "ai.onnx.preview.training"

    /// The optimizers of the ai.onnx.preview.training domain (`domainTables`): Adagrad,
    /// Adam and Momentum. Each optimizes any number of tensors; its inputs are R, T, then the
    /// tensors X1…Xn, their gradients, then each state in turn, and its outputs the new tensors,
    /// then each new state. It becomes one update op per tensor, on R and T shared.
    static let training: [String: Lowering] = [
        "Adagrad": optimizer(.adagradUpdate, states: 1) { lowering in
            ["epsilon": .float(try lowering.float("epsilon", default: 1e-6)),
             "decay_factor": .float(try lowering.float("decay_factor", default: 0)),
             "weight_decay": .float(try lowering.float("norm_coefficient", default: 0))]
        },
        "Adam": optimizer(.adamUpdate, states: 2) { lowering in
            ["alpha": .float(try lowering.float("alpha", default: 0.9)), "beta": .float(try lowering.float("beta", default: 0.999)),
             "epsilon": .float(try lowering.float("epsilon", default: 1e-6)),
             "weight_decay": .float(try lowering.float("norm_coefficient", default: 0)),
             "decoupled_weight_decay": .float(try lowering.float("norm_coefficient_post", default: 0))]
        },
        "Momentum": optimizer(.momentumUpdate, states: 1) { lowering in
            // ONNX gives Momentum's attributes no defaults: each must be there.
            for name in ["alpha", "beta", "norm_coefficient", "mode"] where !lowering.hasAttribute(name) {
                throw lowering.error("the required attribute '\(name)' is missing")
            }
            let mode = try lowering.string("mode", default: "")
            guard mode == "standard" || mode == "nesterov" else {
                throw lowering.error("attribute 'mode' must be \"standard\" or \"nesterov\", found \"\(mode)\"")
            }
            return ["alpha": .float(try lowering.float("alpha", default: 0)), "beta": .float(try lowering.float("beta", default: 0)),
                    "weight_decay": .float(try lowering.float("norm_coefficient", default: 0)), "nesterov": .bool(mode == "nesterov")]
        },
    ]

    /// The lowering of an ONNX optimizer with `states` state tensors per optimized tensor into
    /// one `irOp` per tensor, with the attributes `attributes` reads from the node.
    private static func optimizer(_ irOp: OpKind, states: Int,
                                  _ attributes: @escaping @Sendable (NodeLowering) throws -> Attributes) -> Lowering {
        { lowering in
            let perTensor = 2 + states
            let given = lowering.node.input.count - 2
            guard given > 0, given % perTensor == 0 else {
                throw lowering.error("takes R, T, then the optimized tensors, their gradients and \(states == 1 ? "their state" : "their \(states) states") (a multiple of \(perTensor) inputs after T), found \(lowering.node.input.count) inputs")
            }
            let count = given / perTensor, shared = try attributes(lowering)
            let rate = try lowering.input(0), step = try lowering.input(1)
            var outputs = Array(repeating: [ImportedValue](), count: 1 + states)
            for tensor in 0..<count {
                let operands = try (0..<perTensor).map { try lowering.input(2 + $0 * count + tensor) }
                let results = try lowering.emit(irOp, operands + [rate, step], shared, resultCount: 1 + states)
                for (slot, result) in results.enumerated() { outputs[slot].append(result) }
            }
            return outputs.flatMap { $0 }
        }
    }
}
