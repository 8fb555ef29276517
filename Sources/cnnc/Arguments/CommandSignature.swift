/// What a subcommand accepts: its positional arguments, in order, and its options.
struct CommandSignature: Sendable {
    /// The positional arguments, in order; optional ones last.
    var positionals: [PositionalSpec]
    /// The options (the help flag is added by the parser).
    var options: [OptionSpec]

    /// Creates a signature.
    init(positionals: [PositionalSpec] = [], options: [OptionSpec] = []) {
        self.positionals = positionals
        self.options = options
    }

    /// The options including the help flag every subcommand accepts.
    var optionsWithHelp: [OptionSpec] { options + [.help] }
}
