import CNNIR

/// A graph prepared for running: a kernel for every node, parameters and constants converted
/// once into the plan's own storage, and one arena layout for every intermediate value.
///
/// Preparing verifies the graph, requires static shapes, checks the parameters, folds
/// `constant` nodes into resident values, chooses kernels (`KernelRegistry`) and plans memory
/// (`ExecutionOptions.memoryPlanner`, checked with `MemoryPlan.validate`), with views,
/// in-place results and concat slices sharing bytes (`ExecutionOptions.sharesBuffers`). It also sets
/// OpenBLAS to one thread (`BLASThreads`): the runtime's worker pool runs the threads.
///
/// A plan may run from several threads at once: each run takes an arena of its own from a
/// small pool; nothing else is mutable.
public final class ExecutionPlan: Sendable {
    /// The graph, as given.
    public let graph: Graph
    /// The options it was prepared with.
    public let options: ExecutionOptions
    /// The arena's buffers, with the steps during which each is alive.
    public let memoryRequest: MemoryPlanRequest
    /// Where each buffer lives in the arena.
    public let memoryPlan: MemoryPlan

    /// The nodes run, in order (every node except `constant`s, which are folded).
    let steps: [PlanStep]
    /// Parameters and constants.
    let resident: ResidentStorage
    /// Where each graph input is copied, in the graph's order.
    let inputLocations: [ValueLocation]
    /// Each graph output: its name, type and where it is read from.
    let outputSources: [(name: String, type: TensorType, location: ValueLocation)]
    /// Idle arenas.
    let pool: ArenaPool

    /// Prepares `graph` with its parameters (by name, each of the declared type). Throws the
    /// verifier's `DiagnosticList`, or a `Diagnostic` for a named dimension left unbound, an
    /// unknown, missing or mistyped parameter, a constant that does not evaluate, or a node no
    /// kernel can take.
    public init(graph: Graph, parameters: [String: Tensor], options: ExecutionOptions = ExecutionOptions(),
                registry: KernelRegistry = KernelRegistry()) throws {
        try Verifier.verify(graph)
        let types = try ValueChecks.staticTypes(of: graph)
        try ValueChecks.check(parameters, against: graph.parameters, role: "parameter", graph: graph)
        var constants = parameters
        var residentOrder = graph.parameters.map(\.name)
        var nodes: [(node: Node, kernel: NodeKernel)] = []
        for node in graph.nodes {
            if node.op == .constant {
                let value = try ExecutionPlan.evaluateConstant(node)
                constants[node.name] = value
                residentOrder.append(node.name)
                continue
            }
            let request = try ExecutionPlan.request(for: node, types: types, constants: constants)
            nodes.append((node, try registry.kernel(for: request, backend: options.backend)))
        }
        let layout = try ArenaLayout(inputs: graph.inputs,
                                     steps: nodes.map { LayoutStep(node: $0.node, workspaceBytes: $0.kernel.kernel.workspaceBytes,
                                                                   inPlaceOperands: $0.kernel.kernel.inPlaceOperands) },
                                     outputs: graph.outputs, types: types, sharesBuffers: options.sharesBuffers,
                                     planner: options.memoryPlanner)
        let resident = ResidentStorage(residentOrder.compactMap { name in constants[name].map { (name, $0) } })
        func location(_ name: String) -> ValueLocation {
            if let offset = layout.valueOffsets[name] { return .arena(offset) }
            return .resident(resident.offsets[name] ?? 0)
        }
        let steps = nodes.enumerated().map { index, entry in
            PlanStep(node: entry.node, kernel: entry.kernel, operands: entry.node.operands.map(location),
                     results: entry.node.results.map { location($0.name) },
                     workspace: layout.workspaceOffsets[index].map { .arena($0) }, skipped: layout.skipped[index])
        }
        self.graph = graph
        self.options = options
        self.steps = steps
        self.resident = resident
        memoryRequest = layout.request
        memoryPlan = layout.plan
        inputLocations = graph.inputs.map { location($0.name) }
        outputSources = graph.outputs.map { name in
            (name, types[name] ?? TensorType(.f32, [Int]()), location(name))
        }
        let arenaBytes = layout.plan.arenaBytes
        pool = ArenaPool { Arena(bytes: arenaBytes, steps: steps, resident: resident) }
        BLASThreads.useOneThread()
    }

    /// The nodes run, in order, with the kernel chosen for each (`view` or `concat-in-place`
    /// for a node whose result already lies in its operands' bytes, which computes nothing).
    public var layers: [ExecutionLayer] { steps.map(\.layer) }

    /// The arena next to the peak of live bytes and the naive sum, and the bytes shared.
    public var memory: MemoryStatistics { MemoryStatistics(request: memoryRequest, plan: memoryPlan) }

    /// The value of a `constant` node, checked against its declared type.
    private static func evaluateConstant(_ node: Node) throws -> Tensor {
        do {
            let results = try ReferenceKernels.evaluate(.constant, operands: [], attributes: node.attributes)
            guard results.count == 1, let declared = node.results.first?.type, results[0].type == declared else {
                throw Diagnostic("the literal's type \(results.map { "\($0.type)" }.joined(separator: ", ")) differs from the declared type")
            }
            return results[0]
        } catch let diagnostic as Diagnostic {
            throw diagnostic.attributed(to: node.location, node: node.name, op: node.op.rawValue)
        }
    }

    /// The kernel request of `node`: resolved attributes, static types, and the values of its
    /// parameter and constant operands.
    private static func request(for node: Node, types: [String: TensorType], constants: [String: Tensor]) throws -> KernelRequest {
        let attributes: [String: AttributeValue]
        do {
            attributes = try node.op.schema.resolve(node.attributes)
        } catch let diagnostic as Diagnostic {
            throw diagnostic.attributed(to: node.location, node: node.name, op: node.op.rawValue)
        }
        var constantOperands: [Int: Tensor] = [:]
        for (index, operand) in node.operands.enumerated() {
            if let value = constants[operand] { constantOperands[index] = value }
        }
        return KernelRequest(node: node, attributes: attributes,
                             operandTypes: node.operands.map { types[$0] ?? TensorType(.f32, [Int]()) },
                             resultTypes: node.results.map(\.type), constantOperands: constantOperands)
    }
}
