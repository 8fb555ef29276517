@testable import CNNGEMM
import Foundation
import Synchronization
import Testing

/// The worker pool runs every part exactly once, also when it is busy or called from a part.
@Suite("Worker pool")
struct WorkerPoolTests {
    /// Counts how often each part ran.
    final class PartCounts: Sendable {
        private let counts: Mutex<[Int]>

        init(_ parts: Int) { counts = Mutex([Int](repeating: 0, count: parts)) }

        func record(_ part: Int) { counts.withLock { $0[part] += 1 } }

        var values: [Int] { counts.withLock { $0 } }
    }

    @Test("1 000 jobs in a row, 1 to 4 parts each: every part runs once per job")
    func manyJobs() {
        let pool = WorkerPool(spinNanoseconds: 50_000)
        for job in 0..<1_000 {
            let parts = 1 + job % 4
            let counts = PartCounts(parts)
            pool.run(parts: parts) { counts.record($0) }
            #expect(counts.values == [Int](repeating: 1, count: parts), "job \(job)")
        }
    }

    @Test("parts run on different threads at the same time")
    func partsRunConcurrently() {
        let pool = WorkerPool()
        let arrived = Atomic<Int>(0)
        let bothSeen = Atomic<Int>(0)
        pool.run(parts: 2) { _ in
            arrived.add(1, ordering: .relaxed)
            let deadline = DispatchTime.now().uptimeNanoseconds + 2_000_000_000
            while arrived.load(ordering: .relaxed) < 2 && DispatchTime.now().uptimeNanoseconds < deadline {}
            if arrived.load(ordering: .relaxed) == 2 { bothSeen.add(1, ordering: .relaxed) }
        }
        #expect(bothSeen.load(ordering: .relaxed) == 2)
    }

    @Test("a part that runs a job of its own, and jobs from several threads at once, complete")
    func nestedAndConcurrentJobs() {
        let pool = WorkerPool()
        let inner = PartCounts(3)
        pool.run(parts: 2) { part in
            if part == 0 { pool.run(parts: 3) { inner.record($0) } }
        }
        #expect(inner.values == [1, 1, 1])
        let outer = PartCounts(4 * 3)
        DispatchQueue.concurrentPerform(iterations: 4) { caller in
            for _ in 0..<100 { pool.run(parts: 3) { outer.record(caller * 3 + $0) } }
        }
        #expect(outer.values == [Int](repeating: 100, count: 12))
    }
}
