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

    /// Gather: data with `axis` replaced by the indices' shape, each index (negative ones count
    /// from the end) taking its entry along the axis. Known indices out of range are an error.
    /// On known data with known indices (shape arithmetic) the result is computed at import; on
    /// graph data, up to `gatherSliceLimit` known indices become one slice each, joined; more
    /// indices, or indices known only at run time, become a one-hot selection (`gatheredByOneHot`),
    /// where a run-time index out of range gives 0.
    private static let gather: Lowering = { lowering in
        let data = try lowering.input(0), indices = try lowering.input(1)
        let type = try lowering.type(of: data), indicesType = try lowering.type(of: indices)
        guard indicesType.dtype == .i64 else { throw lowering.error("indices must be integers, found \(indicesType)") }
        let given = try lowering.int("axis", default: 0)
        let axis = given < 0 ? given + type.rank : given
        guard (0..<type.rank).contains(axis) else { throw lowering.error("axis \(given) is out of range for data \(type)") }
        guard let size = type.shape[axis].fixedValue else {
            throw lowering.error("axis \(axis) of data \(type) must have a static size; give the input shapes with --input-shape")
        }
        let isShapeVector = if case .symbolic = data { true } else { false }
        if indices.constant == nil, !isShapeVector {
            return [try gatheredByOneHot(data, type: type, axis: axis, classes: size,
                                         indices: try wrappedIndices(indices, classes: size, lowering), lowering)]
        }
        guard let indicesTensor = try lowering.constantInput(1, "indices") else { throw lowering.error("input indices is required") }
        let rows = try indicesTensor.elements(as: Int64.self).map { index in
            let row = index < 0 ? Int(index) + size : Int(index)
            guard (0..<size).contains(row) else { throw lowering.error("index \(index) is out of range for axis \(axis) of size \(size)") }
            return row
        }
        switch data {
        case .constant(let constant):
            let (positions, shape) = try gatherPositions(constant.tensor.shape, axis: axis, rows: rows, indicesShape: indicesTensor.shape)
            return [lowering.constant(try ElementShuffle.gather([constant.tensor], positions: positions, shape: shape), "gather")]
        case .symbolic(let symbolic):
            let (positions, shape) = try gatherPositions(symbolic.shape, axis: axis, rows: rows, indicesShape: indicesTensor.shape)
            return [SymbolicShapes.value(SymbolicInts(elements: positions.map { symbolic.elements[$0] }, shape: shape),
                                         assembly: lowering.assembly, name: lowering.assembly.names.derived(from: lowering.baseName, "gather"))]
        case .value, .unavailable, .invalid:
            guard !rows.isEmpty else { throw UnsupportedFeature(detail: "on run-time data with no indices") }
            if rows.count <= gatherSliceLimit {
                return [try gatheredSlices(data, type: type, axis: axis, rows: rows, indicesShape: indicesTensor.shape, lowering)]
            }
            let known = lowering.constant(try CNNRuntime.Tensor(shape: indicesTensor.shape, elements: rows.map { Int64($0) }), "indices")
            return [try gatheredByOneHot(data, type: type, axis: axis, classes: size, indices: known, lowering)]
        }
    }

    /// The most known indices Gather on graph data takes by slices (one each); more take the
    /// one-hot selection, which reads every candidate once per index.
    private static let gatherSliceLimit = 64

    /// Gather on graph data: one slice per row along `axis`, concatenated, then reshaped to
    /// data's shape with the axis replaced by the indices' shape.
    private static func gatheredSlices(_ data: ImportedValue, type: TensorType, axis: Int, rows: [Int], indicesShape: [Int],
                                       _ lowering: NodeLowering) throws -> ImportedValue {
        let pieces = try rows.map { row in
            try lowering.emit1(.slice, [data], ["starts": .ints([row]), "ends": .ints([row + 1]), "axes": .ints([axis])])
        }
        let joined = pieces.count == 1 ? pieces[0] : try lowering.emit1(.concat, pieces, ["axis": .int(axis)])
        if indicesShape == [rows.count] { return joined }
        if indicesShape.isEmpty { return try lowering.emit1(.squeeze, [joined], ["axes": .ints([axis])]) }
        var shape = type.shape.dimensions.map { $0.fixedValue ?? 0 }
        shape.replaceSubrange(axis...axis, with: indicesShape)
        if shape.contains(0) { throw lowering.error("gathering into shape \(indicesShape) needs static sizes of data \(type)") }
        return try lowering.emit1(.reshape, [joined], ["shape": .ints(shape)])
    }

    /// Gather on graph data of shape A·[C]·B by one-hot selection with `indices` (of shape I, in
    /// 0..<C): the indices unsqueezed to 1s·I·[1]·1s and data unsqueezed to A·1s·[C]·B meet in
    /// A·I·[C]·B, and selecting along C leaves A·I·B. This costs |A|·|I|·C·|B| elements.
    private static func gatheredByOneHot(_ data: ImportedValue, type: TensorType, axis: Int, classes: Int, indices: ImportedValue,
                                         _ lowering: NodeLowering) throws -> ImportedValue {
        guard type.dtype.isNumeric else {
            throw UnsupportedFeature(detail: "on \(type.dtype) data with run-time indices or more than \(gatherSliceLimit) known indices")
        }
        let selectionAxis = axis + (try lowering.type(of: indices).rank)
        let indexAxes = Array(0..<axis) + Array(selectionAxis..<(selectionAxis + type.rank - axis))
        let placedIndices = try lowering.emit1(.unsqueeze, [indices], ["axes": .ints(indexAxes)])
        let placedData = selectionAxis == axis ? data : try lowering.emit1(.unsqueeze, [data], ["axes": .ints(Array(axis..<selectionAxis))])
        return try oneHotSelection(of: placedData, by: placedIndices, classes: classes, axis: selectionAxis, lowering)
    }

    /// The element positions Gather takes from data of `shape` along `axis` (`rows` in range),
    /// and the result's shape.
    private static func gatherPositions(_ shape: [Int], axis: Int, rows: [Int], indicesShape: [Int]) throws -> (positions: [Int], shape: [Int]) {
        let outer = shape[..<axis].reduce(1, *), size = shape[axis], inner = shape[(axis + 1)...].reduce(1, *)
        let resultShape = Array(shape[..<axis]) + indicesShape + Array(shape[(axis + 1)...])
        var positions: [Int] = []
        positions.reserveCapacity(try GraphAssembly.foldedElementCount(resultShape))
        for block in 0..<outer {
            for row in rows {
                for element in 0..<inner { positions.append((block * size + row) * inner + element) }
            }
        }
        return (positions, resultShape)
    }
}
