import CNNIR
import CNNRuntime
import Foundation
import Testing

/// Preparation and running of execution plans on small graphs.
@Suite("Execution plans")
struct ExecutionPlanTests {
    /// A family that takes every `tanh` node with a kernel computing `x + 1` through its
    /// workspace, so the test sees whether the registry asked it and whether the executor
    /// gave it an aligned workspace of the size it declared.
    struct PlusOneFamily: KernelFamily {
        struct PlusOneKernel: Kernel {
            let name = "plus-one"
            let count: Int
            var workspaceBytes: Int { count * 4 }
            func run(_ buffers: KernelBuffers, context: KernelContext) {
                guard let workspace = buffers.workspace, Int(bitPattern: workspace) % 64 == 0 else { return }
                let scratch = workspace.assumingMemoryBound(to: Float.self)
                let x = buffers.inputs[0].assumingMemoryBound(to: Float.self)
                let y = buffers.outputs[0].assumingMemoryBound(to: Float.self)
                for index in 0..<count { scratch[index] = x[index] + 1 }
                for index in 0..<count { y[index] = scratch[index] }
            }
        }

        func makeKernel(for request: KernelRequest) throws -> Kernel? {
            request.node.op == .tanh ? PlusOneKernel(count: request.operandShape(0).reduce(1, *)) : nil
        }
    }

    @Test("the registry asks its families in order, and a kernel's workspace is planned in the arena")
    func customFamilyAndWorkspace() throws {
        let graph = try ExecutorTestSupport.graph("""
            graph @g(%x: f32[2,3]) -> f32[2,3] {
              %t = tanh %x : f32[2,3]
              %r = relu %t : f32[2,3]
              return %r
            }
            """)
        let plan = try ExecutionPlan(graph: graph, parameters: [:], registry: KernelRegistry(families: [PlusOneFamily()]))
        #expect(plan.layers.map(\.kernel) == ["plus-one", "reference"])
        #expect(plan.memoryRequest.buffers.map(\.name) == ["%x", "%t", "%r", "workspace of %t"])
        #expect(plan.memoryRequest.buffers.last?.bytes == 24)
        try plan.memoryPlan.validate(plan.memoryRequest)
        let x = try Tensor(shape: [2, 3], scalars: [-3, -2, -1, 0, 1, 2])
        #expect(try plan.run(["x": x])["r"] == (try Tensor(shape: [2, 3], scalars: [0, 0, 0, 1, 2, 3])))
    }

    @Test("lifetimes: inputs from step 0, results from their node to their last use, outputs to the end")
    func lifetimes() throws {
        let graph = try ExecutorTestSupport.graph("""
            graph @g(%x: f32[8]) -> (f32[8], f32[8]) {
              %a = relu %x : f32[8]
              %b = sigmoid %a : f32[8]
              %c = add %a, %b : f32[8]
              %d = tanh %c : f32[8]
              return %d, %b
            }
            """)
        let plan = try ExecutionPlan(graph: graph, parameters: [:])
        let buffers = plan.memoryRequest.buffers
        #expect(buffers.map(\.name) == ["%x", "%a", "%b", "%c", "%d"])
        #expect(buffers.map(\.firstStep) == [0, 0, 1, 2, 3])
        #expect(buffers.map(\.lastStep) == [0, 2, 4, 3, 4])
        #expect(buffers.allSatisfy { $0.bytes == 32 })
        try plan.memoryPlan.validate(plan.memoryRequest)
    }

    @Test("constants are folded into the plan; outputs may be inputs, parameters or constants")
    func constantsAndDirectOutputs() throws {
        let graph = try ExecutorTestSupport.graph("""
            graph @g(%x: f32[3]) -> (f32[3], f32[3], f32[3], f32[3]) {
              %w = param f32[3]
              %k = constant {value = dense<[1.0, 2.0, 3.0]> : f32[3]} : f32[3]
              %y = mul %x, %k : f32[3]
              %z = add %y, %w : f32[3]
              return %z, %x, %w, %k
            }
            """)
        let w = try Tensor(shape: [3], scalars: [10, 20, 30])
        let model = try Model(graph: graph, parameters: ["w": w])
        #expect(model.layers.map(\.node) == ["y", "z"])
        let x = try Tensor(shape: [3], scalars: [1, -1, 0.5])
        let outputs = try model.run(["x": x])
        #expect(outputs["z"] == (try Tensor(shape: [3], scalars: [11, 18, 31.5])))
        #expect(outputs["x"] == x)
        #expect(outputs["w"] == w)
        #expect(outputs["k"] == (try Tensor(shape: [3], scalars: [1, 2, 3])))
    }

    @Test("runs flush denormals to zero and restore the caller's floating-point mode")
    func flushToZero() throws {
        let graph = try ExecutorTestSupport.graph("""
            graph @g(%a: f32[4], %b: f32[4]) -> f32[4] {
              %p = mul %a, %b : f32[4]
              return %p
            }
            """)
        let small = try Tensor(shape: [4], scalars: [1e-20, 2e-20, -1e-20, 1e-19])
        for backend in ExecutionOptions.Backend.allCases {
            let model = try Model(graph: graph, parameters: [:], options: ExecutionOptions(backend: backend))
            let product = try #require(try model.run(["a": small, "b": small])["p"])
            #expect(product.scalars == [0, 0, 0, 0], "\(backend)")
        }
        let denormal = small.scalars[0] * small.scalars[0]
        #expect(denormal != 0 && denormal.isSubnormal)
    }

    @Test("profiled runs time every node, in order, with the same outputs")
    func profiledRun() throws {
        let (graph, parameters) = try ExecutorTestSupport.example("lenet5")
        let model = try Model(graph: graph, parameters: parameters)
        let inputs = try ExecutorTestSupport.randomInputs(for: graph, seed: 8)
        let (outputs, layers) = try model.runProfiled(inputs)
        #expect(outputs == (try model.run(inputs)))
        #expect(layers.map(\.node) == graph.nodes.map(\.name))
        #expect(layers.map(\.op) == graph.nodes.map(\.op))
        #expect(layers.map(\.outputType) == graph.nodes.map { $0.results[0].type })
        #expect(layers.allSatisfy { $0.seconds >= 0 && $0.seconds < 10 })
        #expect(layers.first { $0.op == .conv }?.kernel != "reference")
    }

    @Test("the default thread count comes from CNNC_NUM_THREADS when it is a positive integer")
    func threadCount() {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        #expect(ExecutionOptions.defaultThreadCount(environment: ["CNNC_NUM_THREADS": "3"]) == 3)
        #expect(ExecutionOptions.defaultThreadCount(environment: ["CNNC_NUM_THREADS": " 1 "]) == 1)
        #expect(ExecutionOptions.defaultThreadCount(environment: ["CNNC_NUM_THREADS": "0"]) == cores)
        #expect(ExecutionOptions.defaultThreadCount(environment: ["CNNC_NUM_THREADS": "many"]) == cores)
        #expect(ExecutionOptions.defaultThreadCount(environment: [:]) == cores)
        #expect(ExecutionOptions(threadCount: 0).threadCount == 1)
    }
}
