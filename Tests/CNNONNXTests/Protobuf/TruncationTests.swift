import CNNIR
import CNNONNX
import Testing

/// A message cut at every byte either decodes (when the cut falls between two fields) or throws a
/// diagnostic; it never crashes.
@Suite struct TruncationTests {
    /// One field of each kind, each encoded on its own.
    static let fields: [[UInt8]] = [
        [0x08] + Array(repeating: 0xFF, count: 9) + [0x01],           // int64 -1
        [0x20, 0xFE, 0xFF, 0xFF, 0xFF, 0x0F],                          // sint32
        [0x3D, 0x00, 0x00, 0xC0, 0x3F],                                // float
        [0x41, 0, 0, 0, 0, 0, 0, 0xE0, 0xBF],                          // double
        [0x4A, 0x03, 0x61, 0xC3, 0xA9],                                // string
        [0x5A, 0x04, 0x01, 0xAC, 0x02, 0x00],                          // packed int64s
        [0x6A, 0x06, 0x08, 0x05, 0x6A, 0x02, 0x08, 0x06],              // nested messages
        [0x9B, 0x06, 0x08, 0x05, 0x9C, 0x06],                          // skipped group
        [0x9D, 0x06, 1, 2, 3, 4],                                      // skipped fixed32
    ]

    @Test func everyCutEitherDecodesAtAFieldBoundaryOrThrows() throws {
        let whole = Array(Self.fields.joined())
        let full = try Scalars.decode(whole)
        #expect(full.int64 == -1 && full.string == "aé" && full.int64s == [1, 300, 0] && full.children.count == 1)
        let boundaries = Set(Self.fields.indices.map { Self.fields[..<$0].reduce(0) { $0 + $1.count } })
        for length in 0..<whole.count {
            let prefix = Array(whole[..<length])
            let message = diagnosticMessage { _ = try Scalars.decode(prefix) }
            if boundaries.contains(length) {
                #expect(message == nil, "cut at \(length): \(message ?? "")")
            } else {
                #expect(message?.hasPrefix("test.bin: Scalars") == true, "cut at \(length): \(message ?? "decoded")")
            }
        }
    }
}
