import CNNIR

/// Appends the nodes of a gradient computation to a graph under construction.
///
/// Every node is named after the forward value it serves and its role
/// (`%grad.conv1.weight`, `%grad.conv1.input`), made unique with a counter when needed, so the
/// IR of a training step reads as the forward graph's mirror image. The broadcasting helpers
/// (`reduce(_:toShapeOf:)`) and literal helpers are what most rules are built from.
struct GradientEmitter {
    /// The builder the nodes are appended to, shared by every scoped copy.
    let builder: GraphBuilder
    /// The forward value the nodes being emitted belong to.
    private var scope = ""

    /// An emitter appending to `builder`.
    init(builder: GraphBuilder) {
        self.builder = builder
    }

    /// This emitter naming its nodes after `forwardValue`.
    func scoped(to forwardValue: String) -> GradientEmitter {
        var copy = self
        copy.scope = forwardValue
        return copy
    }

    /// Appends a node of `op` with one result, named for this scope and `role`.
    func apply(_ op: OpKind, _ operands: [GraphValue], _ attributes: Attributes = Attributes(), role: String) throws -> GraphValue {
        try builder.apply(op, operands, attributes, name: name(role))
    }

    /// Appends a node of `op` with `resultCount` results, named for this scope and `role`.
    func apply(_ op: OpKind, _ operands: [GraphValue], _ attributes: Attributes = Attributes(), resultCount: Int,
               role: String) throws -> [GraphValue] {
        let first = name(role)
        let names = [first] + (1..<max(resultCount, 1)).map { unused("\(first).\($0)") }
        return try builder.apply(op, operands, attributes, resultCount: resultCount, names: names)
    }

    /// A constant of `value`'s dtype and shape, every element `number`.
    func constant(_ number: Double, like value: GraphValue, scope: String, role: String) throws -> GraphValue {
        let count = value.shape.elementCount ?? 1
        let literal = TensorLiteral(type: value.type, storage: .floating(Array(repeating: number, count: count)))
        return try scoped(to: scope).apply(.constant, [], ["value": .tensor(literal)], role: role)
    }

    /// A scalar constant `number` of `dtype` (broadcasts against any shape).
    func scalar(_ number: Double, _ dtype: DType) throws -> GraphValue {
        let literal = TensorLiteral(type: TensorType(dtype, Shape([Int]())), storage: .floating([number]))
        return try apply(.constant, [], ["value": .tensor(literal)], role: "scalar")
    }

    /// Zeros of `value`'s type: a scalar zero broadcast to the shape.
    func zeros(like value: GraphValue) throws -> GraphValue {
        let zero = try scalar(0, value.dtype)
        return try apply(.expand, [zero], ["shape": .ints(try staticSizes(value))], role: "zeros")
    }

    /// `gradient` (of a broadcast result) summed over the axes along which `target` was
    /// broadcast, in `target`'s shape: the gradient of an operand of a broadcasting op.
    func reduce(_ gradient: GraphValue, toShapeOf target: GraphValue) throws -> GraphValue {
        let sizes = try staticSizes(target)
        let gradientSizes = try staticSizes(gradient)
        guard sizes != gradientSizes else { return gradient }
        let leading = gradientSizes.count - sizes.count
        var axes = Array(0..<max(leading, 0))
        for (offset, size) in sizes.enumerated() where size == 1 && gradientSizes[leading + offset] != 1 {
            axes.append(leading + offset)
        }
        var reduced = gradient
        if !axes.isEmpty {
            reduced = try apply(.reduceSum, [gradient], ["axes": .ints(axes), "keepdims": .bool(true)], role: "unbroadcast")
        }
        guard try staticSizes(reduced) != sizes else { return reduced }
        return try reshape(reduced, to: sizes)
    }

    /// `value` reshaped to `sizes`.
    func reshape(_ value: GraphValue, to sizes: [Int]) throws -> GraphValue {
        try apply(.reshape, [value], ["shape": .ints(sizes), "allowzero": .bool(true)], role: "reshape")
    }

    /// `value` reshaped so that its dimensions line up with axis `axis` of a tensor of rank
    /// `rank` (a per-channel vector [C] becomes [C, 1, 1] for axis 1 of rank 4).
    func alignedToAxis(_ value: GraphValue, axis: Int, rank: Int) throws -> GraphValue {
        let sizes = try staticSizes(value)
        return try reshape(value, to: sizes + Array(repeating: 1, count: max(rank - axis - sizes.count, 0)))
    }

    /// The static sizes of `value`'s shape (every shape is static when differentiating).
    func staticSizes(_ value: GraphValue) throws -> [Int] {
        let sizes = value.shape.dimensions.compactMap(\.fixedValue)
        guard sizes.count == value.shape.rank else {
            throw Diagnostic("%\(value.name) has the named dimensions of \(value.type); gradients need static shapes")
        }
        return sizes
    }

    /// The name for the next node of this scope and `role`.
    private func name(_ role: String) -> String {
        unused("grad.\(scope).\(role)")
    }

    /// `base`, or `base.2`, `base.3`, … — the first that names no value yet.
    private func unused(_ base: String) -> String {
        guard builder.value(named: base) != nil else { return base }
        var counter = 2
        while builder.value(named: "\(base).\(counter)") != nil { counter += 1 }
        return "\(base).\(counter)"
    }
}
