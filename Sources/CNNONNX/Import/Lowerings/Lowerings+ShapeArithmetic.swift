import CNNIR
import CNNRuntime

extension Lowerings {
    /// Shape, Size, Constant and ConstantOfShape: evaluated at import, never graph nodes.
    static let shapeArithmetic: [String: Lowering] = [
        "Shape": shape,
        "Size": { lowering in
            let type = try lowering.inputType(0)
            guard let count = type.shape.elementCount else {
                throw lowering.error("the size of \(type) depends on a named dimension; give the input shapes with --input-shape")
            }
            return [lowering.constant(CNNRuntime.Tensor(scalar: Int64(count)), "size")]
        },
        "Constant": constant,
        "ConstantOfShape": constantOfShape,
        "Range": range,
    ]

    /// Range: start, start + delta, ... up to (not including) limit, from scalars known at import,
    /// in start's element type.
    private static let range: Lowering = { lowering in
        guard let start = try lowering.constantInput(0, "start"), let limit = try lowering.doublesInput(1, "limit"),
              let delta = try lowering.doublesInput(2, "delta") else { throw lowering.error("inputs start, limit and delta are required") }
        let (first, last, step) = (try singleValue(start.doubles, "start", lowering), try singleValue(limit, "limit", lowering),
                                   try singleValue(delta, "delta", lowering))
        guard step != 0, step.isFinite, first.isFinite, last.isFinite else {
            throw lowering.error("delta must be finite and non-zero, and start and limit finite")
        }
        let count = max(Int(exactly: ((last - first) / step).rounded(.up)) ?? Int.max, 0)
        _ = try GraphAssembly.foldedElementCount([count])
        let values = try CNNRuntime.Tensor(shape: [count], elements: (0..<count).map { first + Double($0) * step })
        return [lowering.constant(try ConstantCast.cast(values, to: start.dtype), "range")]
    }

    /// Shape: the input's dimensions from `start` to `end` (opset 15; negative counts from the
    /// end, both clamped), sizes or named dimensions.
    private static let shape: Lowering = { lowering in
        let dimensions = try lowering.inputType(0).shape.dimensions
        let rank = dimensions.count
        func clamped(_ given: Int) -> Int { min(max(given < 0 ? given + rank : given, 0), rank) }
        let start = clamped(try lowering.int("start", default: 0))
        let end = clamped(try lowering.int("end", default: rank))
        let selected = start < end ? Array(dimensions[start..<end]) : []
        return [SymbolicShapes.value(SymbolicInts(elements: selected, shape: [selected.count]), assembly: lowering.assembly,
                                     name: lowering.assembly.names.derived(from: lowering.baseName, "shape"))]
    }

    /// Constant: the tensor of `value`, or of `value_float(s)` / `value_int(s)`.
    private static let constant: Lowering = { lowering in
        if let proto = try lowering.tensor("value") { return [try lowering.constant(from: proto)] }
        if lowering.hasAttribute("value_float") {
            return [lowering.constant(CNNRuntime.Tensor(scalar: Float(try lowering.float("value_float", default: 0))), "value")]
        }
        if let values = try lowering.floats("value_floats") {
            return [lowering.constant(try CNNRuntime.Tensor(shape: [values.count], scalars: values.map { Float($0) }), "value")]
        }
        if let value = try lowering.int("value_int") { return [lowering.constant(CNNRuntime.Tensor(scalar: Int64(value)), "value")] }
        if let values = try lowering.ints("value_ints") {
            return [lowering.constant(try CNNRuntime.Tensor(shape: [values.count], elements: values.map { Int64($0) }), "value")]
        }
        let given = lowering.node.attribute.first?.name ?? "none"
        throw UnsupportedFeature(detail: "with attribute '\(given)'")
    }

    /// ConstantOfShape: a tensor of the (static) shape input filled with `value`'s one element
    /// (a float 0 by default).
    private static let constantOfShape: Lowering = { lowering in
        guard let dimensions = try lowering.dimensionsInput(0, "shape") else { throw lowering.error("input shape is required") }
        let shape = try dimensions.map { dimension -> Int in
            guard let size = dimension.fixedValue, size >= 0 else {
                throw lowering.error("the shape \(Shape(dimensions)) must be static; give the input shapes with --input-shape")
            }
            return size
        }
        var fill = CNNRuntime.Tensor(scalar: Float(0))
        if let proto = try lowering.tensor("value") {
            guard case .constant(let given) = try lowering.constant(from: proto) else {
                throw UnsupportedFeature(detail: "with a \(proto.dataType) value")
            }
            guard given.tensor.count == 1 else { throw lowering.error("value must hold one element, found \(given.tensor.count)") }
            fill = given.tensor
        }
        let count = try GraphAssembly.foldedElementCount(shape)
        let filled = try ElementShuffle.gather([fill], positions: Array(repeating: 0, count: count), shape: shape)
        return [lowering.constant(filled, "filled")]
    }
}

extension NodeLowering {
    /// The imported value of a tensor attribute: a constant, or unavailable when cnnc does not
    /// hold its element type; throws a `Diagnostic` when its elements cannot be read.
    func constant(from proto: TensorProto) throws -> ImportedValue {
        let value = assembly.value(of: proto, name: assembly.names.derived(from: baseName, "value"), isInitializer: false)
        if case .invalid(let problem) = value { throw error(problem.message) }
        return value
    }
}
