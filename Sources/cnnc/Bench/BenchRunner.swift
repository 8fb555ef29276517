import CNNRuntime

/// Runs a prepared model (or a training step) for `cnnc bench`: warm-up runs, timed whole runs,
/// then profiled runs.
enum BenchRunner {
    /// Runs `model` on `inputs` `warmup` times untimed, `iterations` times timed as a whole, and
    /// `iterations` times with every layer timed.
    static func measure(_ model: Model, inputs: [String: Tensor], warmup: Int, iterations: Int) throws -> BenchMeasurements {
        try measure(warmup: warmup, iterations: iterations, run: { _ = try model.run(inputs) },
                    profile: { try model.runProfiled(inputs).layers })
    }

    /// Calls `run` `warmup` times untimed and `iterations` times timed, then `profile` (one run
    /// that times every layer) `iterations` times.
    static func measure(warmup: Int, iterations: Int, run: () throws -> Void,
                        profile: () throws -> [LayerTiming]) throws -> BenchMeasurements {
        for _ in 0..<warmup { try run() }
        let clock = ContinuousClock()
        var runSeconds: [Double] = []
        for _ in 0..<iterations {
            let start = clock.now
            try run()
            runSeconds.append(seconds(clock.now - start))
        }
        let profiles = try (0..<iterations).map { _ in
            try profile().map { layer in
                BenchMeasurements.LayerSample(node: layer.node, op: layer.op.rawValue, kernel: layer.kernel,
                                              output: layer.outputType.description, seconds: layer.seconds)
            }
        }
        return BenchMeasurements(runSeconds: runSeconds, profiles: profiles)
    }

    /// A duration in seconds.
    private static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
