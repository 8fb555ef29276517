/// The raw times of a benchmark: whole runs, and the layers of profiled runs.
struct BenchMeasurements: Sendable {
    /// One layer's time in one profiled run.
    struct LayerSample: Sendable {
        /// The name of the node the layer computes (for a fused layer, the node it is named after).
        var node: String
        /// The op it computes.
        var op: String
        /// The kernel that ran it.
        var kernel: String
        /// Its output type.
        var output: String
        /// Its time in seconds.
        var seconds: Double
    }

    /// The time of every timed whole run, in seconds.
    var runSeconds: [Double]
    /// The layers of every profiled run, in execution order.
    var profiles: [[LayerSample]]
}
