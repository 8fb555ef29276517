/// Typed builders for the gradients of the spatial ops: conv's weight gradient and the input
/// gradients of the window pools, pad and resize. Each takes the forward op's input `x`, the
/// gradient `dy` of its result and the forward op's attributes (explicit pads).
extension GraphBuilder {
    /// `conv_weight_grad`: conv's gradient with respect to its weight, [C_out, C_in/groups, kernel...].
    public func convWeightGrad(_ x: GraphValue, dy: GraphValue, kernel: [Int], strides: [Int] = [], pads: [Int] = [],
                               dilations: [Int] = [], groups: Int = 1, name: String? = nil) throws -> GraphValue {
        try apply(.convWeightGrad, [x, dy],
                  ["kernel": .ints(kernel), "strides": .ints(strides), "pads": .ints(pads), "dilations": .ints(dilations),
                   "groups": .int(groups)], name: name)
    }

    /// `max_pool_grad`: each window's dy to its first largest element of x.
    public func maxPoolGrad(_ x: GraphValue, dy: GraphValue, kernel: [Int], strides: [Int] = [], pads: [Int] = [],
                            dilations: [Int] = [], ceilMode: Bool = false, name: String? = nil) throws -> GraphValue {
        try apply(.maxPoolGrad, [x, dy],
                  ["kernel": .ints(kernel), "strides": .ints(strides), "pads": .ints(pads), "dilations": .ints(dilations),
                   "ceil_mode": .bool(ceilMode)], name: name)
    }

    /// `avg_pool_grad`: each window's dy, divided as avg_pool divides, to its elements of x.
    public func avgPoolGrad(_ x: GraphValue, dy: GraphValue, kernel: [Int], strides: [Int] = [], pads: [Int] = [],
                            dilations: [Int] = [], ceilMode: Bool = false, countIncludePad: Bool = false,
                            name: String? = nil) throws -> GraphValue {
        try apply(.avgPoolGrad, [x, dy],
                  ["kernel": .ints(kernel), "strides": .ints(strides), "pads": .ints(pads), "dilations": .ints(dilations),
                   "ceil_mode": .bool(ceilMode), "count_include_pad": .bool(countIncludePad)], name: name)
    }

    /// `pad_grad`: the adjoint of `pad` with these `pads` and `mode`.
    public func padGrad(_ x: GraphValue, dy: GraphValue, pads: [Int], mode: PadMode = .constant,
                        name: String? = nil) throws -> GraphValue {
        try apply(.padGrad, [x, dy], ["pads": .ints(pads), "mode": .string(mode.rawValue)], name: name)
    }

    /// `resize_grad`: the adjoint of `resize` by `scales` or to `sizes`.
    public func resizeGrad(_ x: GraphValue, dy: GraphValue, mode: ResizeMode = .nearest, scales: [Double] = [], sizes: [Int] = [],
                           coordinateTransformation: CoordinateTransformation = .halfPixel,
                           nearestMode: NearestMode = .roundPreferFloor, name: String? = nil) throws -> GraphValue {
        try apply(.resizeGrad, [x, dy],
                  ["mode": .string(mode.rawValue), "scales": .floats(scales), "sizes": .ints(sizes),
                   "coordinate_transformation_mode": .string(coordinateTransformation.rawValue),
                   "nearest_mode": .string(nearestMode.rawValue)], name: name)
    }
}
