import Foundation
@testable import CNNIR

/// Helpers shared by the weights tests: hand-built safetensors files and scratch directories.
enum WeightsFixture {
    /// A safetensors file with `header` (JSON text, written as is), `data`, and a length field
    /// of `declaredLength` (the header's real length by default).
    static func file(header: String, data: [UInt8] = [], declaredLength: UInt64? = nil) -> [UInt8] {
        let headerBytes = Array(header.utf8)
        let length = (declaredLength ?? UInt64(headerBytes.count)).littleEndian
        return withUnsafeBytes(of: length) { Array($0) } + headerBytes + data
    }

    /// The diagnostic decoding `bytes` throws, or `nil` when the bytes load.
    static func decodeError(_ bytes: [UInt8]) -> Diagnostic? {
        do {
            _ = try SafeTensors.decode(bytes, source: "bad.safetensors")
            return nil
        } catch let diagnostic as Diagnostic {
            return diagnostic
        } catch {
            return Diagnostic("unexpected error type: \(error)")
        }
    }

    /// A small valid file: two f32 tensors, an i64 scalar, an empty tensor and metadata.
    static func sampleStore() throws -> WeightStore {
        WeightStore(tensors: [
            "conv.w": try WeightTensor(shape: [2, 1, 2, 2], elements: (0..<8).map { Float($0) * 0.5 - 1 }),
            "conv.b": try WeightTensor(shape: [2], elements: [Float(0.25), -0.75]),
            "step": try WeightTensor(shape: [], elements: [Int64(42)]),
            "empty": try WeightTensor(shape: [0, 3], elements: [Double]()),
        ], metadata: ["format": "pt", "note": "a \"quoted\" value"])
    }

    /// A fresh empty directory under the system's temporary directory.
    static func scratchDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("cnnc-weights-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
