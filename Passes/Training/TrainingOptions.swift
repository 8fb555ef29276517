import CNNIR

/// How a model is trained: the loss on its first output, the optimizer and its learning-rate
/// schedule, weight decay, gradient clipping and the batch size.
public struct TrainingOptions: Sendable, Equatable {
    /// The loss applied to the model's first output and the labels.
    public var loss: TrainingLoss
    /// The update rule.
    public var optimizer: Optimizer
    /// The learning rate before the schedule.
    public var learningRate: Double
    /// How the learning rate changes with the step.
    public var schedule: LearningRateSchedule
    /// L2 weight decay (decoupled for AdamW).
    public var weightDecay: Double
    /// The largest global L2 norm of the gradients, which are scaled down to it; nil: no clipping.
    public var clipNorm: Double?
    /// Images per step.
    public var batchSize: Int

    /// Creates options; the defaults are SGD at 0.01 with a constant rate, batches of 32 and
    /// softmax cross-entropy.
    public init(loss: TrainingLoss = .softmaxCrossEntropy(labelSmoothing: 0), optimizer: Optimizer = .sgd,
                learningRate: Double = 0.01, schedule: LearningRateSchedule = LearningRateSchedule(),
                weightDecay: Double = 0, clipNorm: Double? = nil, batchSize: Int = 32) {
        self.loss = loss
        self.optimizer = optimizer
        self.learningRate = learningRate
        self.schedule = schedule
        self.weightDecay = weightDecay
        self.clipNorm = clipNorm
        self.batchSize = batchSize
    }
}

/// The loss a training step minimizes.
public enum TrainingLoss: Sendable, Equatable {
    /// softmax_cross_entropy against i64 class labels, with label smoothing.
    case softmaxCrossEntropy(labelSmoothing: Double)
    /// hinge against i64 class labels.
    case hinge(margin: Double)
    /// mse against f32 targets of the output's shape.
    case meanSquaredError
}

/// An update rule, with its hyper-parameters.
public enum Optimizer: Sendable, Equatable {
    /// x ← x − lr·g.
    case sgd
    /// Heavy-ball momentum (v ← m·v + g; x ← x − lr·v), or Nesterov's variant.
    case momentum(Double, nesterov: Bool)
    /// Adam (with decoupled weight decay: AdamW).
    case adam(beta1: Double, beta2: Double, epsilon: Double, decoupled: Bool)
    /// RMSprop.
    case rmsprop(decay: Double, epsilon: Double)
    /// AdaGrad.
    case adagrad(epsilon: Double)

    /// The names of the state tensors the rule keeps per parameter (each like the parameter).
    var stateSlots: [String] {
        switch self {
        case .sgd: return []
        case .momentum: return ["velocity"]
        case .adam: return ["m", "v"]
        case .rmsprop: return ["square_average"]
        case .adagrad: return ["square_sum"]
        }
    }
}

/// A learning-rate schedule: the `learning_rate` op's attributes.
public struct LearningRateSchedule: Sendable, Equatable {
    /// constant, step, exponential or cosine.
    public var kind: String
    /// Steps of linear warm-up from 0.
    public var warmupSteps: Int
    /// The step period (step, exponential) or length (cosine) of the decay.
    public var decaySteps: Int
    /// The factor per period (step, exponential).
    public var decayRate: Double
    /// The final rate of cosine.
    public var minimum: Double

    /// Creates a schedule (constant by default).
    public init(kind: String = "constant", warmupSteps: Int = 0, decaySteps: Int = 1, decayRate: Double = 1, minimum: Double = 0) {
        self.kind = kind
        self.warmupSteps = warmupSteps
        self.decaySteps = decaySteps
        self.decayRate = decayRate
        self.minimum = minimum
    }
}
