import Testing
@testable import CNNIR

@Suite struct WeightBindingTests {
    static let file = "lenet.ir"

    /// A graph with three parameters declared at lines 2–4 of `lenet.ir`.
    static func graph() -> Graph {
        func parameter(_ name: String, _ type: TensorType, line: Int) -> ValueDeclaration {
            ValueDeclaration(name: name, type: type, location: SourceLocation(file: file, line: line, column: 3))
        }
        return Graph(
            name: "lenet",
            inputs: [ValueDeclaration(name: "x", type: TensorType(.f32, [1, 1, 28, 28]))],
            parameters: [
                parameter("c1.w", TensorType(.f32, [6, 1, 5, 5]), line: 2),
                parameter("c1.b", TensorType(.f32, [6]), line: 3),
                parameter("fc.w", TensorType(.f32, [10, 20]), line: 4),
            ],
            nodes: [Node(op: .conv, operands: ["x", "c1.w", "c1.b"],
                         results: [ValueDeclaration(name: "0", type: TensorType(.f32, [1, 6, 24, 24]))])],
            outputs: ["0"])
    }

    @Test func bindsEveryParameterWhenTheFileMatches() throws {
        let store = WeightStore(tensors: [
            "c1.w": try .zeros(dtype: .f32, shape: [6, 1, 5, 5]),
            "c1.b": try WeightTensor(shape: [6], elements: [Float](repeating: 0.5, count: 6)),
            "fc.w": try .zeros(dtype: .f32, shape: [10, 20]),
        ])
        let bound = try store.bind(to: WeightBindingTests.graph())
        #expect(bound.keys.sorted() == ["c1.b", "c1.w", "fc.w"])
        #expect(bound["c1.b"]?.floats() == [Float](repeating: 0.5, count: 6))
    }

    @Test func reportsEveryProblemAtOnce() throws {
        let store = WeightStore(tensors: [
            "c1.w": try .zeros(dtype: .f32, shape: [6, 1, 3, 3]),
            "c1.b": try .zeros(dtype: .f64, shape: [6]),
            "stale": try .zeros(dtype: .f32, shape: [1]),
            "another": try .zeros(dtype: .i64, shape: []),
        ], source: "lenet.safetensors")
        let list = try #require(throws: DiagnosticList.self) { try store.bind(to: WeightBindingTests.graph()) }
        #expect(list.diagnostics.map(\.description) == [
            "lenet.ir:2:3: error: parameter %c1.w: declared f32[6,1,5,5], file has f32[6,1,3,3]",
            "lenet.ir:3:3: error: parameter %c1.b: declared f32[6], file has f64[6]",
            "lenet.ir:4:3: error: parameter %fc.w: declared f32[10,20], but the weights file has no tensor 'fc.w'",
            "lenet.safetensors:1:1: error: tensor 'another' of the weights file is not a parameter of graph @lenet",
            "lenet.safetensors:1:1: error: tensor 'stale' of the weights file is not a parameter of graph @lenet",
        ])
    }

    @Test func rejectsParametersWithNamedDimensions() throws {
        var graph = WeightBindingTests.graph()
        graph.parameters[2].type = TensorType(.f32, Shape([.named("K"), .fixed(20)]))
        let store = WeightStore(tensors: [
            "c1.w": try .zeros(dtype: .f32, shape: [6, 1, 5, 5]),
            "c1.b": try .zeros(dtype: .f32, shape: [6]),
            "fc.w": try .zeros(dtype: .f32, shape: [10, 20]),
        ])
        let list = try #require(throws: DiagnosticList.self) { try store.bind(to: graph) }
        #expect(list.diagnostics.map(\.description) == [
            "lenet.ir:4:3: error: parameter %fc.w: declared f32[K,20], but parameters need static shapes (bind K first)",
        ])
    }

    @Test func bindsAStoreReadBackFromItsFile() throws {
        let store = try WeightInitializer.initialize(WeightBindingTests.graph(), seed: 1)
        let decoded = try SafeTensors.decode(try SafeTensors.encode(store), source: "lenet.safetensors")
        #expect(try decoded.bind(to: WeightBindingTests.graph()) == store.tensors)
    }
}
