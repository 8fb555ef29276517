import CNNIR

/// `fold-pad`: folds a `pad` into the `conv` that consumes it, adding the pad's spatial pads to
/// the conv's `pads` (a conv's padding is zeros, so only a constant-mode pad with value 0 fits).
///
/// Preconditions: the pad's mode is `constant` and its value is 0; it pads the spatial axes
/// only (none on N or C); its result is used once, as the `x` operand of a conv, and is not
/// returned; the conv has explicit pads (`auto_pad` is `notset`) and no attribute other than
/// strides, pads, dilations, groups and auto_pad.
public struct FoldPadPass: Pass {
    public let name = "fold-pad"
    public let summary = "fold a zero, constant-mode pad of the spatial axes into the conv that consumes it"

    /// The attributes the consuming conv may carry.
    static let foldableAttributes: Set<String> = ["strides", "pads", "dilations", "groups", "auto_pad"]

    /// Creates the pass.
    public init() {}

    public func run(on unit: inout CompilationUnit) throws {
        var rewriter = GraphRewriter(unit)
        for index in rewriter.nodeIndices where rewriter.node(at: index).op == .pad {
            fold(at: index, &rewriter)
        }
        unit = rewriter.unit
    }

    /// Folds the pad at `index` into its consumer when every precondition holds.
    private func fold(at index: Int, _ rewriter: inout GraphRewriter) {
        let pad = rewriter.node(at: index)
        guard pad.results.count == 1, pad.operands.count == 1, let attributes = ResolvedAttributes(pad),
              attributes.string("mode") == "constant", attributes.float("value") == 0,
              let padding = attributes.ints("pads") else { return }
        let padded = pad.results[0].name
        guard rewriter.useCount(of: padded) == 1, let convIndex = rewriter.users(of: padded).first else { return }
        var conv = rewriter.node(at: convIndex)
        let rank = pad.results[0].type.rank
        guard conv.op == .conv, conv.operands.first == padded, conv.hasOnlyAttributes(Self.foldableAttributes),
              let convAttributes = ResolvedAttributes(conv), convAttributes.string("auto_pad") == "notset",
              let convPads = convAttributes.ints("pads"), rank >= 3, padding.count == 2 * rank,
              padding[0] == 0, padding[1] == 0, padding[rank] == 0, padding[rank + 1] == 0 else { return }
        let spatial = rank - 2
        let existing = convPads.isEmpty ? [Int](repeating: 0, count: 2 * spatial) : convPads
        guard existing.count == 2 * spatial else { return }
        let added = Array(padding[2..<rank]) + Array(padding[(rank + 2)...])
        conv.operands[0] = pad.operands[0]
        conv.attributes["pads"] = .ints(zip(existing, added).map { $0 + $1 })
        rewriter.replaceNode(at: convIndex, with: conv)
        rewriter.removeNode(at: index)
    }
}
