import CNNIR
import CNNPasses
import CNNRuntime

/// A model read from the command line and prepared to run, with its inputs and parameters.
///
/// The steps `cnnc run` and `cnnc bench` share: read the IR and apply `--set`, verify, take the
/// inputs (files, then random values), bind the named dimensions the input files fix, take the
/// parameters, and prepare the model with the execution options.
struct PreparedModel {
    /// The model as read from its file.
    var source: LoadedModel
    /// The inputs for a run, by name.
    var inputs: [String: Tensor]
    /// Where the parameter values came from.
    var parametersOrigin: String
    /// The model, ready to run.
    var model: Model

    /// Prepares the model named by `arguments` (the positional model, `--set`, `--input-shape`, `--weights`,
    /// `--reference`, `--threads`, `-O`/`--passes`); throws usage errors for malformed values and diagnostics
    /// for every problem with the model, its inputs and its weights. The pass pipeline (`-O2` by
    /// default) optimizes the model before it is prepared; a compiled plan is taken as it is.
    init(_ arguments: ParsedArguments, inputFiles: InputFiles, randomSeed: UInt64?,
         whenWeightsMissing policy: ModelParameters.MissingFilePolicy) throws {
        let bindings = try DimensionBindings(parsing: arguments.values(of: .set))
        let options = try ExecutionArguments.options(from: arguments)
        let inputShapes = try InputShapes(parsing: arguments.values(of: .inputShape))
        source = try LoadedModel(path: try arguments.required(.model), bindings: bindings, inputShapes: inputShapes)
        try Verifier.verify(source.graph)
        let modelInputs = try ModelInputs(graph: source.graph, files: inputFiles, randomSeed: randomSeed)
        let parameters = try ModelParameters(for: modelInputs.graph, model: source,
                                             explicitPath: arguments.value(of: ExecutionArguments.weights), whenMissing: policy)
        inputs = modelInputs.tensors
        parametersOrigin = parameters.origin
        var unit = CompilationUnit(graph: modelInputs.graph, weights: try parameters.tensors.mapValues { try WeightTensor($0) })
        if !source.isPlan {
            let manager = PipelineArguments.manager(arguments)
            try manager.run(try PipelineArguments.pipeline(arguments, manager: manager), on: &unit)
        }
        model = try Model(graph: unit.graph, parameters: try unit.weights.mapValues { try Tensor($0) }, options: options)
    }
}
