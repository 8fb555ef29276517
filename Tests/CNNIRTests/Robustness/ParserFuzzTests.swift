import CNNIR
import Testing

/// Damaged and random text fed to `parse` then `verify`: every input must be accepted or
/// rejected with a located `Diagnostic`, never crash, never hang, and take at most a second.
/// The tests run one after another, so that at most one fuzz worker competes for the cores and
/// the time limit measures the input rather than the contention.
@Suite("Parser and verifier fuzzing", .serialized)
struct ParserFuzzTests {
    /// Small examples are damaged anywhere, many times.
    static let smallExamples = ["lenet5.ir", "resnet_block.ir", "vgg_small.ir"]
    /// Big examples are damaged in a window of lines, fewer times.
    static let largeExamples = ["resnet18.ir", "resnet50.ir", "mobilenet_v2.ir"]
    /// Damaged versions of each small example (3 × 2,900 = 8,700).
    static let mutationsPerSmallExample = 2_900
    /// Damaged versions of each big example (3 × 500 = 1,500; 10,200 damaged models in all).
    static let mutationsPerLargeExample = 500
    /// The lines of a big example damaged at once.
    static let windowLines = 24

    @Test("damaged small examples", arguments: smallExamples)
    func damagedSmallExamples(name: String) async throws {
        let model = try ExampleModels.named(name)
        let family = UInt64(Self.smallExamples.firstIndex(of: name) ?? 0)
        let failures = await FuzzHarness.run(count: Self.mutationsPerSmallExample) { index in
            let seed = family << 32 | UInt64(index)
            var mutator = TextMutator(seed: seed)
            let damaged = mutator.mutate(model.text)
            return FuzzInput(origin: "\(name), TextMutator seed \(seed), \(damaged.mutations.map(\.rawValue))", file: name, text: damaged.text)
        }
        FuzzHarness.record(failures)
    }

    @Test("damaged windows of big examples", arguments: largeExamples)
    func damagedLargeExamples(name: String) async throws {
        let model = try ExampleModels.named(name)
        let family = UInt64(16 + (Self.largeExamples.firstIndex(of: name) ?? 0))
        let failures = await FuzzHarness.run(count: Self.mutationsPerLargeExample) { index in
            let seed = family << 32 | UInt64(index)
            var mutator = TextMutator(seed: seed)
            let damaged = mutator.mutateWindow(of: model.text, lines: Self.windowLines)
            return FuzzInput(origin: "\(name), TextMutator window seed \(seed), \(damaged.mutations.map(\.rawValue))", file: name, text: damaged.text)
        }
        FuzzHarness.record(failures)
    }

    @Test("random bytes")
    func randomBytes() async {
        let failures = await FuzzHarness.run(count: 600) { index in
            var random = SeededGenerator(seed: 0xB17E5 &+ UInt64(index))
            let printable = random.chance(0.5)
            let bytes = (0..<random.int(in: 0...300)).map { _ in UInt8(printable ? random.int(in: 0x20...0x7E) : random.int(in: 0...255)) }
            return FuzzInput(origin: "random bytes, index \(index)", file: "bytes.ir", text: String(decoding: bytes, as: UTF8.self))
        }
        FuzzHarness.record(failures)
    }

    @Test("token soups, with and without a valid graph header")
    func tokenSoups() async {
        let failures = await FuzzHarness.run(count: 600) { index in
            var random = SeededGenerator(seed: 0x50_0000 &+ UInt64(index))
            var text = random.chance(0.5) ? "graph @g(%x: f32[1,3,8,8]) -> f32[1,3,8,8] {\n" : ""
            for _ in 0..<random.int(in: 1...60) {
                text += random.pick(Self.soupTokens) + random.pick([" ", " ", "", "\n", ", "])
            }
            return FuzzInput(origin: "token soup, index \(index)", file: "soup.ir", text: text)
        }
        FuzzHarness.record(failures)
    }

    @Test("random graphs with extreme attribute values and sizes")
    func extremeValues() async {
        let failures = await FuzzHarness.run(count: 1_000) { index in ExtremeValueMutator.input(seed: UInt64(index)) }
        FuzzHarness.record(failures)
    }

    @Test("hostile inputs: deep nesting, huge names, numbers and graphs", arguments: HostileInputs.all)
    func hostileInput(input: FuzzInput) async {
        let problem = await FuzzHarness.run(count: 1) { _ in input }
        FuzzHarness.record(problem)
    }

    /// The vocabulary of token soups: every kind of token of the format.
    static let soupTokens: [String] = OpKind.allCases.map(\.rawValue) + TextMutator.numberReplacements + [
        "graph", "@g", "@\"q\"", "(", ")", "%x", "%y", "%0", "%\"a b\"", ":", "f32", "f64", "i64", "[", "]", "N",
        "->", "{", "}", "=", "param", "weights", "\"w.safetensors\"", "return", "dense", "<", ">", "true",
        "false", "\"nearest\"", "kernel", "strides", "pads", "axis", "value", "// comment", "#", "\"", "\\",
        "f32[1,3,8,8]", "%x = relu %x : f32[1,3,8,8]", "return %x }", "dense<[1.0, 2.0]> : f32[2]",
    ]
}
