import CNNIR
import Testing

/// Properties of the text format over random valid graphs and the committed examples:
/// `parse(print(g)) == g`, `print(parse(print(g))) == print(g)`, and the parsed graph verifies.
@Suite("Text round trip of random graphs")
struct TextRoundTripPropertyTests {
    /// The random graphs are checked in batches of this many consecutive seeds.
    static let seedsPerBatch = 100
    /// 10 batches: 1,000 graphs, seeds 0 to 999.
    static let batches = Array(0..<10)

    @Test("print then parse gives the graph back, and printing is a fixed point", arguments: batches)
    func randomGraphsRoundTrip(batch: Int) {
        for seed in (batch * Self.seedsPerBatch)..<((batch + 1) * Self.seedsPerBatch) {
            let graph = RandomGraphGenerator.graph(seed: UInt64(seed))
            if let failure = Self.roundTripFailure(of: graph, file: "seed-\(seed).ir") {
                Issue.record("seed \(seed): \(failure)\n--- printed graph ---\n\(IRPrinter.print(graph))")
                return
            }
        }
    }

    @Test("the generator draws every op and the awkward corners of the format")
    func generatorCoversTheFormat() {
        let graphs = (0..<300).map { RandomGraphGenerator.graph(seed: UInt64($0)) }
        let nodes = graphs.flatMap(\.nodes)
        let drawn = Set(nodes.map(\.op))
        let missing = OpKind.allCases.filter { !drawn.contains($0) }
        #expect(missing.isEmpty, "the generator never produced \(missing); give these ops a recipe")
        let values = graphs.flatMap { $0.inputs + $0.parameters } + nodes.flatMap(\.results)
        #expect(values.contains { $0.name.contains(" ") || $0.name.contains("\"") }, "names that need quoting")
        #expect(values.contains { $0.name.contains(".") }, "dotted names")
        #expect(values.contains { !$0.type.shape.symbolNames.isEmpty }, "named dimensions")
        let bits = Set(graphs.flatMap(GraphDifference.floatBits))
        for special in [-0.0, Double.infinity, -Double.infinity, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude] {
            #expect(bits.contains(special.bitPattern), "number \(special) in an attribute or literal")
        }
    }

    @Test("every generated graph passes the verifier", arguments: batches)
    func generatedGraphsVerify(batch: Int) {
        for seed in (batch * Self.seedsPerBatch)..<((batch + 1) * Self.seedsPerBatch) {
            let graph = RandomGraphGenerator.graph(seed: UInt64(seed))
            do {
                try Verifier.verify(graph)
            } catch {
                Issue.record("seed \(seed): \(error)\n\(IRPrinter.print(graph))")
                return
            }
        }
    }

    @Test("examples print canonically, or reach a fixed point after one print")
    func examplesRoundTrip() throws {
        let models = try ExampleModels.all()
        #expect(models.count >= 6, "expected the six example models in \(ExampleModels.directory.path)")
        for model in models {
            let graph = try IRParser.parse(model.text, file: model.name)
            let printed = IRPrinter.print(graph)
            let reference = printed == model.text ? graph : try IRParser.parse(printed, file: model.name)
            if let failure = Self.roundTripFailure(of: reference, file: model.name) {
                Issue.record("\(model.name): \(failure)")
            }
        }
    }

    /// What goes wrong when `graph` is printed, parsed and printed again, or `nil` if nothing does.
    static func roundTripFailure(of graph: Graph, file: String) -> String? {
        let text = IRPrinter.print(graph)
        let parsed: Graph
        do {
            parsed = try IRParser.parse(text, file: file)
        } catch {
            return "the printed text does not parse: \(error)"
        }
        if let difference = GraphDifference.describe(expected: graph, actual: parsed) {
            return "parsing the printed text gives a different graph: \(difference)"
        }
        let reprinted = IRPrinter.print(parsed)
        if reprinted != text {
            let before = text.split(separator: "\n", omittingEmptySubsequences: false)
            let after = reprinted.split(separator: "\n", omittingEmptySubsequences: false)
            let line = before.indices.first { $0 >= after.count || before[$0] != after[$0] } ?? before.count
            return "printing is not a fixed point; line \(line + 1) became:\n\(line < after.count ? String(after[line]) : "<end>")"
        }
        do {
            try Verifier.verify(parsed)
        } catch {
            return "the verifier rejects the parsed graph: \(error)"
        }
        return nil
    }
}
