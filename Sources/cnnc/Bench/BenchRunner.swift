import CNNRuntime

/// Runs a prepared model for `cnnc bench`: warm-up runs, timed whole runs, then profiled runs.
enum BenchRunner {
    /// Runs `model` on `inputs` `warmup` times untimed, `iterations` times timed as a whole, and
    /// `iterations` times with every layer timed.
    static func measure(_ model: Model, inputs: [String: Tensor], warmup: Int, iterations: Int) throws -> BenchMeasurements {
        for _ in 0..<warmup { _ = try model.run(inputs) }
        let clock = ContinuousClock()
        var runSeconds: [Double] = []
        for _ in 0..<iterations {
            let start = clock.now
            _ = try model.run(inputs)
            runSeconds.append(seconds(clock.now - start))
        }
        let profiles = try (0..<iterations).map { _ in
            try model.runProfiled(inputs).layers.map { layer in
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
