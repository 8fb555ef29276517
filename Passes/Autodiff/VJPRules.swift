import CNNIR

/// A vector-Jacobian product rule: from the gradients of a node's results, the gradient of each
/// operand (nil for an operand that needs none or has none, such as integer labels).
typealias VJPRule = (VJPContext) throws -> [GraphValue?]

/// The gradient rule of every differentiable op, grouped by family in the `VJPRules+…` files.
enum VJPRules {
    /// The rule of `op`, or nil when the op is not differentiable (comparisons, argmax, casts to
    /// integers, …) or has no rule yet.
    static func rule(for op: OpKind) -> VJPRule? {
        arithmeticRule(for: op) ?? activationRule(for: op) ?? linearAlgebraRule(for: op)
            ?? convolutionRule(for: op) ?? poolingRule(for: op) ?? normalizationRule(for: op)
            ?? dataMovementRule(for: op) ?? reductionRule(for: op) ?? lossRule(for: op)
    }

    /// For each operand, `gradient(index)` where the operand needs a gradient, nil elsewhere.
    static func perOperand(_ context: VJPContext, _ gradient: (Int) throws -> GraphValue?) rethrows -> [GraphValue?] {
        try context.operands.indices.map { context.needs($0) ? try gradient($0) : nil }
    }
}
