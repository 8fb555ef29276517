import CNNIR
import CNNPasses

/// The options that choose and watch a pass pipeline, shared by `opt`, `compile`, `run` and
/// `bench`: `--passes LIST` or `-O LEVEL`, IR dumps, pass timings and verification.
enum PipelineArguments {
    /// `--passes LIST`: the pipeline, by pass names.
    static let passes = OptionSpec.option(
        "passes", value: "LIST", "run these passes in order: pass names separated by commas (see cnnc help opt)")
    /// `-O LEVEL`: a standard pipeline.
    static let level = OptionSpec.option(
        "optimize", short: "O", value: "LEVEL", "run the standard pipeline of LEVEL: 0 (verify only) or 2 (the default)")
    /// `--print-after-all`: dump the IR after every pass.
    static let printAfterAll = OptionSpec.flag("print-after-all", "print the IR to standard error after every pass")
    /// `--print-after NAME`: dump the IR after one pass.
    static let printAfter = OptionSpec.option(
        "print-after", value: "NAME", repeatable: true, "print the IR to standard error after the pass NAME; repeat for several")
    /// `--time-passes`: report the time of each pass.
    static let timePasses = OptionSpec.flag("time-passes", "print the time each pass took to standard error")
    /// `--verify-each`: verify after every pass.
    static let verifyEach = OptionSpec.flag(
        "verify-each", "verify the model after every pass (it is always verified before and after the pipeline)")

    /// The pipeline options only (for commands that run a model: `run`, `bench`).
    static let selection = [passes, level]
    /// Every option of this group (for `opt` and `compile`).
    static let all = [passes, level, printAfterAll, printAfter, timePasses, verifyEach]

    /// The pass manager the flags ask for, with the passes of `registry`, writing dumps and
    /// timings to standard error.
    static func manager(_ arguments: ParsedArguments, registry: PassRegistry = .standard) -> PassManager {
        PassManager(registry: registry, options: PassManagerOptions(
            verifyEach: arguments.isSet(verifyEach), printAfterAll: arguments.isSet(printAfterAll),
            printAfter: Set(arguments.values(of: printAfter)), timePasses: arguments.isSet(timePasses),
            output: { Terminal.error($0) }))
    }

    /// The pipeline of --passes or -O (level 2 by default), checked against `manager`'s registry.
    static func pipeline(_ arguments: ParsedArguments, manager: PassManager) throws(UsageError) -> PassPipeline {
        let list = arguments.value(of: passes)
        let chosenLevel = arguments.value(of: level)
        if list != nil && chosenLevel != nil { throw UsageError("give either --passes or -O, not both") }
        do {
            let pipeline = try list.map { try PassPipeline(parsing: $0) } ?? PassPipeline.level(chosenLevel ?? "2")
            _ = try manager.resolve(pipeline)
            return pipeline
        } catch let diagnostic as Diagnostic {
            throw UsageError(diagnostic.message)
        } catch {
            throw UsageError(String(describing: error))
        }
    }
}
