import Foundation
import Testing

@Suite("cnnc bench --trace")
struct TraceTests {
    @Test("The trace is JSON with one complete event per executed layer, back to back")
    func chromeTrace() throws {
        try TemporaryFolder.with { folder in
            let model = try OptTests.writeBlock(in: folder)
            let result = try CNNC.run(["bench", model, "--iterations", "2", "--warmup", "0", "--trace", folder.path("t.json")])
            #expect(result.status == 0, "\(result)")
            let data = try Data(contentsOf: URL(fileURLWithPath: folder.path("t.json")))
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let events = try #require(object["traceEvents"] as? [[String: Any]])
            let layers = events.filter { $0["ph"] as? String == "X" }
            // -O2 turns pad, conv, batch_norm, identity and relu into one fused_conv.
            #expect(layers.count == 1)
            let names = layers.compactMap { $0["name"] as? String }
            #expect(names.count == layers.count)
            for event in layers {
                #expect(event["dur"] is Double || event["dur"] is Int)
                #expect((event["args"] as? [String: Any])?["kernel"] is String)
            }
            let unoptimized = try CNNC.run(["bench", model, "-O0", "--iterations", "1", "--warmup", "0", "--trace", folder.path("u.json")])
            #expect(unoptimized.status == 0, "\(unoptimized)")
            let raw = try Data(contentsOf: URL(fileURLWithPath: folder.path("u.json")))
            let all = try #require(try JSONSerialization.jsonObject(with: raw) as? [String: Any])
            let steps = (all["traceEvents"] as? [[String: Any]])?.filter { $0["ph"] as? String == "X" } ?? []
            #expect(steps.count == 5)
        }
    }

    @Test("ResNet-18: the trace has one complete event per executed layer, named through fusion")
    func resnet18Trace() throws {
        try TemporaryFolder.with { folder in
            let model = CNNC.packageRoot.appendingPathComponent("Examples/resnet18.ir").path
            let result = try CNNC.run(["bench", model, "--iterations", "1", "--warmup", "0", "--json", "--trace", folder.path("r.json")])
            #expect(result.status == 0, "\(result)")
            let bench = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
            let layers = try #require(bench["layers"] as? [[String: Any]])
            let data = try Data(contentsOf: URL(fileURLWithPath: folder.path("r.json")))
            let trace = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let events = (trace["traceEvents"] as? [[String: Any]] ?? []).filter { $0["ph"] as? String == "X" }
            #expect(events.count == layers.count && events.count == 24)
            let sources = events.compactMap { ($0["args"] as? [String: Any])?["sources"] as? String }
            #expect(sources.contains("layer1.0.conv2,layer1.0.add,layer1.0.relu"), "\(sources)")
        }
    }
}
