import CNNIR

/// The passes a pipeline may name, one entry per pass name.
///
/// `PassRegistry.standard` holds every pass cnnc provides; adding a pass to cnnc is one file
/// with a type conforming to `Pass` and one line in `standardPasses`. A program may build its own
/// registry with further passes (`register`).
public struct PassRegistry: Sendable {
    /// The registered passes, in registration order.
    public private(set) var passes: [any Pass] = []

    /// Every pass cnnc provides, in the order listings show them.
    static let standardPasses: [any Pass] = [
        CanonicalizePass(),
        ConstantFoldPass(),
        DeadCodeEliminationPass(),
        CommonSubexpressionEliminationPass(),
        FoldBatchNormPass(),
        FoldPadPass(),
        FuseResidualAddPass(),
        FuseActivationPass(),
        SelectKernelsPass(),
        DifferentiatePass(),
    ]

    /// The registry of every pass cnnc provides.
    public static let standard = PassRegistry(uncheckedPasses: standardPasses)

    /// An empty registry.
    public init() {}

    /// A registry of `passes`; throws a `Diagnostic` if two share a name.
    public init(_ passes: [any Pass]) throws {
        for pass in passes { try register(pass) }
    }

    /// A registry of passes whose names are known to be distinct (checked by the tests).
    private init(uncheckedPasses: [any Pass]) {
        passes = uncheckedPasses
    }

    /// The registered names, in registration order.
    public var names: [String] { passes.map(\.name) }

    /// Adds `pass`; throws a `Diagnostic` if a pass of that name is registered already.
    public mutating func register(_ pass: any Pass) throws {
        guard !names.contains(pass.name) else {
            throw Diagnostic("a pass named '\(pass.name)' is registered already")
        }
        passes.append(pass)
    }

    /// This registry with `pass` in place of the registered pass of the same name (appended when
    /// there is none): how a program swaps in a configured pass, such as select-kernels with
    /// measured kernel times.
    public func replacing(_ pass: any Pass) -> PassRegistry {
        var registry = self
        if let index = registry.passes.firstIndex(where: { $0.name == pass.name }) {
            registry.passes[index] = pass
        } else {
            registry.passes.append(pass)
        }
        return registry
    }

    /// The pass called `name`; throws a `Diagnostic` listing the known passes if there is none.
    public func pass(named name: String) throws -> any Pass {
        guard let pass = passes.first(where: { $0.name == name }) else {
            throw Diagnostic("unknown pass '\(name)'; known passes: \(names.joined(separator: ", "))")
        }
        return pass
    }
}
