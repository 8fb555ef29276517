import CNNIR
import CNNRuntime
import Foundation
import Testing

/// Loading a model from an IR file and its weights file.
@Suite("Model loading")
struct ModelLoadingTests {
    static let text = """
        graph @affine(%x: f32[N,3]) -> f32[N,2] {
          weights "affine.safetensors"
          %w = param f32[3,2]
          %b = param f32[2]
          %y = gemm %x, %w, %b : f32[N,2]
          return %y
        }
        """

    /// A fresh folder holding `affine.ir` and its weights; returns the folder.
    static func writeModel() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cnnc-model-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try text.write(to: folder.appendingPathComponent("affine.ir"), atomically: true, encoding: .utf8)
        let store = WeightStore(tensors: [
            "w": try WeightTensor(shape: [3, 2], elements: [1, 0, 0, 1, 1, 1] as [Float]),
            "b": try WeightTensor(shape: [2], elements: [0.5, -0.5] as [Float]),
        ])
        try store.write(to: folder.appendingPathComponent("affine.safetensors").path)
        return folder
    }

    @Test("the weights file named by the IR is found beside it; named dimensions are bound on loading")
    func loadsBesideIR() throws {
        let folder = try Self.writeModel()
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = try Model(contentsOf: folder.appendingPathComponent("affine.ir").path, dimensions: ["N": 2])
        let x = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect(try model.run(["x": x])["y"] == (try Tensor(shape: [2, 2], scalars: [4.5, 4.5, 10.5, 10.5])))
    }

    @Test("an explicit weights path wins; a missing weights file or unbound dimension is an error")
    func errors() throws {
        let folder = try Self.writeModel()
        defer { try? FileManager.default.removeItem(at: folder) }
        let irPath = folder.appendingPathComponent("affine.ir").path
        let moved = folder.appendingPathComponent("other.safetensors").path
        try FileManager.default.moveItem(atPath: folder.appendingPathComponent("affine.safetensors").path, toPath: moved)
        #expect(ExecutorTestSupport.diagnosticMessage { _ = try Model(contentsOf: irPath, dimensions: ["N": 1]) } != nil)
        let model = try Model(contentsOf: irPath, weights: moved, dimensions: ["N": 1])
        #expect(model.outputs.map(\.type) == [TensorType(.f32, [1, 2])])
        let unbound = ExecutorTestSupport.diagnosticMessage { _ = try Model(contentsOf: irPath, weights: moved) }
        #expect(unbound?.contains("unbound dimension N") == true)
    }
}
