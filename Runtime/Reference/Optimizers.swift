import Foundation
import CNNIR

extension ReferenceKernels {
    /// sgd_update, momentum_update, adagrad_update, adam_update, rmsprop_update, learning_rate and
    /// global_norm_scale.
    static let optimizerKernels: [OpKind: ReferenceKernel] = [
        .sgdUpdate: ReferenceKernel(results: { try stochasticGradientDescent($0) }),
        .momentumUpdate: ReferenceKernel(results: { try momentum($0) }),
        .adagradUpdate: ReferenceKernel(results: { try adagrad($0) }),
        .adamUpdate: ReferenceKernel(results: { try adam($0) }),
        .rmspropUpdate: ReferenceKernel(results: { try rootMeanSquarePropagation($0) }),
        .learningRate: ReferenceKernel(results: { [try learningRate($0)] }),
        .globalNormScale: ReferenceKernel(results: { [try globalNormScale($0)] }),
    ]
}

/// sgd_update: x − lr·g' with g' = g + weight_decay·x.
private func stochasticGradientDescent(_ invocation: ReferenceInvocation) throws -> [Tensor] {
    let update = try UpdateOperands(invocation, stateCount: 0, takesStep: false)
    return try update.results { x, g, _ in [x - update.rate * g] }
}

/// momentum_update (ONNX Momentum): v_next = alpha·v + b·g' (b = beta, or 1 at step 0);
/// x_next = x − lr·v_next, or x − lr·(g' + alpha·v_next) with nesterov.
private func momentum(_ invocation: ReferenceInvocation) throws -> [Tensor] {
    let update = try UpdateOperands(invocation, stateCount: 1, takesStep: true)
    let alpha = try invocation.double("alpha"), nesterov = try invocation.bool("nesterov"), givenBeta = try invocation.double("beta")
    let beta = update.step > 0 ? givenBeta : 1
    return try update.results { x, g, state in
        let velocity = alpha * state[0] + beta * g
        let direction = nesterov ? g + alpha * velocity : velocity
        return [x - update.rate * direction, velocity]
    }
}

/// adagrad_update (ONNX Adagrad): h_next = h + g'²; x_next = x − r·g'/(√h_next + epsilon) with
/// r = lr/(1 + step·decay_factor).
private func adagrad(_ invocation: ReferenceInvocation) throws -> [Tensor] {
    let update = try UpdateOperands(invocation, stateCount: 1, takesStep: true)
    let epsilon = try invocation.double("epsilon"), decay = try invocation.double("decay_factor")
    let rate = update.rate / (1 + Double(update.step) * decay)
    return try update.results { x, g, state in
        let accumulated = state[0] + g * g
        return [x - rate * g / (accumulated.squareRoot() + epsilon), accumulated]
    }
}

/// adam_update (ONNX Adam): m_next = alpha·m + (1−alpha)·g', v_next = beta·v + (1−beta)·g'²,
/// x_next = (1 − decoupled_weight_decay)·(x − r·m_next/(√v_next + epsilon)) with
/// r = lr·√(1−beta^step)/(1−alpha^step), or lr at step 0.
private func adam(_ invocation: ReferenceInvocation) throws -> [Tensor] {
    let update = try UpdateOperands(invocation, stateCount: 2, takesStep: true)
    let alpha = try invocation.double("alpha"), beta = try invocation.double("beta")
    let epsilon = try invocation.double("epsilon"), decoupled = try invocation.double("decoupled_weight_decay")
    let keep = 1 - decoupled
    let count = Double(update.step)
    let rate = update.step > 0 ? update.rate * (1 - pow(beta, count)).squareRoot() / (1 - pow(alpha, count)) : update.rate
    return try update.results { x, g, state in
        let mean = alpha * state[0] + (1 - alpha) * g
        let square = beta * state[1] + (1 - beta) * g * g
        return [keep * (x - rate * mean / (square.squareRoot() + epsilon)), mean, square]
    }
}

/// rmsprop_update: s_next = decay·s + (1−decay)·g'²; x_next = x − lr·g'/(√s_next + epsilon).
private func rootMeanSquarePropagation(_ invocation: ReferenceInvocation) throws -> [Tensor] {
    let update = try UpdateOperands(invocation, stateCount: 1, takesStep: false)
    let decay = try invocation.double("decay"), epsilon = try invocation.double("epsilon")
    return try update.results { x, g, state in
        let square = decay * state[0] + (1 - decay) * g * g
        return [x - update.rate * g / (square.squareRoot() + epsilon), square]
    }
}

/// learning_rate: the schedule's rate at the step (an f32 scalar).
private func learningRate(_ invocation: ReferenceInvocation) throws -> Tensor {
    let step = try updateCount(invocation, index: 0)
    let schedule = try ScheduledLearningRate(invocation.attributes)
    return Tensor(scalar: Float(schedule.rate(atStep: step)))
}

/// global_norm_scale: min(1, max_norm/(‖(g1, g2, …)‖₂ + 1e-6)) as an f32 scalar.
private func globalNormScale(_ invocation: ReferenceInvocation) throws -> Tensor {
    var squares = 0.0
    for index in invocation.operands.indices {
        let gradient = try invocation.tensor(index)
        guard gradient.dtype.isFloatingPoint else { throw Diagnostic("gradient \(index + 1) must be floating, found \(gradient.type)") }
        squares += gradient.doubles.reduce(0) { $0 + $1 * $1 }
    }
    let maximum = try invocation.double("max_norm")
    guard maximum > 0 else { throw Diagnostic("max_norm must be positive, found \(maximum)") }
    return Tensor(scalar: Float(min(1, maximum / (squares.squareRoot() + 1e-6))))
}

/// The update count operand at `index`: an i64 scalar, not negative.
private func updateCount(_ invocation: ReferenceInvocation, index: Int) throws -> Int {
    let tensor = try invocation.tensor(index)
    guard tensor.dtype == .i64, tensor.shape.isEmpty else { throw Diagnostic("step must be an i64 scalar, found \(tensor.type)") }
    let step = try tensor.elements(as: Int64.self)[0]
    guard step >= 0 else { throw Diagnostic("step must not be negative, found \(step)") }
    return Int(step)
}

/// The operands of an optimizer update, checked: x, g and `stateCount` state tensors of one type
/// (floating), the learning rate (a floating scalar) and, when the op takes it, the step.
private struct UpdateOperands {
    /// x, with its shape.
    let x: ReferenceArray
    /// The regularized gradient g + weight_decay·x.
    let gradient: [Double]
    /// The state tensors' elements.
    let states: [[Double]]
    /// The learning rate.
    let rate: Double
    /// The update count (0 when the op takes none).
    let step: Int
    /// The element type of x and of every result.
    let dtype: DType

    init(_ invocation: ReferenceInvocation, stateCount: Int, takesStep: Bool) throws {
        let xTensor = try invocation.tensor(0)
        guard xTensor.dtype.isFloatingPoint else { throw Diagnostic("x must be floating, found \(xTensor.type)") }
        let names = ["g"] + (stateCount == 2 ? ["m", "v"] : Array(repeating: "state", count: stateCount))
        for (offset, name) in names.enumerated() {
            let operand = try invocation.tensor(1 + offset)
            guard operand.type == xTensor.type else { throw Diagnostic("\(name) must be \(xTensor.type) like x, found \(operand.type)") }
        }
        let rateTensor = try invocation.tensor(2 + stateCount)
        guard rateTensor.dtype.isFloatingPoint, rateTensor.shape.isEmpty else {
            throw Diagnostic("lr must be a floating scalar, found \(rateTensor.type)")
        }
        x = ReferenceArray(xTensor)
        let decay = try invocation.double("weight_decay")
        gradient = zip(try invocation.tensor(1).doubles, x.values).map { $0 + decay * $1 }
        states = try (0..<stateCount).map { try invocation.tensor(2 + $0).doubles }
        rate = rateTensor.doubles[0]
        step = takesStep ? try updateCount(invocation, index: 3 + stateCount) : 0
        dtype = xTensor.dtype
    }

    /// The results, each shaped like x: `rule` maps (x, g', states) of one element to its
    /// (x_next, states_next).
    func results(_ rule: (Double, Double, [Double]) -> [Double]) throws -> [Tensor] {
        var columns = Array(repeating: [Double](), count: 1 + states.count)
        for index in x.values.indices {
            let next = rule(x.values[index], gradient[index], states.map { $0[index] })
            for (column, value) in next.enumerated() { columns[column].append(value) }
        }
        return try columns.map { try ReferenceArray(shape: x.shape, values: $0).tensor(dtype) }
    }
}
