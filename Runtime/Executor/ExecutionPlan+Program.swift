import CNNIR

/// Where a value of a prepared plan lives, as generated code addresses it.
public enum PlanLocation: Sendable, Equatable, CustomStringConvertible {
    /// At a byte offset in a run's arena.
    case arena(Int)
    /// In the plan's resident storage: the parameter or constant of that name.
    case resident(String)

    public var description: String {
        switch self {
        case .arena(let offset): "arena+\(offset)"
        case .resident(let name): "%\(name)"
        }
    }
}

/// One step of a prepared plan as generated code runs it: its kernel and where its operands,
/// results and workspace are. A step that does not run (`view`, `concat-in-place`) computes
/// nothing: its result already lies in its operands' bytes.
public struct PlanStepDescription: Sendable, Equatable, CustomStringConvertible {
    /// The node's name.
    public var node: String
    /// The kernel's name, or why the step does not run.
    public var kernel: String
    /// Whether the step's kernel runs.
    public var runs: Bool
    /// Each operand's location, in order.
    public var operands: [PlanLocation]
    /// Each result's location, in order.
    public var results: [PlanLocation]
    /// The workspace's arena offset, or `nil`.
    public var workspace: Int?

    /// One line: `%node kernel (operands) -> (results) workspace`.
    public var description: String {
        "%\(node) \(kernel) (\(operands.map(\.description).joined(separator: ", "))) -> "
            + "(\(results.map(\.description).joined(separator: ", ")))" + (workspace.map { " workspace arena+\($0)" } ?? "")
    }
}

extension ExecutionPlan {
    /// The arena a run needs, in bytes.
    public var arenaBytes: Int { memoryPlan.arenaBytes }

    /// Every step, in order, as generated code runs it (`cnnc compile --emit swift`).
    public var stepDescriptions: [PlanStepDescription] {
        steps.map { step in
            PlanStepDescription(node: step.node.name, kernel: step.layer.kernel, runs: step.skipped == nil,
                                operands: zip(step.node.operands, step.operands).map { describe($1, name: $0) },
                                results: zip(step.node.results, step.results).map { describe($1, name: $0.name) },
                                workspace: step.workspace.flatMap { location in
                                    if case .arena(let offset) = location { return offset }
                                    return nil
                                })
        }
    }

    /// Each graph input's name, type and location, in the graph's order.
    public var inputDescriptions: [(name: String, type: TensorType, location: PlanLocation)] {
        zip(graph.inputs, inputLocations).map { declaration, location in
            (declaration.name, declaration.type, describe(location, name: declaration.name))
        }
    }

    /// Each graph output's name, type and location, in the graph's order.
    public var outputDescriptions: [(name: String, type: TensorType, location: PlanLocation)] {
        outputSources.map { ($0.name, $0.type, describe($0.location, name: $0.name)) }
    }

    /// The whole layout as text, one step per line: generated code compares it with the layout
    /// it was generated for.
    public var layoutText: String {
        (["arena \(arenaBytes)"] + stepDescriptions.map(\.description)).joined(separator: "\n")
    }

    /// The prepared kernel of step `index` (the reference adapter for a node no fast kernel takes).
    public func kernel(ofStep index: Int) -> any Kernel {
        steps[index].kernel.kernel
    }

    /// The address of the resident parameter or constant `name`; throws a `Diagnostic` when the
    /// plan holds none of that name.
    public func residentPointer(named name: String) throws -> UnsafeRawPointer {
        guard let offset = resident.offsets[name] else {
            throw Diagnostic("the plan holds no parameter or constant %\(name)")
        }
        return UnsafeRawPointer(resident.base + offset)
    }

    /// `location` of the value `name` in the terms generated code uses.
    private func describe(_ location: ValueLocation, name: String) -> PlanLocation {
        switch location {
        case .arena(let offset): return .arena(offset)
        case .resident: return .resident(name)
        }
    }
}
