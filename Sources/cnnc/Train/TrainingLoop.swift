import CNNIR
import CNNRuntime
import Foundation

/// The epochs of `cnnc train`: shuffled full batches through the trainer, an evaluation after
/// every epoch, a progress line, a checkpoint, and early stopping on the test loss.
struct TrainingLoop {
    /// The metadata key of the data order's seed in checkpoints.
    static let seedKey = "cnnc.train.seed"

    /// The trainer, already resumed when the run continues a checkpoint.
    let trainer: Trainer
    /// The training and test samples.
    let data: TrainingData
    /// The epoch to stop after (counted from 1).
    let epochs: Int
    /// Images per step.
    let batchSize: Int
    /// The seed of every epoch's data order.
    let seed: UInt64
    /// Where to save a checkpoint after every epoch, if anywhere.
    let checkpointPath: String?
    /// Writes a line of progress.
    let report: (String) -> Void

    /// Trains from the trainer's epoch to `epochs`, or until early stopping, and returns the
    /// last test evaluation. Throws a `Diagnostic` when the loss stops being finite, and the
    /// trainer's and the checkpoint writer's diagnostics.
    func run(stopping initialStopping: EarlyStopping) throws -> TrainerEvaluation? {
        var stopping = initialStopping
        var lastTest: TrainerEvaluation?
        let clock = ContinuousClock()
        let started = clock.now
        let firstEpoch = trainer.epoch
        if firstEpoch >= epochs {
            report("nothing to train: the run has completed \(Quantity.counted(firstEpoch, "epoch")) of the \(epochs) asked for")
        }
        while trainer.epoch < epochs && !stopping.shouldStop {
            let epoch = trainer.epoch
            let (meanLoss, stepSeconds, images) = try runEpoch(epoch)
            let train = try trainer.evaluate(data.train)
            let test = try data.test.map { try trainer.evaluate($0) }
            lastTest = test
            trainer.epoch = epoch + 1
            if let loss = test?.loss { stopping.record(loss: loss, epoch: epoch + 1) }
            if let checkpointPath {
                trainer.metadata[TrainingLoop.seedKey] = String(seed)
                trainer.metadata.merge(stopping.metadata) { _, new in new }
                try trainer.save(to: checkpointPath)
            }
            let elapsed = (clock.now - started).seconds
            let perEpoch = elapsed / Double(trainer.epoch - firstEpoch)
            report(EpochReport(epoch: epoch + 1, epochs: epochs, loss: meanLoss, train: train, test: test,
                               imagesPerSecond: Double(images) / max(stepSeconds, 1e-9),
                               secondsLeft: perEpoch * Double(epochs - trainer.epoch)).line)
        }
        if stopping.shouldStop && trainer.epoch < epochs {
            report("stopped early after epoch \(trainer.epoch): the test loss has not improved for \(stopping.staleEpochs) epochs "
                   + "(best \(EpochReport.decimal(stopping.bestLoss)) after epoch \(stopping.bestEpoch))")
        }
        return lastTest
    }

    /// One epoch of steps: the mean loss, the seconds the steps took and the images they saw.
    private func runEpoch(_ epoch: Int) throws -> (loss: Double, seconds: Double, images: Int) {
        let clock = ContinuousClock()
        var seconds = 0.0
        var lossSum = 0.0
        let batches = try data.train.batchIndices(epoch: epoch, seed: seed, batchSize: batchSize, partial: .drop)
        for indices in batches {
            let batch = try data.train.batch(indices)
            let start = clock.now
            let loss = try trainer.step(inputs: batch.images, labels: batch.labels)
            seconds += (clock.now - start).seconds
            guard loss.isFinite else {
                throw Diagnostic("the loss became \(loss) at step \(trainer.stepCount) (epoch \(epoch + 1)); "
                                 + "lower the learning rate (--lr) or clip the gradients (--clip-norm)")
            }
            lossSum += Double(loss)
        }
        return (lossSum / Double(batches.count), seconds, batches.count * batchSize)
    }
}
