/// `cnnc help [SUBCOMMAND]`: the tool's overview, or one subcommand's help.
struct HelpCommand: Subcommand {
    /// The optional subcommand whose help to show.
    static let topic = PositionalSpec.optional("SUBCOMMAND", "the subcommand to explain; the overview if left out")

    let name = "help"
    let summary = "show the overview, or a subcommand's arguments, options and examples"
    let signature = CommandSignature(positionals: [HelpCommand.topic])
    let discussion = ["examples:\n  cnnc help\n  cnnc help check"]

    func run(_ arguments: ParsedArguments) throws {
        guard let topic = arguments.positional(HelpCommand.topic) else {
            Terminal.output(HelpText.overview)
            return
        }
        guard let command = SubcommandRegistry.named(topic) else { throw SubcommandRegistry.unknown(topic) }
        Terminal.output(HelpText.help(for: command))
    }
}
