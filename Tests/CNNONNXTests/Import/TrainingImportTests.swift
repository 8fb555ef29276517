import CNNIR
@testable import CNNONNX
import CNNRuntime
import Testing

/// The import of ONNX's training operators (Adagrad, Adam, Momentum of ai.onnx.preview.training)
/// and losses (NegativeLogLikelihoodLoss, SoftmaxCrossEntropyLoss) into cnnc's optimizer and
/// loss ops.
@Suite struct TrainingImportTests {
    /// `factory`'s model importing the training domain too, imported.
    func importTraining(_ factory: ModelFactory) throws -> ImportedModel {
        var model = factory.model
        model.opsetImport.append(OperatorSetIdProto(domain: Lowerings.trainingDomain, version: 1))
        return try ONNXImporter.import(model, file: "test.onnx")
    }

    /// A model of one training-domain `opType` node over R, T and the given tensors (all f32
    /// vectors of the given sizes), with `outputs`.
    func optimizerModel(_ opType: String, tensors: [(String, Int)], outputs: [String], _ attributes: [AttributeProto]) -> ModelFactory {
        var factory = ModelFactory(opset: 13)
        factory.input("R", [])
        factory.input("T", [], type: .int64)
        for (name, size) in tensors { factory.input(name, [size]) }
        factory.node(opType, ["R", "T"] + tensors.map(\.0), outputs, name: "optimizer", domain: Lowerings.trainingDomain, attributes)
        for output in outputs { factory.output(output) }
        return factory
    }

    @Test func adamOfTwoTensorsBecomesTwoUpdates() throws {
        let factory = optimizerModel("Adam", tensors: [("X1", 1), ("X2", 2), ("G1", 1), ("G2", 2), ("V1", 1), ("V2", 2), ("H1", 1), ("H2", 2)],
                                     outputs: ["X1_new", "X2_new", "V1_new", "V2_new", "H1_new", "H2_new"],
                                     [Attribute.float("alpha", 0.95), Attribute.float("beta", 0.85), Attribute.float("epsilon", 1e-2),
                                      Attribute.float("norm_coefficient", 0.001)])
        let imported = try importTraining(factory)
        #expect(imported.graph.nodes.map(\.op) == [.adamUpdate, .adamUpdate])
        #expect(imported.graph.nodes[0].operands == ["X1", "G1", "V1", "H1", "R", "T"])
        #expect(imported.graph.nodes[1].attributes["weight_decay"] == .float(Double(Float(0.001))))
        let model = try Model(graph: imported.graph, parameters: try imported.parameterTensors())
        let vector = { (values: [Float]) in try CNNRuntime.Tensor(shape: [values.count], scalars: values) }
        let outputs = try model.run([
            "R": Tensors.scalar(0.1), "T": CNNRuntime.Tensor(scalar: Int64(0)),
            "X1": try vector([1]), "G1": try vector([-1]), "V1": try vector([2]), "H1": try vector([0.5]),
            "X2": try vector([1, 2]), "G2": try vector([-1, -3]), "V2": try vector([4, 1]), "H2": try vector([1, 10]),
        ])
        // ONNX's Adam at T = 0 (no bias correction), worked out in double precision.
        let expected: [String: [Double]] = [
            "X1_new": [0.75913624], "V1_new": [1.85005], "H1_new": [0.57470015],
            "X2_new": [0.62865279, 1.97458535], "V2_new": [3.75005, 0.8001], "H2_new": [0.99970015, 9.8482006],
        ]
        for (name, values) in expected {
            let found = try #require(outputs[name]).doubles
            #expect(zip(found, values).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($1)) }, "\(name): \(found), expected \(values)")
        }
    }

    @Test func momentumModesAndAttributes() throws {
        let tensors = [("X", 2), ("G", 2), ("V", 2)]
        let attributes = [Attribute.float("alpha", 0.9), Attribute.float("beta", 1), Attribute.float("norm_coefficient", 0)]
        let nesterov = try importTraining(optimizerModel("Momentum", tensors: tensors, outputs: ["X_new", "V_new"],
                                                         attributes + [Attribute.string("mode", "nesterov")]))
        #expect(nesterov.graph.nodes.map(\.op) == [.momentumUpdate])
        #expect(nesterov.graph.nodes[0].attributes["nesterov"] == .bool(true))
        #expect(nesterov.graph.nodes[0].results.map(\.name) == ["X_new", "V_new"])
        let standard = try importTraining(optimizerModel("Momentum", tensors: tensors, outputs: ["X_new", "V_new"],
                                                         attributes + [Attribute.string("mode", "standard")]))
        #expect(standard.graph.nodes[0].attributes["nesterov"] == nil)

        let badMode = #expect(throws: Diagnostic.self) {
            try importTraining(optimizerModel("Momentum", tensors: tensors, outputs: ["X_new", "V_new"], attributes + [Attribute.string("mode", "heavy_ball")]))
        }
        #expect(badMode?.message == "attribute 'mode' must be \"standard\" or \"nesterov\", found \"heavy_ball\"")
        #expect(badMode?.node == "optimizer")
        let missing = #expect(throws: Diagnostic.self) {
            try importTraining(optimizerModel("Momentum", tensors: tensors, outputs: ["X_new", "V_new"], Array(attributes.dropFirst()) + [Attribute.string("mode", "standard")]))
        }
        #expect(missing?.message == "the required attribute 'alpha' is missing")
    }

    @Test func adagradKeepsItsONNXDefaults() throws {
        let imported = try importTraining(optimizerModel("Adagrad", tensors: [("X", 3), ("G", 3), ("H", 3)], outputs: ["X_new", "H_new"], []))
        let node = try #require(imported.graph.nodes.first)
        #expect(node.op == .adagradUpdate)
        #expect(node.attributes["epsilon"] == nil && node.attributes["decay_factor"] == nil)
        #expect(node.operands == ["X", "G", "H", "R", "T"])
    }

    @Test func malformedOptimizersAreClearErrors() throws {
        let uneven = #expect(throws: Diagnostic.self) {
            try importTraining(optimizerModel("Adagrad", tensors: [("X", 3), ("G", 3)], outputs: ["X_new"], []))
        }
        #expect(uneven?.message == "takes R, T, then the optimized tensors, their gradients and their state (a multiple of 3 inputs after T), found 4 inputs")
        let badValue = #expect(throws: Diagnostic.self) {
            try importTraining(optimizerModel("Adam", tensors: [("X", 2), ("G", 2), ("V", 2), ("H", 2)], outputs: ["X_new", "V_new", "H_new"],
                                              [Attribute.float("alpha", 1.5)]))
        }
        #expect(badValue?.message == "alpha must be in [0, 1), found 1.5 (lowered to adam_update)")
        var factory = ModelFactory(opset: 13)
        factory.input("x", [2])
        factory.node("Gradient", ["x"], ["dx"], name: "gradient", domain: Lowerings.trainingDomain)
        factory.output("dx")
        let unsupported = #expect(throws: DiagnosticList.self) { try importTraining(factory) }
        #expect(unsupported?.diagnostics.map(\.message) == ["unsupported: ai.onnx.preview.training.Gradient (opset 1) at node gradient in test.onnx"])
    }

    /// A SoftmaxCrossEntropyLoss (or `opType`) model on scores of `shape` with `outputs`.
    func lossModel(_ opType: String, shape: [Int], outputs: [String], _ attributes: [AttributeProto] = []) -> ModelFactory {
        var factory = ModelFactory(opset: 13)
        factory.input("x", shape)
        var labels = shape
        labels.remove(at: 1)
        factory.input("y", labels, type: .int64)
        factory.node(opType, ["x", "y"], outputs, name: "loss", attributes)
        for output in outputs { factory.output(output) }
        return factory
    }

    @Test func softmaxCrossEntropyLowering() throws {
        let plain = try lossModel("SoftmaxCrossEntropyLoss", shape: [4, 5], outputs: ["z"], [Attribute.string("reduction", "sum")]).imported()
        #expect(plain.graph.nodes.map(\.op) == [.softmaxCrossEntropy])
        #expect(plain.graph.nodes[0].attributes["reduction"] == .string("sum"))
        let ignoring = try lossModel("SoftmaxCrossEntropyLoss", shape: [4, 5], outputs: ["z"], [Attribute.int("ignore_index", -1)]).imported()
        #expect(ignoring.graph.nodes.map(\.op) == [.logSoftmax, .nllLoss])
        #expect(ignoring.graph.nodes[1].attributes["ignore_index"] == .ints([-1]))
        let spatial = try lossModel("SoftmaxCrossEntropyLoss", shape: [2, 3, 4], outputs: ["z", "log_prob"],
                                    [Attribute.string("reduction", "none")]).imported()
        #expect(spatial.graph.nodes.map(\.op) == [.logSoftmax, .nllLoss])
        #expect(spatial.graph.nodes[0].attributes["axis"] == .int(1))
        #expect(spatial.graph.outputs == ["z", "log_prob"])
        #expect(spatial.graph.nodes[1].results.first?.type == TensorType(.f32, Shape([2, 4])))
    }

    @Test func gatherElementsSelectsAlongTheAxis() throws {
        var factory = ModelFactory(opset: 13)
        factory.input("data", [3, 3])
        factory.input("along_rows", [2, 2], type: .int64)
        factory.input("along_columns", [1, 2], type: .int64)
        factory.node("GatherElements", ["data", "along_rows"], ["rows"], name: "rows", [Attribute.int("axis", 1)])
        factory.node("GatherElements", ["data", "along_columns"], ["columns"], name: "columns", [Attribute.int("axis", 0)])
        factory.output("rows")
        factory.output("columns")
        let imported = try factory.imported()
        let model = try Model(graph: imported.graph, parameters: try imported.parameterTensors())
        let data = try CNNRuntime.Tensor(shape: [3, 3], scalars: [1, 2, 3, 4, 5, 6, 7, 8, 9])
        let outputs = try model.run([
            "data": data,
            "along_rows": try CNNRuntime.Tensor(shape: [2, 2], elements: [0, 2, -1, 1] as [Int64]),
            "along_columns": try CNNRuntime.Tensor(shape: [1, 2], elements: [2, 0] as [Int64]),
        ])
        // rows: [data[0][0], data[0][2]], [data[1][-1 → 2], data[1][1]]; columns: [data[2][0], data[0][1]] (data cropped to 2 columns).
        #expect(try #require(outputs["rows"]).doubles == [1, 3, 6, 5])
        #expect(try #require(outputs["columns"]).doubles == [7, 2])
    }

    @Test func negativeLogLikelihoodLowering() throws {
        let imported = try lossModel("NegativeLogLikelihoodLoss", shape: [2, 3, 2], outputs: ["loss"], [Attribute.int("ignore_index", 1)]).imported()
        #expect(imported.graph.nodes.map(\.op) == [.nllLoss])
        #expect(imported.graph.nodes[0].attributes["ignore_index"] == .ints([1]))
        let model = try Model(graph: imported.graph, parameters: [:])
        // Labels 0, 1 / 2, 0 over d: position (0, 1) is ignored; the rest pick −0, −10, −7 → mean 17/3.
        let scores = try CNNRuntime.Tensor(shape: [2, 3, 2], scalars: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map { -Float($0) })
        let labels = try CNNRuntime.Tensor(shape: [2, 2], elements: [0, 1, 2, 0] as [Int64])
        let loss = try #require(try model.run(["x": scores, "y": labels])["loss"]).doubles
        #expect(abs(loss[0] - 17.0 / 3) < 1e-6)
        let badReduction = #expect(throws: Diagnostic.self) {
            try lossModel("NegativeLogLikelihoodLoss", shape: [2, 3], outputs: ["loss"], [Attribute.string("reduction", "max")]).imported()
        }
        #expect(badReduction?.message == "reduction must be one of mean, sum, none; found \"max\" (lowered to nll_loss)")
    }
}
