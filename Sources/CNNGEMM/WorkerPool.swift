import CCPU
import Foundation
import Synchronization

/// Persistent worker threads that run the parts of one job at a time, started in microseconds.
///
/// `run(parts:_:)` publishes the job and wakes up to `parts - 1` workers; the calling thread
/// runs part 0, the workers claim the other parts one at a time from a shared counter, and the
/// calling thread then drains the counter too, so a worker that starts late (the machine is
/// busy) leaves its part to the others instead of holding the job up. With one worker, part 0
/// is thus always the calling thread's and part 1 the worker's unless it is late: kernels that
/// split consecutive layers the same way find what they read where they wrote it. An idle worker spins on its own ticket for `spinNanoseconds` after its
/// last job (so that back-to-back jobs, such as the layers of a model, start without a system
/// call) and then parks on a condition variable. One job runs at a time: a thread that finds
/// the pool busy (another job, or a part calling `run` again) runs its parts itself. Workers run
/// each job in the floating-point mode of the thread that called `run` (flush-to-zero during a
/// model's run), so that a part computes the same bits on whichever thread claims it.
public final class WorkerPool: @unchecked Sendable {
    /// The pool shared by every product of the process.
    public static let shared = WorkerPool()

    /// How long an idle worker spins before parking.
    public let spinNanoseconds: UInt64

    /// One worker's ticket: the number of the last job it was woken for.
    private final class Ticket: Sendable {
        let job = Atomic<Int>(0)
    }

    private let isBusy = Atomic<Bool>(false)
    /// The current job's part count (high 32 bits) and next unclaimed part (low 32 bits).
    private let claims = Atomic<UInt64>(0)
    private let finishedParts = Atomic<Int>(0)
    private let wakeUp = NSCondition()
    /// The workers' tickets, worker `i` at `i - 1`; grown only by the thread holding `isBusy`.
    private var tickets: [Ticket] = []
    /// The number of the current job; changed only by the thread holding `isBusy`.
    private var jobNumber = 0
    /// The current job; written before the claims are published, read after a part is claimed.
    private var job: ((Int) -> Void)?
    /// The floating-point control state of the thread that published the current job.
    private var floatMode: UInt32 = 0

    /// Creates a pool whose workers spin `spinNanoseconds` before parking. Workers start on the
    /// first job that needs them and live until the process ends.
    public init(spinNanoseconds: UInt64 = 200_000) {
        self.spinNanoseconds = spinNanoseconds
    }

    /// Calls `body(part)` once for every part in `0..<parts` (at most 2³² − 1), on the calling
    /// thread and on up to `parts - 1` workers at the same time, and returns when all have
    /// returned.
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
            floatMode = ccpu_float_mode()
            jobNumber += 1
            finishedParts.store(0, ordering: .relaxed)
            // Part 0 is the calling thread's; the counter hands out the others.
            claims.store(UInt64(parts) << 32 | 1, ordering: .releasing)
            wakeUp.lock()
            for worker in 1..<parts { tickets[worker - 1].job.store(jobNumber, ordering: .releasing) }
            wakeUp.broadcast()
            wakeUp.unlock()
            escapable(0)
            finishedParts.add(1, ordering: .releasing)
            runClaimedParts()
            waitForParts(count: parts)
            job = nil
        }
        isBusy.store(false, ordering: .releasing)
    }

    /// Claims and runs parts of the current job until none is left.
    private func runClaimedParts() {
        while let part = claimPart() {
            job?(part)
            finishedParts.add(1, ordering: .releasing)
        }
    }

    /// The next unclaimed part of the current job, or `nil` when all are claimed.
    private func claimPart() -> Int? {
        var word = claims.load(ordering: .acquiring)
        while word & 0xFFFF_FFFF < word >> 32 {
            let (exchanged, original) = claims.compareExchange(expected: word, desired: word + 1,
                                                               successOrdering: .acquiringAndReleasing,
                                                               failureOrdering: .acquiring)
            if exchanged { return Int(word & 0xFFFF_FFFF) }
            word = original
        }
        return nil
    }

    /// Spins until `count` parts have finished, yielding the processor once the wait gets long
    /// (the thread running the last part may have been descheduled).
    private func waitForParts(count: Int) {
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
            tickets.append(ticket)
            let thread = Thread { [self] in work(ticket: ticket) }
            thread.name = "cnnc-worker-\(tickets.count)"
            thread.start()
        }
    }

    /// A worker's life: wait for a new ticket, take the job's floating-point mode, run the parts
    /// it can claim, forever.
    private func work(ticket: Ticket) {
        var done = 0
        while true {
            done = waitForTicket(ticket, after: done)
            if ccpu_float_mode() != floatMode { ccpu_restore_float_mode(floatMode) }
            runClaimedParts()
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
