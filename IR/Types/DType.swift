/// The element type of a tensor.
///
/// `f32` is the compute type; `i64` holds indices, labels and shape arithmetic; `f64` serves the
/// reference path and gradient checks; `bool` (one byte, 0 or 1) holds the results of
/// comparisons and the condition of `where`.
public enum DType: String, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    case f32, f64, i64, bool

    /// The size of one element in bytes.
    public var byteSize: Int {
        switch self {
        case .bool: return 1
        case .f32: return 4
        case .f64, .i64: return 8
        }
    }

    /// Whether the type holds floating-point values (f32, f64).
    public var isFloatingPoint: Bool { self == .f32 || self == .f64 }

    /// Whether the type holds numbers that arithmetic applies to (f32, f64, i64; not bool).
    public var isNumeric: Bool { self != .bool }

    public var description: String { rawValue }
}
