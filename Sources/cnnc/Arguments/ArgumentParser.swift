/// What the parser found on a subcommand's command line.
enum ParseOutcome: Sendable {
    /// The arguments, checked against the signature.
    case arguments(ParsedArguments)
    /// `--help` or `-h` was given: show the subcommand's help instead of running it.
    case help
}

/// Parses a subcommand's command line against its `CommandSignature`.
///
/// Accepted forms: positional arguments; `--flag`; `--option VALUE` and `--option=VALUE`;
/// `-o VALUE` (or `-oVALUE`) for options with a short name; repeated options where the option allows it; `--`
/// to end the options (everything after it is positional); a lone `-` is positional. `--help` or
/// `-h` anywhere before `--` asks for help. Anything else starting with `-` is a usage error.
enum ArgumentParser {
    /// Parses `tokens` (the words after the subcommand's name).
    static func parse(_ tokens: [String], signature: CommandSignature) throws(UsageError) -> ParseOutcome {
        let helpSpellings: Set = ["--help", "-h"]
        if tokens.prefix(while: { $0 != "--" }).contains(where: helpSpellings.contains) { return .help }

        var parsed = ParsedArguments()
        var positionals: [String] = []
        var remaining = tokens[...]
        var optionsEnded = false
        while let token = remaining.popFirst() {
            if optionsEnded || token == "-" || !token.hasPrefix("-") {
                positionals.append(token)
            } else if token == "--" {
                optionsEnded = true
            } else {
                let (spec, inlineValue) = try option(for: token, in: signature)
                try record(spec, inlineValue: inlineValue, remaining: &remaining, into: &parsed)
            }
        }
        parsed.positionals = try assign(positionals, to: signature.positionals)
        return .arguments(parsed)
    }

    /// The option a token names, and the value written after `=`, if any.
    private static func option(for token: String, in signature: CommandSignature) throws(UsageError)
        -> (OptionSpec, String?) {
        let options = signature.optionsWithHelp
        if token.hasPrefix("--") {
            let body = token.dropFirst(2)
            let name = String(body.prefix { $0 != "=" })
            let inlineValue = body.firstIndex(of: "=").map { String(body[body.index(after: $0)...]) }
            if let spec = options.first(where: { $0.name == name }) { return (spec, inlineValue) }
        } else if token.count >= 2, let letter = token.dropFirst().first,
                  let spec = options.first(where: { $0.shortName == letter }),
                  token.count == 2 || spec.valueName != nil {
            // `-O2` is `-O 2` for a short option that takes a value.
            return (spec, token.count == 2 ? nil : String(token.dropFirst(2)))
        }
        let unknown = String(token.prefix { $0 != "=" })
        let spellings = options.map(\.spelling)
        let hint = Suggestion.closest(to: unknown, among: spellings).map { "; did you mean '\($0)'?" } ?? ""
        throw UsageError("unknown option '\(unknown)'\(hint)")
    }

    /// Stores one option occurrence, taking its value from `=` or from the next token.
    private static func record(_ spec: OptionSpec, inlineValue: String?, remaining: inout ArraySlice<String>,
                               into parsed: inout ParsedArguments) throws(UsageError) {
        guard let valueName = spec.valueName else {
            if inlineValue != nil { throw UsageError("option \(spec.spelling) takes no value") }
            parsed.flags.insert(spec.name)
            return
        }
        guard let value = inlineValue ?? remaining.popFirst() else {
            throw UsageError("option \(spec.spelling) needs a value: \(spec.spelling) \(valueName)")
        }
        if !spec.isRepeatable, parsed.optionValues[spec.name] != nil {
            throw UsageError("option \(spec.spelling) may be given only once")
        }
        parsed.optionValues[spec.name, default: []].append(value)
    }

    /// Matches positional values to their specs, in order.
    private static func assign(_ values: [String], to specs: [PositionalSpec]) throws(UsageError) -> [String: String] {
        if values.count > specs.count {
            throw UsageError("unexpected argument '\(values[specs.count])'")
        }
        var assigned: [String: String] = [:]
        for (index, spec) in specs.enumerated() {
            if index < values.count {
                assigned[spec.name] = values[index]
            } else if !spec.isOptional {
                throw UsageError("missing argument \(spec.name)")
            }
        }
        return assigned
    }
}
