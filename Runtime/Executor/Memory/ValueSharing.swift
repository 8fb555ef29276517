import CNNIR

/// One step as the arena layout sees it: the node, its kernel's workspace, and the operands
/// whose bytes its kernel may overwrite with the result (`Kernel.inPlaceOperands`).
struct LayoutStep {
    /// The node run.
    let node: Node
    /// The kernel's scratch bytes.
    let workspaceBytes: Int
    /// The operand indices whose bytes the result may take.
    let inPlaceOperands: [Int]
}

/// Which values of a plan share bytes, decided before the arena is planned:
/// - views: the result of reshape, flatten, squeeze, unsqueeze, identity or dropout is its
///   operand's bytes when that operand is in the arena (the step computes nothing);
/// - concat slices: when every axis before the concat axis has size 1, each operand's bytes
///   are a contiguous slice of the result; if every operand is a node result in the arena,
///   not shared otherwise, used only by this concat, each is written straight into its slice
///   (the step computes nothing);
/// - in place: a single-result node whose kernel allows it writes its result over an operand
///   of exactly the result's type whose data (with all its views) is last read at this step,
///   which no other operand of the node views, and which is not a graph input or a view of
///   one (graph inputs stay intact).
struct ValueSharing {
    /// The ops whose result is a view of their first operand.
    static let viewOps: Set<OpKind> = [.reshape, .flatten, .squeeze, .unsqueeze, .identity, .dropout]

    /// A value that lives in another's bytes.
    struct Shared {
        /// Why.
        let kind: BufferSharing.Kind
        /// The value whose bytes it shares.
        let value: String
        /// Where it starts in them.
        let offset: Int
    }

    /// The values living in another value's bytes, by name.
    private(set) var shared: [String: Shared] = [:]
    /// For each step that computes nothing, why (`view`, `concat-in-place`), by step.
    private(set) var skipped: [Int: String] = [:]

    /// No value shares bytes.
    init() {}

    /// Decides views, then concat slices, then in-place results, over `steps` in order.
    /// `arenaValues` are the graph inputs and node results (the values in the arena),
    /// `lastStep` the last step reading each, `useCounts` how often each is an operand or a
    /// graph output.
    init(steps: [LayoutStep], graphInputs: Set<String>, arenaValues: Set<String>, lastStep: [String: Int],
         useCounts: [String: Int], types: [String: TensorType]) {
        for (step, entry) in steps.enumerated() {
            let node = entry.node
            guard Self.viewOps.contains(node.op), node.results.count == 1, let source = node.operands.first,
                  arenaValues.contains(source), types[source]?.byteCount == node.results[0].type.byteCount else { continue }
            shared[node.results[0].name] = Shared(kind: .view, value: source, offset: 0)
            skipped[step] = "view"
        }
        for (step, entry) in steps.enumerated() where entry.node.op == .concat {
            guard let slices = concatSlices(entry.node, graphInputs: graphInputs, arenaValues: arenaValues,
                                            useCounts: useCounts, types: types) else { continue }
            for (operand, offset) in zip(entry.node.operands, slices) {
                shared[operand] = Shared(kind: .slice, value: entry.node.results[0].name, offset: offset)
            }
            skipped[step] = "concat-in-place"
        }
        let contentEnd = lastReads(lastStep)
        for (step, entry) in steps.enumerated() where skipped[step] == nil {
            let node = entry.node
            guard node.results.count == 1, shared[node.results[0].name] == nil else { continue }
            let resultType = node.results[0].type
            let target = entry.inPlaceOperands.lazy.filter { node.operands.indices.contains($0) }.map { node.operands[$0] }.first { operand in
                let content = contentRoot(operand)
                return arenaValues.contains(operand) && !graphInputs.contains(content) && types[operand] == resultType
                    && contentEnd[content] == step
                    && node.operands.allSatisfy { $0 == operand || contentRoot($0) != content }
            }
            if let target { shared[node.results[0].name] = Shared(kind: .inPlace, value: target, offset: 0) }
        }
    }

    /// The value holding `name`'s data: `name` unless it is a view, else its source's.
    private func contentRoot(_ name: String) -> String {
        var current = name
        while let sharing = shared[current], sharing.kind == .view { current = sharing.value }
        return current
    }

    /// For each value holding data of its own, the last step reading it or any of its views.
    private func lastReads(_ lastStep: [String: Int]) -> [String: Int] {
        var ends: [String: Int] = [:]
        for (name, step) in lastStep {
            let root = contentRoot(name)
            ends[root] = max(ends[root] ?? step, step)
        }
        return ends
    }

    /// The byte offset of each operand's slice in the result of `node` (a concat), or `nil`
    /// when the operands are not contiguous slices or cannot all be written there.
    private func concatSlices(_ node: Node, graphInputs: Set<String>, arenaValues: Set<String>,
                              useCounts: [String: Int], types: [String: TensorType]) -> [Int]? {
        guard node.results.count == 1, case .int(let given)? = node.attributes["axis"],
              let shape = node.results[0].type.shape.fixedSizes else { return nil }
        let axis = given < 0 ? given + shape.count : given
        guard shape.indices.contains(axis), shape[..<axis].allSatisfy({ $0 == 1 }),
              Set(node.operands).count == node.operands.count else { return nil }
        let sliceBytes = shape[(axis + 1)...].reduce(node.results[0].type.dtype.byteSize, *)
        var offsets: [Int] = [], offset = 0
        for operand in node.operands {
            guard arenaValues.contains(operand), !graphInputs.contains(operand), shared[operand] == nil,
                  useCounts[operand] == 1, let sizes = types[operand]?.shape.fixedSizes, sizes.count == shape.count else { return nil }
            offsets.append(offset)
            offset += sizes[axis] * sliceBytes
        }
        return offsets
    }
}
