import CNNIR

extension Lowerings {
    /// BatchNormalization (inference form), InstanceNormalization and LRN.
    static let normalizations: [String: Lowering] = [
        "BatchNormalization": { lowering in
            try lowering.requireUnusedOutputs(from: 1, "running statistics")
            if try lowering.int("training_mode", default: 0) != 0 { throw UnsupportedFeature(detail: "with training_mode=1") }
            if lowering.opset < 9, try lowering.int("spatial", default: 1) == 0 { throw UnsupportedFeature(detail: "with spatial=0") }
            let attributes: Attributes = [
                "epsilon": .float(try lowering.float("epsilon", default: 1e-5)),
                "momentum": .float(try lowering.float("momentum", default: 0.9)),
            ]
            return [try lowering.emit1(.batchNorm, try (0..<5).map { try lowering.input($0) }, attributes)]
        },
        "InstanceNormalization": { lowering in
            [try lowering.emit1(.instanceNorm, try (0..<3).map { try lowering.input($0) },
                                ["epsilon": .float(try lowering.float("epsilon", default: 1e-5))])]
        },
        "LRN": { lowering in
            guard let size = try lowering.int("size") else { throw lowering.error("attribute 'size' is required") }
            let attributes: Attributes = [
                "size": .int(size),
                "alpha": .float(try lowering.float("alpha", default: 1e-4)),
                "beta": .float(try lowering.float("beta", default: 0.75)),
                "bias": .float(try lowering.float("bias", default: 1.0)),
            ]
            return [try lowering.emit1(.lrn, [try lowering.input(0)], attributes)]
        },
    ]
}
