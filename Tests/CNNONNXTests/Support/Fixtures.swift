import Foundation

/// The ONNX files under `Fixtures/`, written by `scripts/onnx/make_fixtures.py`.
enum Fixtures {
    /// The folder holding the fixtures.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").path

    /// The path of fixture `name`.
    static func path(_ name: String) -> String { "\(directory)/\(name)" }

    /// The bytes of fixture `name`.
    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(name))))
    }

    /// The model fixtures (all but the external-data one decode without a side file).
    static let models = ["conv_relu.onnx", "attributes.onnx", "tensors.onnx", "external.onnx"]
}
