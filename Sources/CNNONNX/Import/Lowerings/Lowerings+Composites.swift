import CNNIR
import CNNRuntime

extension Lowerings {
    /// ONNX ops without an IR op of their own that a few IR ops compute exactly: logical ops on
    /// booleans, the non-strict comparisons, a few activations and reductions.
    static let composites: [String: Lowering] = [
        "Not": { lowering in [try not(try lowering.input(0), lowering)] },
        "And": { lowering in [try lowering.emit1(.where, [try lowering.input(0), try lowering.input(1), boolean(false, lowering)])] },
        "Or": { lowering in [try either(try lowering.input(0), try lowering.input(1), lowering)] },
        "Xor": { lowering in [try not(try lowering.emit1(.equal, [try lowering.input(0), try lowering.input(1)]), lowering)] },
        "GreaterOrEqual": orEqual(.greater),
        "LessOrEqual": orEqual(.less),
        "Selu": { lowering in
            let alpha = try lowering.float("alpha", default: 1.67326319217681884765625)
            let gamma = try lowering.float("gamma", default: 1.05070102214813232421875)
            let x = try lowering.input(0)
            let elu = try lowering.emit1(.elu, [x], ["alpha": .float(alpha)])
            return [try lowering.emit1(.mul, [elu, try scalar(gamma, like: x, lowering)])]
        },
        "Celu": { lowering in
            let alpha = try lowering.float("alpha", default: 1)
            let x = try lowering.input(0)
            let scaled = try lowering.emit1(.div, [x, try scalar(alpha, like: x, lowering)])
            return [try lowering.emit1(.mul, [try lowering.emit1(.elu, [scaled]), try scalar(alpha, like: x, lowering)])]
        },
        "Softsign": { lowering in
            let x = try lowering.input(0)
            let denominator = try lowering.emit1(.add, [try lowering.emit1(.abs, [x]), try scalar(1, like: x, lowering)])
            return [try lowering.emit1(.div, [x, denominator])]
        },
        "ThresholdedRelu": { lowering in
            let x = try lowering.input(0)
            let above = try lowering.emit1(.greater, [x, try scalar(try lowering.float("alpha", default: 1), like: x, lowering)])
            return [try lowering.emit1(.where, [above, x, try scalar(0, like: x, lowering)])]
        },
        "Mish": { lowering in
            let x = try lowering.input(0)
            return [try lowering.emit1(.mul, [x, try lowering.emit1(.tanh, [try lowering.emit1(.softplus, [x])])])]
        },
        "ReduceSumSquare": reduce(.reduceSum, axesInputFrom: 18, before: { lowering, x in try lowering.emit1(.mul, [x, x]) }),
        "ReduceL1": reduce(.reduceSum, axesInputFrom: 18, before: { lowering, x in try lowering.emit1(.abs, [x]) }),
        "ReduceLogSum": reduce(.reduceSum, axesInputFrom: 18, after: { lowering, sum in try lowering.emit1(.log, [sum]) }),
        "ReduceLogSumExp": reduce(.reduceSum, axesInputFrom: 18, before: { lowering, x in try lowering.emit1(.exp, [x]) },
                                  after: { lowering, sum in try lowering.emit1(.log, [sum]) }),
    ]

    /// `comparison(a, b) or a == b` (false where either is NaN, as ONNX's GreaterOrEqual and LessOrEqual).
    private static func orEqual(_ comparison: OpKind) -> Lowering {
        { lowering in
            let (a, b) = (try lowering.input(0), try lowering.input(1))
            return [try either(try lowering.emit1(comparison, [a, b]), try lowering.emit1(.equal, [a, b]), lowering)]
        }
    }

    /// The logical negation of a bool value.
    private static func not(_ value: ImportedValue, _ lowering: NodeLowering) throws -> ImportedValue {
        try lowering.emit1(.equal, [value, boolean(false, lowering)])
    }

    /// `a or b` for bool values.
    private static func either(_ a: ImportedValue, _ b: ImportedValue, _ lowering: NodeLowering) throws -> ImportedValue {
        try lowering.emit1(.where, [a, boolean(true, lowering), b])
    }

    /// A bool scalar.
    private static func boolean(_ value: Bool, _ lowering: NodeLowering) -> ImportedValue {
        lowering.constant(CNNRuntime.Tensor(scalar: value), value ? "true" : "false")
    }
}
