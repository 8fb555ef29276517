/// resize: x resampled to new sizes with ONNX Resize's modes.
enum ResizeOps {
    static let resize = OpSchema(
        .resize, "Resamples x to new sizes (nearest or n-linear; linear on 2 spatial axes is bilinear), ONNX coordinate modes.",
        operands: [.required("x")],
        attributes: [AttributeSpec("mode", .string, default: .string("nearest"), "nearest or linear"),
                     AttributeSpec("scales", .floats, default: .floats([]),
                                   "scale per axis of x: the coordinate mapping's, and output = floor(input·scale) unless sizes are given"),
                     AttributeSpec("sizes", .ints, default: .ints([]), "output size per axis of x"),
                     AttributeSpec("coordinate_transformation_mode", .string, default: .string("half_pixel"),
                                   "half_pixel, half_pixel_symmetric, pytorch_half_pixel, align_corners, asymmetric or tf_crop_and_resize"),
                     AttributeSpec("nearest_mode", .string, default: .string("round_prefer_floor"),
                                   "round_prefer_floor, round_prefer_ceil, floor or ceil"),
                     AttributeSpec("roi", .floats, default: .floats([]),
                                   "tf_crop_and_resize: the region read, [start per axis..., end per axis...] in fractions of each axis; [] is the whole input"),
                     AttributeSpec("extrapolation_value", .float, default: .float(0),
                                   "tf_crop_and_resize: the value of outputs that map outside the input"),
                     AttributeSpec("antialias", .bool, default: .bool(false),
                                   "linear: when downsampling, weigh every input within 1/scale positions (a triangle filter)"),
                     AttributeSpec("exclude_outside", .bool, default: .bool(false),
                                   "linear: inputs outside x get weight 0 (the others renormalized) instead of repeating the edge")]) { context in
        let x = try context.operand(0, "x")
        try ShapeRules.requireFloating(x, "x")
        _ = try context.choice("mode", as: ResizeMode.self)
        let coordinates = try context.choice("coordinate_transformation_mode", as: CoordinateTransformation.self)
        _ = try context.choice("nearest_mode", as: NearestMode.self)
        let (scales, sizes) = (try context.floats("scales"), try context.ints("sizes"))
        guard !scales.isEmpty || !sizes.isEmpty else { throw Diagnostic("resize needs scales or sizes, found neither") }
        if !scales.isEmpty {
            try requireOnePerAxis(scales.count, "scales", "\(scales)", x)
            guard scales.allSatisfy({ $0.isFinite && $0 > 0 }) else { throw Diagnostic("scales must be positive, found \(scales)") }
        }
        try checkRegion(context.floats("roi"), coordinates, x)
        if !sizes.isEmpty {
            try requireOnePerAxis(sizes.count, "sizes", ShapeRules.text(sizes), x)
            guard sizes.allSatisfy({ $0 > 0 }) else { throw Diagnostic("sizes must be positive, found \(ShapeRules.text(sizes))") }
            try ShapeRules.requireBelowLimit(sizes, "sizes")
            return [TensorType(x.dtype, Shape(sizes))]
        }
        let dimensions = try x.shape.dimensions.indices.map { axis -> Dimension in
            if scales[axis] == 1 { return x.shape[axis] }
            let input = try ShapeRules.staticSize(x.shape[axis], axis: axis, of: "x", "to scale it")
            let output = (Double(input) * scales[axis]).rounded(.down)
            guard output >= 1, output < Double(ShapeRules.sizeLimit) else {
                throw Diagnostic("output size on axis \(axis) would be \(output) (input \(input) × scale \(scales[axis])); it must be 1 to \(ShapeRules.sizeLimit - 1)")
            }
            return .fixed(Int(output))
        }
        return [TensorType(x.dtype, Shape(dimensions))]
    }

    /// Throws unless a list of `count` values (`text`) named `name` has one value per axis of x.
    private static func requireOnePerAxis(_ count: Int, _ name: String, _ text: String, _ x: TensorType) throws {
        guard count == x.rank else { throw Diagnostic("\(name) must have \(x.rank) values (one per axis of x), found \(text)") }
    }

    /// roi: empty, or for tf_crop_and_resize 2·rank finite fractions.
    private static func checkRegion(_ roi: [Double], _ coordinates: CoordinateTransformation, _ x: TensorType) throws {
        guard !roi.isEmpty else { return }
        guard coordinates == .tfCropAndResize else {
            throw Diagnostic("roi applies only to coordinate_transformation_mode tf_crop_and_resize, found \(coordinates.rawValue)")
        }
        guard roi.count == 2 * x.rank, roi.allSatisfy(\.isFinite) else {
            throw Diagnostic("roi must have \(2 * x.rank) finite values (start per axis of x, then end per axis), found \(roi)")
        }
    }
}
