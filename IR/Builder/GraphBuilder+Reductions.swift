/// Typed builders for the reductions and the index reductions.
extension GraphBuilder {
    /// `reduce_mean` over `axes` (empty: every axis, or none with `noopWithEmptyAxes`).
    public func reduceMean(_ x: GraphValue, axes: [Int] = [], keepdims: Bool = true, noopWithEmptyAxes: Bool = false,
                           name: String? = nil) throws -> GraphValue {
        try reduce(.reduceMean, x, axes, keepdims, noopWithEmptyAxes, name)
    }

    /// `reduce_sum` over `axes` (empty: every axis, or none with `noopWithEmptyAxes`).
    public func reduceSum(_ x: GraphValue, axes: [Int] = [], keepdims: Bool = true, noopWithEmptyAxes: Bool = false,
                          name: String? = nil) throws -> GraphValue {
        try reduce(.reduceSum, x, axes, keepdims, noopWithEmptyAxes, name)
    }

    /// `reduce_max` over `axes` (empty: every axis, or none with `noopWithEmptyAxes`).
    public func reduceMax(_ x: GraphValue, axes: [Int] = [], keepdims: Bool = true, noopWithEmptyAxes: Bool = false,
                          name: String? = nil) throws -> GraphValue {
        try reduce(.reduceMax, x, axes, keepdims, noopWithEmptyAxes, name)
    }

    /// `reduce_min` over `axes` (empty: every axis, or none with `noopWithEmptyAxes`).
    public func reduceMin(_ x: GraphValue, axes: [Int] = [], keepdims: Bool = true, noopWithEmptyAxes: Bool = false,
                          name: String? = nil) throws -> GraphValue {
        try reduce(.reduceMin, x, axes, keepdims, noopWithEmptyAxes, name)
    }

    /// `reduce_l2`, the Euclidean norm over `axes` (empty: every axis, or none with `noopWithEmptyAxes`).
    public func reduceL2(_ x: GraphValue, axes: [Int] = [], keepdims: Bool = true, noopWithEmptyAxes: Bool = false,
                         name: String? = nil) throws -> GraphValue {
        try reduce(.reduceL2, x, axes, keepdims, noopWithEmptyAxes, name)
    }

    /// `argmax` along `axis`: i64 indices.
    public func argmax(_ x: GraphValue, axis: Int = 0, keepdims: Bool = true, selectLastIndex: Bool = false,
                       name: String? = nil) throws -> GraphValue {
        try apply(.argmax, [x], ["axis": .int(axis), "keepdims": .bool(keepdims), "select_last_index": .bool(selectLastIndex)],
                  name: name)
    }

    /// `argmin` along `axis`: i64 indices.
    public func argmin(_ x: GraphValue, axis: Int = 0, keepdims: Bool = true, selectLastIndex: Bool = false,
                       name: String? = nil) throws -> GraphValue {
        try apply(.argmin, [x], ["axis": .int(axis), "keepdims": .bool(keepdims), "select_last_index": .bool(selectLastIndex)],
                  name: name)
    }

    /// A reduction node of `op` with its three attributes.
    private func reduce(_ op: OpKind, _ x: GraphValue, _ axes: [Int], _ keepdims: Bool, _ noopWithEmptyAxes: Bool,
                        _ name: String?) throws -> GraphValue {
        try apply(op, [x], ["axes": .ints(axes), "keepdims": .bool(keepdims), "noop_with_empty_axes": .bool(noopWithEmptyAxes)],
                  name: name)
    }
}
