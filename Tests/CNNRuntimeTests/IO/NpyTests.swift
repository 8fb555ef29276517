import Foundation
import Testing
import CNNIR
import CNNRuntime

/// Files written by NumPy 2.4 (`numpy.lib.format.write_array`), base64-encoded.
private enum NumPyFixtures {
    /// [[1.5, -2, 3.25], [0, 1e-3, -7]] as <f4, format 1.0.
    static let float32Version1 = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDMpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAMA/AAAAwAAAUEAAAAAAbxKDOgAA4MA="
    /// The same array, format 2.0.
    static let float32Version2 = "k05VTVBZAgB0AAAAeydkZXNjcic6ICc8ZjQnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMiwgMyksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAMA/AAAAwAAAUEAAAAAAbxKDOgAA4MA="
    /// The same array, format 3.0.
    static let float32Version3 = "k05VTVBZAwB0AAAAeydkZXNjcic6ICc8ZjQnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMiwgMyksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAMA/AAAAwAAAUEAAAAAAbxKDOgAA4MA="
    /// [0.1, -2.5, 1e300] as <f8.
    static let float64 = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAqamZmZmZm5PwAAAAAAAATAnHUAiDzkN34="
    /// [[0, -1], [2^40 + 3, 9]] as <i8.
    static let int64 = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGk4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDIpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAAAAP//////////AwAAAAABAAAJAAAAAAAAAA=="
    /// [[0, 127, 255]] as |u1.
    static let uint8 = "k05VTVBZAQB2AHsnZGVzY3InOiAnfHUxJywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDEsIDMpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAf/8="
    /// [5, -6, 2147483647] as <i4.
    static let int32 = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGk0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoFAAAA+v///////38="
    /// The scalar 2.5 as <f4, shape ().
    static let scalar = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAACBA"

    static func bytes(_ base64: String) throws -> [UInt8] { [UInt8](try #require(Data(base64Encoded: base64))) }
}

/// A `.npy` file of format 1.0 built by hand around `header` (padded as NumPy pads) and `data`.
private func handMadeFile(header: String, data: [UInt8], version: UInt8 = 1) -> [UInt8] {
    let lengthSize = version == 1 ? 2 : 4
    let padding = (64 - (8 + lengthSize + header.utf8.count + 1) % 64) % 64
    let text = Array(header.utf8) + Array(repeating: UInt8(ascii: " "), count: padding) + [UInt8(ascii: "\n")]
    let length = (0..<lengthSize).map { UInt8((text.count >> (8 * $0)) & 0xFF) }
    return [0x93] + Array("NUMPY".utf8) + [version, 0] + length + text + data
}

@Suite("NumPy .npy files")
struct NpyTests: RuntimeTestHelpers {
    let expectedFloats: [Float] = [1.5, -2, 3.25, 0, 1e-3, -7]

    @Test("reads NumPy's f32 files in format versions 1.0, 2.0 and 3.0")
    func readsEveryVersion() throws {
        for fixture in [NumPyFixtures.float32Version1, NumPyFixtures.float32Version2, NumPyFixtures.float32Version3] {
            #expect(try Npy.decode(NumPyFixtures.bytes(fixture)) == Tensor(shape: [2, 3], scalars: expectedFloats))
        }
    }

    @Test("reads f64, i64 and scalars exactly; converts |u1 to f32 and <i4 to i64")
    func readsEveryDType() throws {
        #expect(try Npy.decode(NumPyFixtures.bytes(NumPyFixtures.float64)) == Tensor(shape: [3], elements: [0.1, -2.5, 1e300]))
        #expect(try Npy.decode(NumPyFixtures.bytes(NumPyFixtures.int64)) == Tensor(shape: [2, 2], elements: [0, -1, (1 << 40) + 3, 9] as [Int64]))
        #expect(try Npy.decode(NumPyFixtures.bytes(NumPyFixtures.uint8)) == Tensor(shape: [1, 3], scalars: [0, 127, 255]))
        #expect(try Npy.decode(NumPyFixtures.bytes(NumPyFixtures.int32)) == Tensor(shape: [3], elements: [5, -6, 2_147_483_647] as [Int64]))
        #expect(try Npy.decode(NumPyFixtures.bytes(NumPyFixtures.scalar)) == Tensor(scalar: Float(2.5)))
    }

    @Test("writes format 1.0 with the data aligned to 64 bytes, and reads it back, for every dtype")
    func roundTrips() throws {
        let tensors = [
            try Tensor(shape: [2, 3], scalars: expectedFloats), try Tensor(shape: [3], elements: [0.1, -2.5, .infinity]),
            try Tensor(shape: [2, 1, 2], elements: [Int64.min, -1, 0, Int64.max]), Tensor(scalar: Float(-0.5)),
            try Tensor.zeros(shape: [0, 4]), try Tensor(shape: [3], elements: [true, false, true]),
        ]
        for tensor in tensors {
            let bytes = Npy.encode(tensor)
            #expect(bytes[6] == 1 && bytes[7] == 0)
            let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            #expect((10 + headerLength) % 64 == 0 && bytes[10 + headerLength - 1] == UInt8(ascii: "\n"))
            #expect(bytes.count == 10 + headerLength + tensor.count * tensor.dtype.byteSize)
            #expect(try Npy.decode(bytes) == tensor)
        }
        let header = String(decoding: Npy.encode(try Tensor(shape: [2, 3], scalars: expectedFloats))[10..<74], as: UTF8.self)
        #expect(header.hasPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"))
    }

    @Test("reads and writes bool arrays as |b1, one byte per element (a nonzero byte reads as true)")
    func bools() throws {
        let header = "{'descr': '|b1', 'fortran_order': False, 'shape': (2, 2), }"
        let file = handMadeFile(header: header, data: [1, 0, 0, 2])
        #expect(try Npy.decode(file) == Tensor(shape: [2, 2], elements: [true, false, false, true]))
        #expect(Npy.encode(try Tensor(shape: [2, 2], elements: [true, false, false, true])) == handMadeFile(header: header, data: [1, 0, 0, 1]))
        expectDiagnostic(containing: "the byte order must be explicit") {
            _ = try Npy.decode(handMadeFile(header: "{'descr': '=b1', 'fortran_order': False, 'shape': (1,), }", data: [1]))
        }
    }

    @Test("writes format 2.0 when the header needs more than 65535 bytes")
    func writesVersion2ForHugeHeaders() throws {
        let tensor = try Tensor(shape: Array(repeating: 1, count: 22_000), scalars: [4])
        let bytes = Npy.encode(tensor)
        #expect(bytes[6] == 2)
        let headerLength = (0..<4).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
        #expect(headerLength > 65535 && (12 + headerLength) % 64 == 0)
        #expect(try Npy.decode(bytes) == tensor)
    }

    @Test("writes and reads files on disk; a missing file is a clear error")
    func files() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cnnc-npy-\(UInt64.random(in: 0...UInt64.max)).npy").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let tensor = try Tensor.random(shape: [3, 4], seed: 71)
        try Npy.write(tensor, to: path)
        #expect(try Npy.read(contentsOf: path) == tensor)
        expectDiagnostic(containing: "/nonexistent/x.npy: cannot read the file") { _ = try Npy.read(contentsOf: "/nonexistent/x.npy") }
    }

    @Test("rejects damaged and unsupported files with an error naming the file", arguments: [
        ("bad magic", [0x94] + Array("NUMPY".utf8) + [1, 0, 0, 0], "not a NumPy .npy file"),
        ("too short", [0x93] + Array("NUMP".utf8), "not a NumPy .npy file"),
        ("version 4.0", [0x93] + Array("NUMPY".utf8) + [4, 0, 0, 0], "unsupported .npy format version 4.0"),
        ("version 1.1", [0x93] + Array("NUMPY".utf8) + [1, 1, 0, 0], "unsupported .npy format version 1.1"),
        ("cut in the length", [0x93] + Array("NUMPY".utf8) + [2, 0, 0], "truncated inside the header length"),
        ("header past the end", [0x93] + Array("NUMPY".utf8) + [1, 0, 0x40, 0] + Array("{}".utf8), "runs past the end of the file"),
        ("absurd header length", [0x93] + Array("NUMPY".utf8) + [2, 0, 0xFF, 0xFF, 0xFF, 0xFF], "implausibly large"),
        ("Fortran order", handMadeFile(header: "{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }", data: [0, 0, 0, 0]), "Fortran-order"),
        ("big-endian", handMadeFile(header: "{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", data: [0, 0, 0, 0]), "big-endian"),
        ("complex", handMadeFile(header: "{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", data: [UInt8](repeating: 0, count: 8)), "complex"),
        ("object", handMadeFile(header: "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", data: [UInt8](repeating: 0, count: 8)), "object arrays"),
        ("half", handMadeFile(header: "{'descr': '<f2', 'fortran_order': False, 'shape': (1,), }", data: [0, 0]), "unsupported dtype '<f2'"),
        ("structured", handMadeFile(header: "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", data: [0, 0, 0, 0]), "structured"),
        ("header lies", handMadeFile(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", data: [UInt8](repeating: 0, count: 28)),
         "shape [2,3] of <f4 needs 24 bytes of data, but the file holds 28"),
        ("truncated data", handMadeFile(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", data: [UInt8](repeating: 0, count: 20)),
         "truncated: the header's shape [2,3] of <f4 needs 24 bytes of data, the file holds 20"),
        ("huge shape", handMadeFile(header: "{'descr': '<f8', 'fortran_order': False, 'shape': (999999999999999999, 99999), }", data: []), "truncated"),
        ("negative dimension", handMadeFile(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }", data: []), "negative dimension"),
        ("unclosed dict", handMadeFile(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (1,)", data: [0, 0, 0, 0]), "cannot be parsed"),
        ("garbage header", handMadeFile(header: "hello", data: []), "cannot be parsed"),
        ("missing key", handMadeFile(header: "{'descr': '<f4', 'shape': (1,), }", data: [0, 0, 0, 0]), "'fortran_order' is missing"),
        ("unknown key", handMadeFile(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': 1}", data: [0, 0, 0, 0]), "unexpected key 'x'"),
        ("invalid UTF-8", handMadeFile(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", data: [0, 0, 0, 0], version: 3)
            .enumerated().map { $0.offset == 13 ? 0xFF : $0.element }, "not valid UTF-8"),
    ] as [(String, [UInt8], String)])
    func rejectsBadFiles(name: String, bytes: [UInt8], message: String) {
        expectDiagnostic(containing: "damaged.npy: ") { _ = try Npy.decode(bytes, file: "damaged.npy") }
        expectDiagnostic(containing: message) { _ = try Npy.decode(bytes, file: "damaged.npy") }
    }
}
