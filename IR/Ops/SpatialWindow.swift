/// The attribute specs shared by conv, conv_transpose and the pools.
enum SpatialAttributes {
    static let strides = AttributeSpec("strides", .ints, default: .ints([]), "step per spatial axis; [] means 1 on every axis")
    static let pads = AttributeSpec("pads", .ints, default: .ints([]),
                                    "[begin per spatial axis..., end per spatial axis...]; [] means no padding")
    static let dilations = AttributeSpec("dilations", .ints, default: .ints([]),
                                         "spacing of kernel taps per spatial axis; [] means 1 on every axis")
    static let autoPad = AttributeSpec("auto_pad", .string, default: .string("notset"),
                                       "notset, same_upper, same_lower or valid: derive pads from the input size")
    static let ceilMode = AttributeSpec("ceil_mode", .bool, default: .bool(false),
                                        "round the output size up (the last window must start inside the input or left padding)")
}

/// The resolved window of a conv, conv_transpose or pool over the spatial axes: every list
/// has one value per spatial axis, and `auto_pad` has been turned into explicit pads.
struct SpatialWindow {
    /// The spatial sizes of the input.
    var inputSizes: [Int]
    /// The kernel size per spatial axis.
    var kernel: [Int]
    /// The stride per spatial axis.
    var strides: [Int]
    /// The dilation per spatial axis.
    var dilations: [Int]
    /// The padding before each spatial axis.
    var padsBegin: [Int]
    /// The padding after each spatial axis.
    var padsEnd: [Int]
    /// The extra size added to one side of a transposed convolution's output (zeros otherwise).
    var outputPadding: [Int]

    /// Reads strides, dilations (where the op has them), pads, auto_pad and, for a transposed
    /// convolution, output_padding from `context`, for `input` of layout [N, C, spatial...].
    init(_ context: InferenceContext, input: TensorType, kernel: [Int], transposed: Bool) throws {
        let count = kernel.count
        self.kernel = kernel
        inputSizes = try ShapeRules.staticSizes(input, axes: 2..<input.rank, of: "x", "to compute the output size")
        try ShapeRules.requireBelowLimit(inputSizes, "spatial sizes of x")
        try ShapeRules.requireBelowLimit(kernel, "kernel sizes")
        strides = try Self.positiveList(context, "strides", count: count)
        dilations = context.has("dilations") ? try Self.positiveList(context, "dilations", count: count) : Array(repeating: 1, count: count)
        outputPadding = Array(repeating: 0, count: count)
        let explicitPads = try context.ints("pads")
        let autoPad = try context.choice("auto_pad", as: AutoPad.self)
        if autoPad != .notset && !explicitPads.isEmpty {
            throw Diagnostic("pads \(ShapeRules.text(explicitPads)) cannot be given together with auto_pad \(autoPad.rawValue)")
        }
        let pads = try Self.padList(explicitPads, count: count)
        padsBegin = Array(pads.prefix(count))
        padsEnd = Array(pads.suffix(count))
        if transposed { outputPadding = try readOutputPadding(context) }
        if autoPad != .notset { try resolve(autoPad, transposed: transposed) }
    }

    /// The pads in attribute order: begins, then ends.
    var pads: [Int] { padsBegin + padsEnd }

    /// The extent of the dilated kernel on `axis`.
    func extent(_ axis: Int) -> Int { (kernel[axis] - 1) * dilations[axis] + 1 }

    /// The output sizes of a convolution or pool (ONNX rule; with `ceilMode` the size is rounded
    /// up, but the last window must start inside the input or its left padding).
    func outputSizes(ceilMode: Bool) throws -> [Int] {
        try inputSizes.indices.map { axis in
            let stride = strides[axis]
            let span = inputSizes[axis] + padsBegin[axis] + padsEnd[axis]
            guard span >= extent(axis) else {
                throw Diagnostic("on spatial axis \(axis) the padded input (\(inputSizes[axis]) + pads \(padsBegin[axis])+\(padsEnd[axis])) is smaller than the kernel extent \(extent(axis))")
            }
            let reach = span - extent(axis)
            var size = (ceilMode ? (reach + stride - 1) / stride : reach / stride) + 1
            if ceilMode && (size - 1) * stride >= inputSizes[axis] + padsBegin[axis] { size -= 1 }
            return size
        }
    }

    /// The output sizes of a transposed convolution:
    /// stride·(in−1) + output_padding + extent − pad_begin − pad_end.
    func transposedOutputSizes() throws -> [Int] {
        try inputSizes.indices.map { axis in
            let size = strides[axis] * (inputSizes[axis] - 1) + outputPadding[axis] + extent(axis) - padsBegin[axis] - padsEnd[axis]
            guard size > 0 else {
                throw Diagnostic("output size on spatial axis \(axis) would be \(size) (input \(inputSizes[axis]), stride \(strides[axis]), kernel extent \(extent(axis)), output_padding \(outputPadding[axis]), pads \(padsBegin[axis])+\(padsEnd[axis]))")
            }
            return size
        }
    }

    /// Replaces the pads by those `mode` chooses.
    private mutating func resolve(_ mode: AutoPad, transposed: Bool) throws {
        for axis in inputSizes.indices {
            let (input, stride) = (inputSizes[axis], strides[axis])
            var total = 0
            if mode != .valid && transposed {
                total = stride * (input - 1) + outputPadding[axis] + extent(axis) - input * stride
                guard total >= 0 else {
                    throw Diagnostic("auto_pad \(mode.rawValue) cannot give output size \(input * stride) (input \(input) × stride \(stride)) on spatial axis \(axis): kernel extent \(extent(axis)) plus output_padding \(outputPadding[axis]) is smaller than the stride")
                }
            } else if mode != .valid {
                let output = (input + stride - 1) / stride
                total = max(0, (output - 1) * stride + extent(axis) - input)
            }
            let half = total / 2
            padsBegin[axis] = mode == .sameLower ? total - half : half
            padsEnd[axis] = total - padsBegin[axis]
        }
    }

    /// output_padding: one value per spatial axis, each below the stride or the dilation.
    private func readOutputPadding(_ context: InferenceContext) throws -> [Int] {
        let values = try context.ints("output_padding")
        if values.isEmpty { return Array(repeating: 0, count: kernel.count) }
        guard values.count == kernel.count, values.allSatisfy({ $0 >= 0 }) else {
            throw Diagnostic("output_padding must have \(kernel.count) non-negative values (one per spatial axis), found \(ShapeRules.text(values))")
        }
        for axis in values.indices where values[axis] >= max(strides[axis], dilations[axis]) {
            throw Diagnostic("output_padding must be smaller than the stride or the dilation, found \(values[axis]) with stride \(strides[axis]) and dilation \(dilations[axis]) on spatial axis \(axis)")
        }
        return values
    }

    /// The list attribute `name`: `count` positive values, or all 1 when empty.
    static func positiveList(_ context: InferenceContext, _ name: String, count: Int) throws -> [Int] {
        let values = try context.ints(name)
        if values.isEmpty { return Array(repeating: 1, count: count) }
        guard values.count == count, values.allSatisfy({ $0 > 0 }) else {
            throw Diagnostic("\(name) must have \(count) positive values (one per spatial axis), found \(ShapeRules.text(values))")
        }
        try ShapeRules.requireBelowLimit(values, name)
        return values
    }

    /// Window pads: 2·`count` non-negative values (all 0 when empty).
    private static func padList(_ values: [Int], count: Int) throws -> [Int] {
        if values.isEmpty { return Array(repeating: 0, count: 2 * count) }
        guard values.count == 2 * count else {
            throw Diagnostic("pads must have \(2 * count) values (begin per spatial axis, then end per spatial axis), found \(ShapeRules.text(values))")
        }
        guard values.allSatisfy({ $0 >= 0 }) else { throw Diagnostic("pads must be non-negative, found \(ShapeRules.text(values))") }
        try ShapeRules.requireBelowLimit(values, "pads")
        return values
    }
}
