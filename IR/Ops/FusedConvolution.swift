/// fused_conv: a conv with its epilogue — bias, an optional residual added element-wise, and an
/// activation — computed in one kernel while the output is hot in cache. The fusion passes
/// (fuse-activation, fuse-residual-add) create it from conv, add and activation nodes.
enum FusedConvolutionOps {
    static let fusedConv = OpSchema(
        .fusedConv,
        "conv + bias, then + residual (same shape as the result), then an activation, in one kernel.",
        operands: [.required("x"), .required("weight"), .required("bias"), .optional("residual")],
        attributes: ConvolutionOps.sharedAttributes + ConvolutionOps.algorithmAttributes + [
            AttributeSpec("activation", .string, default: .string("none"),
                          "applied last: none, relu, leaky_relu, clip, sigmoid, tanh, hard_sigmoid, hard_swish or silu"),
            AttributeSpec("activation_alpha", .float, default: .float(0),
                          "leaky_relu's slope, clip's lower bound, hard_sigmoid's alpha"),
            AttributeSpec("activation_beta", .float, default: .float(0), "clip's upper bound, hard_sigmoid's beta"),
            AttributeSpec("sources", .string, default: .string(""),
                          "the names of the nodes fused into this one, comma-separated (for profiles and traces)"),
        ]) { context in
        let results = try ConvolutionOps.infer(context, transposed: false)
        _ = try context.choice("activation", as: FusedActivation.self)
        if let residual = context.optionalOperand(3), let result = results.first {
            try ShapeRules.requireType(residual, "residual", result, "the result's type (no broadcasting)")
        }
        return results
    }
}
