import CNNIR

/// The gradient contributions each value has received from its users, summed when asked.
///
/// A value used by several nodes gets one contribution from each; `total` adds them with one
/// `sum` node (or returns the only one) and remembers the result, so every value's gradient is
/// formed once, when the reverse sweep reaches the node that defines it.
struct GradientAccumulator {
    /// The contributions not yet summed, by value name.
    private var contributions: [String: [GraphValue]] = [:]

    /// Records `gradient` as a contribution to the gradient of `value`.
    mutating func add(_ gradient: GraphValue, to value: String) {
        contributions[value, default: []].append(gradient)
    }

    /// The gradient of `value`: nil without contributions, else their sum.
    mutating func total(of value: String, emitter: GradientEmitter) throws -> GraphValue? {
        guard let parts = contributions[value], let first = parts.first else { return nil }
        guard parts.count > 1 else { return first }
        let sum = try emitter.scoped(to: value).apply(.sum, parts, role: "total")
        contributions[value] = [sum]
        return sum
    }
}
