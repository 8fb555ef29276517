import CNNIR

/// Element-wise arithmetic on tensor literals, computed as the reference kernels compute it:
/// floating elements in `Double`, rounded to the result's dtype (the nearest `Float` for f32);
/// i64 elements exactly, wrapping on overflow, division truncating toward zero with x / 0 = 0.
enum LiteralArithmetic {
    /// The binary ops and how each combines two floating and two integer elements.
    static let binaryOperations: [OpKind: (floating: @Sendable (Double, Double) -> Double, integer: @Sendable (Int64, Int64) -> Int64)] = [
        .add: ({ $0 + $1 }, { $0 &+ $1 }),
        .sub: ({ $0 - $1 }, { $0 &- $1 }),
        .mul: ({ $0 * $1 }, { $0 &* $1 }),
        .div: ({ $0 / $1 }, { $1 == 0 ? 0 : $0.dividedReportingOverflow(by: $1).partialValue }),
    ]

    /// `op` applied to the two operands broadcast to `shape`, for a result of `dtype`; nil for
    /// an op without a rule, a bool result, or operands that do not broadcast to `shape`.
    static func binary(_ op: OpKind, _ operands: [TensorLiteral], _ shapes: [[Int]], into shape: [Int],
                       _ dtype: DType) -> TensorLiteral.Storage? {
        guard let operation = binaryOperations[op], operands.count == 2, dtype != .bool,
              shapes.allSatisfy({ $0.count <= shape.count }) else { return nil }
        let leftIndices = ElementIndexing.broadcast(from: shapes[0], to: shape)
        let rightIndices = ElementIndexing.broadcast(from: shapes[1], to: shape)
        guard leftIndices.allSatisfy({ $0 < operands[0].storage.count }),
              rightIndices.allSatisfy({ $0 < operands[1].storage.count }) else { return nil }
        if dtype == .i64 {
            guard let left = operands[0].integers, let right = operands[1].integers else { return nil }
            return .integer(zip(leftIndices, rightIndices).map { operation.integer(left[$0], right[$1]) })
        }
        let left = operands[0].doubles.map { rounded($0, to: dtype) }
        let right = operands[1].doubles.map { rounded($0, to: dtype) }
        return .floating(zip(leftIndices, rightIndices).map { rounded(operation.floating(left[$0], right[$1]), to: dtype) })
    }

    /// −x for every element (i64 wrapping: the most negative value stays itself).
    static func negated(_ literal: TensorLiteral) -> TensorLiteral.Storage? {
        switch literal.storage {
        case .floating(let values): return literal.type.dtype.isFloatingPoint ? .floating(values.map { -$0 }) : nil
        case .integer(let values): return literal.type.dtype == .i64 ? .integer(values.map { 0 &- $0 }) : nil
        }
    }

    /// `value` as an element of `dtype` holds it: the nearest `Float` for f32.
    static func rounded(_ value: Double, to dtype: DType) -> Double {
        dtype == .f32 ? Double(Float(value)) : value
    }
}
