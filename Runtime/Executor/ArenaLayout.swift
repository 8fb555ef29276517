import CNNIR

/// The arena of a plan: a buffer for every graph input, every node result and every kernel
/// workspace, with the steps during which each is alive, placed by a `MemoryPlanner`.
///
/// Step `s` is the `s`-th node run. Graph inputs are copied into the arena before step 0 and
/// are alive from step 0 to their last use; a node result from its node to its last use; a
/// graph output until the copy-out after the last node (step `stepCount`); a workspace only at
/// its node. Parameters and constants are not in the arena (they live in the plan).
struct ArenaLayout: Sendable {
    /// The buffers placed.
    let request: MemoryPlanRequest
    /// Where they are.
    let plan: MemoryPlan
    /// The arena offset of each graph input and node result, by name.
    let valueOffsets: [String: Int]
    /// The arena offset of each step's workspace, `nil` when its kernel needs none.
    let workspaceOffsets: [Int?]

    /// Lays out the values of `nodes` (the steps, in order, with the workspace bytes of each
    /// kernel) and `inputs`, keeping `outputs` alive to the end; checks the planner's plan with
    /// `MemoryPlan.validate`.
    init(inputs: [ValueDeclaration], nodes: [(node: Node, workspaceBytes: Int)], outputs: [String],
         types: [String: TensorType], planner: any MemoryPlanner) throws {
        var names: [String] = []
        var firstStep: [String: Int] = [:]
        var lastStep: [String: Int] = [:]
        func define(_ name: String, at step: Int) {
            names.append(name)
            firstStep[name] = step
            lastStep[name] = step
        }
        for input in inputs { define(input.name, at: 0) }
        for (step, entry) in nodes.enumerated() {
            for operand in entry.node.operands where lastStep[operand] != nil { lastStep[operand] = step }
            for result in entry.node.results { define(result.name, at: step) }
        }
        for output in outputs where lastStep[output] != nil { lastStep[output] = nodes.count }
        var buffers = names.map { name in
            MemoryBuffer(name: "%" + name, bytes: types[name]?.byteCount ?? 0,
                         firstStep: firstStep[name] ?? 0, lastStep: lastStep[name] ?? 0)
        }
        var workspaceBuffers: [Int?] = []
        for (step, entry) in nodes.enumerated() {
            guard entry.workspaceBytes > 0 else {
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
    }
}
