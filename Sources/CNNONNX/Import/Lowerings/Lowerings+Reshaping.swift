import CNNIR

extension Lowerings {
    /// Ops that change the shape or layout of a tensor.
    static let reshaping: [String: Lowering] = [
        "Flatten": unary(.flatten) { ["axis": .int(try $0.int("axis", default: 1))] },
        "Transpose": unary(.transpose) { lowering in
            guard let perm = try lowering.ints("perm") else { return Attributes() }
            return ["perm": .ints(perm)]
        },
        "Concat": { lowering in
            guard let axis = try lowering.int("axis") else { throw lowering.error("attribute 'axis' is required") }
            return [try lowering.emit1(.concat, try lowering.givenInputs(), ["axis": .int(axis)])]
        },
        "Reshape": reshape,
        "Squeeze": { lowering in
            let axes = try axesOperand(lowering, inputFrom: 13)
            return [try lowering.emit1(.squeeze, [try lowering.input(0)], axes.map { ["axes": .ints($0)] } ?? Attributes())]
        },
        "Unsqueeze": { lowering in
            guard let axes = try axesOperand(lowering, inputFrom: 13) else { throw lowering.error("axes are required") }
            return [try lowering.emit1(.unsqueeze, [try lowering.input(0)], ["axes": .ints(axes)])]
        },
        "Expand": expand,
        "Tile": { lowering in
            guard let repeats = try lowering.intsInput(1, "repeats") else { throw lowering.error("input repeats is required") }
            return [try lowering.emit1(.tile, [try lowering.input(0)], ["repeats": .ints(repeats)])]
        },
        "DepthToSpace": unary(.depthToSpace) { lowering in
            ["blocksize": .int(try blocksize(lowering)), "mode": .string(try lowering.string("mode", default: "DCR"))]
        },
        "SpaceToDepth": unary(.spaceToDepth) { ["blocksize": .int(try blocksize($0))] },
    ]

    /// The required `blocksize` attribute.
    private static func blocksize(_ lowering: NodeLowering) throws -> Int {
        guard let size = try lowering.int("blocksize") else { throw lowering.error("attribute 'blocksize' is required") }
        return size
    }

    /// The `axes` of a node that takes them as an attribute before opset `inputFrom` and as its
    /// second input from then on; nil when not given.
    static func axesOperand(_ lowering: NodeLowering, inputFrom version: Int) throws -> [Int]? {
        lowering.opset < version ? try lowering.ints("axes") : try lowering.intsInput(1, "axes")
    }

    /// Reshape: the shape input (known at import, possibly holding named dimensions from a
    /// `Shape`) becomes the `shape` attribute. A named dimension at the position where x has it
    /// is copied with 0 (without allowzero); one other named dimension becomes -1. With
    /// allowzero, a 0 in the shape is an empty axis.
    private static let reshape: Lowering = { lowering in
        let x = try lowering.input(0)
        let type = try lowering.type(of: x)
        guard let requested = try lowering.dimensionsInput(1, "shape") else { throw lowering.error("input shape is required") }
        let allowZero = try lowering.int("allowzero", default: 0) != 0
        var shape: [Int] = []
        for (position, dimension) in requested.enumerated() {
            switch dimension {
            case .fixed(let size):
                shape.append(size)
            case .named:
                if position < type.rank, type.shape[position] == dimension, !allowZero {
                    shape.append(0)
                } else if !requested.contains(.fixed(-1)), !shape.contains(-1) {
                    shape.append(-1)
                } else {
                    throw lowering.error("the shape \(Shape(requested)) needs the named dimension \(dimension) where x \(type) does not have it; give the input shapes with --input-shape")
                }
            }
        }
        var attributes: Attributes = ["shape": .ints(shape)]
        if allowZero && shape.contains(0) { attributes["allowzero"] = .bool(true) }
        return [try lowering.emit1(.reshape, [x], attributes)]
    }

    /// Expand: x broadcast with the shape input. A named dimension of the shape that x has on the
    /// same (right-aligned) axis is written 1, which keeps x's size.
    private static let expand: Lowering = { lowering in
        let x = try lowering.input(0)
        let type = try lowering.type(of: x)
        guard let requested = try lowering.dimensionsInput(1, "shape") else { throw lowering.error("input shape is required") }
        let shape = try requested.enumerated().map { position, dimension -> Int in
            if let size = dimension.fixedValue { return size }
            let axis = type.rank - requested.count + position
            guard axis >= 0, type.shape[axis] == dimension else {
                throw lowering.error("the shape \(Shape(requested)) needs the named dimension \(dimension) where x \(type) does not have it; give the input shapes with --input-shape")
            }
            return 1
        }
        return [try lowering.emit1(.expand, [x], ["shape": .ints(shape)])]
    }
}
