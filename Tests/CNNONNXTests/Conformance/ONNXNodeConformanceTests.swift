import Foundation
import Testing

/// The ONNX project's backend node tests (from the onnx 1.18.0 wheel, fetched by
/// `scripts/onnx/fetch_node_tests.sh`): every test whose model cnnc imports must pass; the
/// others are skipped with the reason. The summary is printed and the full list written to
/// `.build/onnx-node-tests-report.txt`.
@Suite struct ONNXNodeConformanceTests {
    @Test func nodeTests() throws {
        guard let cases = NodeTestFolder.cases() else {
            Issue.record("the ONNX node tests are missing from \(NodeTestFolder.path); run scripts/onnx/fetch_node_tests.sh (or set CNNC_ONNX_NODE_TESTS)")
            return
        }
        var lines: [String] = []
        var counts = (passed: 0, failed: 0, skipped: 0)
        for test in cases {
            let outcome = NodeTestRunner.run(test)
            switch outcome {
            case .passed: counts.passed += 1
            case .skipped: counts.skipped += 1
            case .failed(let reason):
                counts.failed += 1
                Issue.record("\(test.name): \(reason)")
            }
            lines.append([test.name, outcome.status, outcome.reason].joined(separator: "\t"))
        }
        let summary = "ONNX node tests: \(counts.passed) passed, \(counts.failed) failed, \(counts.skipped) skipped of \(cases.count)"
        print(summary)
        let report = ([summary, "test\tstatus\treason"] + lines).joined(separator: "\n") + "\n"
        try report.write(toFile: NodeTestFolder.reportPath, atomically: true, encoding: .utf8)
    }
}
