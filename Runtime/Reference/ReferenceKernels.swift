import CNNIR

/// How one op is computed by the reference path.
struct ReferenceKernel: Sendable {
    /// Computes the results of one invocation.
    let run: @Sendable (ReferenceInvocation) throws -> [Tensor]

    /// A kernel that makes its result tensors itself.
    init(results run: @escaping @Sendable (ReferenceInvocation) throws -> [Tensor]) {
        self.run = run
    }

    /// A kernel with one result, computed in `Double` and converted to the invocation's result type.
    init(_ compute: @escaping @Sendable (ReferenceInvocation) throws -> ReferenceArray) {
        self.run = { invocation in [try compute(invocation).tensor(invocation.resultDType)] }
    }
}

/// The reference kernels: a plain, obviously correct implementation of every op of `OpKind`,
/// computing in `Double`. They are the oracle that optimized kernels, passes and importers are
/// tested against; `ReferenceExecutor` runs whole graphs on them.
public enum ReferenceKernels {
    /// Every kernel, by op; each op family contributes its own table.
    static let table: [OpKind: ReferenceKernel] = [
        constantKernels, convolutionKernels, poolingKernels, normalizationKernels, activationKernels,
        softmaxKernels, linearAlgebraKernels, elementwiseKernels, dataMovementKernels, padKernels,
        resizeKernels, lossKernels,
    ].reduce(into: [:]) { table, family in table.merge(family) { first, _ in first } }

    /// Whether the reference path implements `op`.
    public static func supports(_ op: OpKind) -> Bool { table[op] != nil }

    /// Computes the results of `op` on `operands` with the given attributes (defaults from the
    /// op's schema fill the rest).
    ///
    /// Floating results take the element type of the floating operands, which must agree; ops on
    /// i64 operands only (such as a reshape of labels) give i64. Throws a `Diagnostic` (without
    /// location) when the operands or attributes do not fit the op.
    public static func evaluate(_ op: OpKind, operands: [Tensor], attributes: Attributes = Attributes()) throws -> [Tensor] {
        guard let kernel = table[op] else { throw Diagnostic("the reference path has no kernel for \(op)") }
        let schema = op.schema
        guard schema.acceptsOperandCount(operands.count) else {
            throw Diagnostic("\(op) does not take \(operands.count) operand\(operands.count == 1 ? "" : "s")")
        }
        let invocation = ReferenceInvocation(op: op, operands: operands, attributes: try schema.resolve(attributes),
                                             resultDType: try resultDType(of: operands))
        return try kernel.run(invocation)
    }

    /// The dtype of the floating operands (which must agree), else that of the first operand, else f32.
    private static func resultDType(of operands: [Tensor]) throws -> DType {
        let floating = operands.map(\.dtype).filter(\.isFloatingPoint)
        if let first = floating.first {
            guard floating.allSatisfy({ $0 == first }) else {
                throw Diagnostic("floating operands must share one element type, found \(floating.map(\.rawValue).joined(separator: ", "))")
            }
            return first
        }
        return operands.first?.dtype ?? .f32
    }
}
