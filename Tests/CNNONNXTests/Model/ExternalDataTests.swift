import CNNIR
import CNNONNX
import Foundation
import Testing

/// Tensors kept in a side file: `external.onnx` with `external.bin`, and hostile references.
@Suite struct ExternalDataTests {
    @Test func readingAModelLoadsItsExternalData() throws {
        let model = try ONNXModelReader.read(contentsOf: Fixtures.path("external.onnx"))
        let initializers = try #require(model.graph?.initializer)
        #expect(initializers.map(\.name) == ["weights", "indices", "inline"])
        #expect(initializers.allSatisfy { $0.dataLocation == .default && $0.externalData.isEmpty })
        #expect(initializers[0].dims == [2, 3])
        #expect(try initializers[0].floats() == [1, 2, 3, 4, 5, 6])
        #expect(try initializers[1].int64s() == [-7, 8])
        #expect(try initializers[2].floats() == [9])
    }

    @Test func decodingWithoutAFolderKeepsTheReferences() throws {
        let model = try ONNXModelReader.decode(try Fixtures.bytes("external.onnx"), file: "external.onnx")
        let weights = try #require(model.graph?.initializer.first)
        #expect(weights.dataLocation == .external)
        let reference = try ExternalDataReference(weights)
        #expect(reference == ExternalDataReference(location: "external.bin", offset: 8, length: 24))
        #expect(try ExternalDataReference(try #require(model.graph?.initializer[1])).length == nil)
        #expect(diagnosticMessage { _ = try weights.floats() }
            == "external.onnx: ModelProto.graph > GraphProto.initializer[0] at byte 32: tensor 'weights' keeps its elements in the external file 'external.bin', which was not loaded (ONNXModelReader.read(contentsOf:) loads it)")
    }

    @Test func aLoneTensorFile() throws {
        let tensor = try ONNXModelReader.readTensor(contentsOf: Fixtures.path("input_0.pb"))
        #expect(tensor.name == "x" && tensor.dims == [1, 3] && tensor.dataType == .float)
        #expect(try tensor.floats() == [0.5, -1, 2])
    }

    @Test func missingFilesAreDiagnostics() {
        #expect(diagnosticMessage { _ = try ONNXModelReader.read(contentsOf: "/nonexistent/model.onnx") }
            == "/nonexistent/model.onnx: cannot open the file: No such file or directory")
        #expect(diagnosticMessage { _ = try ONNXModelReader.read(contentsOf: Fixtures.directory) }
            == "\(Fixtures.directory): not a regular file")
    }

    /// A FLOAT tensor of 6 elements whose external data has `entries`.
    static func external(_ entries: [(String, String)], dataType: TensorProto.DataType = .float, dims: [Int64] = [2, 3]) -> TensorProto {
        var tensor = TensorProto()
        tensor.name = "w"
        tensor.dims = dims
        tensor.dataType = dataType
        tensor.dataLocation = .external
        tensor.externalData = entries.map { StringStringEntryProto(key: $0.0, value: $0.1) }
        return tensor
    }

    /// The diagnostic message for loading `entries` from the fixtures folder (nil if it loads).
    static func loadingProblem(_ entries: [(String, String)], dataType: TensorProto.DataType = .float, dims: [Int64] = [2, 3]) -> String? {
        diagnosticMessage { _ = try external(entries, dataType: dataType, dims: dims).loadingExternalData(relativeTo: Fixtures.directory) }
    }

    @Test func referencesThatLeaveTheModelFolderAreRejected() {
        #expect(Self.loadingProblem([("location", "../Fixtures/external.bin")])
            == "tensor 'w' has the external data location '../Fixtures/external.bin', which leaves the model's folder")
        #expect(Self.loadingProblem([("location", "sub/../../x.bin")])?.hasSuffix("which leaves the model's folder") == true)
        #expect(Self.loadingProblem([("location", "sub\\..\\x.bin")])?.hasSuffix("which leaves the model's folder") == true)
        #expect(Self.loadingProblem([("location", "/etc/passwd")])
            == "tensor 'w' has the absolute external data location '/etc/passwd'; it must be relative to the model's folder")
        #expect(Self.loadingProblem([("location", "\\\\server\\share")])?.contains("absolute") == true)
        #expect(Self.loadingProblem([("location", "a\0b")]) == "tensor 'w' has an external data location with a NUL character")
    }

    @Test func malformedReferencesAreRejected() {
        #expect(Self.loadingProblem([("offset", "8")]) == "tensor 'w' keeps its elements in an external file but external_data gives no location")
        #expect(Self.loadingProblem([("location", "")]) == "tensor 'w' keeps its elements in an external file but external_data gives no location")
        #expect(Self.loadingProblem([("location", "external.bin"), ("location", "other.bin")])
            == "tensor 'w' gives the external_data key 'location' more than once")
        for offset in ["-1", "", " 8", "1e3", "0x8", "99999999999999999999", "٣"] {
            #expect(Self.loadingProblem([("location", "external.bin"), ("offset", offset)])
                == "tensor 'w' has the external data offset '\(offset)', which is not a byte count")
        }
        #expect(Self.loadingProblem([("location", "external.bin"), ("length", "+24")])
            == "tensor 'w' has the external data length '+24', which is not a byte count")
    }

    @Test func sizesAreCheckedAgainstTheTensorAndTheFile() {
        #expect(Self.loadingProblem([("location", "external.bin"), ("offset", "8"), ("length", "20")])
            == "tensor 'w' has dims [2, 3] that need 24 bytes, but its external data length is 20")
        #expect(Self.loadingProblem([("location", "external.bin"), ("offset", "40")])
            == "tensor 'w' needs 24 bytes from byte 40 of 'external.bin', which has 48 bytes")
        #expect(Self.loadingProblem([("location", "external.bin"), ("offset", "\(Int.max)")])
            == "tensor 'w' needs 24 bytes from byte \(Int.max) of 'external.bin', which has 48 bytes")
        #expect(Self.loadingProblem([("location", "external.bin")], dims: [Int64.max, 2])
            == "tensor 'w' dims [9223372036854775807, 2] describe more elements than cnnc can address")
        #expect(Self.loadingProblem([("location", "external.bin")], dims: [1 << 61])
            == "tensor 'w' has dims [2305843009213693952] that describe more bytes than cnnc can address")
        #expect(Self.loadingProblem([("location", "external.bin")], dataType: .string)?.hasPrefix("tensor 'w' keeps STRING elements in an external file") == true)
        #expect(Self.loadingProblem([("location", "missing.bin")]) == "\(Fixtures.directory)/missing.bin: cannot open the file: No such file or directory")
        #expect(Self.loadingProblem([("location", ".")]) == "\(Fixtures.directory)/.: not a regular file")
    }

    @Test func aValidReferenceLoadsExactlyTheTensorsBytes() throws {
        let loaded = try Self.external([("location", "external.bin"), ("offset", "8"), ("checksum", "ignored")])
            .loadingExternalData(relativeTo: Fixtures.directory)
        #expect(loaded.rawData.count == 24)
        #expect(try loaded.floats() == [1, 2, 3, 4, 5, 6])
    }
}
