import Foundation

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

    /// Runs `cnnc` with `arguments` in `folder`, with no standard input, and collects its output
    /// (through files, so that no pipe can fill up).
    static func run(_ arguments: [String], in folder: URL? = nil) throws -> CommandResult {
        guard let executable else { throw LocateError() }
        return try TemporaryFolder.with { capture in
            let outputFile = URL(fileURLWithPath: try capture.write("stdout", Data()))
            let errorFile = URL(fileURLWithPath: try capture.write("stderr", Data()))
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
    }

    /// The executable was not found next to the test bundle.
    struct LocateError: Error, CustomStringConvertible {
        var description: String { "the cnnc executable was not found next to the test bundle (\(Bundle.main.bundleURL.path))" }
    }
}
