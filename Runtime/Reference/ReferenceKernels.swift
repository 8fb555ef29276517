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
        self.run = { invocation in [try compute(invocation).tensor(invocation.resultDType())] }
    }
}

/// The reference kernels: a plain, obviously correct implementation of every op of `OpKind`.
/// They are the oracle that optimized kernels, passes and importers are tested against;
/// `ReferenceExecutor` runs whole graphs on them.
///
/// Floating ops compute and accumulate in `Double`. i64 is exact wherever it occurs: arithmetic
/// on i64 operands (add, sub, mul, div, pow, neg, abs, max, min, the reductions) computes on
/// `Int64` with two's-complement wrapping, as NumPy and ONNX Runtime do (integer division
/// truncates toward zero; x / 0 and 0 to a negative power give 0); comparisons and argmax/argmin
/// compare i64 values as integers; ops that only move elements (reshape, transpose, concat,
/// slice, split, expand, tile, where, depth_to_space, ...) copy elements of any dtype unchanged;
/// cast converts directly between the element types. Only where i64 meets a float (the labels
/// of a loss, an i64 base with a float exponent) is it read as a `Double`, exact up to 2^53.
public enum ReferenceKernels {
    /// Every kernel, by op; each op family contributes its own table.
    static let table: [OpKind: ReferenceKernel] = [
        constantKernels, convolutionKernels, fusedConvolutionKernels, poolingKernels, normalizationKernels, activationKernels,
        softmaxKernels, linearAlgebraKernels, elementwiseKernels, dataMovementKernels, padKernels,
        resizeKernels, lossKernels, unaryMathKernels, reductionKernels, comparisonKernels, slicingKernels,
        replicationKernels, spaceDepthKernels, castKernels,
        spatialGradientKernels,
        normalizationGradientKernels, pointwiseGradientKernels, dropoutKernels,
        negativeLogLikelihoodKernels, optimizerKernels,
    ].reduce(into: [:]) { table, family in table.merge(family) { first, _ in first } }

    /// Whether the reference path implements `op`.
    public static func supports(_ op: OpKind) -> Bool { table[op] != nil }

    /// Computes the `resultCount` results (1 but for `split`) of `op` on `operands` with the
    /// given attributes (defaults from the op's schema fill the rest).
    ///
    /// Floating results take the element type of the floating operands, which must agree; ops on
    /// i64 operands only (such as a reshape of labels) give i64; comparisons give bool, argmax
    /// and argmin i64, cast its `to` type. Throws a `Diagnostic` (without location) when the
    /// operands or attributes do not fit the op.
    public static func evaluate(_ op: OpKind, operands: [Tensor], attributes: Attributes = Attributes(),
                                resultCount: Int = 1) throws -> [Tensor] {
        guard let kernel = table[op] else { throw Diagnostic("the reference path has no kernel for \(op)") }
        let schema = op.schema
        guard schema.acceptsOperandCount(operands.count) else {
            throw Diagnostic("\(op) does not take \(operands.count) operand\(operands.count == 1 ? "" : "s")")
        }
        let invocation = ReferenceInvocation(op: op, operands: operands, attributes: try schema.resolve(attributes),
                                             resultCount: resultCount)
        return try kernel.run(invocation)
    }
}
