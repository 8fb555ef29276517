import Foundation

/// learning_rate and global_norm_scale: the scalars an optimizer step computes before its
/// updates (the rate of this step, and the factor that clips the gradients by their global norm).
enum OptimizerScalarOps {
    static let learningRate = OpSchema(
        .learningRate, "The learning rate at update count step (i64 scalar, 0 first): base·step/warmup_steps during the warm-up, then the schedule at t = step − warmup_steps.",
        operands: [.required("step")],
        attributes: [AttributeSpec("schedule", .string, default: .string("constant"),
                                   "constant, step (base·decay_rate^⌊t/decay_steps⌋), exponential (base·decay_rate^(t/decay_steps)) or cosine (minimum + (base−minimum)·½(1+cos(π·min(t, decay_steps)/decay_steps)))"),
                     AttributeSpec("base", .float, default: nil, "the rate after the warm-up, before any decay"),
                     AttributeSpec("warmup_steps", .int, default: .int(0), "steps of linear warm-up from 0"),
                     AttributeSpec("decay_steps", .int, default: .int(1), "the decay period (step, exponential) or length (cosine)"),
                     AttributeSpec("decay_rate", .float, default: .float(1.0), "the factor per period (step, exponential)"),
                     AttributeSpec("minimum", .float, default: .float(0), "the final rate of cosine")]) { context in
        try ShapeRules.requireType(context.operand(0, "step"), "step", TensorType(.i64, Shape([Dimension]())), "the update count, a scalar")
        _ = try ScheduledLearningRate(context.attributes)
        return [TensorType(.f32, Shape([Dimension]()))]
    }

    static let globalNormScale = OpSchema(
        .globalNormScale, "The factor min(1, max_norm/(‖(g1, g2, …)‖₂ + 1e-6)) that clips gradients by their global L2 norm when each is multiplied by it.",
        operands: [.variadic("gradients")],
        attributes: [AttributeSpec("max_norm", .float, default: nil, "the largest global norm left unscaled (positive)")]) { context in
        for (index, gradient) in context.operands.enumerated() { try ShapeRules.requireFloating(gradient, "gradient \(index + 1)") }
        let maximum = try context.float("max_norm")
        guard maximum > 0 && maximum.isFinite else { throw Diagnostic("max_norm must be a positive number, found \(maximum)") }
        return [TensorType(.f32, Shape([Dimension]()))]
    }
}

/// The learning-rate schedules of `learning_rate` (`schedule`).
public enum LearningRateSchedule: String, CaseIterable, Sendable {
    /// base at every step.
    case constant
    /// base·decay_rate^⌊t/decay_steps⌋: multiplied by decay_rate every decay_steps steps.
    case step
    /// base·decay_rate^(t/decay_steps): the same decay, continuous.
    case exponential
    /// minimum + (base − minimum)·½(1 + cos(π·min(t, decay_steps)/decay_steps)): from base down to
    /// minimum over decay_steps steps, then minimum.
    case cosine
}

/// The attributes of a `learning_rate` node, checked, and the rate they give at each step: the
/// one definition the reference and fast kernels both compute.
public struct ScheduledLearningRate: Sendable, Equatable {
    /// The schedule after the warm-up.
    public var schedule: LearningRateSchedule
    /// The rate at the end of the warm-up.
    public var base: Double
    /// The steps of linear warm-up (0 for none).
    public var warmupSteps: Int
    /// The decay period (step, exponential) or length (cosine), at least 1.
    public var decaySteps: Int
    /// The decay factor per period (step, exponential), positive.
    public var decayRate: Double
    /// The final rate of cosine.
    public var minimum: Double

    /// The schedule of a node's resolved attributes (every attribute of `learning_rate`, given or
    /// defaulted); throws a `Diagnostic` for an unknown schedule, a negative warm-up, a decay
    /// period below 1, a non-positive decay rate or a rate that is not finite.
    public init(_ attributes: [String: AttributeValue]) throws {
        func number(_ name: String) throws -> Double {
            switch attributes[name] {
            case .float(let value)?: guard value.isFinite else { throw Diagnostic("\(name) must be finite, found \(value)") }
                return value
            case .int(let value)?: return Double(value)
            default: throw Diagnostic("attribute '\(name)' must be a number")
            }
        }
        func integer(_ name: String) throws -> Int {
            guard case .int(let value)? = attributes[name] else { throw Diagnostic("attribute '\(name)' must be an integer") }
            return value
        }
        guard case .string(let text)? = attributes["schedule"] else { throw Diagnostic("attribute 'schedule' must be a string") }
        guard let schedule = LearningRateSchedule(rawValue: text) else {
            let allowed = LearningRateSchedule.allCases.map(\.rawValue).joined(separator: ", ")
            throw Diagnostic("schedule must be one of \(allowed); found \"\(text)\"")
        }
        self.schedule = schedule
        base = try number("base")
        warmupSteps = try integer("warmup_steps")
        decaySteps = try integer("decay_steps")
        decayRate = try number("decay_rate")
        minimum = try number("minimum")
        guard warmupSteps >= 0 else { throw Diagnostic("warmup_steps must be ≥ 0, found \(warmupSteps)") }
        guard decaySteps >= 1 else { throw Diagnostic("decay_steps must be ≥ 1, found \(decaySteps)") }
        guard decayRate > 0 else { throw Diagnostic("decay_rate must be positive, found \(decayRate)") }
    }

    /// The rate at update count `step` (≥ 0): base·step/warmup_steps while step < warmup_steps,
    /// then the schedule at t = step − warmup_steps.
    public func rate(atStep step: Int) -> Double {
        if step < warmupSteps { return base * Double(step) / Double(warmupSteps) }
        let t = Double(step - warmupSteps), period = Double(decaySteps)
        switch schedule {
        case .constant: return base
        case .step: return base * Foundation.pow(decayRate, Double((step - warmupSteps) / decaySteps))
        case .exponential: return base * Foundation.pow(decayRate, t / period)
        case .cosine: return minimum + (base - minimum) * 0.5 * (1 + Foundation.cos(Double.pi * Swift.min(t, period) / period))
        }
    }
}
