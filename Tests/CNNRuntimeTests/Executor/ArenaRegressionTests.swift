import CNNIR
import CNNRuntime
import Foundation
import Testing

/// The arena of every example model (batch 1, fast kernels, default planner, buffers shared)
/// against the figures recorded in `Fixtures/arena-regression.txt`: a change that makes an
/// arena larger or a plan less efficient fails here.
@Suite("Arena regression")
struct ArenaRegressionTests {
    /// The environment variable that rewrites the fixture with the measured figures.
    static let updateVariable = "CNNC_UPDATE_ARENA_FIXTURE"
    /// The lowest efficiency accepted for any example model.
    static let minimumEfficiency = 0.95

    /// The fixture's path, next to this file.
    static let fixturePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent("arena-regression.txt").path

    /// One model's figures, as the fixture records them.
    struct Figures: Equatable {
        var arenaBytes: Int
        var peakLiveBytes: Int
        var naiveBytes: Int
        /// Rounded to 4 decimals.
        var efficiency: Double

        init(arenaBytes: Int, peakLiveBytes: Int, naiveBytes: Int, efficiency: Double) {
            self.arenaBytes = arenaBytes
            self.peakLiveBytes = peakLiveBytes
            self.naiveBytes = naiveBytes
            self.efficiency = (efficiency * 10_000).rounded() / 10_000
        }

        init(_ memory: MemoryStatistics) {
            self.init(arenaBytes: memory.arenaBytes, peakLiveBytes: memory.peakLiveBytes, naiveBytes: memory.naiveBytes,
                      efficiency: memory.efficiency)
        }
    }

    /// The fixture's figures by model: lines `model arena peak naive efficiency`; `#` starts a comment.
    static func parse(_ text: String) -> [String: Figures] {
        var figures: [String: Figures] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard fields.count == 5, let arena = Int(fields[1]), let peak = Int(fields[2]), let naive = Int(fields[3]),
                  let efficiency = Double(fields[4]) else { continue }
            figures[fields[0]] = Figures(arenaBytes: arena, peakLiveBytes: peak, naiveBytes: naive, efficiency: efficiency)
        }
        return figures
    }

    /// The fixture text for `figures`, in the order of `ExecutorTestSupport.exampleNames`.
    static func render(_ figures: [String: Figures]) -> String {
        var lines = [
            "# The arena of every example model: batch 1, fast kernels, default memory planner, buffers shared.",
            "# Bytes; efficiency = peak live bytes / arena bytes. ArenaRegressionTests fails when an arena grows or an",
            "# efficiency drops. Rewrite with: \(updateVariable)=1 swift test --filter ArenaRegressionTests",
            "# model            arena       peak      naive  efficiency",
        ]
        for name in ExecutorTestSupport.exampleNames {
            guard let model = figures[name] else { continue }
            lines.append(name.padding(toLength: 12, withPad: " ", startingAt: 0)
                         + [model.arenaBytes, model.peakLiveBytes, model.naiveBytes].map { String($0).leftPadded(to: 11) }.joined()
                         + String(format: "%.4f", model.efficiency).leftPadded(to: 12))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("no example model's arena grows or loses efficiency, and every efficiency is at least 0.95")
    func noRegression() throws {
        var measured: [String: Figures] = [:]
        for name in ExecutorTestSupport.exampleNames {
            let (graph, parameters) = try ExecutorTestSupport.example(name)
            let model = try Model(graph: graph, parameters: parameters, options: ExecutionOptions(backend: .fast))
            try model.plan.memoryPlan.validate(model.plan.memoryRequest)
            measured[name] = Figures(model.memory)
        }
        print(Self.render(measured), terminator: "")
        if ProcessInfo.processInfo.environment[Self.updateVariable] == "1" {
            try Self.render(measured).write(toFile: Self.fixturePath, atomically: true, encoding: .utf8)
            return
        }
        let recorded = Self.parse(try String(contentsOfFile: Self.fixturePath, encoding: .utf8))
        let update = "if the change is intended, or when an improvement lands, rewrite the fixture with "
            + "`\(Self.updateVariable)=1 swift test --filter ArenaRegressionTests` and commit it"
        for name in ExecutorTestSupport.exampleNames {
            let now = try #require(measured[name])
            guard let before = recorded[name] else {
                Issue.record("\(name) is not in \(Self.fixturePath); \(update)")
                continue
            }
            #expect(now.arenaBytes <= before.arenaBytes,
                    "\(name): the arena grew from \(before.arenaBytes) to \(now.arenaBytes) bytes; \(update)")
            #expect(now.efficiency >= before.efficiency,
                    "\(name): the efficiency dropped from \(before.efficiency) to \(now.efficiency); \(update)")
            #expect(now.efficiency >= Self.minimumEfficiency, "\(name): efficiency \(now.efficiency) is below \(Self.minimumEfficiency)")
        }
    }

    @Test("the fixture format reads back what it writes")
    func fixtureRoundTrip() {
        let figures = ["lenet5": Figures(arenaBytes: 329_856, peakLiveBytes: 329_856, naiveBytes: 556_584, efficiency: 1),
                       "resnet50": Figures(arenaBytes: 9_804_288, peakLiveBytes: 9_633_792, naiveBytes: 228_788_256, efficiency: 0.98261)]
        #expect(Self.parse(Self.render(figures)) == figures)
        #expect(Self.parse(Self.render(figures))["resnet50"]?.efficiency == 0.9826)
    }
}

extension String {
    /// The string with spaces in front up to `width` characters.
    func leftPadded(to width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
