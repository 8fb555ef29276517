/// One positional argument of a subcommand (`MODEL.ir`).
struct PositionalSpec: Sendable, Hashable {
    /// The placeholder shown in help and messages.
    var name: String
    /// Whether the argument may be left out (only trailing arguments may be).
    var isOptional: Bool
    /// One line for the help text.
    var summary: String

    /// A required argument.
    static func required(_ name: String, _ summary: String) -> PositionalSpec {
        PositionalSpec(name: name, isOptional: false, summary: summary)
    }

    /// An argument that may be left out.
    static func optional(_ name: String, _ summary: String) -> PositionalSpec {
        PositionalSpec(name: name, isOptional: true, summary: summary)
    }

    /// How the argument is shown in a usage line: `MODEL.ir` or `[SUBCOMMAND]`.
    var usageLabel: String { isOptional ? "[\(name)]" : name }
}
