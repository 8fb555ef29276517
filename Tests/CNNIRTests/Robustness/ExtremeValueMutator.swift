import CNNIR

/// Makes fuzz inputs that reach shape inference: a valid random graph with one attribute set to
/// an extreme or ill-formed value of its kind, or one input dimension set to an extreme size,
/// printed as text. Such text parses, so it tests the op rules' arithmetic (overflow, division by
/// zero, out-of-range axes) rather than the parser.
enum ExtremeValueMutator {
    /// The input made from the random graph of `seed`.
    static func input(seed: UInt64) -> FuzzInput {
        var random = SeededGenerator(seed: seed ^ 0x0E57_AE3E)
        var graph = RandomGraphGenerator.graph(seed: seed)
        let nodesWithAttributes = graph.nodes.indices.filter { !graph.nodes[$0].op.schema.attributes.isEmpty }
        let change: String
        if !nodesWithAttributes.isEmpty && random.chance(0.75) {
            let index = random.pick(nodesWithAttributes)
            let spec = random.pick(graph.nodes[index].op.schema.attributes)
            let value = extremeValue(spec.kind, using: &random)
            graph.nodes[index].attributes[spec.name] = value
            change = "\(spec.name) of %\(graph.nodes[index].name) set to \(value)"
        } else {
            let index = random.index(below: graph.inputs.count)
            var dimensions = graph.inputs[index].type.shape.dimensions
            let size = random.pick(extremeIntegers)
            if dimensions.isEmpty { dimensions = [.fixed(size)] } else { dimensions[random.index(below: dimensions.count)] = .fixed(size) }
            graph.inputs[index].type.shape = Shape(dimensions)
            change = "a dimension of input %\(graph.inputs[index].name) set to \(size)"
        }
        return FuzzInput(origin: "graph seed \(seed) with \(change)", file: "extreme.ir", text: IRPrinter.print(graph))
    }

    /// Integers at the ends of the range and where products and sums overflow.
    static let extremeIntegers = [Int.max, Int.min, Int.max - 1, -1, 0, 1 << 62, 1 << 32, -(1 << 31)]

    /// An extreme or ill-formed value of `kind`.
    private static func extremeValue(_ kind: AttributeKind, using random: inout SeededGenerator) -> AttributeValue {
        let floats = [Double.nan, .infinity, -.infinity, -0.0, 1e308, -1e308, Double.leastNonzeroMagnitude, 0]
        switch kind {
        case .int:
            return .int(random.pick(extremeIntegers))
        case .ints:
            return .ints((0..<random.int(in: 0...6)).map { _ in random.chance(0.5) ? random.pick(extremeIntegers) : random.int(in: -3...3) })
        case .float:
            return .float(random.pick(floats))
        case .floats:
            return .floats((0..<random.int(in: 0...6)).map { _ in random.chance(0.5) ? random.pick(floats) : random.stressDouble() })
        case .bool:
            return .bool(random.chance(0.5))
        case .string:
            return .string(random.pick(["", "NOTSET", "same_upper ", "nearest\u{0}", "linear", "valid", "sum", "none", "edge"]))
        case .tensor:
            let sizes = (0..<random.int(in: 0...3)).map { _ in random.chance(0.5) ? random.pick(extremeIntegers) : random.int(in: 0...3) }
            let storage: TensorLiteral.Storage = random.chance(0.5) ? .floating([1, -0.0, .infinity]) : .integer([Int64.min, Int64.max])
            return .tensor(TensorLiteral(type: TensorType(random.pick(DType.allCases), sizes), storage: storage))
        }
    }
}
