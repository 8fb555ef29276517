import CNNIR
import CNNPasses

/// The options that describe a training step, shared by `train` and `compile --train`: the
/// loss, the optimizer and its learning rate, schedule, weight decay, clipping and batch size.
enum TrainingArguments {
    /// `--loss NAME`.
    static let loss = OptionSpec.option(
        "loss", value: "NAME", "the loss on the model's first output: softmax_cross_entropy (the default), hinge or mse")
    /// `--label-smoothing S`.
    static let labelSmoothing = OptionSpec.option(
        "label-smoothing", value: "S", "label smoothing of softmax_cross_entropy, in [0, 1] (default 0)")
    /// `--optimizer NAME`.
    static let optimizer = OptionSpec.option(
        "optimizer", value: "NAME", "sgd (the default), momentum, nesterov, adam, adamw, rmsprop or adagrad")
    /// `--lr RATE`.
    static let learningRate = OptionSpec.option("lr", value: "RATE", "the learning rate (default 0.01; 0.001 for adam, adamw and rmsprop)")
    /// `--momentum M`.
    static let momentum = OptionSpec.option("momentum", value: "M", "the momentum of momentum and nesterov (default 0.9)")
    /// `--schedule NAME`.
    static let schedule = OptionSpec.option(
        "schedule", value: "NAME", "the learning-rate schedule: constant (the default), step, exponential or cosine")
    /// `--warmup-steps STEPS`.
    static let warmup = OptionSpec.option("warmup-steps", value: "STEPS", "linear learning-rate warm-up over the first STEPS steps")
    /// `--decay-steps STEPS`.
    static let decaySteps = OptionSpec.option(
        "decay-steps", value: "STEPS", "the period of step and exponential decay, the length of cosine decay (default: the whole run)")
    /// `--decay-rate R`.
    static let decayRate = OptionSpec.option("decay-rate", value: "R", "the factor per period of step and exponential decay (default 0.1)")
    /// `--weight-decay W`.
    static let weightDecay = OptionSpec.option("weight-decay", value: "W", "L2 weight decay (decoupled for adamw; default 0, adamw 0.01)")
    /// `--clip-norm C`.
    static let clipNorm = OptionSpec.option("clip-norm", value: "C", "scale the gradients down to a global L2 norm of at most C")
    /// `--batch B`.
    static let batch = OptionSpec.option("batch", value: "B", "images per step (default 32)")

    /// Every option of this group.
    static let all = [loss, labelSmoothing, optimizer, learningRate, momentum, schedule, warmup, decaySteps, decayRate,
                      weightDecay, clipNorm, batch]

    /// The training options the flags ask for; `totalSteps` is the default length of the decay.
    static func options(from arguments: ParsedArguments, totalSteps: Int) throws(UsageError) -> TrainingOptions {
        let optimizerName = arguments.value(of: optimizer) ?? "sgd"
        let momentumValue = try number(momentum, arguments, default: 0.9, in: 0...1)
        let chosen: Optimizer
        switch optimizerName {
        case "sgd": chosen = .sgd
        case "momentum", "nesterov": chosen = .momentum(momentumValue, nesterov: optimizerName == "nesterov")
        case "adam", "adamw": chosen = .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8, decoupled: optimizerName == "adamw")
        case "rmsprop": chosen = .rmsprop(decay: 0.99, epsilon: 1e-8)
        case "adagrad": chosen = .adagrad(epsilon: 1e-10)
        default: throw UsageError("--optimizer \(optimizerName): expected sgd, momentum, nesterov, adam, adamw, rmsprop or adagrad")
        }
        let adaptive = ["adam", "adamw", "rmsprop"].contains(optimizerName)
        let chosenLoss: TrainingLoss
        switch arguments.value(of: loss) ?? "softmax_cross_entropy" {
        case "softmax_cross_entropy": chosenLoss = .softmaxCrossEntropy(labelSmoothing: try number(labelSmoothing, arguments, default: 0, in: 0...1))
        case "hinge": chosenLoss = .hinge(margin: 1)
        case "mse": chosenLoss = .meanSquaredError
        case let name: throw UsageError("--loss \(name): expected softmax_cross_entropy, hinge or mse")
        }
        let scheduleName = arguments.value(of: schedule) ?? "constant"
        guard ["constant", "step", "exponential", "cosine"].contains(scheduleName) else {
            throw UsageError("--schedule \(scheduleName): expected constant, step, exponential or cosine")
        }
        let plan = LearningRateSchedule(
            kind: scheduleName,
            warmupSteps: try IntegerArgument.parse(warmup, in: arguments, range: 0...Int.max, default: 0),
            decaySteps: try IntegerArgument.parse(decaySteps, in: arguments, range: 1...Int.max, default: max(totalSteps, 1)),
            decayRate: try number(decayRate, arguments, default: 0.1, in: 0...1))
        let clip = try arguments.value(of: clipNorm).map { _ throws(UsageError) in try number(clipNorm, arguments, default: 1, in: 1e-12...Double.greatestFiniteMagnitude) }
        return TrainingOptions(
            loss: chosenLoss, optimizer: chosen,
            learningRate: try number(learningRate, arguments, default: adaptive ? 1e-3 : 0.01, in: 1e-12...1e6),
            schedule: plan,
            weightDecay: try number(weightDecay, arguments, default: optimizerName == "adamw" ? 0.01 : 0, in: 0...1e6),
            clipNorm: clip,
            batchSize: try IntegerArgument.parse(batch, in: arguments, range: 1...1 << 20, default: 32))
    }

    /// The number `spec` gives, or `defaultValue`; a usage error unless it is a finite number in `range`.
    private static func number(_ spec: OptionSpec, _ arguments: ParsedArguments, default defaultValue: Double,
                               in range: ClosedRange<Double>) throws(UsageError) -> Double {
        guard let text = arguments.value(of: spec) else { return defaultValue }
        guard let value = Double(text), value.isFinite, range.contains(value) else {
            throw UsageError("\(spec.spelling) \(text): \(spec.valueName ?? "the value") must be a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }
}
