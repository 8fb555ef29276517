import Foundation

/// The example models committed under `Examples/`, found relative to this source file.
enum ExampleModels {
    /// One example: its file name (used as the file in diagnostics) and its text.
    struct Model: Sendable, CustomStringConvertible {
        /// The file name, such as `lenet5.ir`.
        var name: String
        /// The file's contents.
        var text: String

        var description: String { name }
    }

    /// The `Examples` folder at the top of the package.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // CNNIRTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("Examples")

    /// Every `*.ir` file of `Examples/`, sorted by name.
    static func all() throws -> [Model] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".ir") }
            .sorted()
        return try names.map(named)
    }

    /// The path of the example called `name` (without its `.ir` extension).
    static func path(_ name: String) -> String {
        directory.appendingPathComponent(name + ".ir").path
    }

    /// The example `name` (with its `.ir` extension).
    static func named(_ name: String) throws -> Model {
        Model(name: name, text: try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))
    }
}
