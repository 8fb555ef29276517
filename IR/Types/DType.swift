/// The element type of a tensor.
///
/// `f32` is the compute type; `i64` holds indices and labels; `f64` serves the reference path
/// and gradient checks.
public enum DType: String, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    case f32, f64, i64

    /// The size of one element in bytes.
    public var byteSize: Int {
        switch self {
        case .f32: return 4
        case .f64, .i64: return 8
        }
    }

    /// Whether the type holds floating-point values.
    public var isFloatingPoint: Bool { self != .i64 }

    public var description: String { rawValue }
}
