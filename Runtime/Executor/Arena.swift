import Foundation

/// The memory of one run: the arena, with every step's kernel buffers already pointing into it
/// (so a run builds no pointer tables). A run takes an arena from its plan's pool and has it to
/// itself until it gives it back, which is why an arena may move between threads.
final class Arena: @unchecked Sendable {
    /// The start of the arena (64-byte aligned).
    let base: UnsafeMutableRawPointer
    /// The buffers of each step, in the plan's order.
    let stepBuffers: [KernelBuffers]

    /// Allocates an arena of `bytes` bytes for `steps`, whose parameters and constants live in `resident`.
    init(bytes: Int, steps: [PlanStep], resident: ResidentStorage) {
        let base = UnsafeMutableRawPointer.allocate(byteCount: max(bytes, 64), alignment: 64)
        self.base = base
        stepBuffers = steps.map { step in
            KernelBuffers(inputs: step.operands.map { UnsafeRawPointer($0.pointer(arena: base, resident: resident)) },
                          outputs: step.results.map { $0.pointer(arena: base, resident: resident) },
                          workspace: step.workspace?.pointer(arena: base, resident: resident))
        }
    }

    deinit { base.deallocate() }
}

/// The arenas of a plan that are not in use: a run takes one (or a new one when all are busy)
/// and gives it back, so runs on several threads never share an arena.
final class ArenaPool: @unchecked Sendable {
    /// The most idle arenas kept; arenas given back beyond this are freed.
    static let idleLimit = 8

    private let lock = NSLock()
    /// Idle arenas; only touched with `lock` held.
    private var idle: [Arena] = []
    private let makeArena: @Sendable () -> Arena

    /// A pool that creates arenas with `makeArena`.
    init(makeArena: @escaping @Sendable () -> Arena) {
        self.makeArena = makeArena
    }

    /// Runs `body` with an arena nobody else uses meanwhile.
    func withArena<Result>(_ body: (Arena) throws -> Result) rethrows -> Result {
        let arena = take()
        defer { giveBack(arena) }
        return try body(arena)
    }

    private func take() -> Arena {
        let reused: Arena? = lock.withLock { idle.popLast() }
        return reused ?? makeArena()
    }

    private func giveBack(_ arena: Arena) {
        lock.withLock {
            if idle.count < ArenaPool.idleLimit { idle.append(arena) }
        }
    }
}
