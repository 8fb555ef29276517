/// One option a subcommand accepts: a `--flag`, or an `--option VALUE` (also written
/// `--option=VALUE`), possibly with a one-letter short form (`-o VALUE`).
struct OptionSpec: Sendable, Hashable {
    /// The long name, without the leading `--`.
    var name: String
    /// The one-letter short form, without the leading `-`, if there is one.
    var shortName: Character?
    /// The placeholder for the value in help text (`FILE`); `nil` for a flag, which takes no value.
    var valueName: String?
    /// Whether the option may be given more than once (every value is kept).
    var isRepeatable: Bool
    /// One line for the help text.
    var summary: String

    /// A flag: present or absent, no value.
    static func flag(_ name: String, short shortName: Character? = nil, _ summary: String) -> OptionSpec {
        OptionSpec(name: name, shortName: shortName, valueName: nil, isRepeatable: false, summary: summary)
    }

    /// An option that takes one value.
    static func option(_ name: String, short shortName: Character? = nil, value valueName: String,
                       repeatable isRepeatable: Bool = false, _ summary: String) -> OptionSpec {
        OptionSpec(name: name, shortName: shortName, valueName: valueName, isRepeatable: isRepeatable, summary: summary)
    }

    /// Whether the option takes a value.
    var takesValue: Bool { valueName != nil }

    /// How the option is spelled in messages: `--name`.
    var spelling: String { "--" + name }

    /// How the option is shown in help: `-o, --output FILE`.
    var helpLabel: String {
        var label = shortName.map { "-\($0), " } ?? ""
        label += spelling
        if let valueName { label += " " + valueName }
        return label
    }

    /// How the option is shown in a usage line: `[--weights FILE]`, `[--set NAME=SIZE]...`.
    var usageLabel: String {
        "[" + spelling + (valueName.map { " " + $0 } ?? "") + "]" + (isRepeatable ? "..." : "")
    }

    /// The help flag every subcommand accepts.
    static let help = OptionSpec.flag("help", short: "h", "show this help")
}
