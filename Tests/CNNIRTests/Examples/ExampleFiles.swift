import Foundation

/// Where the committed example IR files live: `Examples/` at the top of the repository.
enum ExampleFiles {
    /// The `Examples` folder, found from this source file's path.
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Examples
        .deletingLastPathComponent()  // CNNIRTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository
        .appendingPathComponent("Examples")

    /// The path of the example called `name`.
    static func path(_ name: String) -> String {
        directory.appendingPathComponent(name + ".ir").path
    }
}
