/// One subcommand of `cnnc` (`check`, `print`, …).
///
/// Adding a subcommand is one file with a type conforming to this protocol, plus one entry in
/// `SubcommandRegistry.all`; parsing, help and error reporting come from the shared front.
protocol Subcommand: Sendable {
    /// The name typed after `cnnc`.
    var name: String { get }
    /// One line for the overview: what the subcommand does.
    var summary: String { get }
    /// The positional arguments and options it accepts.
    var signature: CommandSignature { get }
    /// Further help shown after the options: details and examples, one paragraph per element.
    var discussion: [String] { get }

    /// Runs the subcommand. Throws `UsageError` for misuse, `Diagnostic` or `DiagnosticList` for
    /// problems with the model or files.
    func run(_ arguments: ParsedArguments) throws
}
