import CNNONNX

/// Corrections of node-test models that disagree with their own expected outputs in the onnx
/// 1.18.0 test data, applied as the ONNX project applied them later, so that the tests check
/// cnnc against what the operators define.
enum NodeTestCorrections {
    /// `model` of the test `name`, corrected if it is a known faulty one.
    ///
    /// test_adam_multiple: its expected outputs were computed with epsilon = 0.01, but its model
    /// leaves the attribute out (so the operator's default, 1e-6, applies). The ONNX project
    /// added the attribute to the model (onnx/onnx#7749, fixed by onnx/onnx#7763).
    static func corrected(_ model: ModelProto, test name: String) -> ModelProto {
        guard name == "test_adam_multiple", var graph = model.graph else { return model }
        var fixed = model
        for index in graph.node.indices where graph.node[index].opType == "Adam" && !graph.node[index].attribute.contains(where: { $0.name == "epsilon" }) {
            var epsilon = AttributeProto()
            epsilon.name = "epsilon"
            epsilon.type = .float
            epsilon.f = 0.01
            graph.node[index].attribute.append(epsilon)
        }
        fixed.graph = graph
        return fixed
    }
}
