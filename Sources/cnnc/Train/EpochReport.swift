import CNNRuntime
import Foundation

/// The figures of one epoch of `cnnc train`, and its progress line:
///
/// ```
/// epoch  3/20  loss 0.2412  train acc 93.10%  test loss 0.2544  test acc 92.50%  4210 img/s  ETA 0:12
/// ```
struct EpochReport {
    /// The epoch, counted from 1.
    var epoch: Int
    /// The number of epochs of the run.
    var epochs: Int
    /// The mean loss of the epoch's steps.
    var loss: Double
    /// The accuracy on the training data after the epoch.
    var train: TrainerEvaluation
    /// The loss and accuracy on the test data after the epoch, when there are test data.
    var test: TrainerEvaluation?
    /// Training images per second over the epoch's steps.
    var imagesPerSecond: Double
    /// The estimated seconds left for the remaining epochs.
    var secondsLeft: Double

    /// The progress line.
    var line: String {
        let width = String(epochs).count
        var parts = ["epoch \(String(repeating: " ", count: width - String(epoch).count))\(epoch)/\(epochs)",
                     "loss \(EpochReport.decimal(loss))", "train acc \(EpochReport.percent(train.accuracy))"]
        if let test {
            if let loss = test.loss { parts.append("test loss \(EpochReport.decimal(loss))") }
            parts.append("test acc \(EpochReport.percent(test.accuracy))")
        }
        parts.append("\(Int(imagesPerSecond.rounded())) img/s")
        parts.append("ETA \(EpochReport.duration(secondsLeft))")
        return parts.joined(separator: "  ")
    }

    /// `value` with four decimals.
    static func decimal(_ value: Double) -> String { String(format: "%.4f", value) }

    /// A fraction as a percentage with two decimals: `93.10%`.
    static func percent(_ fraction: Double) -> String { String(format: "%.2f%%", 100 * fraction) }

    /// Seconds as `m:ss`, or `h:mm:ss` from an hour on.
    static func duration(_ seconds: Double) -> String {
        let total = Int(max(0, seconds).rounded())
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, rest) : String(format: "%d:%02d", minutes, rest)
    }
}
