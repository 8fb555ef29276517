import Testing
@testable import CNNIR

/// One hostile or malformed file and the message it must produce.
struct MalformedFile: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    var expected: String

    var testDescription: String { name }

    init(_ name: String, header: String, data: [UInt8] = [], declaredLength: UInt64? = nil, expected: String) {
        self.name = name
        self.bytes = WeightsFixture.file(header: header, data: data, declaredLength: declaredLength)
        self.expected = expected
    }

    init(_ name: String, bytes: [UInt8], expected: String) {
        self.name = name
        self.bytes = bytes
        self.expected = expected
    }

    /// A header with one F32 tensor `w` described by `fields`.
    static func single(_ fields: String) -> String { #"{"w":{"# + fields + "}}" }

    static let all: [MalformedFile] = [
        MalformedFile("empty file", bytes: [], expected: "the file is 0 bytes long, too short for the 8-byte header length"),
        MalformedFile("partial length field", bytes: [1, 0, 0, 0, 0], expected: "the file is 5 bytes long"),
        MalformedFile("header length 2^63", header: "{}", declaredLength: 1 << 63,
                      expected: "the header length 9223372036854775808 exceeds the limit of 100000000 bytes"),
        MalformedFile("header length 2^64-1", header: "{}", declaredLength: .max,
                      expected: "the header length 18446744073709551615 exceeds the limit"),
        MalformedFile("header length past the end", header: "{}", declaredLength: 4096,
                      expected: "the header length 4096 runs past the end of the file (2 bytes follow the length field"),
        MalformedFile("header not JSON", header: "hello", expected: "header is not valid JSON: expected a value, found 'h' (at byte 0 of the header)"),
        MalformedFile("header cut inside JSON", header: #"{"w":{"dtype":"F3"#, expected: "string starting at byte 14 is not closed"),
        MalformedFile("header is an array", header: "[1, 2]", expected: "the header must be a JSON object, found an array"),
        MalformedFile("garbage after the header object", header: "{} x", expected: "unexpected 'x' after the end of the JSON value"),
        MalformedFile("invalid UTF-8 in a name", bytes: [7, 0, 0, 0, 0, 0, 0, 0, 0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x7D],
                      expected: "string starting at byte 1 is not valid UTF-8"),
        MalformedFile("lone surrogate", header: #"{"\ud800":1}"#, expected: "lone surrogate"),
        MalformedFile("nesting 10000 deep", header: String(repeating: "[", count: 10_000), expected: "nested deeper than 64 levels"),
        MalformedFile("tensor entry not an object", header: #"{"w": 3}"#,
                      expected: "tensor 'w' must be an object with dtype, shape and data_offsets, found the number 3"),
        MalformedFile("missing data_offsets", header: single(#""dtype":"F32","shape":[]"#), expected: #"tensor 'w' has no "data_offsets""#),
        MalformedFile("repeated field", header: single(#""dtype":"F32","dtype":"F64","shape":[],"data_offsets":[0,4]"#),
                      data: [0, 0, 0, 0], expected: #"tensor 'w' gives "dtype" more than once"#),
        MalformedFile("unsupported dtype U64", header: single(#""dtype":"U64","shape":[1],"data_offsets":[0,8]"#), data: [UInt8](repeating: 1, count: 8),
                      expected: "tensor 'w' has dtype U64, which cnnc cannot read (cnnc reads F32, F64, I64 and BOOL"),
        MalformedFile("unsupported dtype F8_E4M3", header: single(#""dtype":"F8_E4M3","shape":[1],"data_offsets":[0,1]"#), data: [1],
                      expected: "tensor 'w' has dtype F8_E4M3, which cnnc cannot read"),
        MalformedFile("dtype not a string", header: single(#""dtype":4,"shape":[1],"data_offsets":[0,4]"#), data: [0, 0, 0, 0],
                      expected: "tensor 'w': dtype must be a string, found the number 4"),
        MalformedFile("shape and size disagree", header: single(#""dtype":"F32","shape":[2,3],"data_offsets":[0,20]"#),
                      data: [UInt8](repeating: 0, count: 20),
                      expected: "tensor 'w': shape [2,3] of F32 needs 24 bytes, but data_offsets [0, 20] span 20"),
        MalformedFile("shape overflows", header: single(#""dtype":"F32","shape":[1099511627776,1099511627776],"data_offsets":[0,4]"#),
                      data: [0, 0, 0, 0], expected: "tensor 'w': shape [1099511627776,1099511627776] of F32 has more bytes than this machine can address"),
        MalformedFile("shape overflows only in bytes", header: single(#""dtype":"F64","shape":[2147483648,2147483648],"data_offsets":[0,8]"#),
                      data: [UInt8](repeating: 0, count: 8), expected: "has more bytes than this machine can address"),
        MalformedFile("negative shape", header: single(#""dtype":"F32","shape":[-2],"data_offsets":[0,0]"#),
                      expected: "tensor 'w': shape entry -2 is negative"),
        MalformedFile("fractional shape", header: single(#""dtype":"F32","shape":[2.5],"data_offsets":[0,8]"#),
                      data: [UInt8](repeating: 0, count: 8), expected: "tensor 'w': shape entry 2.5 is not an integer"),
        MalformedFile("shape with an exponent", header: single(#""dtype":"F32","shape":[1e2],"data_offsets":[0,400]"#),
                      expected: "tensor 'w': shape entry 1e2 is not an integer"),
        MalformedFile("shape not a list", header: single(#""dtype":"F32","shape":"2","data_offsets":[0,8]"#),
                      expected: "tensor 'w': shape must be an array of non-negative integers, found a string"),
        MalformedFile("offset too large for Int", header: single(#""dtype":"F32","shape":[1],"data_offsets":[0,99999999999999999999]"#),
                      expected: "tensor 'w': data_offsets entry 99999999999999999999 is too large"),
        MalformedFile("negative offsets", header: single(#""dtype":"F32","shape":[1],"data_offsets":[-4,0]"#),
                      expected: "tensor 'w': data_offsets entry -4 is negative"),
        MalformedFile("three offsets", header: single(#""dtype":"F32","shape":[1],"data_offsets":[0,4,8]"#), data: [0, 0, 0, 0],
                      expected: "tensor 'w': data_offsets must be [begin, end], found 3 numbers"),
        MalformedFile("one offset", header: single(#""dtype":"F32","shape":[1],"data_offsets":[4]"#), data: [0, 0, 0, 0],
                      expected: "tensor 'w': data_offsets must be [begin, end], found 1 number"),
        MalformedFile("offsets end before they begin", header: single(#""dtype":"F32","shape":[0],"data_offsets":[8,4]"#),
                      data: [UInt8](repeating: 0, count: 8), expected: "tensor 'w': data_offsets [8, 4] end before they begin"),
        MalformedFile("offsets past the data", header: single(#""dtype":"F32","shape":[4],"data_offsets":[0,16]"#),
                      data: [UInt8](repeating: 0, count: 12),
                      expected: "tensor 'w': data_offsets [0, 16] run past the end of the 12-byte data buffer (is the file truncated?)"),
        MalformedFile("overlapping tensors",
                      header: #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#,
                      data: [UInt8](repeating: 0, count: 8), expected: "tensor 'b' [4, 8] overlaps tensor 'a' [0, 8]"),
        MalformedFile("empty tensor inside another",
                      header: #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"z":{"dtype":"F32","shape":[0],"data_offsets":[4,4]}}"#,
                      data: [UInt8](repeating: 0, count: 8), expected: "tensor 'z' [4, 4] overlaps tensor 'a' [0, 8]"),
        MalformedFile("hole between tensors",
                      header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#,
                      data: [UInt8](repeating: 0, count: 12),
                      expected: "bytes 4..<8 of the data buffer belong to no tensor (a hole before tensor 'b', after tensor 'a')"),
        MalformedFile("hole at the start", header: single(#""dtype":"F32","shape":[1],"data_offsets":[4,8]"#),
                      data: [UInt8](repeating: 0, count: 8), expected: "bytes 0..<4 of the data buffer belong to no tensor (a hole before tensor 'w')"),
        MalformedFile("trailing unused bytes", header: single(#""dtype":"F32","shape":[1],"data_offsets":[0,4]"#),
                      data: [UInt8](repeating: 0, count: 6),
                      expected: "the data buffer has 6 bytes but the tensors end at byte 4: 2 trailing bytes belong to no tensor"),
        MalformedFile("duplicate names",
                      header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#,
                      data: [UInt8](repeating: 0, count: 8), expected: "tensor 'a' appears more than once in the header"),
        MalformedFile("metadata twice", header: #"{"__metadata__":{},"__metadata__":{}}"#,
                      expected: "__metadata__ appears more than once in the header"),
        MalformedFile("metadata value not a string", header: #"{"__metadata__":{"epochs":3}}"#,
                      expected: "__metadata__ entry 'epochs' must be a string, found the number 3"),
        MalformedFile("metadata not an object", header: #"{"__metadata__":[]}"#,
                      expected: "__metadata__ must be an object of strings, found an array"),
    ]
}

@Suite struct SafeTensorsMalformedTests {
    @Test(arguments: MalformedFile.all)
    func rejectsWithASpecificMessage(file: MalformedFile) throws {
        let diagnostic = try #require(WeightsFixture.decodeError(file.bytes))
        #expect(diagnostic.description.hasPrefix("bad.safetensors:1:1: error: "))
        #expect(diagnostic.message.contains(file.expected), "\(diagnostic.message)")
    }

    @Test func everyTruncationOfAValidFileIsReportedByRegion() throws {
        let bytes = try SafeTensors.encode(WeightsFixture.sampleStore())
        let dataStart = 8 + bytes[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
        for length in 0..<bytes.count {
            let diagnostic = try #require(WeightsFixture.decodeError(Array(bytes.prefix(length))))
            let expected = length < 8 ? "too short for the 8-byte header length"
                : length < dataStart ? "runs past the end of the file"
                : "data buffer (is the file truncated?)"
            #expect(diagnostic.message.contains(expected), "cut at \(length): \(diagnostic.message)")
        }
    }
}
