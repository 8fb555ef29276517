import Foundation
import Testing
import CNNIR

/// docs/IR-ops.md must describe every op exactly as its schema does.
@Suite struct OpDocumentationTests {
    /// The text of docs/IR-ops.md, found from this file's path.
    static func documentation() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("docs/IR-ops.md"), encoding: .utf8)
    }

    /// The section of `text` about `op`: from its heading to the next op heading.
    static func section(of op: OpKind, in text: String) -> String? {
        guard let start = text.range(of: "### `\(op.rawValue)`\n") else { return nil }
        let rest = text[start.upperBound...]
        let end = rest.range(of: "\n### ")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    /// A default as the page writes it.
    static func written(_ value: AttributeValue?) -> String {
        switch value {
        case nil: return "required"
        case .int(let value)?: return "`\(value)`"
        case .float(let value)?: return "`\(value)`"
        case .bool(let value)?: return "`\(value)`"
        case .string(let value)?: return "`\"\(value)\"`"
        case .ints(let values)?: return "`[" + values.map(String.init).joined(separator: ",") + "]`"
        case .floats(let values)?: return "`[" + values.map { "\($0)" }.joined(separator: ",") + "]`"
        case .tensor?: return "tensor"
        }
    }

    @Test(arguments: OpKind.allCases)
    func pageDescribesTheSchema(_ op: OpKind) throws {
        let text = try Self.documentation()
        let section = try #require(Self.section(of: op, in: text), "docs/IR-ops.md has no section for \(op)")
        let schema = op.schema
        #expect(section.contains(schema.summary))
        let operands = schema.operands.isEmpty ? "none" : schema.operandSignature.split(separator: ", ").map { "`\($0)`" }.joined(separator: ", ")
        #expect(section.contains("Operands: \(operands)\n"))
        for spec in schema.attributes {
            let row = "| `\(spec.name)` | \(spec.kind.rawValue) | \(Self.written(spec.defaultValue)) | \(spec.summary) |"
            #expect(section.contains(row), "missing or outdated row: \(row)")
        }
        let rows = section.split(separator: "\n").filter { $0.hasPrefix("| `") }
        #expect(rows.count == schema.attributes.count, "\(op) documents \(rows.count) attributes, the schema has \(schema.attributes.count)")
        #expect(section.contains("Result: "))
        #expect(section.contains(" = \(op.rawValue) ") || section.contains(" = \(op.rawValue) {"), "\(op) needs an example")
    }

    /// Each example, with the operand types its comment gives as graph inputs, parses and verifies.
    @Test(arguments: OpKind.allCases)
    func exampleVerifies(_ op: OpKind) throws {
        let section = try #require(Self.section(of: op, in: try Self.documentation()))
        let lines = section.split(separator: "\n", omittingEmptySubsequences: false)
        let fence = try #require(lines.firstIndex(of: "```"), "\(op) has no example block")
        let example = lines[fence + 1].components(separatedBy: "   // ")
        let inputs = example.count > 1 ? example[1].components(separatedBy: ", ").map { "%" + $0 } : []
        let results = try #require(example[0].components(separatedBy: " = ").first).components(separatedBy: ", ")
        let text = "graph @example(\(inputs.joined(separator: ", "))) {\n  \(example[0])\n  return \(results.joined(separator: ", "))\n}\n"
        let graph = try IRParser.parse(text, file: "IR-ops.md")
        #expect(graph.nodes.map(\.op) == [op])
        try Verifier.verify(graph)
    }
}
