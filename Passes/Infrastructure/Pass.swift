import CNNIR

/// One transformation of a compilation unit, known to the `PassRegistry` by its name.
///
/// A pass receives a verified unit and must leave a unit that verifies (the pass manager checks
/// this after every pass with `verifyEach`). It keeps the graph's interface: the inputs, their
/// order and types, and the names and types of the outputs. Nodes it does not understand — any op
/// it has no rule for — it leaves as they are.
public protocol Pass: Sendable {
    /// The name pipelines use (`fold-batchnorm`): lowercase words joined by `-`.
    var name: String { get }
    /// One line for listings and docs: what the pass does.
    var summary: String { get }

    /// Transforms `unit`; throws a `Diagnostic` only for a problem the pass cannot work around.
    func run(on unit: inout CompilationUnit) throws
}
