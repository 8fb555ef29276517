import Foundation
import Synchronization

/// Persistent worker threads that run the parts of one job at a time, started in microseconds.
///
/// `run(parts:_:)` hands part 0 to the calling thread and parts 1… to workers 1…; an idle
/// worker spins on its own ticket for `spinNanoseconds` after its last part (so that
/// back-to-back jobs, such as the layers of a model, start without a system call) and then
/// parks on a condition variable. Only one job runs at a time: a thread that finds the pool
/// busy (another job, or a part calling `run` again) runs its parts itself, one after another.
public final class WorkerPool: @unchecked Sendable {
    /// The pool shared by every product of the process.
    public static let shared = WorkerPool()

    /// How long an idle worker spins before parking.
    public let spinNanoseconds: UInt64

    /// One worker's ticket: the number of the job it is to run a part of.
    private final class Ticket: Sendable {
        let job = Atomic<Int>(0)
    }

    private let isBusy = Atomic<Bool>(false)
    private let finishedParts = Atomic<Int>(0)
    private let wakeUp = NSCondition()
    /// The workers' tickets, worker `i` at `i - 1`; grown only by the thread holding `isBusy`.
    private var tickets: [Ticket] = []
    /// The number of the current job; changed only by the thread holding `isBusy`.
    private var jobNumber = 0
    /// The current job; written before the tickets are published, read by the workers.
    private var job: ((Int) -> Void)?

    /// Creates a pool whose workers spin `spinNanoseconds` before parking (workers start on
    /// the first job that needs them).
    public init(spinNanoseconds: UInt64 = 200_000) {
        self.spinNanoseconds = spinNanoseconds
    }

    /// Calls `body(part)` for every part in `0..<parts`, part 0 on the calling thread and the
    /// others at the same time on workers, and returns when all have returned.
    public func run(parts: Int, _ body: (Int) -> Void) {
        guard parts > 1 else {
            if parts == 1 { body(0) }
            return
        }
        guard isBusy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            for part in 0..<parts { body(part) }
            return
        }
        startWorkers(count: parts - 1)
        withoutActuallyEscaping(body) { escapable in
            job = escapable
            jobNumber += 1
            finishedParts.store(0, ordering: .relaxed)
            wakeUp.lock()
            for worker in 1..<parts { tickets[worker - 1].job.store(jobNumber, ordering: .releasing) }
            wakeUp.broadcast()
            wakeUp.unlock()
            escapable(0)
            waitForWorkers(count: parts - 1)
            job = nil
        }
        isBusy.store(false, ordering: .releasing)
    }

    /// Spins until `count` workers have finished their parts, yielding the processor once the
    /// wait gets long (a worker may have been descheduled).
    private func waitForWorkers(count: Int) {
        var spins = 0
        while finishedParts.load(ordering: .acquiring) < count {
            spins += 1
            if spins > 20_000 { sched_yield() }
        }
    }

    /// Starts workers until there are at least `count`.
    private func startWorkers(count: Int) {
        while tickets.count < count {
            let ticket = Ticket()
            let index = tickets.count + 1
            tickets.append(ticket)
            let thread = Thread { [self] in work(index: index, ticket: ticket) }
            thread.name = "cnnc-worker-\(index)"
            thread.start()
        }
    }

    /// A worker's life: wait for a new ticket, run its part, report, forever.
    private func work(index: Int, ticket: Ticket) {
        var done = 0
        while true {
            let next = waitForTicket(ticket, after: done)
            job?(index)
            done = next
            finishedParts.add(1, ordering: .releasing)
        }
    }

    /// Waits until `ticket` holds a job number other than `done` and returns it: spinning
    /// first, then parked.
    private func waitForTicket(_ ticket: Ticket, after done: Int) -> Int {
        let deadline = DispatchTime.now().uptimeNanoseconds + spinNanoseconds
        var spins = 0
        while true {
            let current = ticket.job.load(ordering: .acquiring)
            if current != done { return current }
            spins += 1
            if spins % 64 == 0 && DispatchTime.now().uptimeNanoseconds > deadline { break }
        }
        wakeUp.lock()
        defer { wakeUp.unlock() }
        while ticket.job.load(ordering: .acquiring) == done { wakeUp.wait() }
        return ticket.job.load(ordering: .acquiring)
    }
}
