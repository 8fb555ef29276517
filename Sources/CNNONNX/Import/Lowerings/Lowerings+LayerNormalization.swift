import CNNIR
import CNNRuntime

extension Lowerings {
    /// LayerNormalization, RMSNormalization and MeanVarianceNormalization, written with
    /// reductions and element-wise ops as ONNX's function definitions compute them.
    static let layerNormalizations: [String: Lowering] = [
        "LayerNormalization": { lowering in
            let x = try lowering.input(0)
            let keep = try trailingAxes(lowering, x)
            let mean = try lowering.emit1(.reduceMean, [x], keep)
            let deviation = try lowering.emit1(.sub, [x, mean])
            let variance = try lowering.emit1(.reduceMean, [try lowering.emit1(.mul, [deviation, deviation])], keep)
            let inverse = try inverseRoot(variance, lowering)
            var y = try lowering.emit1(.mul, [try lowering.emit1(.mul, [deviation, inverse]), try lowering.input(1)])
            if let bias = lowering.optionalInput(2) { y = try lowering.emit1(.add, [y, bias]) }
            return [y, mean, inverse]
        },
        "RMSNormalization": { lowering in
            let x = try lowering.input(0)
            let meanSquare = try lowering.emit1(.reduceMean, [try lowering.emit1(.mul, [x, x])], try trailingAxes(lowering, x))
            let normalized = try lowering.emit1(.mul, [x, try inverseRoot(meanSquare, lowering)])
            return [try lowering.emit1(.mul, [normalized, try lowering.input(1)])]
        },
        "MeanVarianceNormalization": { lowering in
            let x = try lowering.input(0)
            let axes: Attributes = ["axes": .ints(try lowering.ints("axes") ?? [0, 2, 3])]
            let mean = try lowering.emit1(.reduceMean, [x], axes)
            let meanOfSquares = try lowering.emit1(.reduceMean, [try lowering.emit1(.mul, [x, x])], axes)
            let variance = try lowering.emit1(.sub, [meanOfSquares, try lowering.emit1(.mul, [mean, mean])])
            let deviation = try lowering.emit1(.add, [try lowering.emit1(.sqrt, [variance]), try scalar(1e-9, like: x, lowering)])
            return [try lowering.emit1(.div, [try lowering.emit1(.sub, [x, mean]), deviation])]
        },
    ]

    /// The reduction attributes for the axes from `axis` (default −1) to the last, kept.
    private static func trailingAxes(_ lowering: NodeLowering, _ x: ImportedValue) throws -> Attributes {
        let rank = try lowering.type(of: x).rank
        let given = try lowering.int("axis", default: -1)
        let axis = given < 0 ? given + rank : given
        guard (0..<max(rank, 1)).contains(axis) else { throw lowering.error("axis \(given) is out of range for rank \(rank)") }
        return ["axes": .ints(Array(axis..<rank))]
    }

    /// 1 / √(value + epsilon), epsilon from the node (default 1e-5).
    private static func inverseRoot(_ value: ImportedValue, _ lowering: NodeLowering) throws -> ImportedValue {
        let epsilon = try scalar(try lowering.float("epsilon", default: 1e-5), like: value, lowering)
        return try lowering.emit1(.reciprocal, [try lowering.emit1(.sqrt, [try lowering.emit1(.add, [value, epsilon])])])
    }
}
