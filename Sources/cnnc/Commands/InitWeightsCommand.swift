import CNNIR

/// `cnnc init-weights MODEL.ir [--set NAME=SIZE]... [--seed S] [-o OUT.safetensors]`: writes
/// seeded initial values for every parameter of a model.
struct InitWeightsCommand: Subcommand {
    /// `--seed S`: the seed of the initial values.
    static let seed = OptionSpec.option("seed", value: "S", "seed of the random values (0 to 2^64-1; default 0)")
    /// `-o, --output FILE`: where to write.
    static let output = OptionSpec.option(
        "output", short: "o", value: "FILE", "where to write the safetensors file (default: the file the model names)")

    let name = "init-weights"
    let summary = "write seeded initial values for a model's parameters to a safetensors file"
    let signature = CommandSignature(positionals: [.model],
                                     options: [.set, InitWeightsCommand.seed, InitWeightsCommand.output])
    let discussion = [
        """
        The model is verified first. Each parameter is initialised by how it is used: He normal
        for conv, gemm and matmul weights that feed a rectifier, Glorot uniform for other weights,
        constants for biases, normalisation parameters and PReLU slopes (see docs/WEIGHTS.md).
        The same seed gives the same bytes on every machine. The output defaults to the file the
        model names (weights "…", relative to the model's folder); an existing file is replaced.
        """,
        """
        examples:
          cnnc init-weights Examples/lenet5.ir
          cnnc init-weights model.ir --seed 7 -o /tmp/model.safetensors
        """,
    ]

    func run(_ arguments: ParsedArguments) throws {
        let bindings = try DimensionBindings(parsing: arguments.values(of: .set))
        let seed = try parseSeed(arguments.value(of: InitWeightsCommand.seed))
        let model = try LoadedModel(path: try arguments.required(.model), bindings: bindings)
        guard let path = arguments.value(of: InitWeightsCommand.output) ?? model.namedWeightsPath else {
            throw Diagnostic("\(model.path) names no weights file; add 'weights \"NAME.safetensors\"' to the graph or give -o FILE")
        }
        try Verifier.verify(model.graph)
        let store = try WeightInitializer.initialize(model.graph, seed: seed)
        try store.write(to: path)
        let byteCount = store.tensors.values.reduce(0) { $0 + $1.bytes.count }
        Terminal.output("wrote \(path): \(Quantity.counted(store.tensors.count, "tensor")) (\(Quantity.bytes(byteCount))), seed \(seed)")
    }

    /// The seed given with `--seed`, or 0.
    private func parseSeed(_ text: String?) throws(UsageError) -> UInt64 {
        guard let text else { return 0 }
        guard let seed = UInt64(text) else { throw UsageError("--seed \(text): S must be an integer from 0 to 2^64-1") }
        return seed
    }
}
