/// add, sub, mul, div, pow, prelu and the two-operand max and min, with broadcasting: the
/// generic `combineBroadcast` loop, specialized per op.
///
/// The kernel is not generic: `run` picks the op once and calls the loop with a concrete
/// operation type, so each op gets its own specialized, inlined loop.
struct BinaryBroadcastKernel: Kernel {
    let name: String
    /// The op.
    let operation: BinaryOperator
    /// The walk over both operands.
    let plan: BroadcastPlan

    var workspaceBytes: Int { 0 }
    /// `combineBroadcast` reads both operands at an index before writing y there; an operand
    /// of the result's own type is read with the result's layout.
    var inPlaceOperands: [Int] { [0, 1] }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let a = buffers.floatInput(0), b = buffers.floatInput(1), y = buffers.floatOutput(0)
        operation.combine(plan, a, b, y)
    }
}

extension BinaryOperator {
    /// `y = a ∘ b` over `plan` with this operator's specialized loop.
    @inline(__always)
    func combine(_ plan: BroadcastPlan, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        switch self {
        case .add: combineBroadcast(Addition.self, plan, a, b, y)
        case .subtract: combineBroadcast(Subtraction.self, plan, a, b, y)
        case .multiply: combineBroadcast(Multiplication.self, plan, a, b, y)
        case .divide: combineBroadcast(Division.self, plan, a, b, y)
        case .power: combineBroadcast(Power.self, plan, a, b, y)
        case .maximum: combineBroadcast(Maximum.self, plan, a, b, y)
        case .minimum: combineBroadcast(Minimum.self, plan, a, b, y)
        case .parametricRectify: combineBroadcast(ParametricRectification.self, plan, a, b, y)
        }
    }
}
