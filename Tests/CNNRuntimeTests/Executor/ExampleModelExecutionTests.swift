import CNNIR
import CNNRuntime
import Foundation
import Testing

/// Every example model runs end to end on the fast kernels and on the reference kernels, and
/// the two agree.
@Suite("Example models on the executor")
struct ExampleModelExecutionTests {
    /// Why 1e-4 relative L2: each fast kernel alone meets 1e-5 against the reference (see
    /// `KernelHarness.relativeL2Bound`); through a network the f32 rounding of every layer adds
    /// up, roughly with the square root of the depth for independent errors (ResNet-50 has 53
    /// convolutions and one gemm: √54 · 1e-5 ≈ 7e-5), while any wrong layer gives errors above 1e-2.
    static let relativeL2Bound = 1e-4

    @Test("fast and reference paths agree; the memory plan is valid", arguments: ExecutorTestSupport.exampleNames)
    func fastMatchesReference(name: String) throws {
        let (graph, parameters) = try ExecutorTestSupport.example(name)
        let inputs = try ExecutorTestSupport.randomInputs(for: graph, seed: 5)
        let fast = try Model(graph: graph, parameters: parameters, options: ExecutionOptions(backend: .fast))
        let reference = try Model(graph: graph, parameters: parameters, options: ExecutionOptions(backend: .reference))
        try fast.plan.memoryPlan.validate(fast.plan.memoryRequest)
        try reference.plan.memoryPlan.validate(reference.plan.memoryRequest)
        #expect(fast.layers.contains { $0.kernel != "reference" })
        #expect(reference.layers.allSatisfy { ["reference", "view", "concat-in-place"].contains($0.kernel) })

        var fastOutputs: [String: Tensor] = [:], referenceOutputs: [String: Tensor] = [:]
        let fastSeconds = try ExecutorTestSupport.seconds { fastOutputs = try fast.run(inputs) }
        let referenceSeconds = try ExecutorTestSupport.seconds { referenceOutputs = try reference.run(inputs) }
        var errors: [Double] = []
        for output in fast.outputs {
            let actual = try #require(fastOutputs[output.name]), expected = try #require(referenceOutputs[output.name])
            #expect(actual.type == output.type)
            let error = KernelHarness.relativeL2Error(actual, expected)
            #expect(error <= Self.relativeL2Bound, "\(name) output %\(output.name): relative L2 error \(error)")
            errors.append(error)
        }
        let memory = fast.memory
        #expect(memory.arenaBytes >= memory.peakLiveBytes)
        #expect(memory.arenaBytes <= memory.naiveBytes)
        #expect(memory.efficiency >= 0.95)
        let valueBytes = fast.plan.memoryRequest.buffers.filter { $0.name.hasPrefix("%") }.reduce(0) { $0 + $1.bytes }
        print("\(name): relative L2 error \(errors), fast \(String(format: "%.3f", fastSeconds)) s, reference \(String(format: "%.3f", referenceSeconds)) s, "
              + "arena \(memory.arenaBytes) B, naive \(memory.naiveBytes) B (values alone \(valueBytes) B), peak live \(memory.peakLiveBytes) B, "
              + "kernels \(Dictionary(grouping: fast.layers, by: \.kernel).mapValues(\.count).sorted { $0.key < $1.key })")
    }
}
