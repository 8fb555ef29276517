import CNNIR

/// Appends an optimizer's update of every trained parameter to a training graph: the learning
/// rate of the step (`learning_rate`), optional clipping by the gradients' global norm
/// (`global_norm_scale`), one update op per parameter, and the step counter's increment.
struct OptimizerEmission {
    /// The graph being extended (it has the `step` input and the gradients).
    let builder: GraphBuilder
    /// The optimizer, schedule and decay.
    let options: TrainingOptions

    /// What the updates define: the values fed back into the inputs, and the optimizer state's
    /// initial values.
    struct Updates {
        /// The outputs named `<input>.next`: parameters, optimizer state, then the step.
        var nextValues: [GraphValue]
        /// Zeros for every optimizer state input, 0 for the step.
        var initialState: [String: WeightTensor]
    }

    /// Appends the updates of `parameters`, whose gradients are named in `gradients`.
    func emitUpdates(parameters: [String], gradients: [String: String]) throws -> Updates {
        let step = try TrainingStepBuilder.value(TrainingStepBuilder.stepName, in: builder)
        let rate = try learningRate(step: step)
        var gradientValues = try parameters.map { name -> GraphValue in
            guard let gradient = gradients[name] else { throw Diagnostic("%\(name) has no gradient") }
            return try TrainingStepBuilder.value(gradient, in: builder)
        }
        if let maximum = options.clipNorm {
            let scale = try builder.apply(.globalNormScale, gradientValues, ["max_norm": .float(maximum)], name: "clip.scale")
            gradientValues = try gradientValues.map { try builder.mul($0, scale, name: $0.name + ".clipped") }
        }
        let counter = try stepCounter(step)
        var nextValues: [GraphValue] = []
        var initialState: [String: WeightTensor] = [:]
        for (name, gradient) in zip(parameters, gradientValues) {
            let parameter = try TrainingStepBuilder.value(name, in: builder)
            var state: [GraphValue] = []
            for slot in options.optimizer.stateSlots {
                let stateName = "optimizer.\(slot).\(name)"
                state.append(try builder.input(stateName, parameter.type))
                initialState[stateName] = try WeightTensor.zeros(dtype: parameter.dtype, shape: parameter.shape.fixedSizes ?? [])
            }
            nextValues += try update(parameter, gradient: gradient, state: state, rate: rate, counter: counter)
        }
        nextValues.append(try builder.add(step, builder.constant(integerScalar(1)), name: TrainingStep.nextValueName(of: step.name)))
        initialState[step.name] = try WeightTensor(shape: [], elements: [Int64(0)])
        return Updates(nextValues: nextValues, initialState: initialState)
    }

    /// The learning rate of this step, from the schedule.
    private func learningRate(step: GraphValue) throws -> GraphValue {
        let schedule = options.schedule
        return try builder.apply(.learningRate, [step], ["schedule": .string(schedule.kind), "base": .float(options.learningRate),
                                                        "warmup_steps": .int(schedule.warmupSteps), "decay_steps": .int(schedule.decaySteps),
                                                        "decay_rate": .float(schedule.decayRate), "minimum": .float(schedule.minimum)],
                                 name: "learning_rate")
    }

    /// The update count the optimizer ops take: Adam's bias correction counts from 1 at the
    /// first step, the others from 0.
    private func stepCounter(_ step: GraphValue) throws -> GraphValue {
        guard case .adam = options.optimizer else { return step }
        return try builder.add(step, builder.constant(integerScalar(1)), name: "optimizer.update_count")
    }

    /// The update op of one parameter; its results are named `<parameter>.next` and
    /// `<state>.next`.
    private func update(_ parameter: GraphValue, gradient: GraphValue, state: [GraphValue], rate: GraphValue,
                        counter: GraphValue) throws -> [GraphValue] {
        let names = ([parameter] + state).map { TrainingStep.nextValueName(of: $0.name) }
        let decay = AttributeValue.float(options.weightDecay)
        switch options.optimizer {
        case .sgd:
            return [try builder.apply(.sgdUpdate, [parameter, gradient, rate], ["weight_decay": decay], name: names[0])]
        case .momentum(let momentum, let nesterov):
            return try builder.apply(.momentumUpdate, [parameter, gradient, state[0], rate, counter],
                                     ["alpha": .float(momentum), "beta": .float(1), "weight_decay": decay, "nesterov": .bool(nesterov)],
                                     resultCount: 2, names: names)
        case .adam(let beta1, let beta2, let epsilon, let decoupled):
            var attributes: Attributes = ["alpha": .float(beta1), "beta": .float(beta2), "epsilon": .float(epsilon)]
            attributes[decoupled ? "decoupled_weight_decay" : "weight_decay"] = decay
            return try builder.apply(.adamUpdate, [parameter, gradient, state[0], state[1], rate, counter], attributes,
                                     resultCount: 3, names: names)
        case .rmsprop(let decayRate, let epsilon):
            return try builder.apply(.rmspropUpdate, [parameter, gradient, state[0], rate],
                                     ["decay": .float(decayRate), "epsilon": .float(epsilon), "weight_decay": decay],
                                     resultCount: 2, names: names)
        case .adagrad(let epsilon):
            return try builder.apply(.adagradUpdate, [parameter, gradient, state[0], rate, counter],
                                     ["epsilon": .float(epsilon), "weight_decay": decay], resultCount: 2, names: names)
        }
    }

    /// The i64 scalar literal `value`.
    private func integerScalar(_ value: Int64) -> TensorLiteral {
        TensorLiteral(type: TensorType(.i64, Shape([Int]())), storage: .integer([value]))
    }
}
