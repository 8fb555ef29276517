/// Checks a graph completely and reports every problem at once.
///
/// It checks that every value is defined once and before use, that each node has the operand
/// count and attributes its op's schema declares, that the declared result types are the
/// inferred ones, and that the graph returns defined values. Each problem is a `Diagnostic` with
/// the node's location and name; nodes with undefined operands or bad attributes are not
/// inferred, so one mistake is reported once.
public enum Verifier {
    /// Throws a `DiagnosticList` of every problem of `graph`; returns if there is none.
    public static func verify(_ graph: Graph) throws {
        let problems = diagnostics(for: graph)
        if !problems.isEmpty { throw DiagnosticList(problems) }
    }

    /// Every problem of `graph`, in the order of the text.
    public static func diagnostics(for graph: Graph) -> [Diagnostic] {
        var scope = VerifierScope(pendingResults: Set(graph.nodes.flatMap { $0.results.map(\.name) }))
        for input in graph.inputs { scope.define(input, kind: "input") }
        for parameter in graph.parameters { scope.define(parameter, kind: "param") }
        for node in graph.nodes {
            scope.problems += NodeVerifier.problems(of: node, in: scope)
            for result in node.results { scope.define(result, kind: node.op.rawValue) }
        }
        if graph.outputs.isEmpty {
            scope.problems.append(Diagnostic("graph @\(graph.name) has no outputs", at: graph.location))
        }
        for output in graph.outputs where scope.types[output] == nil {
            scope.problems.append(Diagnostic("output %\(output) is not defined", at: graph.location))
        }
        return scope.problems
    }
}

/// The values defined so far while walking a graph, and the problems found.
struct VerifierScope {
    /// The type of each value defined so far.
    var types: [String: TensorType] = [:]
    /// Where each value defined so far was declared.
    var locations: [String: SourceLocation] = [:]
    /// Node results not yet reached (to tell "used before definition" from "undefined").
    var pendingResults: Set<String>
    /// The problems found so far.
    var problems: [Diagnostic] = []

    /// Defines `value`, reporting a second definition of the same name.
    mutating func define(_ value: ValueDeclaration, kind: String) {
        pendingResults.remove(value.name)
        guard types[value.name] == nil else {
            let first = locations[value.name].map { " (first defined at \($0))" } ?? ""
            problems.append(Diagnostic("value %\(value.name) is defined twice\(first)", at: value.location, node: value.name, op: kind))
            return
        }
        types[value.name] = value.type
        if let location = value.location { locations[value.name] = location }
    }
}
