/// Early stopping on the test loss: training stops once the loss has not improved on its best
/// for `patience` epochs. The record travels in checkpoints' metadata, so a resumed run stops
/// where an uninterrupted one would.
struct EarlyStopping: Equatable {
    /// The metadata key of the best test loss.
    static let bestLossKey = "cnnc.train.best_test_loss"
    /// The metadata key of the epoch (counted from 1) that reached it.
    static let bestEpochKey = "cnnc.train.best_epoch"
    /// The metadata key of the number of epochs since then.
    static let staleKey = "cnnc.train.epochs_without_improvement"

    /// The epochs without improvement after which training stops; nil: never stop early.
    var patience: Int?
    /// The lowest test loss so far.
    var bestLoss = Double.infinity
    /// The epoch (from 1) of the lowest test loss; 0 before any.
    var bestEpoch = 0
    /// The epochs since the lowest test loss.
    var staleEpochs = 0

    /// The record kept in `metadata` (a fresh one, before any epoch, when it holds none), with `patience`.
    init(patience: Int?, metadata: [String: String]) {
        self.patience = patience
        if let loss = metadata[EarlyStopping.bestLossKey].flatMap(Double.init),
           let epoch = metadata[EarlyStopping.bestEpochKey].flatMap(Int.init),
           let stale = metadata[EarlyStopping.staleKey].flatMap(Int.init) {
            bestLoss = loss
            bestEpoch = epoch
            staleEpochs = stale
        }
    }

    /// Records the test loss of epoch `epoch` (from 1).
    mutating func record(loss: Double, epoch: Int) {
        if loss < bestLoss {
            bestLoss = loss
            bestEpoch = epoch
            staleEpochs = 0
        } else {
            staleEpochs += 1
        }
    }

    /// Whether training should stop now.
    var shouldStop: Bool {
        guard let patience else { return false }
        return bestEpoch > 0 && staleEpochs >= patience
    }

    /// The record as checkpoint metadata (nothing before the first epoch).
    var metadata: [String: String] {
        guard bestEpoch > 0 else { return [:] }
        return [EarlyStopping.bestLossKey: String(bestLoss), EarlyStopping.bestEpochKey: String(bestEpoch),
                EarlyStopping.staleKey: String(staleEpochs)]
    }
}
