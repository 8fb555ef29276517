import CNNIR

/// The IR types of an ONNX graph's inputs: element type, and dimensions that are sizes, named
/// dimensions (`dim_param`), or named after the input when unknown (`x_dim0`); shapes given by
/// the user replace them. Inputs that are not tensors, or whose element type cnnc has no
/// counterpart for, are unsupported (reported where a node uses them).
struct InputDeclarations {
    /// Input sizes must be below this (2^31), like every size the IR computes with.
    static let sizeLimit: Int64 = 1 << 31

    /// The type of every input cnnc can take, by name.
    private(set) var types: [String: TensorType] = [:]
    /// Why cnnc cannot take an input (`UINT8 tensors`, `sequences`), by name.
    private(set) var unsupportedInputs: [String: String] = [:]

    /// The types of `inputs` with `givenShapes` applied. Throws a `Diagnostic` for an input
    /// without a tensor type or rank, a negative size, and a given shape that names no input,
    /// has the wrong rank, contradicts a size, or gives one dimension name two sizes.
    init(_ inputs: [ValueInfoProto], givenShapes: [String: [Int]], file: String) throws {
        let names = inputs.map(\.name)
        for name in givenShapes.keys.sorted() where !names.contains(name) {
            let known = names.isEmpty ? "it has none" : "its inputs are " + names.joined(separator: ", ")
            throw Diagnostic("\(file): --input-shape \(name): the model has no input named \(name); \(known)")
        }
        var declared: [(String, DType, [Dimension])] = []
        var bindings: [String: Int] = [:]
        for input in inputs {
            guard let type = input.type?.value else { throw Diagnostic("\(file): graph input \(input.name) has no type") }
            guard case .tensor(let tensorType) = type else {
                unsupportedInputs[input.name] = InputDeclarations.kind(of: type)
                continue
            }
            guard let dtype = ElementTypes.valueDType(tensorType.elemType) else {
                unsupportedInputs[input.name] = "\(tensorType.elemType) tensors"
                continue
            }
            var dimensions = try InputDeclarations.dimensions(of: input, tensorType, file: file)
            if let given = givenShapes[input.name] {
                try InputDeclarations.apply(given, to: &dimensions, input: input.name, bindings: &bindings, file: file)
            }
            declared.append((input.name, dtype, dimensions))
        }
        for (name, dtype, dimensions) in declared {
            types[name] = TensorType(dtype, Shape(dimensions).binding(bindings))
        }
    }

    /// What a value of a type other than a tensor is, for messages.
    private static func kind(of type: TypeProto.Value) -> String {
        switch type {
        case .tensor: return "tensors"
        case .sparseTensor: return "sparse tensors"
        case .sequence: return "sequences"
        case .map: return "maps"
        case .opaque: return "opaque values"
        case .optional: return "optional values"
        }
    }

    /// The dimensions ONNX declares for `input`.
    private static func dimensions(of input: ValueInfoProto, _ tensorType: TypeProto.Tensor, file: String) throws -> [Dimension] {
        guard let shape = tensorType.shape else {
            throw Diagnostic("\(file): graph input \(input.name) has no shape (unknown rank); give it with --input-shape \(input.name)=1x3x224x224")
        }
        return try shape.dim.enumerated().map { axis, dimension -> Dimension in
            switch dimension.value {
            case .size(let size):
                guard size >= 0, size < InputDeclarations.sizeLimit, let value = Int(exactly: size) else {
                    throw Diagnostic("\(file): graph input \(input.name) has the invalid size \(size) on axis \(axis)")
                }
                return .fixed(value)
            case .symbol(let name) where !name.isEmpty: return .named(name)
            default: return .named("\(input.name)_dim\(axis)")
            }
        }
    }

    /// Replaces `dimensions` by `given`, recording the sizes of named dimensions in `bindings`.
    private static func apply(_ given: [Int], to dimensions: inout [Dimension], input: String,
                              bindings: inout [String: Int], file: String) throws {
        let declared = Shape(dimensions)
        let problem = "\(file): --input-shape \(input)=\(given.map(String.init).joined(separator: "x")) does not fit the input's declared shape \(declared)"
        guard given.count == dimensions.count, given.allSatisfy({ $0 >= 1 }) else { throw Diagnostic(problem) }
        for (dimension, size) in zip(dimensions, given) {
            switch dimension {
            case .fixed(let value):
                guard value == size else { throw Diagnostic(problem) }
            case .named(let name):
                if let earlier = bindings[name], earlier != size {
                    throw Diagnostic("\(file): --input-shape gives the dimension \(name) two sizes, \(earlier) and \(size)")
                }
                bindings[name] = size
            }
        }
        dimensions = given.map { .fixed($0) }
    }
}
