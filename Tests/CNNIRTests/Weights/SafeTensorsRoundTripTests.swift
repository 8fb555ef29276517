import Foundation
import Testing
@testable import CNNIR

@Suite struct SafeTensorsRoundTripTests {
    @Test(arguments: DType.allCases)
    func roundTripsEachDTypeThroughAFile(dtype: DType) throws {
        let directory = try WeightsFixture.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let values: [Double] = dtype == .bool ? [1, 0, 0, 1, 1, 0] : [1, -2, 3, 4, 5, -6]
        let store = WeightStore(tensors: [
            "matrix": try WeightTensor(dtype: dtype, shape: [2, 3], converting: values),
            "scalar": try WeightTensor(dtype: dtype, shape: [], converting: [1]),
            "empty": try WeightTensor(dtype: dtype, shape: [3, 0], converting: []),
            "vector": try WeightTensor(dtype: dtype, shape: [1], converting: [dtype == .bool ? 0 : -9]),
        ])
        let path = directory + "/model.safetensors"
        try store.write(to: path)
        let loaded = try WeightStore(contentsOf: path)
        #expect(loaded == store)
        #expect(loaded.source == path)
        #expect(loaded["matrix"]?.doubles() == values)
        #expect(loaded["scalar"]?.shape == [])
        #expect(loaded["empty"]?.elementCount == 0)
    }

    @Test func boolTensorsAreOneBytePerElementAndReadNonzeroAsTrue() throws {
        let flags = try WeightTensor(shape: [2, 2], elements: [true, false, false, true])
        let bytes = try SafeTensors.encode(WeightStore(tensors: ["flags": flags]))
        let headerLength = bytes[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
        let header = try #require(String(bytes: bytes[8..<(8 + headerLength)], encoding: .utf8))
        #expect(header.contains(#""flags":{"dtype":"BOOL","shape":[2,2],"data_offsets":[0,4]}"#))
        #expect(Array(bytes[(8 + headerLength)...]) == [1, 0, 0, 1])
        let decoded = try SafeTensors.decode(bytes)
        #expect(decoded["flags"]?.bools() == [true, false, false, true])
        #expect(decoded["flags"]?.doubles() == [1, 0, 0, 1])
        let loose = WeightsFixture.file(header: #"{"m":{"dtype":"BOOL","shape":[3],"data_offsets":[0,3]}}"#, data: [0, 2, 255])
        let read = try #require(try SafeTensors.decode(loose)["m"])
        #expect(read.bools() == [false, true, true])
        #expect(read.bytes == [0, 1, 1])
        #expect(throws: Diagnostic.self) { try WeightTensor(dtype: .bool, shape: [1], converting: [2]) }
    }

    @Test func roundTripsMetadataAndUnusualNamesInMemory() throws {
        var store = try WeightsFixture.sampleStore()
        store["naïve \"name\"\\\n\u{1}"] = try WeightTensor(shape: [1], elements: [Float(1)])
        let decoded = try SafeTensors.decode(try SafeTensors.encode(store))
        #expect(decoded == store)
        #expect(decoded.metadata == ["format": "pt", "note": "a \"quoted\" value"])
    }

    @Test func encodingIsDeterministicWhateverTheInsertionOrder() throws {
        let tensors = try WeightsFixture.sampleStore().tensors
        var forward = WeightStore()
        for name in tensors.keys.sorted() { forward[name] = tensors[name] }
        var backward = WeightStore()
        for name in tensors.keys.sorted().reversed() { backward[name] = tensors[name] }
        let bytes = try SafeTensors.encode(forward)
        #expect(bytes == (try SafeTensors.encode(backward)))
        let headerLength = bytes[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
        #expect(headerLength % 8 == 0)
    }

    @Test func writeReplacesAnExistingFileAndLeavesNoTemporaryFile() throws {
        let directory = try WeightsFixture.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/w.safetensors"
        try WeightsFixture.sampleStore().write(to: path)
        let replacement = WeightStore(tensors: ["only": try WeightTensor(shape: [1], elements: [Int64(1)])])
        try replacement.write(to: path)
        #expect(try WeightStore(contentsOf: path) == replacement)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["w.safetensors"])
    }

    @Test func fileErrorsNameThePath() throws {
        let directory = try WeightsFixture.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let missing = directory + "/missing.safetensors"
        let openError = try #require(throws: Diagnostic.self) { try WeightStore(contentsOf: missing) }
        #expect(openError.description.hasPrefix("\(missing):1:1: error: cannot open the weights file"))
        let notAFile = try #require(throws: Diagnostic.self) { try WeightStore(contentsOf: directory) }
        #expect(notAFile.description.contains("not a regular file"))
        let unwritable = directory + "/no/such/dir/w.safetensors"
        let writeError = try #require(throws: Diagnostic.self) { try WeightsFixture.sampleStore().write(to: unwritable) }
        #expect(writeError.location?.file == unwritable)
        let truncated = directory + "/truncated.safetensors"
        let bytes = try SafeTensors.encode(WeightsFixture.sampleStore())
        try Data(bytes.dropLast(3)).write(to: URL(fileURLWithPath: truncated))
        let truncatedError = try #require(throws: Diagnostic.self) { try WeightStore(contentsOf: truncated) }
        #expect(truncatedError.description.hasPrefix("\(truncated):1:1: error: tensor 'step'"))
    }

    @Test func rejectsATensorNamedLikeTheMetadataKey() throws {
        let store = WeightStore(tensors: ["__metadata__": try WeightTensor(shape: [], elements: [Float(1)])])
        let error = try #require(throws: Diagnostic.self) { try SafeTensors.encode(store) }
        #expect(error.message.contains("reserves that key"))
    }
}
