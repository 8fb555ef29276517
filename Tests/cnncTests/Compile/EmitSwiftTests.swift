import Foundation
import Testing

/// `cnnc compile --emit swift`: the generated classes of three example models are built, in a
/// package of their own that depends on this one's CNNRuntime, into a program that runs each on
/// a seeded input next to the executor on the same IR and weights; the outputs must be equal bit
/// for bit (same kernels, same offsets, same threads).
@Suite("cnnc compile --emit swift")
struct EmitSwiftTests {
    /// The example models, with their generated class names.
    static let models = [("lenet5", "Lenet5Model"), ("resnet_block", "ResnetBlockModel"), ("mobilenet_v2", "MobilenetV2Model")]

    @Test("generated code builds against CNNRuntime and matches the executor bit for bit")
    func generatedModelsMatchTheExecutor() throws {
        try TemporaryFolder.with { folder in
            let sources = folder.path("Check/Sources/Check"), generated = folder.path("generated")
            try FileManager.default.createDirectory(atPath: sources, withIntermediateDirectories: true)
            for (name, type) in Self.models {
                let example = CNNC.packageRoot.appendingPathComponent("Examples/\(name).ir").path
                let result = try CNNC.run(["compile", example, "--emit", "swift", "-o", generated])
                #expect(result.status == 0, "\(result)")
                try FileManager.default.moveItem(atPath: generated + "/\(type).swift", toPath: sources + "/\(type).swift")
            }
            let root = CNNC.packageRoot.path
            _ = try folder.write("Check/Package.swift", """
                // swift-tools-version:6.0
                import PackageDescription
                let package = Package(
                    name: "Check",
                    dependencies: [.package(path: "\(root)")],
                    targets: [.executableTarget(name: "Check", dependencies: [
                        .product(name: "CNNRuntime", package: "\(CNNC.packageRoot.lastPathComponent)"),
                        .product(name: "CNNIR", package: "\(CNNC.packageRoot.lastPathComponent)"),
                    ])]
                )
                """)
            let checks = Self.models.map { name, type in
                """
                do {
                    let weights = try WeightStore(contentsOf: folder + "/\(name).safetensors")
                    let generated = try \(type)(weights: weights, threadCount: 2)
                    let graph = try IRParser.parse(\(type).ir, file: "\(name)")
                    var parameters: [String: Tensor] = [:]
                    for (key, weight) in try weights.bind(to: graph) { parameters[key] = try Tensor(weight) }
                    let plan = try ExecutionPlan(graph: graph, parameters: parameters, options: ExecutionOptions(threadCount: 2))
                    var inputs: [String: Tensor] = [:]
                    for input in graph.inputs { inputs[input.name] = try Tensor.random(shape: input.type.shape.fixedSizes ?? [], seed: 5) }
                    let mine = try generated.run(inputs), theirs = try plan.run(inputs)
                    print(mine == theirs && !mine.isEmpty ? "identical \(name)" : "different \(name)")
                }
                """
            }.joined(separator: "\n")
            _ = try folder.write("Check/Sources/Check/main.swift", """
                import CNNIR
                import CNNRuntime
                let folder = CommandLine.arguments[1]
                \(checks)
                """)
            let build = try Self.shell(["swift", "build", "--package-path", folder.path("Check")])
            try #require(build.status == 0, "\(build.output)")
            let run = try Self.shell([folder.path("Check/.build/debug/Check"), generated])
            #expect(run.status == 0, "\(run.output)")
            for (name, _) in Self.models {
                #expect(run.output.contains("identical \(name)"), "\(run.output)")
            }
        }
    }

    /// Runs `arguments` (the first found on PATH), returning its exit status and combined output.
    static func shell(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
