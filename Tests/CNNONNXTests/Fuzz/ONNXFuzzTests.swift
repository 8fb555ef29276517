import CNNIR
import CNNONNX
import Foundation
import Testing

/// Mutated ONNX files (byte flips, truncations, corrupted lengths and tags, inserted, deleted and
/// repeated chunks) decode or throw a `Diagnostic`: never a crash, another error, a hang, or
/// elements the bytes present do not back.
@Suite struct ONNXFuzzTests {
    /// Mutations per fixture; with five fixtures, 12,500 cases.
    static let casesPerFixture = 2_500

    /// The outcome of one case: decoded, or rejected with a `Diagnostic`.
    enum Outcome { case decoded, diagnosed }

    /// Decodes `bytes` as fixture `name` (models, with external data loaded from the fixtures
    /// folder, or a lone tensor), then reads every tensor's elements in every form (where
    /// diagnostics are expected: a float tensor read as integers throws). Returns whether
    /// decoding succeeded, and
    /// records an issue for anything but success or a `Diagnostic`, and for more elements than
    /// the bytes present (the file plus the one side file) could hold.
    static func run(_ bytes: [UInt8], as name: String, sideFileSize: Int) -> Outcome {
        do {
            var tensors: [TensorProto] = []
            if name.hasSuffix(".pb") {
                tensors = [try ONNXModelReader.decodeTensor(bytes, file: name).loadingExternalData(relativeTo: Fixtures.directory)]
            } else {
                var graph = try ONNXModelReader.decode(bytes, file: name, externalDataDirectory: Fixtures.directory).graph
                graph?.updateTensors { tensors.append($0) }
            }
            for tensor in tensors {
                for read in [{ try tensor.floats().count }, { try tensor.doubles().count }, { try tensor.int64s().count }] {
                    do {
                        let count = try read()
                        #expect(count <= bytes.count + sideFileSize, "\(name): tensor '\(tensor.name)' has \(count) elements from \(bytes.count) bytes")
                    } catch is Diagnostic {}
                }
            }
            return .decoded
        } catch is Diagnostic {
            return .diagnosed
        } catch {
            Issue.record("\(name): not a Diagnostic: \(error)")
            return .diagnosed
        }
    }

    @Test(arguments: Fixtures.models + ["input_0.pb"])
    func mutatedFixturesDecodeOrThrowADiagnostic(_ name: String) throws {
        let original = try Fixtures.bytes(name)
        let sideFileSize = try Fixtures.bytes("conv_relu.onnx").count + 64
        #expect(Self.run(original, as: name, sideFileSize: sideFileSize) == .decoded)
        let fields = WireScanner.fields(of: original)
        #expect(fields.count > 3)
        var random = SeededGenerator(seed: UInt64(name.utf8.reduce(0) { $0 &* 31 &+ Int($1) }.magnitude))
        var outcomes: [ByteMutator.Kind: (decoded: Int, diagnosed: Int)] = [:]
        let clock = ContinuousClock()
        let start = clock.now
        for index in 0..<Self.casesPerFixture {
            let kind = ByteMutator.Kind.allCases[index % ByteMutator.Kind.allCases.count]
            let mutated = ByteMutator.mutate(original, fields: fields, kind: kind, using: &random)
            let caseStart = clock.now
            let outcome = Self.run(mutated, as: name, sideFileSize: sideFileSize)
            #expect(clock.now - caseStart < .seconds(2), "\(name): case \(index) (\(kind)) took too long")
            var counts = outcomes[kind] ?? (0, 0)
            if outcome == .decoded { counts.decoded += 1 } else { counts.diagnosed += 1 }
            outcomes[kind] = counts
        }
        // Every kind of mutation that breaks the framing must have been rejected sometimes, and
        // some mutated files must decode, or the fuzzer is not reaching the checks.
        for kind in ByteMutator.Kind.allCases where kind != .rewriteValue {
            #expect((outcomes[kind]?.diagnosed ?? 0) > 0, "\(name): no \(kind) case was rejected")
        }
        #expect(outcomes.values.reduce(0) { $0 + $1.decoded } > Self.casesPerFixture / 20)
        #expect(clock.now - start < .seconds(120))
    }
}
