/// Typed builders for constants and the ops that move or reshape data.
extension GraphBuilder {
    /// `constant`: a small tensor written inline in the IR.
    public func constant(_ value: TensorLiteral, name: String? = nil) throws -> GraphValue {
        try apply(.constant, [], ["value": .tensor(value)], name: name)
    }

    /// `concat` of `inputs` along `axis` (negative counts from the end).
    public func concat(_ inputs: [GraphValue], axis: Int, name: String? = nil) throws -> GraphValue {
        try apply(.concat, inputs, ["axis": .int(axis)], name: name)
    }

    /// `flatten` to [prod(dims before axis), prod(dims from axis)].
    public func flatten(_ x: GraphValue, axis: Int = 1, name: String? = nil) throws -> GraphValue {
        try apply(.flatten, [x], ["axis": .int(axis)], name: name)
    }

    /// `reshape` to `shape` (0 copies the input dimension, or with `allowZero` is a size 0; one
    /// −1 is inferred).
    public func reshape(_ x: GraphValue, shape: [Int], allowZero: Bool = false, name: String? = nil) throws -> GraphValue {
        try apply(.reshape, [x], ["shape": .ints(shape), "allowzero": .bool(allowZero)], name: name)
    }

    /// `transpose` by `perm` (empty reverses the axes).
    public func transpose(_ x: GraphValue, perm: [Int] = [], name: String? = nil) throws -> GraphValue {
        try apply(.transpose, [x], ["perm": .ints(perm)], name: name)
    }

    /// `pad` every axis: `pads` is [begin per axis..., end per axis...] over all axes.
    public func pad(_ x: GraphValue, pads: [Int], mode: PadMode = .constant, value: Double = 0,
                    name: String? = nil) throws -> GraphValue {
        try apply(.pad, [x], ["pads": .ints(pads), "mode": .string(mode.rawValue), "value": .float(value)],
                  name: name)
    }

    /// `resize` by `scales` or to `sizes` (over all axes; with both, sizes give the output and
    /// scales the coordinate mapping).
    public func resize(_ x: GraphValue, mode: ResizeMode = .nearest, scales: [Double] = [], sizes: [Int] = [],
                       coordinateTransformation: CoordinateTransformation = .halfPixel,
                       nearestMode: NearestMode = .roundPreferFloor, name: String? = nil) throws -> GraphValue {
        try apply(.resize, [x],
                  ["mode": .string(mode.rawValue), "scales": .floats(scales), "sizes": .ints(sizes),
                   "coordinate_transformation_mode": .string(coordinateTransformation.rawValue),
                   "nearest_mode": .string(nearestMode.rawValue)], name: name)
    }

    /// `squeeze` the size-1 `axes` (empty: every size-1 axis).
    public func squeeze(_ x: GraphValue, axes: [Int] = [], name: String? = nil) throws -> GraphValue {
        try apply(.squeeze, [x], ["axes": .ints(axes)], name: name)
    }

    /// `unsqueeze`: insert size-1 axes at `axes` of the output.
    public func unsqueeze(_ x: GraphValue, axes: [Int], name: String? = nil) throws -> GraphValue {
        try apply(.unsqueeze, [x], ["axes": .ints(axes)], name: name)
    }
}
