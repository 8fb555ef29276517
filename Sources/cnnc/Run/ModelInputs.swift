import CNNIR
import CNNONNX
import CNNRuntime

/// The values of a graph's inputs for one run: read from `.npy` files (or ONNX `TensorProto`
/// `.pb` files), or seeded random data.
///
/// Files come first: each must name an input of the graph and hold a tensor of the input's shape
/// (named dimensions such as a batch `N` take their sizes from the files, which must agree);
/// another numeric dtype is converted to the input's. Every input without a file is filled from
/// `RandomInputs` when a seed is given, and is an error otherwise.
struct ModelInputs: Sendable {
    /// The graph with the named dimensions the files fixed bound to their sizes.
    var graph: Graph
    /// The tensor for every input of `graph`, by name.
    var tensors: [String: Tensor]

    /// Reads `files`, fills the remaining inputs from `randomSeed`, and binds the graph's named
    /// dimensions; throws a `Diagnostic` naming the input and what was expected.
    init(graph: Graph, files: InputFiles, randomSeed: UInt64?) throws {
        let declarations = Dictionary(graph.inputs.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var sizes: [String: Int] = [:]
        var tensors: [String: Tensor] = [:]
        for entry in files.entries {
            guard let declaration = declarations[entry.name] else {
                let known = graph.inputs.isEmpty ? "it has none" : "its inputs are " + graph.inputs.map { "%" + $0.name }.joined(separator: ", ")
                throw Diagnostic("--input \(entry.name)=\(entry.path): the model has no input %\(entry.name); \(known)")
            }
            tensors[entry.name] = try ModelInputs.read(entry, as: declaration.type, sizes: &sizes)
        }
        let boundGraph = sizes.isEmpty ? graph : graph.binding(sizes)
        var generator = SeededGenerator(seed: randomSeed ?? 0)
        for declaration in boundGraph.inputs where tensors[declaration.name] == nil {
            guard randomSeed != nil else {
                throw Diagnostic("missing input %\(declaration.name) of type \(declaration.type); give --input \(declaration.name)=FILE.npy or --random-input SEED",
                                 at: declaration.location)
            }
            tensors[declaration.name] = try RandomInputs.tensor(for: declaration, in: boundGraph, using: &generator)
        }
        self.graph = boundGraph
        self.tensors = tensors
    }

    /// The tensor in `entry`'s file, converted to `type`'s dtype and checked against its shape,
    /// recording the sizes of named dimensions in `sizes`.
    private static func read(_ entry: InputFiles.Entry, as type: TensorType, sizes: inout [String: Int]) throws -> Tensor {
        let found: Tensor
        do {
            found = entry.path.lowercased().hasSuffix(".pb") ? try Tensor(try ONNXModelReader.readTensor(contentsOf: entry.path))
                                                             : try Npy.read(contentsOf: entry.path)
        } catch let problem as Diagnostic {
            throw Diagnostic("input %\(entry.name): \(problem.message)")
        }
        let mismatch = Diagnostic("input %\(entry.name) expects \(type)\(bound(type, sizes)), found \(found.type) in \(entry.path)")
        guard found.rank == type.rank else { throw mismatch }
        var proposed = sizes
        for (dimension, size) in zip(type.shape.dimensions, found.shape) {
            switch dimension {
            case .fixed(let expected):
                guard expected == size else { throw mismatch }
            case .named(let name):
                guard proposed[name, default: size] == size else { throw mismatch }
                proposed[name] = size
            }
        }
        let converted: Tensor
        do {
            converted = try found.converted(to: type.dtype)
        } catch let problem as Diagnostic {
            throw Diagnostic("input %\(entry.name) expects \(type), \(entry.path): \(problem.message)")
        }
        sizes = proposed
        return converted
    }

    /// The sizes already known for the named dimensions of `type`, for messages: ` (N = 2)`.
    private static func bound(_ type: TensorType, _ sizes: [String: Int]) -> String {
        let known = type.shape.symbolNames.compactMap { name in sizes[name].map { "\(name) = \($0)" } }
        return known.isEmpty ? "" : " (" + known.joined(separator: ", ") + ")"
    }
}
