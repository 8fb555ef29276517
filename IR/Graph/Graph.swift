/// A model: named, typed inputs; parameters (weights, stored in a safetensors file beside the
/// IR); nodes in topological order; and the values it returns.
///
/// ```
/// graph @lenet5(%x: f32[1,1,28,28]) -> f32[1,10] {
///   weights "lenet5.safetensors"
///   %c1.w = param f32[6,1,5,5]
///   %0 = conv %x, %c1.w {pads = [2,2,2,2]} : f32[1,6,28,28]
///   ...
///   return %9
/// }
/// ```
public struct Graph: Equatable, Sendable {
    /// The graph's name, without `@`.
    public var name: String
    /// The graph inputs, in order.
    public var inputs: [ValueDeclaration]
    /// The parameters, in declaration order.
    public var parameters: [ValueDeclaration]
    /// The nodes, in a topological order (every operand defined before use).
    public var nodes: [Node]
    /// The names of the returned values, in order.
    public var outputs: [String]
    /// The safetensors file holding the parameters, relative to the IR file, if one is named.
    public var weightsFile: String?
    /// Where the `graph` keyword is, if the graph came from text.
    public var location: SourceLocation?

    /// Creates a graph.
    public init(name: String, inputs: [ValueDeclaration] = [], parameters: [ValueDeclaration] = [],
                nodes: [Node] = [], outputs: [String] = [], weightsFile: String? = nil,
                location: SourceLocation? = nil) {
        self.name = name
        self.inputs = inputs
        self.parameters = parameters
        self.nodes = nodes
        self.outputs = outputs
        self.weightsFile = weightsFile
        self.location = location
    }

    /// The type of every value defined in the graph, by name.
    public var valueTypes: [String: TensorType] {
        var types: [String: TensorType] = [:]
        for value in inputs { types[value.name] = value.type }
        for value in parameters { types[value.name] = value.type }
        for node in nodes { for result in node.results { types[result.name] = result.type } }
        return types
    }

    /// The types of the returned values (named outputs not defined in the graph are skipped).
    public var outputTypes: [TensorType] {
        let types = valueTypes
        return outputs.compactMap { types[$0] }
    }

    /// The total number of parameter elements, counting named dimensions as 1; saturates at
    /// `Int.max` instead of overflowing on absurd shapes.
    public var parameterCount: Int {
        var total = 0
        for parameter in parameters {
            var count = 1
            for dimension in parameter.type.shape.dimensions {
                let (product, overflow) = count.multipliedReportingOverflow(by: max(dimension.fixedValue ?? 1, 0))
                count = overflow ? Int.max : product
            }
            let (sum, overflow) = total.addingReportingOverflow(count)
            total = overflow ? Int.max : sum
        }
        return total
    }

    /// Equality ignores source locations.
    public static func == (lhs: Graph, rhs: Graph) -> Bool {
        lhs.name == rhs.name && lhs.inputs == rhs.inputs && lhs.parameters == rhs.parameters
            && lhs.nodes == rhs.nodes && lhs.outputs == rhs.outputs && lhs.weightsFile == rhs.weightsFile
    }
}
