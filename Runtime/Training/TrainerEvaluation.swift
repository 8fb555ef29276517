/// How well a model does on a set of samples: its mean loss (when the evaluation model returns
/// one) and the share of samples whose largest logit is at the labelled class.
public struct TrainerEvaluation: Sendable, Equatable {
    /// The mean loss over the samples, or nil when the evaluation model returns no loss.
    public var loss: Double?
    /// The number of samples whose first largest logit is at their label.
    public var correct: Int
    /// The number of samples evaluated.
    public var count: Int

    /// Creates an evaluation.
    public init(loss: Double?, correct: Int, count: Int) {
        self.loss = loss
        self.correct = correct
        self.count = count
    }

    /// `correct / count`, from 0 to 1 (0 for no samples).
    public var accuracy: Double { count == 0 ? 0 : Double(correct) / Double(count) }
}
