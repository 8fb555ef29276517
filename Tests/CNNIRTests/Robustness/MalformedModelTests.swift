import CNNIR
import Testing

/// Semantically wrong models run through parse and verify (what `cnnc check` does): the first
/// error must say what is wrong and point at the exact line and column of the offending node,
/// attribute or name.
@Suite("Semantically malformed models")
struct MalformedModelTests {
    /// The file name the cases are parsed under.
    static let file = "malformed.ir"

    @Test("the first error names the problem at its location", arguments: MalformedModelCase.all)
    func reportsTheProblemWhereItIs(_ model: MalformedModelCase) throws {
        let diagnostics = Self.diagnostics(model.text)
        let first = try #require(diagnostics.first, "the model was accepted")
        let (line, column) = model.markedLocation
        #expect(first.message.contains(model.phrase), "message: \(first.message)")
        #expect(first.location?.file == Self.file)
        #expect(first.location?.line == line && first.location?.column == column,
                "expected \(Self.file):\(line):\(column), found \(first.location.map(String.init(describing:)) ?? "no location")")
        #expect(first.description.hasPrefix("\(Self.file):\(line):\(column): error: "), "\(first)")
    }

    @Test("the table covers at least 25 distinct problems")
    func tableIsLargeAndDistinct() {
        #expect(MalformedModelCase.all.count >= 25)
        #expect(Set(MalformedModelCase.all.map(\.name)).count == MalformedModelCase.all.count)
        #expect(MalformedModelCase.all.allSatisfy { $0.markedText.unicodeScalars.filter { $0 == MalformedModelCase.marker }.count == 1 })
    }

    /// The diagnostics of parsing then verifying `text`: empty when the model is accepted, and
    /// one unlocated diagnostic describing any error that is not a diagnostic.
    static func diagnostics(_ text: String) -> [Diagnostic] {
        do {
            try Verifier.verify(try IRParser.parse(text, file: file))
            return []
        } catch let diagnostic as Diagnostic {
            return [diagnostic]
        } catch let list as DiagnosticList {
            return list.diagnostics
        } catch {
            return [Diagnostic("not a diagnostic: \(type(of: error)): \(error)")]
        }
    }
}
