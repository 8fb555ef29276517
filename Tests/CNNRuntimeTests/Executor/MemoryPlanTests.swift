import CNNIR
import CNNRuntime
import Testing

/// The memory planner and the checker that proves plans correct.
@Suite("Memory plans")
struct MemoryPlanTests {
    /// `count` buffers with random sizes (0 to 100 KB, not multiples of the alignment) and
    /// random lifetimes within `steps` steps.
    static func randomRequest(count: Int, steps: Int, using generator: inout SeededGenerator) -> MemoryPlanRequest {
        let buffers = (0..<count).map { index in
            let first = Int(generator.next(upperBound: UInt64(steps)))
            let length = Int(generator.next(upperBound: UInt64(min(8, steps - first))))
            return MemoryBuffer(name: "b\(index)", bytes: Int(generator.next(upperBound: UInt64(100_000))),
                                firstStep: first, lastStep: first + length)
        }
        return MemoryPlanRequest(buffers: buffers)
    }

    /// Every single fit and order, each alone, without repairs.
    static let singleStrategies = GreedyMemoryPlanner.Fit.allCases.flatMap { fit in
        PlacementOrder.allCases.map { GreedyMemoryPlanner(fits: [fit], orders: [$0], repairs: 0) }
    }

    @Test("greedy plans of 300 random requests are valid, aligned, between the peak and the naive sum, and no larger than any single strategy's")
    func randomLifetimes() throws {
        var generator = SeededGenerator(seed: 2024)
        for trial in 0..<300 {
            let request = Self.randomRequest(count: 1 + trial % 60, steps: 1 + trial % 40, using: &generator)
            let plan = GreedyMemoryPlanner().plan(request)
            try plan.validate(request)
            #expect(plan.offsets.allSatisfy { $0 % 64 == 0 })
            #expect(plan.arenaBytes >= request.peakLiveBytes)
            #expect(plan.arenaBytes <= request.naiveBytes + 64 * request.buffers.count, "trial \(trial)")
            for strategy in Self.singleStrategies {
                let single = strategy.plan(request)
                try single.validate(request)
                #expect(plan.arenaBytes <= single.arenaBytes, "trial \(trial): \(strategy.fits) \(strategy.orders)")
            }
        }
    }

    @Test("best fit beats first fit: a block takes the gap it fills exactly, leaving the larger gap for a later block")
    func bestFitBeatsFirstFit() throws {
        let kilobyte = 1024
        let request = MemoryPlanRequest(buffers: [(6, 1, 3), (7, 4, 7), (4, 0, 4), (6, 3, 6), (9, 5, 7), (8, 3, 7)].enumerated().map { index, buffer in
            MemoryBuffer(name: "b\(index)", bytes: buffer.0 * kilobyte, firstStep: buffer.1, lastStep: buffer.2)
        })
        // By size: b4 at 0K, b5 at 9K, b1 at 17K, b3 at 24K. b0 (6K, steps 1-3) meets only b5 and
        // b3, so the gaps 0K..<9K and 17K..<24K are free: first fit takes the lower, best fit the
        // tighter one. b2 (4K, steps 0-4) then fits under b5 only if b0 left that gap.
        let best = GreedyMemoryPlanner(fits: [.best], orders: [.size], repairs: 0).plan(request)
        let first = GreedyMemoryPlanner(fits: [.first], orders: [.size], repairs: 0).plan(request)
        try best.validate(request)
        try first.validate(request)
        #expect(best.offsets == [17, 17, 0, 24, 0, 9].map { $0 * kilobyte })
        #expect(first.offsets == [0, 17, 30, 24, 0, 9].map { $0 * kilobyte })
        #expect(best.arenaBytes == 30 * kilobyte)
        #expect(first.arenaBytes == 34 * kilobyte)
        #expect(request.peakLiveBytes == 30 * kilobyte)
    }

    @Test("repairing the best order reaches the peak where no order alone does")
    func repairReachesThePeak() throws {
        let kilobyte = 1024
        let request = MemoryPlanRequest(buffers: [(3, 4, 4), (2, 2, 4), (3, 1, 1), (1, 0, 3)].enumerated().map { index, buffer in
            MemoryBuffer(name: "b\(index)", bytes: buffer.0 * kilobyte, firstStep: buffer.1, lastStep: buffer.2)
        })
        #expect(request.peakLiveBytes == 5 * kilobyte)
        let unrepaired = GreedyMemoryPlanner(repairs: 0).plan(request)
        try unrepaired.validate(request)
        #expect(unrepaired.arenaBytes == 6 * kilobyte)
        // By size, b3 (1K, steps 0-3) comes last and finds no gap under b2 and b1; moved to
        // the front it takes offset 0 and the others fit around it.
        let repaired = GreedyMemoryPlanner().plan(request)
        try repaired.validate(request)
        #expect(repaired.offsets == [0, 3, 1, 0].map { $0 * kilobyte })
        #expect(repaired.arenaBytes == 5 * kilobyte)
    }

    @Test("the peak is the largest sum of aligned blocks alive at one step; efficiency is peak over arena")
    func efficiencyFigures() throws {
        let request = MemoryPlanRequest(buffers: [
            MemoryBuffer(name: "a", bytes: 100, firstStep: 0, lastStep: 1),
            MemoryBuffer(name: "b", bytes: 200, firstStep: 1, lastStep: 2),
            MemoryBuffer(name: "c", bytes: 300, firstStep: 2, lastStep: 3),
            MemoryBuffer(name: "d", bytes: 10, firstStep: 3, lastStep: 3),
        ])
        // Aligned sizes 128, 256, 320, 64: steps hold 128, 384, 576, 384 bytes.
        #expect(request.peakLiveBytes == 576)
        #expect(request.naiveBytes == 610)
        let plan = MemoryPlan(offsets: [0, 128, 384, 0], arenaBytes: 704)
        try plan.validate(request)
        let statistics = MemoryStatistics(request: request, plan: plan)
        #expect(statistics.arenaBytes == 704)
        #expect(statistics.peakLiveBytes == 576)
        #expect(statistics.naiveBytes == 610)
        #expect(statistics.efficiency == 576.0 / 704.0)
        #expect(statistics.sharedBuffers.isEmpty)
        let planned = GreedyMemoryPlanner().plan(request)
        try planned.validate(request)
        #expect(planned.arenaBytes == 576)
        #expect(MemoryStatistics(request: request, plan: planned).efficiency == 1)
    }

    @Test("buffers whose lifetimes do not meet share memory; buffers alive together do not")
    func reuse() throws {
        let request = MemoryPlanRequest(buffers: [
            MemoryBuffer(name: "a", bytes: 1000, firstStep: 0, lastStep: 1),
            MemoryBuffer(name: "b", bytes: 1000, firstStep: 1, lastStep: 2),
            MemoryBuffer(name: "c", bytes: 1000, firstStep: 2, lastStep: 3),
        ])
        let plan = GreedyMemoryPlanner().plan(request)
        try plan.validate(request)
        #expect(plan.offsets[0] == plan.offsets[2])
        #expect(plan.offsets[0] != plan.offsets[1])
        #expect(plan.arenaBytes == 2048)
        #expect(request.peakLiveBytes == 2048)
        #expect(request.naiveBytes == 3000)
    }

    @Test("the checker catches overlaps, misalignment, buffers outside the arena and a wrong offset count")
    func checkerCatchesErrors() {
        let request = MemoryPlanRequest(buffers: [
            MemoryBuffer(name: "%a", bytes: 128, firstStep: 0, lastStep: 2),
            MemoryBuffer(name: "%b", bytes: 128, firstStep: 2, lastStep: 3),
            MemoryBuffer(name: "%c", bytes: 128, firstStep: 3, lastStep: 4),
        ])
        let valid = MemoryPlan(offsets: [0, 128, 0], arenaBytes: 256)
        #expect(ExecutorTestSupport.diagnosticMessage { try valid.validate(request) } == nil)
        let overlapping = MemoryPlan(offsets: [0, 64, 256], arenaBytes: 384)
        #expect(ExecutorTestSupport.diagnosticMessage { try overlapping.validate(request) }
                == "buffers %a (bytes 0..<128, steps 0...2) and %b (bytes 64..<192, steps 2...3) overlap while both are alive")
        let misaligned = MemoryPlan(offsets: [0, 130, 0], arenaBytes: 384)
        #expect(ExecutorTestSupport.diagnosticMessage { try misaligned.validate(request) }?.contains("aligned") == true)
        let outside = MemoryPlan(offsets: [0, 128, 0], arenaBytes: 200)
        #expect(ExecutorTestSupport.diagnosticMessage { try outside.validate(request) }?.contains("inside the arena of 200 bytes") == true)
        let short = MemoryPlan(offsets: [0], arenaBytes: 256)
        #expect(ExecutorTestSupport.diagnosticMessage { try short.validate(request) } == "memory plan has 1 offsets for 3 buffers")
    }

    @Test("a wrong planner's plan is refused when a model is prepared")
    func wrongPlannerRefused() throws {
        struct EverythingAtZero: MemoryPlanner {
            func plan(_ request: MemoryPlanRequest) -> MemoryPlan {
                MemoryPlan(offsets: request.buffers.map { _ in 0 }, arenaBytes: request.buffers.map(\.bytes).max() ?? 0)
            }
        }
        let graph = try ExecutorTestSupport.graph("""
            graph @g(%x: f32[4]) -> f32[4] {
              %a = relu %x : f32[4]
              %b = sigmoid %a : f32[4]
              %c = add %a, %b : f32[4]
              return %c
            }
            """)
        let message = ExecutorTestSupport.diagnosticMessage {
            _ = try Model(graph: graph, parameters: [:], options: ExecutionOptions(memoryPlanner: EverythingAtZero()))
        }
        #expect(message?.contains("overlap while both are alive") == true)
    }
}
