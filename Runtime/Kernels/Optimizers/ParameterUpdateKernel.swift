import Foundation
import CNNGEMM

/// Which optimizer a `ParameterUpdateKernel` applies, with the attributes fixed when the plan is
/// prepared. The learning rate and step are read from their operands at each run.
enum ParameterUpdate: Sendable {
    case gradientDescent(weightDecay: Float)
    case momentum(weightDecay: Float, alpha: Float, beta: Float, nesterov: Bool)
    case adagrad(weightDecay: Float, decayFactor: Double, epsilon: Float)
    case adam(weightDecay: Float, alpha: Double, beta: Double, epsilon: Float, decoupledWeightDecay: Float)
    case rootMeanSquare(weightDecay: Float, decay: Float, epsilon: Float)

    /// The number of state tensors (operands after g, results after x_next).
    var stateCount: Int {
        switch self {
        case .gradientDescent: return 0
        case .momentum, .adagrad, .rootMeanSquare: return 1
        case .adam: return 2
        }
    }

    /// Whether the op takes the update count `step` (after lr).
    var takesStep: Bool {
        switch self {
        case .gradientDescent, .rootMeanSquare: return false
        case .momentum, .adagrad, .adam: return true
        }
    }
}

/// An optimizer update (sgd/momentum/adagrad/adam/rmsprop_update) on f32 tensors: one pass over
/// x, g and the state, 16 lanes at a time, split in contiguous ranges over the worker pool when
/// the tensor is large. `run` builds the optimizer's rule from this run's learning rate and step
/// and calls the loop with it, so each rule gets its own specialized, inlined loop. A negative
/// step (which the reference path rejects) makes every result NaN.
struct ParameterUpdateKernel: Kernel {
    let name: String
    /// The optimizer and its attributes.
    let update: ParameterUpdate
    /// The number of elements of x.
    let count: Int

    /// The fewest elements worth a thread of their own (the loop streams 3 to 7 arrays).
    static let minimumElementsPerPart = 1 << 15

    var workspaceBytes: Int { 0 }
    /// The loop reads x's and g's vectors at an index before it writes x_next's there.
    var inPlaceOperands: [Int] { update.stateCount == 0 ? [0, 1] : [] }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let states = update.stateCount
        let pointers = UpdatePointers(buffers, stateCount: states)
        let rate = buffers.floatInput(2 + states)[0]
        let step = update.takesStep ? buffers.inputs[3 + states].load(as: Int64.self) : 0
        guard step >= 0 else { return pointers.fill(.nan, count: count) }
        let updateCount = Double(step)
        switch update {
        case .gradientDescent(let weightDecay):
            apply(GradientDescentRule(rate: rate, weightDecay: weightDecay), pointers, context)
        case .momentum(let weightDecay, let alpha, let beta, let nesterov):
            apply(MomentumRule(rate: rate, weightDecay: weightDecay, alpha: alpha, beta: step > 0 ? beta : 1, nesterov: nesterov),
                  pointers, context)
        case .adagrad(let weightDecay, let decayFactor, let epsilon):
            let decayed = Float(Double(rate) / (1 + updateCount * decayFactor))
            apply(AdagradRule(rate: decayed, weightDecay: weightDecay, epsilon: epsilon), pointers, context)
        case .adam(let weightDecay, let alpha, let beta, let epsilon, let decoupledWeightDecay):
            let correction = step > 0 ? (1 - pow(beta, updateCount)).squareRoot() / (1 - pow(alpha, updateCount)) : 1
            apply(AdamRule(rate: Float(Double(rate) * correction), weightDecay: weightDecay, alpha: Float(alpha), beta: Float(beta),
                           epsilon: epsilon, keep: 1 - decoupledWeightDecay), pointers, context)
        case .rootMeanSquare(let weightDecay, let decay, let epsilon):
            apply(RootMeanSquareRule(rate: rate, weightDecay: weightDecay, decay: decay, epsilon: epsilon), pointers, context)
        }
    }

    /// Runs `rule` over every element, in up to `context.threadCount` ranges of whole vectors.
    private func apply<Rule: ParameterUpdateRule>(_ rule: Rule, _ pointers: UpdatePointers, _ context: KernelContext) {
        let parts = max(1, min(context.threadCount, count / Self.minimumElementsPerPart))
        let total = count
        WorkerPool.shared.run(parts: parts) { part in
            let start = part == 0 ? 0 : (part * total / parts) & ~15
            let end = part == parts - 1 ? total : ((part + 1) * total / parts) & ~15
            pointers.update(rule, range: start..<end)
        }
    }
}

/// The buffers of one update: x, g and the states read, x_next and the next states written (the
/// state pointers of slots the optimizer does not have are nil).
struct UpdatePointers {
    let x: UnsafePointer<Float>, g: UnsafePointer<Float>
    let first: UnsafePointer<Float>?, second: UnsafePointer<Float>?
    let nextX: UnsafeMutablePointer<Float>
    let nextFirst: UnsafeMutablePointer<Float>?, nextSecond: UnsafeMutablePointer<Float>?

    /// The pointers of a node with `stateCount` state tensors: operands x, g, states…; results
    /// x_next, states….
    init(_ buffers: KernelBuffers, stateCount: Int) {
        x = buffers.floatInput(0)
        g = buffers.floatInput(1)
        first = stateCount > 0 ? buffers.floatInput(2) : nil
        second = stateCount > 1 ? buffers.floatInput(3) : nil
        nextX = buffers.floatOutput(0)
        nextFirst = stateCount > 0 ? buffers.floatOutput(1) : nil
        nextSecond = stateCount > 1 ? buffers.floatOutput(2) : nil
    }

    /// Applies `rule` to the elements of `range`: whole vectors, then the rest as a partial one.
    @inline(__always)
    func update<Rule: ParameterUpdateRule>(_ rule: Rule, range: Range<Int>) {
        var index = range.lowerBound
        while index + 16 <= range.upperBound {
            update(rule, at: index, lanes: 16)
            index += 16
        }
        if index < range.upperBound { update(rule, at: index, lanes: range.upperBound - index) }
    }

    /// Writes `value` to every element of every result.
    func fill(_ value: Float, count: Int) {
        for output in [nextX, nextFirst, nextSecond].compactMap({ $0 }) { output.update(repeating: value, count: count) }
    }

    /// Updates the `lanes` (≤ 16) elements starting at `index`.
    @inline(__always)
    private func update<Rule: ParameterUpdateRule>(_ rule: Rule, at index: Int, lanes: Int) {
        var firstState = Rule.stateCount > 0 ? load(first, index, lanes) : FloatVector()
        var secondState = Rule.stateCount > 1 ? load(second, index, lanes) : FloatVector()
        let next = rule(load(x, index, lanes), load(g, index, lanes), &firstState, &secondState)
        store(next, nextX, index, lanes)
        if Rule.stateCount > 0 { store(firstState, nextFirst, index, lanes) }
        if Rule.stateCount > 1 { store(secondState, nextSecond, index, lanes) }
    }

    @inline(__always)
    private func load(_ pointer: UnsafePointer<Float>?, _ index: Int, _ lanes: Int) -> FloatVector {
        guard let pointer else { return FloatVector() }
        return lanes == 16 ? pointer.loadFloatVector(at: index) : pointer.loadPartialFloatVector(at: index, count: lanes)
    }

    @inline(__always)
    private func store(_ vector: FloatVector, _ pointer: UnsafeMutablePointer<Float>?, _ index: Int, _ lanes: Int) {
        guard let pointer else { return }
        if lanes == 16 {
            pointer.storeFloatVector(vector, at: index)
        } else {
            pointer.storePartialFloatVector(vector, at: index, count: lanes)
        }
    }
}
