import Foundation

/// What one run of the `cnnc` binary produced.
struct CommandResult: Sendable, CustomStringConvertible {
    /// The exit status.
    var status: Int32
    /// Everything written to standard output.
    var output: String
    /// Everything written to standard error.
    var errors: String

    /// The lines of standard error, without empty ones.
    var errorLines: [String] { errors.split(separator: "\n").map(String.init) }

    /// All of it, for failure messages.
    var description: String { "exit \(status)\n--- stdout\n\(output)--- stderr\n\(errors)" }
}

/// Runs the `cnnc` executable that the package builds next to the test bundle.
enum CNNC {
    /// Where the built executable is: the products folder holding the test bundle.
    static let executable: URL? = {
        let bundleFolder = Bundle.main.bundleURL
        let candidates = [bundleFolder, bundleFolder.deletingLastPathComponent(),
                          URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()]
        return candidates.map { $0.appendingPathComponent("cnnc") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// The package's root folder (for the example models).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `cnnc` with `arguments` in `folder` and collects its output.
    static func run(_ arguments: [String], in folder: URL? = nil) throws -> CommandResult {
        guard let executable else { throw LocateError() }
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("cnnc-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: capture) }
        let outputFile = capture.appendingPathComponent("stdout"), errorFile = capture.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        FileManager.default.createFile(atPath: errorFile.path, contents: nil)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus,
                             output: try String(contentsOf: outputFile, encoding: .utf8),
                             errors: try String(contentsOf: errorFile, encoding: .utf8))
    }

    /// The executable was not found next to the test bundle.
    struct LocateError: Error, CustomStringConvertible {
        var description: String { "the cnnc executable was not found next to the test bundle (\(Bundle.main.bundleURL.path))" }
    }
}
