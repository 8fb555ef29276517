import CNNIR
import CNNRuntime

/// Cast of a tensor known at import, with ONNX's rules: floating values become integers by
/// truncation toward zero (NaN becomes 0, and values beyond the i64 range saturate), anything
/// becomes a boolean by comparison with zero, and integers are kept exactly.
enum ConstantCast {
    /// `tensor` with its elements converted to `dtype`.
    static func cast(_ tensor: CNNRuntime.Tensor, to dtype: DType) throws -> CNNRuntime.Tensor {
        if tensor.dtype == dtype { return tensor }
        switch dtype {
        case .f32: return try CNNRuntime.Tensor(shape: tensor.shape, scalars: tensor.doubles.map { Float($0) })
        case .f64: return try CNNRuntime.Tensor(shape: tensor.shape, elements: tensor.doubles)
        case .i64: return try CNNRuntime.Tensor(shape: tensor.shape, elements: tensor.doubles.map(truncated))
        case .bool: return try CNNRuntime.Tensor(shape: tensor.shape, elements: tensor.doubles.map { $0 != 0 })
        }
    }

    /// `value` truncated toward zero into an Int64 (NaN as 0, saturating at the ends).
    private static func truncated(_ value: Double) -> Int64 {
        if value.isNaN { return 0 }
        if value >= 9.223372036854775807e18 { return .max }
        if value <= -9.223372036854775808e18 { return .min }
        return Int64(value.rounded(.towardZero))
    }
}
