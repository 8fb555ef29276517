/// Typed builders for the convolution and pooling ops. Defaults are the schema's; lists left
/// empty mean "1 (strides, dilations) or 0 (pads) on every spatial axis".
extension GraphBuilder {
    /// `conv`: `weight` is [C_out, C_in/groups, k...], `bias` [C_out]; `pads` are
    /// [begin per spatial axis..., end per spatial axis...].
    public func conv(_ x: GraphValue, weight: GraphValue, bias: GraphValue? = nil, strides: [Int] = [],
                     pads: [Int] = [], dilations: [Int] = [], groups: Int = 1, autoPad: AutoPad = .notset,
                     name: String? = nil) throws -> GraphValue {
        try apply(.conv, [x, weight] + [bias].compactMap { $0 },
                  ["strides": .ints(strides), "pads": .ints(pads), "dilations": .ints(dilations),
                   "groups": .int(groups), "auto_pad": .string(autoPad.rawValue)], name: name)
    }

    /// `fused_conv`: a conv with its bias, then `residual` (shaped like the result) added, then
    /// `activation` with its parameters `alpha` and `beta`.
    public func fusedConv(_ x: GraphValue, weight: GraphValue, bias: GraphValue, residual: GraphValue? = nil,
                          activation: FusedActivation = .none, alpha: Double = 0, beta: Double = 0,
                          strides: [Int] = [], pads: [Int] = [], dilations: [Int] = [], groups: Int = 1,
                          autoPad: AutoPad = .notset, name: String? = nil) throws -> GraphValue {
        try apply(.fusedConv, [x, weight, bias] + [residual].compactMap { $0 },
                  ["strides": .ints(strides), "pads": .ints(pads), "dilations": .ints(dilations),
                   "groups": .int(groups), "auto_pad": .string(autoPad.rawValue),
                   "activation": .string(activation.rawValue), "activation_alpha": .float(alpha),
                   "activation_beta": .float(beta)], name: name)
    }

    /// `conv_transpose`: `weight` is [C_in, C_out/groups, k...], `bias` [C_out].
    public func convTranspose(_ x: GraphValue, weight: GraphValue, bias: GraphValue? = nil, strides: [Int] = [],
                              pads: [Int] = [], dilations: [Int] = [], groups: Int = 1, outputPadding: [Int] = [],
                              autoPad: AutoPad = .notset, name: String? = nil) throws -> GraphValue {
        try apply(.convTranspose, [x, weight] + [bias].compactMap { $0 },
                  ["strides": .ints(strides), "pads": .ints(pads), "dilations": .ints(dilations),
                   "groups": .int(groups), "output_padding": .ints(outputPadding),
                   "auto_pad": .string(autoPad.rawValue)], name: name)
    }

    /// `max_pool` over windows of size `kernel`.
    public func maxPool(_ x: GraphValue, kernel: [Int], strides: [Int] = [], pads: [Int] = [],
                        dilations: [Int] = [], ceilMode: Bool = false, autoPad: AutoPad = .notset,
                        name: String? = nil) throws -> GraphValue {
        try apply(.maxPool, [x],
                  ["kernel": .ints(kernel), "strides": .ints(strides), "pads": .ints(pads),
                   "dilations": .ints(dilations), "ceil_mode": .bool(ceilMode),
                   "auto_pad": .string(autoPad.rawValue)], name: name)
    }

    /// `max_pool` with its second result: the i64 position of each window's maximum in the
    /// flattened input, the spatial plane counted row-major (or column-major with `columnMajor`).
    public func maxPoolWithIndices(_ x: GraphValue, kernel: [Int], strides: [Int] = [], pads: [Int] = [],
                                   dilations: [Int] = [], ceilMode: Bool = false, columnMajor: Bool = false,
                                   names: [String]? = nil) throws -> (values: GraphValue, indices: GraphValue) {
        let results = try apply(.maxPool, [x],
                                ["kernel": .ints(kernel), "strides": .ints(strides), "pads": .ints(pads),
                                 "dilations": .ints(dilations), "ceil_mode": .bool(ceilMode),
                                 "storage_order": .int(columnMajor ? 1 : 0)], resultCount: 2, names: names)
        return (results[0], results[1])
    }

    /// `avg_pool` over windows of size `kernel`; padded cells count only with `countIncludePad`.
    public func avgPool(_ x: GraphValue, kernel: [Int], strides: [Int] = [], pads: [Int] = [],
                        dilations: [Int] = [], ceilMode: Bool = false, countIncludePad: Bool = false,
                        autoPad: AutoPad = .notset, name: String? = nil) throws -> GraphValue {
        try apply(.avgPool, [x],
                  ["kernel": .ints(kernel), "strides": .ints(strides), "pads": .ints(pads), "dilations": .ints(dilations),
                   "ceil_mode": .bool(ceilMode), "count_include_pad": .bool(countIncludePad),
                   "auto_pad": .string(autoPad.rawValue)], name: name)
    }

    /// `global_avg_pool`: the mean over all spatial positions, [N, C, 1, ...].
    public func globalAvgPool(_ x: GraphValue, name: String? = nil) throws -> GraphValue {
        try apply(.globalAvgPool, [x], name: name)
    }

    /// `global_max_pool`: the maximum over all spatial positions, [N, C, 1, ...].
    public func globalMaxPool(_ x: GraphValue, name: String? = nil) throws -> GraphValue {
        try apply(.globalMaxPool, [x], name: name)
    }
}
