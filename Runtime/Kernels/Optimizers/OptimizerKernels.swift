import CNNIR

/// Fast f32 kernels for training's last ops: the optimizer updates (sgd, momentum, adagrad, adam,
/// rmsprop; one SIMD16 pass over x, g and the state), learning_rate, global_norm_scale, and
/// nll_loss with its gradient. Nodes with other element types run on the reference kernels.
public struct OptimizerKernels: KernelFamily {
    /// The ops this family has a kernel for (f32 tensors; i64 step and labels).
    public static let operations: Set<OpKind> = [
        .sgdUpdate, .momentumUpdate, .adagradUpdate, .adamUpdate, .rmspropUpdate, .learningRate, .globalNormScale,
        .nllLoss, .nllLossGrad,
    ]

    /// Creates the family.
    public init() {}

    public func makeKernel(for request: KernelRequest) throws -> Kernel? {
        switch request.node.op {
        case .sgdUpdate, .momentumUpdate, .adagradUpdate, .adamUpdate, .rmspropUpdate: return try parameterUpdate(request)
        case .learningRate:
            guard request.operandTypes.map(\.dtype) == [.i64], request.resultTypes.map(\.dtype) == [.f32] else { return nil }
            return LearningRateKernel(schedule: try attributed(request) { try ScheduledLearningRate(request.attributes) })
        case .globalNormScale:
            guard request.operandTypes.allSatisfy({ $0.dtype == .f32 }), request.resultTypes.map(\.dtype) == [.f32] else { return nil }
            return GlobalNormScaleKernel(counts: try request.operandTypes.map { try elementCount($0, request) },
                                         maximumNorm: try request.doubleAttribute("max_norm"))
        case .nllLoss, .nllLossGrad: return try negativeLogLikelihood(request)
        default: return nil
        }
    }

    /// The update kernel of an optimizer op whose tensors and learning rate are f32.
    private func parameterUpdate(_ request: KernelRequest) throws -> Kernel? {
        let float = { (name: String) in Float(try request.doubleAttribute(name)) }
        let weightDecay = try float("weight_decay")
        let update: ParameterUpdate
        switch request.node.op {
        case .sgdUpdate: update = .gradientDescent(weightDecay: weightDecay)
        case .momentumUpdate:
            update = .momentum(weightDecay: weightDecay, alpha: try float("alpha"), beta: try float("beta"),
                               nesterov: try request.boolAttribute("nesterov"))
        case .adagradUpdate:
            update = .adagrad(weightDecay: weightDecay, decayFactor: try request.doubleAttribute("decay_factor"), epsilon: try float("epsilon"))
        case .adamUpdate:
            update = .adam(weightDecay: weightDecay, alpha: try request.doubleAttribute("alpha"), beta: try request.doubleAttribute("beta"),
                           epsilon: try float("epsilon"), decoupledWeightDecay: try float("decoupled_weight_decay"))
        default: update = .rootMeanSquare(weightDecay: weightDecay, decay: try float("decay"), epsilon: try float("epsilon"))
        }
        let tensors = 3 + update.stateCount
        let expected = Array(repeating: DType.f32, count: tensors) + (update.takesStep ? [.i64] : [])
        guard request.operandTypes.map(\.dtype) == expected, request.resultTypes.allSatisfy({ $0.dtype == .f32 }),
              request.resultTypes.count == 1 + update.stateCount else { return nil }
        return ParameterUpdateKernel(name: request.node.op.rawValue, update: update, count: try elementCount(request.operandTypes[0], request))
    }

    /// The kernel of nll_loss or nll_loss_grad on f32 log probabilities (and weights, dloss).
    private func negativeLogLikelihood(_ request: KernelRequest) throws -> Kernel? {
        let isGradient = request.node.op == .nllLossGrad
        let types = request.operandTypes
        guard types.count >= 2, types[1].dtype == .i64, types.indices.allSatisfy({ $0 == 1 || types[$0].dtype == .f32 }),
              request.resultTypes.map(\.dtype) == [.f32] else { return nil }
        let shape = try staticSizes(types[0], request)
        guard shape.count >= 2 else { throw request.error("log_probabilities must be [N, C, …], found \(types[0])") }
        let ignored = try request.intsAttribute("ignore_index")
        guard ignored.count <= 1 else { throw request.error("ignore_index must hold at most one label, found \(ignored)") }
        let weighted = types.count == (isGradient ? 4 : 3)
        let geometry = LabelledPositionsGeometry(samples: shape[0], classes: shape[1], inner: shape.dropFirst(2).reduce(1, *),
                                                 ignoredLabel: ignored.first.map(Int64.init), weightsIndex: weighted ? 2 : nil,
                                                 reduction: try request.choiceAttribute("reduction", as: Reduction.self))
        if isGradient { return NegativeLogLikelihoodGradientKernel(geometry: geometry, dlossIndex: types.count - 1) }
        return NegativeLogLikelihoodKernel(geometry: geometry)
    }

    /// The static sizes of `type`, or a diagnostic at the node.
    private func staticSizes(_ type: TensorType, _ request: KernelRequest) throws -> [Int] {
        guard let sizes = type.shape.fixedSizes else { throw request.error("a fast kernel needs static shapes, found \(type)") }
        return sizes
    }

    /// The element count of a static `type`, or a diagnostic at the node.
    private func elementCount(_ type: TensorType, _ request: KernelRequest) throws -> Int {
        try staticSizes(type, request).reduce(1, *)
    }

    /// `body`'s result, its diagnostic located at the node.
    private func attributed<Result>(_ request: KernelRequest, _ body: () throws -> Result) throws -> Result {
        do { return try body() } catch let diagnostic as Diagnostic { throw request.error(diagnostic.message) }
    }
}
