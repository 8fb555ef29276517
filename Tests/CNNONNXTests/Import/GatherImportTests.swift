import CNNIR
import CNNONNX
import CNNRuntime
import Testing

/// The import of ONNX Gather on graph data: slices for a few known indices, a one-hot selection
/// for many known indices or indices known only at run time.
@Suite struct GatherImportTests {
    /// Gather by hand: data of `shape` (elements in order) along `axis` at `indices` (negative
    /// ones counted from the end; out of range gives 0), in the result's element order.
    func gathered(_ data: [Double], shape: [Int], axis: Int, indices: [Int]) -> [Double] {
        let outer = shape[..<axis].reduce(1, *), size = shape[axis], inner = shape[(axis + 1)...].reduce(1, *)
        var result: [Double] = []
        for block in 0..<outer {
            for index in indices {
                let row = index < 0 ? index + size : index
                for element in 0..<inner { result.append((0..<size).contains(row) ? data[(block * size + row) * inner + element] : 0) }
            }
        }
        return result
    }

    /// A model gathering graph input `data` of `shape` along `axis` with the indices `indices`
    /// (an initializer when `known` holds them, else an i64 graph input of `indicesShape`).
    func gatherModel(shape: [Int], axis: Int, indicesShape: [Int], known: [Int]? = nil) throws -> ModelFactory {
        var factory = ModelFactory(opset: 13)
        factory.input("data", shape)
        if let known {
            try factory.initializer("indices", try CNNRuntime.Tensor(shape: indicesShape, elements: known.map { Int64($0) }))
        } else {
            factory.input("indices", indicesShape, type: .int64)
        }
        factory.node("Gather", ["data", "indices"], ["y"], name: "gather", [Attribute.int("axis", axis)])
        factory.output("y")
        return factory
    }

    @Test func manyKnownIndicesSelectByOneHot() throws {
        let shape = [2, 7, 3]
        let indices = (0..<90).map { ($0 * 5) % 14 - 7 }
        let imported = try gatherModel(shape: shape, axis: 1, indicesShape: [10, 9], known: indices).imported()
        let ops = Set(imported.graph.nodes.map(\.op))
        // The known indices' one-hot mask is computed at import; where and reduce_sum run.
        #expect(ops == [.constant, .unsqueeze, .where, .reduceSum])
        #expect(imported.graph.outputTypes == [TensorType(.f32, [2, 10, 9, 3])])
        let model = try Model(graph: imported.graph, parameters: try imported.parameterTensors())
        let data = try Tensors.ramp(shape, scale: 0.5, offset: 1)
        let result = try #require(try model.run(["data": data])["y"])
        #expect(result.doubles == gathered(data.doubles, shape: shape, axis: 1, indices: indices))
    }

    @Test func runTimeIndicesSelectByOneHot() throws {
        let shape = [3, 4]
        let imported = try gatherModel(shape: shape, axis: 0, indicesShape: [2, 2]).imported()
        #expect(imported.graph.inputs.map(\.name) == ["data", "indices"])
        #expect(imported.graph.outputTypes == [TensorType(.f32, [2, 2, 4])])
        let model = try Model(graph: imported.graph, parameters: try imported.parameterTensors())
        let data = try Tensors.ramp(shape, offset: 1)
        let indices = [2, -3, -1, 1]
        let indicesTensor = try CNNRuntime.Tensor(shape: [2, 2], elements: indices.map { Int64($0) })
        let result = try #require(try model.run(["data": data, "indices": indicesTensor])["y"])
        #expect(result.doubles == [9, 10, 11, 12, 1, 2, 3, 4, 9, 10, 11, 12, 5, 6, 7, 8])
        #expect(result.doubles == gathered(data.doubles, shape: shape, axis: 0, indices: indices))
    }

    @Test func scalarRunTimeIndexAlongTheLastAxis() throws {
        let shape = [3, 4]
        let imported = try gatherModel(shape: shape, axis: -1, indicesShape: []).imported()
        #expect(imported.graph.outputTypes == [TensorType(.f32, [3])])
        let model = try Model(graph: imported.graph, parameters: try imported.parameterTensors())
        let data = try Tensors.ramp(shape)
        for (index, expected) in [(-2, [2.0, 6, 10]), (1, [1, 5, 9]), (4, [0, 0, 0])] {
            let result = try #require(try model.run(["data": data, "indices": try CNNRuntime.Tensor(shape: [], elements: [Int64(index)])])["y"])
            #expect(result.doubles == expected, "index \(index)")
        }
    }

    @Test func fewKnownIndicesStaySlices() throws {
        let imported = try gatherModel(shape: [3, 4], axis: 1, indicesShape: [2], known: [3, -4]).imported()
        #expect(imported.graph.nodes.map(\.op) == [.slice, .slice, .concat])
        let model = try Model(graph: imported.graph, parameters: try imported.parameterTensors())
        let result = try #require(try model.run(["data": try Tensors.ramp([3, 4])])["y"])
        #expect(result.doubles == [3, 0, 7, 4, 11, 8])
    }

    @Test func knownIndexOutOfRangeIsDiagnosed() throws {
        let indices = Array(repeating: 0, count: 99) + [7]
        for known in [[1, 7], indices] {
            let error = #expect(throws: Diagnostic.self) {
                try gatherModel(shape: [2, 7], axis: 1, indicesShape: [known.count], known: known).imported()
            }
            #expect(error?.message == "index 7 is out of range for axis 1 of size 7")
            #expect(error?.node == "gather")
        }
    }
}
