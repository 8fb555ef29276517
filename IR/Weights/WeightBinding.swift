extension WeightStore {
    /// The tensors for every parameter of `graph`, checked against their declarations.
    ///
    /// Every parameter must have a static shape and a tensor of the same name, dtype and shape;
    /// every tensor must be a parameter of the graph. All problems are reported at once as a
    /// `DiagnosticList`: a missing tensor or a mismatch at the parameter's declaration
    /// (`parameter %c1.w: declared f32[6,1,5,5], file has f32[6,1,3,3]`), an unused tensor at
    /// the weights file.
    public func bind(to graph: Graph) throws -> [String: WeightTensor] {
        let fileLocation = source.map { SourceLocation(file: $0, line: 1, column: 1) }
        var problems: [Diagnostic] = []
        var bound: [String: WeightTensor] = [:]
        for parameter in graph.parameters {
            let declared = parameter.type
            let location = parameter.location ?? graph.location ?? fileLocation
            let prefix = "parameter %\(parameter.name): declared \(declared)"
            guard let sizes = declared.shape.fixedSizes else {
                let symbols = declared.shape.symbolNames.joined(separator: ", ")
                problems.append(Diagnostic("\(prefix), but parameters need static shapes (bind \(symbols) first)", at: location))
                continue
            }
            guard let tensor = tensors[parameter.name] else {
                problems.append(Diagnostic("\(prefix), but the weights file has no tensor '\(parameter.name)'", at: location))
                continue
            }
            guard tensor.dtype == declared.dtype, tensor.shape == sizes else {
                problems.append(Diagnostic("\(prefix), file has \(tensor.type)", at: location))
                continue
            }
            bound[parameter.name] = tensor
        }
        let parameterNames = Set(graph.parameters.map(\.name))
        for name in names where !parameterNames.contains(name) {
            problems.append(Diagnostic("tensor '\(name)' of the weights file is not a parameter of graph @\(graph.name)", at: fileLocation))
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
        return bound
    }
}
