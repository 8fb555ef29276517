import CNNIR

/// A compilation unit being rewritten by a pass: lookups by value name, use queries, and edits
/// that keep the graph's interface (inputs, output names and types) intact.
///
/// Removing a node only marks it, so node indices stay valid for the whole rewrite; `unit`
/// drops the marked nodes. Lookups skip removed nodes. The rewriter keeps an index of
/// producers and users, so lookups and edits cost in proportion to the values they touch, not
/// to the size of the graph.
///
/// ```swift
/// var rewriter = GraphRewriter(unit)
/// for index in rewriter.nodeIndices where rewriter.node(at: index).op == .identity {
///     _ = rewriter.bypassNode(at: index, with: [rewriter.node(at: index).operands[0]])
/// }
/// unit = rewriter.unit
/// ```
public struct GraphRewriter: Sendable {
    /// The unit with removed nodes still in place.
    private var edited: CompilationUnit
    /// The indices of removed nodes.
    private var removed: Set<Int> = []
    /// The node (not removed) defining each node result.
    private var producers: [String: Int] = [:]
    /// The nodes (not removed) using each value as an operand.
    private var operandUsers: [String: Set<Int>] = [:]
    /// The types of the graph inputs and parameters.
    private var declaredTypes: [String: TensorType] = [:]

    /// Starts rewriting `unit`.
    public init(_ unit: CompilationUnit) {
        edited = unit
        for value in unit.graph.inputs + unit.graph.parameters { declaredTypes[value.name] = value.type }
        for index in unit.graph.nodes.indices { indexNode(at: index) }
    }

    /// The rewritten unit, without the removed nodes.
    public var unit: CompilationUnit {
        var result = edited
        result.graph.nodes = nodeIndices.map { edited.graph.nodes[$0] }
        return result
    }

    /// The graph's outputs.
    public var outputs: [String] { edited.graph.outputs }

    /// The indices of the nodes not removed, in order.
    public var nodeIndices: [Int] { edited.graph.nodes.indices.filter { !removed.contains($0) } }

    /// The node at `index` (removed or not).
    public func node(at index: Int) -> Node { edited.graph.nodes[index] }

    /// Whether the node at `index` has been removed.
    public func isRemoved(_ index: Int) -> Bool { removed.contains(index) }

    /// The index of the node (not removed) that defines `value`, or nil for an input, a
    /// parameter or an unknown name.
    public func producer(of value: String) -> Int? { producers[value] }

    /// The nodes (not removed) that use `value`, each once, in order.
    public func users(of value: String) -> [Int] { (operandUsers[value] ?? []).sorted() }

    /// How often `value` is used: as an operand (each position counts) or as an output.
    public func useCount(of value: String) -> Int {
        let operandUses = (operandUsers[value] ?? []).reduce(0) { count, index in
            count + edited.graph.nodes[index].operands.filter { $0 == value }.count
        }
        return operandUses + outputs.filter { $0 == value }.count
    }

    /// Whether the graph returns `value`.
    public func isOutput(_ value: String) -> Bool { outputs.contains(value) }

    /// Whether `value` is used only by the node at `index` (in one or more operand positions)
    /// and is not an output.
    public func isUsedOnly(_ value: String, by index: Int) -> Bool {
        !isOutput(value) && operandUsers[value] == [index]
    }

    /// The type of `value` (an input, a parameter or the result of a node not removed).
    public func type(of value: String) -> TensorType? {
        if let type = declaredTypes[value] { return type }
        return producers[value].flatMap { index in edited.graph.nodes[index].results.first { $0.name == value }?.type }
    }

    /// The declaration of the parameter `name`, if there is one.
    public func parameter(named name: String) -> ValueDeclaration? {
        edited.graph.parameters.first { $0.name == name }
    }

    /// The elements of `value` as doubles, when they are known at compile time: a parameter
    /// whose tensor the unit holds, or the result of a `constant` node.
    public func constantValues(of value: String) -> [Double]? {
        if let tensor = edited.weights[value] { return tensor.doubles() }
        guard let index = producers[value], node(at: index).op == .constant,
              case .tensor(let literal)? = node(at: index).attributes["value"] else { return nil }
        return literal.doubles
    }

    /// The tensor of the parameter `name`, if the unit holds one.
    public func weight(of name: String) -> WeightTensor? { edited.weights[name] }

    /// A value name not used in the graph: `base`, or `base.1`, `base.2`, ….
    public func unusedName(_ base: String) -> String {
        var candidate = base
        var suffix = 0
        while declaredTypes[candidate] != nil || producers[candidate] != nil {
            suffix += 1
            candidate = "\(base).\(suffix)"
        }
        return candidate
    }

    /// Replaces the node at `index` (its results should keep their names and types).
    public mutating func replaceNode(at index: Int, with node: Node) {
        unindexNode(at: index)
        edited.graph.nodes[index] = node
        indexNode(at: index)
    }

    /// Removes the node at `index`; its results must no longer be used.
    public mutating func removeNode(at index: Int) {
        unindexNode(at: index)
        removed.insert(index)
    }

    /// Removes the node at `index` if none of its results is used or returned; returns whether
    /// it did.
    @discardableResult
    public mutating func removeNodeIfUnused(at index: Int) -> Bool {
        guard !removed.contains(index), node(at: index).results.allSatisfy({ useCount(of: $0.name) == 0 }) else { return false }
        removeNode(at: index)
        return true
    }

    /// Makes every operand that names `value` name `replacement` instead (outputs are not changed).
    public mutating func replaceOperandUses(of value: String, with replacement: String) {
        for index in users(of: value) {
            var node = edited.graph.nodes[index]
            node.operands = node.operands.map { $0 == value ? replacement : $0 }
            replaceNode(at: index, with: node)
        }
    }

    /// Removes the node at `index`, whose results are computed already as `replacements` (one
    /// per result, each of the same type, defined before the node). Uses of each result move
    /// to its replacement. A result the graph returns keeps its name: the replacement's defining
    /// node takes that name instead. Returns false and changes nothing when that is impossible
    /// (the replacement is an input, a parameter or returned itself) or a type differs.
    public mutating func bypassNode(at index: Int, with replacements: [String]) -> Bool {
        let results = node(at: index).results
        guard results.count == replacements.count else { return false }
        var finalNames: [String: String] = [:]
        for (result, replacement) in zip(results, replacements) {
            guard type(of: replacement) == result.type else { return false }
            guard isOutput(result.name) else { continue }
            guard !isOutput(replacement), producers[replacement] != nil, finalNames[replacement] == nil else { return false }
            finalNames[replacement] = result.name
        }
        removeNode(at: index)
        for (replacement, name) in finalNames.sorted(by: { $0.key < $1.key }) {
            rename(replacement, to: name)
        }
        for (result, replacement) in zip(results, replacements) where !isOutput(result.name) {
            replaceOperandUses(of: result.name, with: finalNames[replacement] ?? replacement)
        }
        return true
    }

    /// Declares the parameter `name` with the type of `tensor` and stores the tensor, replacing
    /// the declaration and tensor of an existing parameter of that name.
    public mutating func setParameter(_ name: String, to tensor: WeightTensor) {
        if let position = edited.graph.parameters.firstIndex(where: { $0.name == name }) {
            edited.graph.parameters[position].type = tensor.type
        } else {
            edited.graph.parameters.append(ValueDeclaration(name: name, type: tensor.type))
        }
        declaredTypes[name] = tensor.type
        edited.weights[name] = tensor
    }

    /// Removes the parameter `name` and its tensor if nothing uses or returns it; returns
    /// whether it did.
    @discardableResult
    public mutating func removeParameterIfUnused(_ name: String) -> Bool {
        guard parameter(named: name) != nil, useCount(of: name) == 0 else { return false }
        edited.graph.parameters.removeAll { $0.name == name }
        declaredTypes[name] = nil
        edited.weights[name] = nil
        return true
    }

    /// Renames the node result `value` to `name` in its definition and every use.
    private mutating func rename(_ value: String, to name: String) {
        guard let index = producers[value] else { return }
        var node = edited.graph.nodes[index]
        for position in node.results.indices where node.results[position].name == value {
            node.results[position].name = name
        }
        replaceNode(at: index, with: node)
        replaceOperandUses(of: value, with: name)
    }

    /// Records the results and operands of the node at `index` in the index.
    private mutating func indexNode(at index: Int) {
        let node = edited.graph.nodes[index]
        for result in node.results { producers[result.name] = index }
        for operand in node.operands { operandUsers[operand, default: []].insert(index) }
    }

    /// Forgets the results and operands of the node at `index`.
    private mutating func unindexNode(at index: Int) {
        let node = edited.graph.nodes[index]
        for result in node.results where producers[result.name] == index { producers[result.name] = nil }
        for operand in node.operands { operandUsers[operand]?.remove(index) }
    }
}
