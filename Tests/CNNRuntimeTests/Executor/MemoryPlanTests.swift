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

    @Test("greedy plans of 300 random requests are valid, aligned, and between the peak and the naive sum")
    func randomLifetimes() throws {
        var generator = SeededGenerator(seed: 2024)
        for trial in 0..<300 {
            let request = Self.randomRequest(count: 1 + trial % 60, steps: 1 + trial % 40, using: &generator)
            let plan = GreedyMemoryPlanner().plan(request)
            try plan.validate(request)
            #expect(plan.offsets.allSatisfy { $0 % 64 == 0 })
            #expect(plan.arenaBytes >= request.peakLiveBytes)
            #expect(plan.arenaBytes <= request.naiveBytes + 64 * request.buffers.count, "trial \(trial)")
        }
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
        #expect(plan.arenaBytes == 1024 + 1000)
        #expect(request.peakLiveBytes == 2000)
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
              return %b
            }
            """)
        let message = ExecutorTestSupport.diagnosticMessage {
            _ = try Model(graph: graph, parameters: [:], options: ExecutionOptions(memoryPlanner: EverythingAtZero()))
        }
        #expect(message?.contains("overlap while both are alive") == true)
    }
}
