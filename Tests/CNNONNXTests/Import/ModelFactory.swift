import CNNIR
import CNNONNX
import CNNRuntime

/// Small ONNX models built in Swift, the way exporters write them, for the importer's tests.
struct ModelFactory {
    /// The graph being built.
    var graph = GraphProto()
    /// The default operator set version.
    var opset: Int64

    /// An empty model of operator set `opset`.
    init(opset: Int64) { self.opset = opset }

    /// Adds a graph input of element type `type` with `dimensions` (Int sizes or String names).
    mutating func input(_ name: String, _ dimensions: [any Sendable], type: TensorProto.DataType = .float) {
        graph.input.append(ValueInfoProto(name: name, type: ModelFactory.tensorType(type, dimensions)))
    }

    /// Adds a graph output (its shape is left unknown, as the importer infers it).
    mutating func output(_ name: String, type: TensorProto.DataType = .float) {
        graph.output.append(ValueInfoProto(name: name, type: TypeProto(tensor: TypeProto.Tensor(elemType: type, shape: nil))))
    }

    /// Adds an initializer.
    mutating func initializer(_ name: String, _ tensor: CNNRuntime.Tensor) throws {
        graph.initializer.append(try TensorProto(tensor, name: name))
    }

    /// Adds a node.
    mutating func node(_ opType: String, _ inputs: [String], _ outputs: [String], name: String = "",
                       domain: String = "", _ attributes: [AttributeProto] = []) {
        var node = NodeProto()
        node.opType = opType
        node.input = inputs
        node.output = outputs
        node.name = name
        node.domain = domain
        node.attribute = attributes
        graph.node.append(node)
    }

    /// The model.
    var model: ModelProto {
        var model = ModelProto()
        model.irVersion = 8
        model.opsetImport = [OperatorSetIdProto(domain: "", version: opset)]
        var named = graph
        named.name = "test"
        model.graph = named
        return model
    }

    /// The model imported.
    func imported(inputShapes: [String: [Int]] = [:]) throws -> ImportedModel {
        try ONNXImporter.import(model, file: "test.onnx", inputShapes: inputShapes)
    }

    /// A tensor type with sizes and named dimensions.
    static func tensorType(_ type: TensorProto.DataType, _ dimensions: [any Sendable]) -> TypeProto {
        let shape = TensorShapeProto(dim: dimensions.map { dimension in
            if let size = dimension as? Int { return TensorShapeProto.Dimension(.size(Int64(size))) }
            return TensorShapeProto.Dimension(.symbol(String(describing: dimension)))
        })
        return TypeProto(tensor: TypeProto.Tensor(elemType: type, shape: shape))
    }
}

/// Attribute values for `ModelFactory.node`.
enum Attribute {
    static func int(_ name: String, _ value: Int) -> AttributeProto {
        var attribute = AttributeProto()
        attribute.name = name
        attribute.type = .int
        attribute.i = Int64(value)
        return attribute
    }

    static func float(_ name: String, _ value: Float) -> AttributeProto {
        var attribute = AttributeProto()
        attribute.name = name
        attribute.type = .float
        attribute.f = value
        return attribute
    }

    static func ints(_ name: String, _ values: [Int]) -> AttributeProto {
        var attribute = AttributeProto()
        attribute.name = name
        attribute.type = .ints
        attribute.ints = values.map { Int64($0) }
        return attribute
    }

    static func string(_ name: String, _ value: String) -> AttributeProto {
        var attribute = AttributeProto()
        attribute.name = name
        attribute.type = .string
        attribute.s = Array(value.utf8)
        return attribute
    }

    static func tensor(_ name: String, _ value: CNNRuntime.Tensor) throws -> AttributeProto {
        var attribute = AttributeProto()
        attribute.name = name
        attribute.type = .tensor
        attribute.t = try TensorProto(value)
        return attribute
    }
}

/// Tensors for the tests.
enum Tensors {
    /// An f32 tensor of `shape` holding 0, 1, 2, ... scaled by `scale` and shifted by `offset`.
    static func ramp(_ shape: [Int], scale: Float = 1, offset: Float = 0) throws -> CNNRuntime.Tensor {
        let count = shape.reduce(1, *)
        return try CNNRuntime.Tensor(shape: shape, scalars: (0..<count).map { Float($0) * scale + offset })
    }

    /// An i64 vector.
    static func ints(_ values: [Int]) throws -> CNNRuntime.Tensor {
        try CNNRuntime.Tensor(shape: [values.count], elements: values.map { Int64($0) })
    }

    /// An f32 scalar.
    static func scalar(_ value: Float) -> CNNRuntime.Tensor {
        CNNRuntime.Tensor(scalar: value)
    }
}
