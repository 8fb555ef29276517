import CNNIR
import CNNRuntime
import Testing

/// Graphs with the general tensor ops (several results, bool and i64 values) run through the
/// executor's arena on the reference adapter and agree with the reference executor.
@Suite("General tensor ops in the executor")
struct TensorOpExecutionTests {
    static let text = """
        graph @head(%x: f32[2,6], %limit: f32[]) -> (f32[2,2], i64[2], f32[2,4], bool[2,4]) {
          %left, %right = split %x {axis = 1, split = [2,4]} : f32[2,2], f32[2,4]
          %mask = greater %right, %limit : bool[2,4]
          %zero = constant {value = dense<0.0> : f32[]} : f32[]
          %kept = where %mask, %right, %zero : f32[2,4]
          %index = argmax %kept {axis = 1, keepdims = false} : i64[2]
          %step = constant {value = dense<[9007199254740993, -1]> : i64[2]} : i64[2]
          %shifted = add %index, %step : i64[2]
          %back = sub %shifted, %step : i64[2]
          %flipped = slice %left {ends = [-9223372036854775808], starts = [-1], steps = [-1], axes = [1]} : f32[2,2]
          return %flipped, %back, %kept, %mask
        }
        """

    @Test("split, comparisons, where, argmax and exact i64 arithmetic run through the arena")
    func runsThroughTheArena() throws {
        let graph = try ExecutorTestSupport.graph(Self.text)
        let model = try Model(graph: graph, parameters: [:])
        let x = try Tensor(shape: [2, 6], scalars: [1, 2, 0.5, -1, 3, 0.25, 3, 4, -2, 0.75, 0.5, 5])
        let inputs = ["x": x, "limit": Tensor(scalar: Float(0.3))]
        let outputs = try model.run(inputs)
        #expect(outputs["flipped"] == (try Tensor(shape: [2, 2], scalars: [2, 1, 4, 3])))
        #expect(outputs["mask"] == (try Tensor(shape: [2, 4], elements: [true, false, true, false, false, true, true, true])))
        #expect(outputs["kept"] == (try Tensor(shape: [2, 4], scalars: [0.5, 0, 3, 0, 0, 0.75, 0.5, 5])))
        #expect(outputs["back"] == (try Tensor(shape: [2], elements: [2, 3] as [Int64])))
        let reference = try ReferenceExecutor.run(graph, inputs: inputs)
        #expect(outputs == reference)
        #expect(model.layers.first?.node == "left")
    }

    @Test("bool graph inputs and outputs cross the arena unchanged")
    func boolInputs() throws {
        let graph = try ExecutorTestSupport.graph("""
            graph @select(%c: bool[3], %a: i64[3], %b: i64[]) -> (i64[3], bool[3]) {
              %y = where %c, %a, %b : i64[3]
              %same = equal %c, %c : bool[3]
              return %y, %same
            }
            """)
        let model = try Model(graph: graph, parameters: [:])
        let outputs = try model.run(["c": try Tensor(shape: [3], elements: [false, true, true]),
                                     "a": try Tensor(shape: [3], elements: [Int64.max, 5, -6]),
                                     "b": Tensor(scalar: Int64.min)])
        #expect(outputs["y"] == (try Tensor(shape: [3], elements: [Int64.min, 5, -6])))
        #expect(outputs["same"] == (try Tensor(shape: [3], elements: [true, true, true])))
    }
}
