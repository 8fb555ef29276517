/// A mistake in how cnnc was invoked (unknown subcommand or option, missing argument, malformed
/// value): reported as one line plus a pointer to the relevant help, with exit code 2.
struct UsageError: Error, Sendable, Equatable {
    /// The help that explains the right usage.
    enum HelpTopic: Sendable, Equatable {
        /// The tool's overview (`cnnc help`).
        case overview
        /// One subcommand's help (`cnnc help check`).
        case subcommand(String)
    }

    /// What is wrong, in one line.
    var message: String
    /// The help to point at; `nil` until the front attributes the error to a subcommand.
    var topic: HelpTopic?

    /// Creates a usage error.
    init(_ message: String, topic: HelpTopic? = nil) {
        self.message = message
        self.topic = topic
    }

    /// This error, pointing at the help of `subcommand` unless it already points somewhere.
    func inSubcommand(_ subcommand: String) -> UsageError {
        UsageError(message, topic: topic ?? .subcommand(subcommand))
    }

    /// The help command to suggest: `cnnc help` or `cnnc help check`.
    var helpCommand: String {
        guard case .subcommand(let name) = topic else { return "cnnc help" }
        return "cnnc help \(name)"
    }
}
