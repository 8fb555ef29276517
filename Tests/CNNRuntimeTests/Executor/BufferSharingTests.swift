import CNNIR
import CNNRuntime
import Testing

/// Views, in-place results and concat slices in the executor: the same outputs as with every
/// value in bytes of its own and as the reference kernels, in a smaller arena.
@Suite("Buffer sharing in the executor")
struct BufferSharingTests {
    /// The graph prepared three ways: fast kernels sharing buffers, fast kernels not sharing,
    /// and reference kernels sharing.
    struct Variants {
        let shared: Model
        let unshared: Model
        let reference: Model

        /// The sharing of each buffer of the shared plan, by buffer name: kind and the name of
        /// the buffer shared.
        var sharing: [String: String] {
            let buffers = shared.plan.memoryRequest.buffers
            return buffers.reduce(into: [:]) { found, buffer in
                if let sharing = buffer.sharing { found[buffer.name] = "\(sharing.kind.rawValue) \(buffers[sharing.buffer].name)" }
            }
        }
    }

    /// Prepares `text` three ways, checks every plan, runs each twice on the same random
    /// inputs and requires: the shared fast outputs bit-identical to the unshared ones (on
    /// both runs), the reference outputs within 1e-5 relative L2, and a smaller arena (or, when
    /// not `shrinks`, one no larger).
    static func variants(_ text: String, shrinks: Bool = true) throws -> Variants {
        let graph = try ExecutorTestSupport.graph(text)
        let variants = Variants(
            shared: try Model(graph: graph, parameters: [:], options: ExecutionOptions(backend: .fast)),
            unshared: try Model(graph: graph, parameters: [:], options: ExecutionOptions(backend: .fast, sharesBuffers: false)),
            reference: try Model(graph: graph, parameters: [:], options: ExecutionOptions(backend: .reference)))
        for model in [variants.shared, variants.unshared, variants.reference] {
            try model.plan.memoryPlan.validate(model.plan.memoryRequest)
        }
        #expect(variants.unshared.plan.memoryRequest.buffers.allSatisfy { $0.sharing == nil })
        let inputs = try ExecutorTestSupport.randomInputs(for: graph, seed: 17)
        let expected = try variants.unshared.run(inputs)
        for _ in 0..<2 {
            #expect(try variants.shared.run(inputs) == expected)
            let reference = try variants.reference.run(inputs)
            for (name, tensor) in expected {
                let error = KernelHarness.relativeL2Error(try #require(reference[name]), tensor)
                #expect(error <= 1e-5, "output %\(name): relative L2 error \(error)")
            }
        }
        let (shared, unshared) = (variants.shared.memory.arenaBytes, variants.unshared.memory.arenaBytes)
        #expect(shrinks ? shared < unshared : shared <= unshared, "arena \(shared) bytes shared, \(unshared) not shared")
        return variants
    }

    @Test("reshape, flatten, squeeze, unsqueeze, identity and dropout are views: their steps compute nothing")
    func views() throws {
        let variants = try Self.variants("""
            graph @g(%x: f32[1,2,3,4]) -> (f32[2,12], f32[1,24]) {
              %a = reshape %x {shape = [2,12]} : f32[2,12]
              %b = relu %a : f32[2,12]
              %c = unsqueeze %b {axes = [0]} : f32[1,2,12]
              %d = dropout %c {ratio = 0.3} : f32[1,2,12]
              %e = identity %d : f32[1,2,12]
              %s = squeeze %e {axes = [0]} : f32[2,12]
              %t = sigmoid %s : f32[2,12]
              %flat = flatten %t {axis = 0} : f32[1,24]
              return %s, %flat
            }
            """)
        #expect(variants.shared.layers.map(\.kernel) == ["view", "unary:relu", "view", "view", "view", "view", "unary:sigmoid", "view"])
        #expect(variants.reference.layers.filter { $0.kernel == "view" }.count == 6)
        // %b does not overwrite %a, a view of the graph input %x.
        #expect(variants.sharing == ["%a": "view %x", "%c": "view %b", "%d": "view %c", "%e": "view %d",
                                     "%s": "view %e", "%flat": "view %t"])
        #expect(variants.shared.memory.sharedBuffers == [.view: 6])
        #expect(variants.shared.memory.arenaBytes == 256)
    }

    @Test("views of a graph input returned with the input: no step runs, the arena holds the input alone")
    func viewsOfAnInput() throws {
        let graph = try ExecutorTestSupport.graph("""
            graph @g(%x: f32[2,3]) -> (f32[6], f32[2,3], f32[3,2]) {
              %v = reshape %x {shape = [6]} : f32[6]
              %w = reshape %v {shape = [3,2]} : f32[3,2]
              return %v, %x, %w
            }
            """)
        let model = try Model(graph: graph, parameters: [:])
        try model.plan.memoryPlan.validate(model.plan.memoryRequest)
        #expect(model.layers.map(\.kernel) == ["view", "view"])
        #expect(model.memory.arenaBytes == 64)
        let x = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let outputs = try model.run(["x": x])
        #expect(outputs["x"] == x)
        #expect(outputs["v"] == (try Tensor(shape: [6], scalars: [1, 2, 3, 4, 5, 6])))
        #expect(outputs["w"] == (try Tensor(shape: [3, 2], scalars: [1, 2, 3, 4, 5, 6])))
    }

    @Test("element-wise results overwrite an operand of their type read for the last time, never one read later, broadcast or a graph input")
    func inPlace() throws {
        let variants = try Self.variants("""
            graph @g(%x: f32[4,8], %y: f32[8]) -> (f32[4,8], f32[4,8]) {
              %a = relu %x : f32[4,8]
              %b = add %a, %y : f32[4,8]
              %c = mul %b, %b : f32[4,8]
              %d = sub %a, %c : f32[4,8]
              %e = tanh %d : f32[4,8]
              %f = div %y, %e : f32[4,8]
              return %d, %f
            }
            """)
        // %a: %x is a graph input. %b: %a is read again by %d and %y is broadcast. %e: %d is an output.
        #expect(variants.sharing == ["%c": "in-place %b", "%d": "in-place %a", "%f": "in-place %e"])
        #expect(variants.shared.memory.arenaBytes == 2 * 128 + 64)
        #expect(variants.unshared.memory.arenaBytes == 3 * 128 + 64)
    }

    @Test("concat operands used only by the concat are written into their slices (nested concats too, at unaligned offsets)")
    func concatInPlace() throws {
        let variants = try Self.variants("""
            graph @g(%x: f32[1,2,3,3]) -> (f32[1,8,3,3], f32[1,16,1,1]) {
              %a = relu %x : f32[1,2,3,3]
              %b = sigmoid %a : f32[1,2,3,3]
              %c = max_pool %a {kernel = [3,3], pads = [1,1,1,1]} : f32[1,2,3,3]
              %m = concat %b, %c {axis = 1} : f32[1,4,3,3]
              %d = tanh %a : f32[1,2,3,3]
              %e = neg %a : f32[1,2,3,3]
              %n = concat %m, %d, %e {axis = -3} : f32[1,8,3,3]
              %p = global_avg_pool %n : f32[1,8,1,1]
              %g = concat %p, %p {axis = 1} : f32[1,16,1,1]
              return %n, %g
            }
            """)
        #expect(variants.shared.layers.filter { $0.op == .concat }.map(\.kernel).prefix(2) == ["concat-in-place", "concat-in-place"])
        #expect(variants.shared.layers.last?.kernel != "concat-in-place")
        #expect(variants.sharing == ["%b": "slice %m", "%c": "slice %m", "%m": "slice %n", "%d": "slice %n",
                                     "%e": "slice %n"])
        let buffers = variants.shared.plan.memoryRequest.buffers, offsets = variants.shared.plan.memoryPlan.offsets
        let offset = { (name: String) in buffers.firstIndex { $0.name == name }.map { offsets[$0] } }
        let n = try #require(offset("%n"))
        #expect([offset("%b"), offset("%c"), offset("%m"), offset("%d"), offset("%e")] == [n, n + 72, n, n + 144, n + 216])
    }

    @Test("concats that cannot be written in place run: a batch above 1 before the axis, a graph input operand; graph inputs are never overwritten")
    func concatNotInPlace() throws {
        let variants = try Self.variants("""
            graph @g(%x: f32[2,2,3], %y: f32[1,4,3], %z: f32[1,3,3]) -> (f32[2,4,3], f32[1,7,3]) {
              %a = relu %x : f32[2,2,3]
              %b = neg %x : f32[2,2,3]
              %c = concat %a, %b {axis = 1} : f32[2,4,3]
              %t = tanh %z : f32[1,3,3]
              %d = concat %y, %t {axis = 1} : f32[1,7,3]
              return %c, %d
            }
            """, shrinks: false)
        #expect(!variants.shared.layers.contains { $0.kernel == "concat-in-place" })
        #expect(variants.sharing.isEmpty)
    }
}
