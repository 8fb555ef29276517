import CNNIR
import CNNRuntime
import Foundation
import Testing

/// One loaded model runs from several threads at once, each run with its own arena.
@Suite("Concurrent runs")
struct ConcurrentRunTests {
    /// The outputs of every run of every thread, collected under a lock.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var outputs: [[String: Tensor]] = []
        private var errors: [String] = []

        func record(_ result: Result<[String: Tensor], Error>) {
            lock.withLock {
                switch result {
                case .success(let value): outputs.append(value)
                case .failure(let error): errors.append("\(error)")
                }
            }
        }

        var collected: (outputs: [[String: Tensor]], errors: [String]) { lock.withLock { (outputs, errors) } }
    }

    @Test("4 threads × 50 runs of vgg_small give outputs bit-identical to a single run")
    func fourThreads() throws {
        let (graph, parameters) = try ExecutorTestSupport.example("vgg_small")
        // The default thread count, as every model of this test process: OpenBLAS's thread
        // count is one setting per process and changes the last bits of products.
        let model = try Model(graph: graph, parameters: parameters)
        let inputs = try ExecutorTestSupport.randomInputs(for: graph, seed: 11)
        let expected = try model.run(inputs)
        let results = Results()
        let group = DispatchGroup()
        let threadCount = 4, runsPerThread = 50
        let seconds = ExecutorTestSupport.seconds {
            for _ in 0..<threadCount {
                group.enter()
                let thread = Thread {
                    for _ in 0..<runsPerThread { results.record(Result { try model.run(inputs) }) }
                    group.leave()
                }
                thread.start()
            }
            group.wait()
        }
        let (outputs, errors) = results.collected
        #expect(errors.isEmpty, "\(errors.first ?? "")")
        #expect(outputs.count == threadCount * runsPerThread)
        let mismatches = outputs.filter { $0 != expected }.count
        #expect(mismatches == 0, "\(mismatches) of \(outputs.count) runs differ from the single-threaded run")
        print("vgg_small: \(threadCount) threads × \(runsPerThread) runs in \(String(format: "%.2f", seconds)) s")
    }
}
