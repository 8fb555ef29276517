/// depth_to_space and space_to_depth: blocks of blocksize × blocksize pixels moved between the
/// channels and the spatial axes of an [N, C, H, W] tensor, in any dtype.
enum SpaceDepthOps {
    static let depthToSpace = OpSchema(
        .depthToSpace, "Moves groups of b² channels into b×b spatial blocks: [N, C, H, W] → [N, C/b², H·b, W·b].",
        operands: [.required("x")],
        attributes: [blocksize,
                     AttributeSpec("mode", .string, default: .string("DCR"),
                                   "DCR (block offset, then channel) or CRD (channel, then block offset: pixel shuffle)")]) { context in
        _ = try context.choice("mode", as: DepthToSpaceMode.self)
        return [try rearranged(context, intoSpace: true)]
    }

    static let spaceToDepth = OpSchema(
        .spaceToDepth, "Moves b×b spatial blocks into channels (block offset, then channel): [N, C, H, W] → [N, C·b², H/b, W/b].",
        operands: [.required("x")], attributes: [blocksize]) { context in
        [try rearranged(context, intoSpace: false)]
    }

    private static let blocksize = AttributeSpec("blocksize", .int, default: nil, "the side b of the square blocks moved")

    /// x [N, C, H, W] with its blocks moved into space or into the channels.
    private static func rearranged(_ context: InferenceContext, intoSpace: Bool) throws -> TensorType {
        let x = try context.operand(0, "x")
        try ShapeRules.requireRank(x, "x", 4...4, "N, C, H, W")
        let block = try context.int("blocksize")
        guard block > 0 else { throw Diagnostic("blocksize must be positive, found \(block)") }
        try ShapeRules.requireBelowLimit([block], "blocksize")
        if block == 1 { return x }
        let sizes = try ShapeRules.staticSizes(x, axes: 1..<4, of: "x", "to move blocks between channels and space")
        try ShapeRules.requireBelowLimit(sizes, "the sizes of x")
        let (channels, height, width, area) = (sizes[0], sizes[1], sizes[2], block * block)
        let batch = x.shape[0]
        if intoSpace {
            guard channels % area == 0 else {
                throw Diagnostic("the channels of x \(x) (\(channels)) must be divisible by blocksize² = \(area)")
            }
            return TensorType(x.dtype, Shape([batch, .fixed(channels / area), .fixed(height * block), .fixed(width * block)]))
        }
        guard height % block == 0 && width % block == 0 else {
            throw Diagnostic("the height and width of x \(x) (\(height) and \(width)) must be divisible by blocksize \(block)")
        }
        let (depth, overflow) = channels.multipliedReportingOverflow(by: area)
        guard !overflow, depth < ShapeRules.sizeLimit else {
            throw Diagnostic("the channels of the result (\(channels) · \(area)) must be below \(ShapeRules.sizeLimit)")
        }
        return TensorType(x.dtype, Shape([batch, .fixed(depth), .fixed(height / block), .fixed(width / block)]))
    }
}
