/// What one run of the `cnnc` binary produced.
struct CommandResult: Sendable, CustomStringConvertible {
    /// The exit status.
    var status: Int32
    /// Everything written to standard output.
    var output: String
    /// Everything written to standard error.
    var errors: String

    /// The lines of standard error, without empty ones.
    var errorLines: [String] { errors.split(separator: "\n").map(String.init) }

    /// All of it, for failure messages.
    var description: String { "exit \(status)\n--- stdout\n\(output)--- stderr\n\(errors)" }
}
