import Foundation

/// Where the ONNX backend node tests are: `$CNNC_ONNX_NODE_TESTS`, else `.build/onnx-node-tests`
/// in the package (where `scripts/onnx/fetch_node_tests.sh` puts them).
enum NodeTestFolder {
    /// The package's root folder.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The folder holding one folder per node test.
    static var path: String {
        if let given = ProcessInfo.processInfo.environment["CNNC_ONNX_NODE_TESTS"], !given.isEmpty { return given }
        return packageRoot.appendingPathComponent(".build/onnx-node-tests").path
    }

    /// Where the full list of outcomes is written.
    static let reportPath = packageRoot.appendingPathComponent(".build/onnx-node-tests-report.txt").path

    /// The test cases in the folder, sorted by name; nil when the folder is missing or empty.
    static func cases() -> [NodeTestCase]? {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: path), !names.isEmpty else { return nil }
        return names.sorted().compactMap { NodeTestCase(directory: (path as NSString).appendingPathComponent($0)) }
    }
}

/// One node test: `model.onnx` and its data sets, each input and expected output a `.pb` file.
struct NodeTestCase: Sendable {
    /// One `test_data_set_*` folder: input files and expected output files, by index.
    struct DataSet: Sendable {
        var inputs: [String]
        var outputs: [String]
    }

    /// The test's name (its folder's name).
    var name: String
    /// The model file.
    var model: String
    /// The data sets, by name.
    var dataSets: [DataSet]

    /// The test in `directory`, or nil when it holds no `model.onnx`.
    init?(directory: String) {
        let manager = FileManager.default
        let model = (directory as NSString).appendingPathComponent("model.onnx")
        guard manager.fileExists(atPath: model) else { return nil }
        name = (directory as NSString).lastPathComponent
        self.model = model
        let folders = ((try? manager.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasPrefix("test_data_set_") }.sorted()
        dataSets = folders.map { folder in
            let path = (directory as NSString).appendingPathComponent(folder)
            let files = ((try? manager.contentsOfDirectory(atPath: path)) ?? [])
            return DataSet(inputs: NodeTestCase.numbered("input_", in: files, folder: path),
                           outputs: NodeTestCase.numbered("output_", in: files, folder: path))
        }
    }

    /// The files `prefix<i>.pb` in `folder`, ordered by i.
    private static func numbered(_ prefix: String, in files: [String], folder: String) -> [String] {
        files.compactMap { file -> (Int, String)? in
            guard file.hasPrefix(prefix), file.hasSuffix(".pb"),
                  let index = Int(file.dropFirst(prefix.count).dropLast(3)) else { return nil }
            return (index, (folder as NSString).appendingPathComponent(file))
        }.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
