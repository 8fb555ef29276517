import CNNIR

/// The front of `cnnc`: picks the subcommand, parses its arguments, runs it, and turns every
/// outcome into output and an exit code.
enum CommandLineTool {
    /// How a run of cnnc ended.
    enum ExitCode: Int32 {
        /// Everything worked.
        case success = 0
        /// A problem with the model or a file; the problems are on standard error.
        case failure = 1
        /// The command line was wrong; a one-line message and a pointer to help are on standard error.
        case usage = 2
    }

    /// Runs cnnc with `arguments` (the words after `cnnc`) and returns the exit code.
    static func run(_ arguments: [String]) -> ExitCode {
        do {
            try dispatch(arguments)
            return .success
        } catch let error as UsageError {
            Terminal.error("error: \(error.message)")
            Terminal.error("see '\(error.helpCommand)'")
            return .usage
        } catch let error as DiagnosticList {
            error.diagnostics.forEach { Terminal.error($0.description) }
            return .failure
        } catch {
            Terminal.error(String(describing: error))
            return .failure
        }
    }

    /// Finds the subcommand named by the first argument and runs it, or answers the global options.
    private static func dispatch(_ arguments: [String]) throws {
        guard let first = arguments.first else {
            throw UsageError("missing subcommand")
        }
        switch first {
        case "-h", "--help":
            Terminal.output(HelpText.overview)
            return
        case "--version":
            Terminal.output("cnnc \(Version.current)")
            return
        default:
            break
        }
        if first.hasPrefix("-") { throw UsageError("unknown option '\(first)'") }
        guard let command = SubcommandRegistry.named(first) else { throw SubcommandRegistry.unknown(first) }
        do {
            switch try ArgumentParser.parse(Array(arguments.dropFirst()), signature: command.signature) {
            case .help:
                Terminal.output(HelpText.help(for: command))
            case .arguments(let parsed):
                try command.run(parsed)
            }
        } catch let error as UsageError {
            throw error.inSubcommand(command.name)
        }
    }
}
