import CNNIR

/// `fuse-residual-add`: `add(c, other)` (either operand order) of a `conv` result `c` becomes
/// one `fused_conv` with `other` as its residual operand; a `fused_conv` without residual and
/// without activation takes the residual too. An activation after the add is left to
/// `fuse-activation`, which runs next in `-O2`.
///
/// Preconditions: the add has exactly the type of both operands (no broadcasting); `c` is used
/// only by that add, once, and is not returned; a fused_conv producing `c` has neither residual
/// nor activation (its activation would have to apply before the residual, which fused_conv
/// cannot express).
///
/// When both operands qualify, the conv computed later in the schedule is fused and the earlier
/// one's result becomes the residual: the fused node runs where the add was, right after the
/// later conv in the usual case, so the schedule barely moves and the residual is ready; fusing
/// the earlier conv instead would move its work past the later one and keep its input alive
/// longer. The fused node takes the add's place and result name, and `sources` lists the conv
/// and the add.
public struct FuseResidualAddPass: Pass {
    public let name = "fuse-residual-add"
    public let summary = "fuse an add of a conv result and a tensor of the same type into the conv as its residual"

    /// Creates the pass.
    public init() {}

    public func run(on unit: inout CompilationUnit) throws {
        var rewriter = GraphRewriter(unit)
        for index in rewriter.nodeIndices where !rewriter.isRemoved(index) && rewriter.node(at: index).op == .add {
            fuse(at: index, &rewriter)
        }
        unit = rewriter.unit
    }

    /// Fuses the add at `index` into the later of its operands' convs that qualify.
    private func fuse(at index: Int, _ rewriter: inout GraphRewriter) {
        let add = rewriter.node(at: index)
        guard add.operands.count == 2, add.results.count == 1 else { return }
        let resultType = add.results[0].type
        guard add.operands.allSatisfy({ rewriter.type(of: $0) == resultType }) else { return }
        let candidates = [(add.operands[0], add.operands[1]), (add.operands[1], add.operands[0])].compactMap { value, other in
            ConvolutionFusion(producing: value, rewriter).flatMap { conv in
                conv.acceptsResidual && rewriter.useCount(of: value) == 1 ? (conv: conv, residual: other) : nil
            }
        }
        guard let chosen = candidates.max(by: { $0.conv.index < $1.conv.index }) else { return }
        chosen.conv.fuse(into: index, residual: chosen.residual, &rewriter)
    }
}
