import Testing
@testable import CNNIR

/// Random corruptions of a valid file: each must load or throw a located `Diagnostic`, never
/// crash, trap or allocate without bound.
@Suite struct SafeTensorsFuzzTests {
    static let mutationCount = 2_000

    @Test func randomMutationsLoadOrThrowADiagnostic() throws {
        let valid = try SafeTensors.encode(WeightsFixture.sampleStore())
        var generator = SeededGenerator(seed: 0x5AFE_7E45)
        var loaded = 0
        var rejected = 0
        for iteration in 0..<SafeTensorsFuzzTests.mutationCount {
            let mutated = SafeTensorsFuzzTests.mutate(valid, using: &generator)
            if let diagnostic = WeightsFixture.decodeError(mutated) {
                rejected += 1
                #expect(diagnostic.location?.file == "bad.safetensors", "mutation \(iteration): \(diagnostic)")
                #expect(!diagnostic.message.hasPrefix("unexpected error type"), "mutation \(iteration): \(diagnostic)")
            } else {
                loaded += 1
            }
        }
        #expect(loaded + rejected == SafeTensorsFuzzTests.mutationCount)
        #expect(loaded > 50)
        #expect(rejected > 500)
    }

    /// One random corruption: byte flips anywhere, a flip in the length field, a structural
    /// character written into the header, a truncation, an insertion, or a duplicated slice.
    static func mutate(_ bytes: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        var result = bytes
        func index(below bound: Int) -> Int { Int(generator.next() % UInt64(max(bound, 1))) }
        switch generator.next() % 6 {
        case 0:
            for _ in 0...index(below: 4) { result[index(below: result.count)] = UInt8(truncatingIfNeeded: generator.next()) }
        case 1:
            result[index(below: 8)] = UInt8(truncatingIfNeeded: generator.next())
        case 2:
            let structural = Array("0123456789-.e[]{}\",: \\".utf8)
            let headerLength = Int(result[0]) | Int(result[1]) << 8
            result[8 + index(below: headerLength)] = structural[index(below: structural.count)]
        case 3:
            result.removeLast(1 + index(below: result.count))
        case 4:
            let insertion = (0...index(below: 8)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            result.insert(contentsOf: insertion, at: index(below: result.count + 1))
        default:
            let start = index(below: result.count)
            let end = start + index(below: result.count - start + 1)
            result.insert(contentsOf: result[start..<end], at: index(below: result.count + 1))
        }
        return result
    }
}
