/// Deterministic, seeded initial values for the parameters of a graph, chosen by how each
/// parameter is used (see `ParameterUsage` and docs/WEIGHTS.md): He normal for conv, gemm and
/// matmul weights that feed a rectifier, Glorot uniform for other weights, fixed constants for
/// biases, normalisation parameters and PReLU slopes.
///
/// Each parameter draws from its own generator, seeded from `seed` and the parameter's name, so
/// the same seed gives bit-identical tensors on every run, and adding or removing a parameter
/// does not change the others. `i64` parameters are filled with 0 and `bool` ones with false.
public enum WeightInitializer {
    /// The metadata key under which the seed is recorded in the returned store.
    public static let seedMetadataKey = "cnnc.initializer.seed"

    /// A tensor for every parameter of `graph`. Throws a `DiagnosticList` naming every parameter
    /// whose shape is not static or too large to allocate.
    public static func initialize(_ graph: Graph, seed: UInt64) throws -> WeightStore {
        let rules = try rules(for: graph)
        var tensors: [String: WeightTensor] = [:]
        for parameter in graph.parameters {
            guard let rule = rules[parameter.name], let shape = parameter.type.shape.fixedSizes else { continue }
            var generator = generator(seed: seed, name: parameter.name)
            let count = try WeightTensor.byteCount(dtype: parameter.type.dtype, shape: shape) / parameter.type.dtype.byteSize
            let values = !parameter.type.dtype.isFloatingPoint
                ? [Double](repeating: 0, count: count)
                : rule.sample(count: count, using: &generator)
            tensors[parameter.name] = try WeightTensor(dtype: parameter.type.dtype, shape: shape, converting: values)
        }
        return WeightStore(tensors: tensors, metadata: [seedMetadataKey: String(seed)])
    }

    /// The rule `initialize` applies to each parameter, by name. Throws a `DiagnosticList`
    /// naming every parameter whose shape is not static or whose size overflows.
    public static func rules(for graph: Graph) throws -> [String: InitializationRule] {
        let usage = ParameterUsage(graph)
        var rules: [String: InitializationRule] = [:]
        var problems: [Diagnostic] = []
        for parameter in graph.parameters {
            let location = parameter.location ?? graph.location
            guard let shape = parameter.type.shape.fixedSizes else {
                let symbols = parameter.type.shape.symbolNames.joined(separator: ", ")
                problems.append(Diagnostic("parameter %\(parameter.name): declared \(parameter.type); bind \(symbols) before initialising it", at: location))
                continue
            }
            do {
                _ = try WeightTensor.byteCount(dtype: parameter.type.dtype, shape: shape)
            } catch let diagnostic as Diagnostic {
                problems.append(Diagnostic("parameter %\(parameter.name): \(diagnostic.message)", at: location))
                continue
            }
            rules[parameter.name] = usage.rule(for: parameter.name, shape: shape)
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
        return rules
    }

    /// A generator for one parameter: `seed` mixed with the FNV-1a hash of the name's UTF-8 bytes.
    static func generator(seed: UInt64, name: String) -> SeededGenerator {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        var mixer = SeededGenerator(seed: seed ^ hash)
        return SeededGenerator(seed: mixer.next())
    }
}
