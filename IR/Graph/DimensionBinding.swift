extension Graph {
    /// This graph with every named dimension found in `dimensions` (such as the batch `N`)
    /// replaced by its size, in the inputs, the parameters, the node results and constant
    /// literals. Names not in `dimensions` stay named.
    public func binding(_ dimensions: [String: Int]) -> Graph {
        func bind(_ value: ValueDeclaration) -> ValueDeclaration {
            var bound = value
            bound.type.shape = value.type.shape.binding(dimensions)
            return bound
        }
        var bound = self
        bound.inputs = inputs.map(bind)
        bound.parameters = parameters.map(bind)
        for index in nodes.indices {
            bound.nodes[index].results = nodes[index].results.map(bind)
            if case .tensor(var literal) = nodes[index].attributes["value"] {
                literal.type.shape = literal.type.shape.binding(dimensions)
                bound.nodes[index].attributes["value"] = .tensor(literal)
            }
        }
        return bound
    }
}
