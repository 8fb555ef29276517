import CNNIR
import Testing

/// How `Sequential` names its layers and builds whole graphs.
@Suite struct SequentialTests {
    @Test func unnamedLayersAreNumberedByKind() throws {
        let model = Sequential([
            Conv2D(filters: 4, kernel: 3), BatchNorm(), Activation.relu, Conv2D(filters: 4, kernel: 3), Activation.relu,
            MaxPool2D(), Flatten(), Dense(units: 10), Dense(units: 2),
        ])
        #expect(model.entries.map(\.name) == ["conv1", "bn1", "relu1", "conv2", "relu2", "maxpool1", "flatten1", "fc1", "fc2"])
        let graph = try model.graph(named: "net", input: TensorType(.f32, [1, 1, 12, 12]), weightsFile: "net.safetensors")
        #expect(graph.nodes.map(\.name) == model.entries.map(\.name))
        #expect(graph.parameters.map(\.name) == [
            "conv1.weight", "conv1.bias", "bn1.scale", "bn1.bias", "bn1.mean", "bn1.var", "conv2.weight", "conv2.bias",
            "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias",
        ])
        #expect(graph.inputs.map(\.name) == ["x"])
        #expect(graph.outputTypes == [TensorType(.f32, [1, 2])])
        #expect(graph.weightsFile == "net.safetensors")
    }

    @Test func nestedSequencesPrefixTheirChildren() throws {
        let model = Sequential(named: [
            ("stem", Conv2D(filters: 4, kernel: 1, useBias: false)),
            ("layer1", Sequential(numbered: [Sequential(named: [("conv", Conv2D(filters: 4, kernel: 1))]), BatchNorm()])),
        ])
        let lowering = try LayerLowering(model, input: TensorType(.f32, [1, 2, 5, 5]), name: "")
        #expect(lowering.names == ["stem", "layer1.0.conv", "layer1.1"])
        #expect(lowering.graph.parameters.map(\.name).first { $0.hasPrefix("layer1.1") } == "layer1.1.scale")
        let prefixed = try LayerLowering(model, input: TensorType(.f32, [1, 2, 5, 5]), name: "net")
        #expect(prefixed.names == ["net.stem", "net.layer1.0.conv", "net.layer1.1"])
    }

    @Test func anEmptySequenceIsTheIdentity() throws {
        let b = GraphBuilder(name: "empty")
        let x = try b.input("x", TensorType(.f32, [3]))
        #expect(try Sequential([]).apply(x, in: b, name: "s") == x)
    }

    @Test func aLayerErrorNamesTheFullPath() throws {
        let model = Sequential(named: [("layer1", Sequential(numbered: [Dense(units: 4)]))])
        let error = #expect(throws: Diagnostic.self) {
            try model.graph(named: "bad", input: TensorType(.f32, [1, 3, 4, 4]))
        }
        #expect(error?.node == "layer1.0")
    }
}
