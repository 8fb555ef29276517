import CNNIR

extension ExecutionPlan {
    /// Runs the plan on `inputs` (by input name, each of the declared type) and returns the
    /// outputs by name, as new tensors. Throws a `Diagnostic` for an unknown, missing or
    /// mistyped input, or when a node on the reference kernels rejects its operands.
    public func run(_ inputs: [String: Tensor]) throws -> [String: Tensor] {
        try execute(inputs, timed: false).outputs
    }

    /// Runs the plan like `run`, timing every node.
    public func runProfiled(_ inputs: [String: Tensor]) throws -> (outputs: [String: Tensor], layers: [LayerTiming]) {
        let (outputs, seconds) = try execute(inputs, timed: true)
        return (outputs, zip(steps, seconds).map { LayerTiming($0.layer, seconds: $1) })
    }

    /// One run: checks the inputs, keeps OpenBLAS on one thread, takes an arena, copies the
    /// inputs in (in bands of rows, one per thread: `Tensor.copyBytes(to:threadCount:)`), runs
    /// every step with flush-to-zero on, and copies the outputs out. With `timed`, also the
    /// seconds of each step.
    private func execute(_ inputs: [String: Tensor], timed: Bool) throws -> (outputs: [String: Tensor], seconds: [Double]) {
        try ValueChecks.check(inputs, against: graph.inputs, role: "input", graph: graph)
        BLASThreads.useOneThread()
        return try pool.withArena { arena in
            try FloatingPointMode.withFlushToZero {
                let context = KernelContext(threadCount: options.threadCount)
                for (declaration, location) in zip(graph.inputs, inputLocations) {
                    inputs[declaration.name]?.copyBytes(to: location.pointer(arena: arena.base, resident: resident),
                                                        threadCount: context.threadCount)
                }
                var seconds: [Double] = []
                if timed {
                    seconds.reserveCapacity(steps.count)
                    let clock = ContinuousClock()
                    for index in steps.indices {
                        let start = clock.now
                        try runStep(index, arena: arena, context: context)
                        seconds.append((clock.now - start).seconds)
                    }
                } else {
                    for index in steps.indices { try runStep(index, arena: arena, context: context) }
                }
                var outputs: [String: Tensor] = [:]
                for source in outputSources {
                    outputs[source.name] = try Tensor(source.type, copyingBytesFrom: source.location.pointer(arena: arena.base, resident: resident))
                }
                return (outputs, seconds)
            }
        }
    }

    /// Runs step `index` on its buffers in `arena`.
    @inline(__always)
    private func runStep(_ index: Int, arena: Arena, context: KernelContext) throws {
        guard steps[index].skipped == nil else { return }
        switch steps[index].kernel {
        case .fast(let kernel): kernel.run(arena.stepBuffers[index], context: context)
        case .reference(let adapter): try adapter.evaluate(arena.stepBuffers[index])
        }
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
