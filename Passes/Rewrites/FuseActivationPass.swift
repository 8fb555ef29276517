import CNNIR

/// `fuse-activation`: an activation whose operand is the result of a `conv` or of a `fused_conv`
/// without activation becomes one `fused_conv` applying it: relu, leaky_relu (alpha), clip
/// (alpha = min, beta = max; relu6 is clip 0…6), sigmoid, tanh, hard_sigmoid (alpha, beta),
/// hard_swish and silu. `mul(c, sigmoid(c))` of a conv result `c`, in either operand order, is
/// silu and fuses too.
///
/// Preconditions: the conv's result is used only by the activation (for silu: once by the
/// sigmoid and once by the mul, whose sigmoid operand nothing else uses) and is not returned.
/// The fused node takes the activation's place and result name; a conv without bias gets a zero
/// `constant` bias in the conv's place. `sources` lists the absorbed nodes.
public struct FuseActivationPass: Pass {
    public let name = "fuse-activation"
    public let summary = "fuse relu, clip, leaky_relu, sigmoid, tanh, hard_sigmoid, hard_swish and silu into the conv before them"

    /// Creates the pass.
    public init() {}

    public func run(on unit: inout CompilationUnit) throws {
        var rewriter = GraphRewriter(unit)
        for index in rewriter.nodeIndices where !rewriter.isRemoved(index) {
            let node = rewriter.node(at: index)
            if let activation = EpilogueActivation(node) {
                fuseActivation(activation, at: index, &rewriter)
            } else if node.op == .mul {
                fuseSigmoidProduct(at: index, &rewriter)
            }
        }
        unit = rewriter.unit
    }

    /// Fuses the activation node at `index` into the conv producing its operand.
    private func fuseActivation(_ activation: EpilogueActivation, at index: Int, _ rewriter: inout GraphRewriter) {
        let node = rewriter.node(at: index)
        let operand = node.operands[0]
        guard let conv = ConvolutionFusion(producing: operand, rewriter), conv.acceptsActivation,
              rewriter.useCount(of: operand) == 1, node.results[0].type == rewriter.type(of: operand) else { return }
        conv.fuse(into: index, activation: activation, &rewriter)
    }

    /// Fuses `mul(c, sigmoid(c))` at `index` (either operand order) into the conv producing `c`.
    private func fuseSigmoidProduct(at index: Int, _ rewriter: inout GraphRewriter) {
        let product = rewriter.node(at: index)
        guard product.operands.count == 2, product.results.count == 1 else { return }
        for (value, gate) in [(product.operands[0], product.operands[1]), (product.operands[1], product.operands[0])] {
            guard let sigmoidIndex = rewriter.producer(of: gate), rewriter.node(at: sigmoidIndex).op == .sigmoid,
                  rewriter.node(at: sigmoidIndex).operands == [value], rewriter.useCount(of: gate) == 1,
                  let conv = ConvolutionFusion(producing: value, rewriter), conv.acceptsActivation,
                  rewriter.useCount(of: value) == 2, rewriter.users(of: value) == [sigmoidIndex, index],
                  product.results[0].type == rewriter.type(of: value) else { continue }
            conv.fuse(into: index, activation: EpilogueActivation(.silu), absorbing: [sigmoidIndex], &rewriter)
            return
        }
    }
}
