import Testing

/// Misuse of the command line: exit code 2, one line saying what is wrong, one line pointing at help.
@Suite("cnnc usage errors")
struct UsageErrorTests {
    /// Runs cnnc and checks the usage-error contract; returns the message line.
    @discardableResult
    func expectUsageError(_ arguments: [String], help: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try CNNC.run(arguments)
        #expect(result.status == 2, "\(result)", sourceLocation: sourceLocation)
        #expect(result.output.isEmpty, sourceLocation: sourceLocation)
        #expect(result.errorLines.count == 2, "\(result)", sourceLocation: sourceLocation)
        #expect(result.errorLines.last == "see '\(help)'", sourceLocation: sourceLocation)
        return result.errorLines.first ?? ""
    }

    @Test("no subcommand")
    func missingSubcommand() throws {
        #expect(try expectUsageError([], help: "cnnc help") == "error: missing subcommand")
    }

    @Test("unknown subcommand, with a suggestion for a typo")
    func unknownSubcommand() throws {
        #expect(try expectUsageError(["frobnicate"], help: "cnnc help") == "error: unknown subcommand 'frobnicate'")
        #expect(try expectUsageError(["chek", "model.ir"], help: "cnnc help")
                == "error: unknown subcommand 'chek'; did you mean 'check'?")
        #expect(try expectUsageError(["help", "frobnicate"], help: "cnnc help") == "error: unknown subcommand 'frobnicate'")
    }

    @Test("unknown options, before or after the subcommand, with or without a value")
    func unknownOption() throws {
        #expect(try expectUsageError(["--bogus"], help: "cnnc help") == "error: unknown option '--bogus'")
        #expect(try expectUsageError(["check", "missing.ir", "--bogus"], help: "cnnc help check")
                == "error: unknown option '--bogus'")
        #expect(try expectUsageError(["check", "missing.ir", "--bogus=3"], help: "cnnc help check")
                == "error: unknown option '--bogus'")
        #expect(try expectUsageError(["print", "-x", "missing.ir"], help: "cnnc help print") == "error: unknown option '-x'")
        #expect(try expectUsageError(["check", "missing.ir", "--wieghts", "w"], help: "cnnc help check")
                == "error: unknown option '--wieghts'; did you mean '--weights'?")
    }

    @Test("missing and unexpected positional arguments")
    func positionalArguments() throws {
        #expect(try expectUsageError(["check"], help: "cnnc help check") == "error: missing argument MODEL.ir")
        #expect(try expectUsageError(["print", "a.ir", "b.ir"], help: "cnnc help print")
                == "error: unexpected argument 'b.ir'")
    }

    @Test("option values: missing, given to a flag, repeated where not allowed")
    func optionValues() throws {
        #expect(try expectUsageError(["check", "a.ir", "--weights"], help: "cnnc help check")
                .contains("option --weights needs a value"))
        #expect(try expectUsageError(["check", "a.ir", "--help=yes"], help: "cnnc help check")
                == "error: option --help takes no value")
        #expect(try expectUsageError(["check", "a.ir", "--weights", "a", "--weights=b"], help: "cnnc help check")
                == "error: option --weights may be given only once")
    }

    @Test("malformed --set and --seed values", arguments: [
        ["check", "a.ir", "--set", "N"], ["check", "a.ir", "--set", "=4"], ["check", "a.ir", "--set", "N=0"],
        ["print", "a.ir", "--set", "N=x"], ["print", "a.ir", "--set", "N=99999999999999999999"],
        ["check", "a.ir", "--set", "N=2", "--set", "N=3"], ["init-weights", "a.ir", "--seed", "-1"],
    ])
    func malformedValues(arguments: [String]) throws {
        let message = try expectUsageError(arguments, help: "cnnc help \(arguments[0])")
        #expect(message.contains(arguments[2]))
    }
}
