import CNNIR
import CNNRuntime

extension Lowerings {
    /// Slice, Split and Gather.
    static let slicing: [String: Lowering] = ["Slice": slice, "Split": split, "Gather": gather]

    /// Slice: starts, ends, axes and steps from attributes before opset 10, from constant inputs after.
    private static let slice: Lowering = { lowering in
        var attributes = Attributes()
        let names = ["starts", "ends", "axes", "steps"]
        for (index, name) in names.enumerated() {
            let values = lowering.opset < 10 ? try lowering.ints(name) : try lowering.intsInput(index + 1, name)
            if let values { attributes[name] = .ints(values) }
        }
        guard attributes["starts"] != nil, attributes["ends"] != nil else { throw lowering.error("starts and ends are required") }
        return [try lowering.emit1(.slice, [try lowering.input(0)], attributes)]
    }

    /// Split into as many parts as the node has outputs: sizes from the `split` attribute (before
    /// opset 13) or input, else equal parts; `num_outputs` (opset 18) makes the last part smaller
    /// when the axis does not divide evenly.
    private static let split: Lowering = { lowering in
        let x = try lowering.input(0)
        let axis = try lowering.int("axis", default: 0)
        var sizes = lowering.opset < 13 ? try lowering.ints("split") : try lowering.intsInput(1, "split")
        let parts = lowering.node.output.count
        if sizes == nil, try lowering.int("num_outputs") != nil {
            let type = try lowering.type(of: x)
            let normalized = axis < 0 ? axis + type.rank : axis
            if (0..<type.rank).contains(normalized), let length = type.shape[normalized].fixedValue, parts > 0, length % parts != 0 {
                let chunk = (length + parts - 1) / parts
                sizes = Array(repeating: chunk, count: parts - 1) + [length - chunk * (parts - 1)]
            }
        }
        var attributes: Attributes = ["axis": .int(axis)]
        if let sizes { attributes["split"] = .ints(sizes) }
        return try lowering.emit(.split, [x], attributes, resultCount: parts)
    }

    /// Gather with indices known at import: on known data (shape arithmetic) the result is
    /// computed; on graph data each index becomes a one-element slice, joined and reshaped.
    private static let gather: Lowering = { lowering in
        let data = try lowering.input(0)
        guard let indicesTensor = try lowering.constantInput(1, "indices") else { throw lowering.error("input indices is required") }
        guard indicesTensor.dtype == .i64 else { throw lowering.error("indices must be integers, found \(indicesTensor.type)") }
        let indices = try indicesTensor.elements(as: Int64.self)
        let type = try lowering.type(of: data)
        let given = try lowering.int("axis", default: 0)
        let axis = given < 0 ? given + type.rank : given
        guard (0..<type.rank).contains(axis) else { throw lowering.error("axis \(given) is out of range for data \(type)") }
        switch data {
        case .constant(let constant):
            let (positions, shape) = try gatherPositions(constant.tensor.shape, axis: axis, indices: indices, indicesShape: indicesTensor.shape, lowering)
            return [lowering.constant(try ElementShuffle.gather([constant.tensor], positions: positions, shape: shape), "gather")]
        case .symbolic(let symbolic):
            let (positions, shape) = try gatherPositions(symbolic.shape, axis: axis, indices: indices, indicesShape: indicesTensor.shape, lowering)
            return [SymbolicShapes.value(SymbolicInts(elements: positions.map { symbolic.elements[$0] }, shape: shape),
                                         assembly: lowering.assembly, name: lowering.assembly.names.derived(from: lowering.baseName, "gather"))]
        case .value, .unavailable, .invalid:
            return [try gatheredSlices(data, type: type, axis: axis, indices: indices, indicesShape: indicesTensor.shape, lowering)]
        }
    }

    /// The most indices Gather on graph data is lowered for (one slice each).
    private static let gatherSliceLimit = 64

    /// Gather on graph data: one slice per index along `axis`, concatenated, then reshaped to
    /// data's shape with the axis replaced by the indices' shape.
    private static func gatheredSlices(_ data: ImportedValue, type: TensorType, axis: Int, indices: [Int64], indicesShape: [Int],
                                       _ lowering: NodeLowering) throws -> ImportedValue {
        guard let size = type.shape[axis].fixedValue else {
            throw lowering.error("axis \(axis) of data \(type) must have a static size; give the input shapes with --input-shape")
        }
        guard !indices.isEmpty, indices.count <= gatherSliceLimit else {
            throw UnsupportedFeature(detail: "on run-time data with \(indices.count) indices (cnnc lowers up to \(gatherSliceLimit) to slices)")
        }
        let pieces = try indices.map { index -> ImportedValue in
            let start = Int(index) < 0 ? Int(index) + size : Int(index)
            guard (0..<size).contains(start) else { throw lowering.error("index \(index) is out of range for axis \(axis) of size \(size)") }
            return try lowering.emit1(.slice, [data], ["starts": .ints([start]), "ends": .ints([start + 1]), "axes": .ints([axis])])
        }
        let joined = pieces.count == 1 ? pieces[0] : try lowering.emit1(.concat, pieces, ["axis": .int(axis)])
        if indicesShape == [indices.count] { return joined }
        if indicesShape.isEmpty { return try lowering.emit1(.squeeze, [joined], ["axes": .ints([axis])]) }
        var shape = type.shape.dimensions.map { $0.fixedValue ?? 0 }
        shape.replaceSubrange(axis...axis, with: indicesShape)
        if shape.contains(0) { throw lowering.error("gathering into shape \(indicesShape) needs static sizes of data \(type)") }
        return try lowering.emit1(.reshape, [joined], ["shape": .ints(shape)])
    }

    /// The element positions Gather takes from data of `shape` along `axis`, and the result's shape.
    private static func gatherPositions(_ shape: [Int], axis: Int, indices: [Int64], indicesShape: [Int],
                                        _ lowering: NodeLowering) throws -> (positions: [Int], shape: [Int]) {
        let outer = shape[..<axis].reduce(1, *), size = shape[axis], inner = shape[(axis + 1)...].reduce(1, *)
        let resultShape = Array(shape[..<axis]) + indicesShape + Array(shape[(axis + 1)...])
        var positions: [Int] = []
        positions.reserveCapacity(try GraphAssembly.foldedElementCount(resultShape))
        for block in 0..<outer {
            for index in indices {
                let row = Int(index) < 0 ? Int(index) + size : Int(index)
                guard (0..<size).contains(row) else { throw lowering.error("index \(index) is out of range for axis \(axis) of size \(size)") }
                for element in 0..<inner { positions.append((block * size + row) * inner + element) }
            }
        }
        return (positions, resultShape)
    }
}
