import CNNIR

extension Lowerings {
    /// Resize (opset 10 and 11+) and Upsample (opset 7 to 9).
    static let resizing: [String: Lowering] = ["Resize": resize, "Upsample": upsample]

    /// Upsample: scales from the attribute (opset 7) or the second input (opset 9); the
    /// coordinates are asymmetric and nearest rounds down, as Resize of opset 10 does.
    private static let upsample: Lowering = { lowering in
        let scales = lowering.opset < 9 ? try lowering.floats("scales") : try lowering.doublesInput(1, "scales")
        guard let scales else { throw lowering.error("scales are required") }
        return [try emitResize(lowering, mode: try interpolationMode(lowering), scales: scales, sizes: [],
                               coordinates: .asymmetric, nearest: .floor)]
    }

    /// Resize. roi is read only by tf_crop_and_resize (with extrapolation_value); antialias and
    /// exclude_outside only by linear mode (cubic is unsupported). axes (opset 18) name the axes
    /// scales or sizes (and roi) give; a keep_aspect_ratio_policy other than stretch turns sizes
    /// into one scale and the sizes it rounds to.
    private static let resize: Lowering = { lowering in
        let mode = try interpolationMode(lowering)
        guard lowering.opset >= 11 else {
            guard let scales = try lowering.doublesInput(1, "scales") else { throw lowering.error("scales are required") }
            return [try emitResize(lowering, mode: mode, scales: scales, sizes: [], coordinates: .asymmetric, nearest: .floor)]
        }
        let coordinateText = try lowering.string("coordinate_transformation_mode", default: "half_pixel")
        guard let coordinates = CoordinateTransformation(rawValue: coordinateText) else {
            throw lowering.error("coordinate_transformation_mode '\(coordinateText)' is not an ONNX value")
        }
        let nearestText = try lowering.string("nearest_mode", default: "round_prefer_floor")
        guard let nearest = NearestMode(rawValue: nearestText) else { throw lowering.error("nearest_mode '\(nearestText)' is not an ONNX value") }
        var scales = try lowering.doublesInput(2, "scales") ?? []
        var sizes = try lowering.intsInput(3, "sizes") ?? []
        let rank = try lowering.inputType(0).rank
        let axes = try lowering.ints("axes") ?? Array(0..<rank)
        let policy = try lowering.string("keep_aspect_ratio_policy", default: "stretch")
        if !sizes.isEmpty, policy != "stretch" {
            (scales, sizes) = try keptAspect(lowering, sizes: sizes, axes: axes, policy: policy)
        }
        var extra = Attributes()
        if coordinates == .tfCropAndResize {
            if let roi = try lowering.doublesInput(1, "roi"), roi.count == 2 * axes.count {
                extra["roi"] = .floats(try spread(Array(roi.prefix(axes.count)), axes: axes, lowering, filler: { _ in 0 })
                                       + spread(Array(roi.suffix(axes.count)), axes: axes, lowering, filler: { _ in 1 }))
            } else if lowering.hasInput(1) {
                throw lowering.error("roi must have \(2 * axes.count) values (start and end per axis)")
            }
            extra["extrapolation_value"] = .float(try lowering.float("extrapolation_value", default: 0))
        }
        if mode == .linear {
            extra["antialias"] = .bool(try lowering.int("antialias", default: 0) != 0)
            extra["exclude_outside"] = .bool(try lowering.int("exclude_outside", default: 0) != 0)
        }
        return [try emitResize(lowering, mode: mode, scales: try spread(scales, axes: axes, lowering, filler: { _ in 1 }),
                               sizes: try spread(sizes, axes: axes, lowering, filler: { axis in try staticSize(lowering, axis) }),
                               coordinates: coordinates, nearest: nearest, extra: extra)]
    }

    /// The interpolation mode: nearest or linear (`bilinear` in old files); cubic is unsupported.
    private static func interpolationMode(_ lowering: NodeLowering) throws -> ResizeMode {
        let text = try lowering.string("mode", default: "nearest")
        if text == "bilinear" { return .linear }
        guard let mode = ResizeMode(rawValue: text) else { throw UnsupportedFeature(detail: "with mode '\(text)'") }
        return mode
    }

    /// Values given for `axes`, spread over every axis of the input; `filler` gives the others.
    /// Empty values stay empty.
    private static func spread<Value>(_ values: [Value], axes: [Int], _ lowering: NodeLowering,
                                      filler: (Int) throws -> Value) throws -> [Value] {
        if values.isEmpty { return [] }
        let rank = try lowering.inputType(0).rank
        guard values.count == axes.count else {
            throw lowering.error("scales or sizes must have \(axes.count) values (one per axis), found \(values.count)")
        }
        var byAxis: [Int: Value] = [:]
        for (given, value) in zip(axes, values) {
            let axis = given < 0 ? given + rank : given
            guard (0..<rank).contains(axis) else { throw lowering.error("axis \(given) is out of range for rank \(rank)") }
            byAxis[axis] = value
        }
        return try (0..<rank).map { try byAxis[$0] ?? filler($0) }
    }

    /// The static size of the input's axis `axis`.
    private static func staticSize(_ lowering: NodeLowering, _ axis: Int) throws -> Int {
        let type = try lowering.inputType(0)
        guard let size = type.shape[axis].fixedValue else {
            throw lowering.error("axis \(axis) of x \(type) must have a static size; give the input shapes with --input-shape")
        }
        return size
    }

    /// keep_aspect_ratio_policy not_larger (the smallest size ratio) or not_smaller (the
    /// largest): that one scale on `axes`, and the sizes it gives, rounded half up as ONNX does.
    private static func keptAspect(_ lowering: NodeLowering, sizes: [Int], axes: [Int], policy: String) throws -> (scales: [Double], sizes: [Int]) {
        guard policy == "not_larger" || policy == "not_smaller" else {
            throw lowering.error("keep_aspect_ratio_policy must be stretch, not_larger or not_smaller, found \(policy)")
        }
        let rank = try lowering.inputType(0).rank
        let inputs = try axes.map { axis in Double(try staticSize(lowering, axis < 0 ? axis + rank : axis)) }
        let ratios = zip(sizes, inputs).map { Double($0) / $1 }
        guard let scale = policy == "not_larger" ? ratios.min() : ratios.max() else { return ([], []) }
        return (Array(repeating: scale, count: axes.count), inputs.map { Int((scale * $0 + 0.5).rounded(.down)) })
    }

    /// The resize node: sizes when given (with scales too only when both are, for
    /// keep_aspect_ratio_policy), else scales; `extra` adds the other attributes.
    private static func emitResize(_ lowering: NodeLowering, mode: ResizeMode, scales: [Double], sizes: [Int],
                                   coordinates: CoordinateTransformation, nearest: NearestMode,
                                   extra: Attributes = Attributes()) throws -> ImportedValue {
        var attributes = extra
        attributes["mode"] = .string(mode.rawValue)
        attributes["coordinate_transformation_mode"] = .string(coordinates.rawValue)
        attributes["nearest_mode"] = .string(nearest.rawValue)
        if !scales.isEmpty { attributes["scales"] = .floats(scales) }
        if !sizes.isEmpty { attributes["sizes"] = .ints(sizes) }
        return try lowering.emit1(.resize, [try lowering.input(0)], attributes)
    }
}
