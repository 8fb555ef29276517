import Foundation

/// The help text of the tool and of each subcommand.
enum HelpText {
    /// The tool's overview: what cnnc is, its subcommands and global options.
    static var overview: String {
        let subcommands = SubcommandRegistry.all.map { (label: $0.name, summary: $0.summary) }
        let options = [(label: "-h, --help", summary: "show this help"),
                       (label: "--version", summary: "print cnnc's version")]
        return """
            cnnc \(Version.current): a graph compiler for convolutional neural networks, on the CPU

            usage: cnnc SUBCOMMAND [ARGUMENTS] [OPTIONS]

            subcommands:
            \(table(subcommands))

            options:
            \(table(options))

            Run 'cnnc help SUBCOMMAND' (or 'cnnc SUBCOMMAND --help') for a subcommand's arguments,
            options and examples.

            exit codes: 0 success; 1 a problem with the model or a file (one line per problem on
            stderr); 2 the command line is wrong (unknown subcommand or option, missing argument).
            """
    }

    /// The help of one subcommand: usage line, arguments, options and discussion.
    static func help(for command: any Subcommand) -> String {
        let signature = command.signature
        let usage = (["cnnc", command.name] + signature.positionals.map(\.usageLabel)
            + signature.options.map(\.usageLabel)).joined(separator: " ")
        var sections = ["cnnc \(command.name): \(command.summary)", "usage: \(usage)"]
        if !signature.positionals.isEmpty {
            sections.append("arguments:\n" + table(signature.positionals.map { (label: $0.name, summary: $0.summary) }))
        }
        sections.append("options:\n" + table(signature.optionsWithHelp.map { (label: $0.helpLabel, summary: $0.summary) }))
        sections += command.discussion
        return sections.joined(separator: "\n\n")
    }

    /// Two aligned columns, indented by two spaces.
    private static func table(_ rows: [(label: String, summary: String)]) -> String {
        let width = rows.map(\.label.count).max() ?? 0
        return rows.map { row in
            "  " + row.label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + row.summary
        }.joined(separator: "\n")
    }
}
