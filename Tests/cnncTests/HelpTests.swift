import Testing

@Suite("cnnc help and version")
struct HelpTests {
    /// Every subcommand, with option spellings its help must list.
    static let subcommands: [(name: String, options: [String])] = [
        ("check", ["--set NAME=SIZE", "--weights FILE", "-h, --help"]),
        ("print", ["--set NAME=SIZE", "-h, --help"]),
        ("init-weights", ["--set NAME=SIZE", "--seed S", "-o, --output FILE", "-h, --help"]),
        ("help", ["SUBCOMMAND", "-h, --help"]),
    ]

    @Test("the overview lists every subcommand and the exit codes", arguments: [["--help"], ["-h"], ["help"]])
    func overview(arguments: [String]) throws {
        let result = try CNNC.run(arguments)
        #expect(result.status == 0, "\(result)")
        #expect(result.errors.isEmpty)
        #expect(result.output.contains("usage: cnnc SUBCOMMAND"))
        for subcommand in Self.subcommands {
            #expect(result.output.contains("\n  \(subcommand.name) "), "overview misses \(subcommand.name)")
        }
        #expect(result.output.contains("exit codes"))
    }

    @Test("every subcommand has help, reached three ways", arguments: HelpTests.subcommands.map(\.name))
    func subcommandHelp(name: String) throws {
        let results = try [["help", name], [name, "--help"], [name, "-h"]].map { try CNNC.run($0) }
        for result in results {
            #expect(result.status == 0, "\(result)")
            #expect(result.errors.isEmpty)
            #expect(result.output == results[0].output)
        }
        let help = results[0].output
        #expect(help.contains("usage: cnnc \(name)"))
        for option in Self.subcommands.first(where: { $0.name == name })?.options ?? [] {
            #expect(help.contains(option), "help of \(name) misses \(option)")
        }
    }

    @Test("--help wins over other arguments and options")
    func helpWithOtherArguments() throws {
        let result = try CNNC.run(["check", "missing.ir", "--bogus", "--help"])
        #expect(result.status == 0, "\(result)")
        #expect(result.output.contains("usage: cnnc check"))
    }

    @Test("--version prints the version")
    func version() throws {
        let result = try CNNC.run(["--version"])
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("cnnc "))
        #expect(result.output.split(separator: " ").last?.first?.isNumber == true)
    }
}
