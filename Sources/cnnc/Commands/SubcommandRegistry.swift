/// Every subcommand of `cnnc`, in the order the overview lists them.
enum SubcommandRegistry {
    /// The subcommands.
    static let all: [any Subcommand] = [
        CheckCommand(),
        PrintCommand(),
        InitWeightsCommand(),
        RunCommand(),
        BenchCommand(),
        ImportCommand(),
        OptCommand(),
        CompileCommand(),
        TrainCommand(),
        HelpCommand(),
    ]

    /// The subcommand called `name`, if there is one.
    static func named(_ name: String) -> (any Subcommand)? {
        all.first { $0.name == name }
    }

    /// A usage error for an unknown subcommand name, suggesting the closest one.
    static func unknown(_ name: String) -> UsageError {
        let hint = Suggestion.closest(to: name, among: all.map(\.name)).map { "; did you mean '\($0)'?" } ?? ""
        return UsageError("unknown subcommand '\(name)'\(hint)", topic: .overview)
    }
}
