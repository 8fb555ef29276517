extension BenchResult {
    /// What `cnnc bench --train` adds: the step's settings, the throughput, the loss of the
    /// steps taken and the step's memory plan.
    struct Training: Encodable, Sendable {
        /// Images per step.
        var batchSize: Int
        /// The update rule, as given to --optimizer.
        var optimizer: String
        /// The loss, as given to --loss.
        var loss: String
        /// The learning rate.
        var learningRate: Double
        /// Images per second at the median step time.
        var imagesPerSecond: Double
        /// The loss of the first step taken (the first warm-up step, if any); nil when it is
        /// not finite (JSON has no NaN).
        var firstLoss: Double?
        /// The loss of the last timed step; nil when it is not finite.
        var lastLoss: Double?
        /// The bytes of the step's arena (intermediates and workspaces, planned).
        var arenaBytes: Int
        /// The sum of the bytes of every intermediate and workspace, each in its own buffer.
        var naiveBytes: Int

        enum CodingKeys: String, CodingKey {
            case optimizer, loss
            case batchSize = "batch_size"
            case learningRate = "learning_rate"
            case imagesPerSecond = "images_per_second"
            case firstLoss = "first_loss"
            case lastLoss = "last_loss"
            case arenaBytes = "arena_bytes"
            case naiveBytes = "naive_bytes"
        }

        /// The figures of `losses` (every step taken, in order), `medianMilliseconds` per step
        /// of `batchSize` images, and the step's memory plan.
        init(batchSize: Int, optimizer: String, loss: String, learningRate: Double, medianMilliseconds: Double,
             losses: [Float], arenaBytes: Int, naiveBytes: Int) {
            self.batchSize = batchSize
            self.optimizer = optimizer
            self.loss = loss
            self.learningRate = learningRate
            imagesPerSecond = medianMilliseconds > 0 ? (Double(batchSize) / medianMilliseconds * 1e3).rounded() : 0
            firstLoss = losses.first.flatMap { $0.isFinite ? Double($0) : nil }
            lastLoss = losses.last.flatMap { $0.isFinite ? Double($0) : nil }
            self.arenaBytes = arenaBytes
            self.naiveBytes = naiveBytes
        }
    }
}
