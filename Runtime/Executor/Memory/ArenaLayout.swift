import CNNIR

/// The arena of a plan: a buffer for every graph input, every node result and every kernel
/// workspace, with the steps during which each is alive and the bytes it shares with others
/// (`ValueSharing`), placed by a `MemoryPlanner`.
///
/// Step `s` is the `s`-th node run. Graph inputs are copied into the arena before step 0 and
/// are alive from step 0 to their last use; a node result from its node to its last use; a
/// graph output until the copy-out after the last node (step `stepCount`); a workspace only at
/// its node (steps that compute nothing have none). Parameters and constants are not in the
/// arena (they live in the plan).
struct ArenaLayout: Sendable {
    /// The buffers placed.
    let request: MemoryPlanRequest
    /// Where they are.
    let plan: MemoryPlan
    /// The arena offset of each graph input and node result, by name.
    let valueOffsets: [String: Int]
    /// The arena offset of each step's workspace, `nil` when its kernel needs none.
    let workspaceOffsets: [Int?]
    /// For each step, why it computes nothing (`view`, `concat-in-place`), or `nil` when its kernel runs.
    let skipped: [String?]

    /// Lays out the values of `steps` (in order) and `inputs`, keeping `outputs` alive to the
    /// end, sharing bytes between values when `sharesBuffers`; checks the planner's plan with
    /// `MemoryPlan.validate`.
    init(inputs: [ValueDeclaration], steps: [LayoutStep], outputs: [String], types: [String: TensorType],
         sharesBuffers: Bool, planner: any MemoryPlanner) throws {
        var names: [String] = []
        var firstStep: [String: Int] = [:]
        var lastStep: [String: Int] = [:]
        var useCounts: [String: Int] = [:]
        func define(_ name: String, at step: Int) {
            names.append(name)
            firstStep[name] = step
            lastStep[name] = step
        }
        for input in inputs { define(input.name, at: 0) }
        for (step, entry) in steps.enumerated() {
            for operand in entry.node.operands {
                useCounts[operand, default: 0] += 1
                if lastStep[operand] != nil { lastStep[operand] = step }
            }
            for result in entry.node.results { define(result.name, at: step) }
        }
        for output in outputs {
            useCounts[output, default: 0] += 1
            if lastStep[output] != nil { lastStep[output] = steps.count }
        }
        let sharing = sharesBuffers
            ? ValueSharing(steps: steps, graphInputs: Set(inputs.map(\.name)), arenaValues: Set(names),
                           lastStep: lastStep, useCounts: useCounts, types: types)
            : ValueSharing()
        var indices: [String: Int] = [:]
        for (index, name) in names.enumerated() { indices[name] = index }
        var buffers = names.map { name in
            MemoryBuffer(name: "%" + name, bytes: types[name]?.byteCount ?? 0,
                         firstStep: firstStep[name] ?? 0, lastStep: lastStep[name] ?? 0,
                         sharing: sharing.shared[name].flatMap { shared in
                             indices[shared.value].map { BufferSharing(shared.kind, of: $0, offset: shared.offset) }
                         })
        }
        var workspaceBuffers: [Int?] = []
        for (step, entry) in steps.enumerated() {
            guard entry.workspaceBytes > 0, sharing.skipped[step] == nil else {
                workspaceBuffers.append(nil)
                continue
            }
            workspaceBuffers.append(buffers.count)
            buffers.append(MemoryBuffer(name: "workspace of %\(entry.node.name)", bytes: entry.workspaceBytes,
                                        firstStep: step, lastStep: step))
        }
        request = MemoryPlanRequest(buffers: buffers)
        let plan = planner.plan(request)
        try plan.validate(request)
        self.plan = plan
        var valueOffsets: [String: Int] = [:]
        for (index, name) in names.enumerated() { valueOffsets[name] = plan.offsets[index] }
        self.valueOffsets = valueOffsets
        workspaceOffsets = workspaceBuffers.map { index in index.map { plan.offsets[$0] } }
        skipped = steps.indices.map { sharing.skipped[$0] }
    }
}
