/// One optimizer's update of 16 elements: the next value of x from x and its gradient g, the
/// state lanes (`stateCount` of them; the others are unused) updated in place. The scalars a rule
/// needs (the learning rate of this step, the bias correction) are computed once per run.
protocol ParameterUpdateRule {
    /// The number of state tensors: 0, 1 or 2.
    static var stateCount: Int { get }
    /// x_next for 16 lanes, with `first` and `second` replaced by the next state.
    func callAsFunction(_ x: FloatVector, _ g: FloatVector, _ first: inout FloatVector, _ second: inout FloatVector) -> FloatVector
}

/// sgd_update: x − lr·(g + weight_decay·x).
struct GradientDescentRule: ParameterUpdateRule {
    static let stateCount = 0
    let rate: Float, weightDecay: Float

    @inline(__always)
    func callAsFunction(_ x: FloatVector, _ g: FloatVector, _ first: inout FloatVector, _ second: inout FloatVector) -> FloatVector {
        x - rate * g.addingProduct(weightDecay, x)
    }
}

/// momentum_update: v_next = alpha·v + beta·g' (beta already 1 at step 0); x − lr·v_next, or
/// x − lr·(g' + alpha·v_next) with nesterov.
struct MomentumRule: ParameterUpdateRule {
    static let stateCount = 1
    let rate: Float, weightDecay: Float, alpha: Float, beta: Float, nesterov: Bool

    @inline(__always)
    func callAsFunction(_ x: FloatVector, _ g: FloatVector, _ first: inout FloatVector, _ second: inout FloatVector) -> FloatVector {
        let regularized = g.addingProduct(weightDecay, x)
        first = (alpha * first).addingProduct(beta, regularized)
        let direction = nesterov ? regularized.addingProduct(alpha, first) : first
        return x - rate * direction
    }
}

/// adagrad_update: h_next = h + g'²; x − r·g'/(√h_next + epsilon), r the decayed rate.
struct AdagradRule: ParameterUpdateRule {
    static let stateCount = 1
    let rate: Float, weightDecay: Float, epsilon: Float

    @inline(__always)
    func callAsFunction(_ x: FloatVector, _ g: FloatVector, _ first: inout FloatVector, _ second: inout FloatVector) -> FloatVector {
        let regularized = g.addingProduct(weightDecay, x)
        first.addProduct(regularized, regularized)
        return x - rate * regularized / (SquareRoot()(first) + epsilon)
    }
}

/// adam_update: m_next = alpha·m + (1−alpha)·g', v_next = beta·v + (1−beta)·g'²;
/// keep·(x − r·m_next/(√v_next + epsilon)), r the bias-corrected rate, keep = 1 − decoupled decay.
struct AdamRule: ParameterUpdateRule {
    static let stateCount = 2
    let rate: Float, weightDecay: Float, alpha: Float, beta: Float, epsilon: Float, keep: Float

    @inline(__always)
    func callAsFunction(_ x: FloatVector, _ g: FloatVector, _ first: inout FloatVector, _ second: inout FloatVector) -> FloatVector {
        let regularized = g.addingProduct(weightDecay, x)
        first = (alpha * first).addingProduct(1 - alpha, regularized)
        second = (beta * second).addingProduct((1 - beta) * regularized, regularized)
        return keep * (x - rate * first / (SquareRoot()(second) + epsilon))
    }
}

/// rmsprop_update: s_next = decay·s + (1−decay)·g'²; x − lr·g'/(√s_next + epsilon).
struct RootMeanSquareRule: ParameterUpdateRule {
    static let stateCount = 1
    let rate: Float, weightDecay: Float, decay: Float, epsilon: Float

    @inline(__always)
    func callAsFunction(_ x: FloatVector, _ g: FloatVector, _ first: inout FloatVector, _ second: inout FloatVector) -> FloatVector {
        let regularized = g.addingProduct(weightDecay, x)
        first = (decay * first).addingProduct((1 - decay) * regularized, regularized)
        return x - rate * regularized / (SquareRoot()(first) + epsilon)
    }
}
