import CNNRuntime

/// The options `cnnc run` and `cnnc bench` share: which kernels, how many threads, which weights.
enum ExecutionArguments {
    /// The most threads accepted by `--threads`.
    static let largestThreadCount = 1024

    /// `--reference`: run on the reference kernels.
    static let reference = OptionSpec.flag(
        "reference", "run every node on the reference kernels (slow, obviously correct) instead of the optimized ones")
    /// `--threads T`: how many threads a run may use.
    static let threads = OptionSpec.option(
        "threads", value: "T", "use T threads (default: $CNNC_NUM_THREADS, else one per core)")
    /// `--weights FILE`: the parameters' values.
    static let weights = OptionSpec.option(
        "weights", value: "FILE", "read the parameters from FILE (safetensors) instead of the file the model names")

    /// The execution options `--reference` and `--threads` ask for; throws a usage error for a
    /// thread count that is not an integer from 1 to `largestThreadCount`.
    static func options(from arguments: ParsedArguments) throws(UsageError) -> ExecutionOptions {
        let threadCount = try IntegerArgument.parse(threads, in: arguments, range: 1...largestThreadCount)
        return ExecutionOptions(backend: arguments.isSet(reference) ? .reference : .fast, threadCount: threadCount)
    }
}
