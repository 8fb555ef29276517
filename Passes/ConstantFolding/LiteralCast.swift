import CNNIR

/// `cast` on tensor literals, by the op's rules: floats become i64 by truncation toward zero
/// (NaN gives 0, values beyond the i64 range its nearest end); nonzero and NaN become true;
/// bool gives 1 and 0; to f32 and f64, values round to nearest. A floating literal is first
/// rounded to its own dtype, as the runtime holds it.
enum LiteralCast {
    /// The elements of `literal` converted to `target`.
    static func converted(_ literal: TensorLiteral, to target: DType) -> TensorLiteral.Storage {
        switch literal.storage {
        case .integer(let values):
            switch target {
            case .i64: return .integer(values)
            case .bool: return .integer(values.map { $0 != 0 ? 1 : 0 })
            case .f32: return .floating(values.map { Double(Float($0)) })
            case .f64: return .floating(values.map { Double($0) })
            }
        case .floating(let stored):
            let values = stored.map { LiteralArithmetic.rounded($0, to: literal.type.dtype) }
            switch target {
            case .i64: return .integer(values.map(truncated))
            case .bool: return .integer(values.map { $0 != 0 ? 1 : 0 })
            case .f32, .f64: return .floating(values.map { LiteralArithmetic.rounded($0, to: target) })
            }
        }
    }

    /// `value` truncated toward zero into `Int64`: NaN gives 0, values beyond the range its
    /// nearest end.
    static func truncated(_ value: Double) -> Int64 {
        if value.isNaN { return 0 }
        if value >= 9_223_372_036_854_775_808.0 { return .max }
        if value < -9_223_372_036_854_775_808.0 { return .min }
        return Int64(value.rounded(.towardZero))
    }
}
