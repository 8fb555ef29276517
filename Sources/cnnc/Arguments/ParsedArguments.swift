/// The arguments of one subcommand invocation, checked against its `CommandSignature`.
struct ParsedArguments: Sendable {
    /// The positional values by argument name.
    var positionals: [String: String] = [:]
    /// The values of every option given, by option name, in command-line order.
    var optionValues: [String: [String]] = [:]
    /// The flags given, by name.
    var flags: Set<String> = []

    /// The value of a positional argument, if given.
    func positional(_ spec: PositionalSpec) -> String? { positionals[spec.name] }

    /// The value of a required positional argument; throws a usage error if it is missing.
    func required(_ spec: PositionalSpec) throws(UsageError) -> String {
        guard let value = positionals[spec.name] else { throw UsageError("missing argument \(spec.name)") }
        return value
    }

    /// The value of an option given at most once, if given.
    func value(of spec: OptionSpec) -> String? { optionValues[spec.name]?.last }

    /// Every value of a repeatable option, in command-line order.
    func values(of spec: OptionSpec) -> [String] { optionValues[spec.name] ?? [] }

    /// Whether a flag was given.
    func isSet(_ spec: OptionSpec) -> Bool { flags.contains(spec.name) }
}
