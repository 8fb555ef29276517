import CNNIR
import CNNRuntime

/// One configuration of a spatial gradient op: its forward op with the shapes of the forward
/// operands and its attributes, the gradient op's attributes, and the forward result's shape
/// (the shape of dy).
struct SpatialGradientCase: CustomStringConvertible {
    /// The gradient op.
    var gradient: OpKind
    /// The op it differentiates.
    var forward: OpKind
    /// The shapes of the forward op's operands (x, and for conv the weight).
    var forwardShapes: [[Int]]
    /// The forward op's attributes.
    var forwardAttributes: Attributes
    /// The gradient op's attributes.
    var gradientAttributes: Attributes
    /// The shape of the forward result, and so of dy.
    var outputShape: [Int]

    /// The shape of x.
    var inputShape: [Int] { forwardShapes[0] }

    /// The case of `gradient` differentiating `forward` on operands of `forwardShapes`; the
    /// gradient op takes the forward attributes named in `gradientNames` and `extra` ones.
    /// Throws when the forward op rejects the configuration.
    init(_ gradient: OpKind, of forward: OpKind, _ forwardShapes: [[Int]], _ forwardAttributes: Attributes,
         keeping gradientNames: [String], extra: Attributes = Attributes()) throws {
        self.gradient = gradient
        self.forward = forward
        self.forwardShapes = forwardShapes
        self.forwardAttributes = forwardAttributes
        var attributes = extra
        for name in gradientNames { if let value = forwardAttributes[name] { attributes[name] = value } }
        gradientAttributes = attributes
        let types = forwardShapes.map { TensorType(.f32, Shape($0)) }
        let result = try forward.schema.inferResultTypes(operands: types, attributes: forwardAttributes)[0]
        guard let sizes = result.shape.fixedSizes else { throw Diagnostic("\(forward) gives \(result), not static") }
        outputShape = sizes
    }

    var description: String {
        let attributes = gradientAttributes.sortedNames.map { name in "\(name) = \(gradientAttributes[name].map { "\($0)" } ?? "")" }
        return "\(gradient.rawValue) x \(inputShape) dy \(outputShape) {\(attributes.joined(separator: ", "))}"
    }
}

/// Random configurations of the spatial gradient ops.
extension SeededGenerator {
    /// A conv: 1 to 3 spatial axes of up to `sizes` positions beyond the smallest that fits,
    /// kernel 1–3, stride 1–3, dilation 1–2, pads 0–2 per side, batch up to `batch`, and one
    /// group, 2–3 groups, depthwise, or depthwise with 2 outputs per channel.
    mutating func nextConvolutionGradientCase(spatialRank: Int, sizes: Int, batch: Int = 3) throws -> SpatialGradientCase {
        let (groups, inputChannels, outputChannels): (Int, Int, Int)
        switch nextInt(in: 0...3) {
        case 0: (groups, inputChannels, outputChannels) = (1, nextInt(in: 1...4), nextInt(in: 1...5))
        case 1:
            let count = nextInt(in: 2...3)
            (groups, inputChannels, outputChannels) = (count, count * nextInt(in: 1...3), count * nextInt(in: 1...3))
        case 2:
            let count = nextInt(in: 1...5)
            (groups, inputChannels, outputChannels) = (count, count, count)
        default:
            let count = nextInt(in: 1...4)
            (groups, inputChannels, outputChannels) = (count, count, 2 * count)
        }
        let window = nextWindow(spatialRank: spatialRank, sizes: sizes, maximumPad: { _ in 2 })
        let attributes: Attributes = ["strides": .ints(window.strides), "pads": .ints(window.pads),
                                      "dilations": .ints(window.dilations), "groups": .int(groups)]
        let x = [nextInt(in: 1...batch), inputChannels] + window.sizes
        let weight = [outputChannels, inputChannels / groups] + window.kernel
        return try SpatialGradientCase(.convWeightGrad, of: .conv, [x, weight], attributes,
                                       keeping: ["strides", "pads", "dilations", "groups"], extra: ["kernel": .ints(window.kernel)])
    }

    /// A max_pool or avg_pool (`gradient` says which gradient): 1 to 3 spatial axes, kernel 1–3,
    /// stride 1–3 (so windows overlap, abut or skip), dilation 1–2, pads below the kernel extent,
    /// ceil_mode and count_include_pad at random.
    mutating func nextPoolGradientCase(_ gradient: OpKind, spatialRank: Int, sizes: Int) throws -> SpatialGradientCase {
        let window = nextWindow(spatialRank: spatialRank, sizes: sizes, maximumPad: { extent in min(2, extent - 1) })
        var attributes: Attributes = ["kernel": .ints(window.kernel), "strides": .ints(window.strides), "pads": .ints(window.pads),
                                      "dilations": .ints(window.dilations), "ceil_mode": .bool(nextChance(0.4))]
        let forward: OpKind = gradient == .maxPoolGrad ? .maxPool : .avgPool
        if forward == .avgPool { attributes["count_include_pad"] = .bool(nextChance(0.5)) }
        let x = [nextInt(in: 1...2), nextInt(in: 1...3)] + window.sizes
        return try SpatialGradientCase(gradient, of: forward, [x], attributes,
                                       keeping: ["kernel", "strides", "pads", "dilations", "ceil_mode", "count_include_pad"])
    }

    /// A pad of rank 1–4 (sizes 1–5) by 0–3 per side in `mode` (reflect pads stay below the size).
    mutating func nextPadGradientCase(mode: PadMode) throws -> SpatialGradientCase {
        let shape = nextShape(rank: nextInt(in: 1...4), sizes: 1...5)
        let pads = (0..<(2 * shape.count)).map { index in
            nextInt(in: 0...(mode == .reflect ? min(3, shape[index % shape.count] - 1) : 3))
        }
        let attributes: Attributes = ["pads": .ints(pads), "mode": .string(mode.rawValue), "value": .float(0.5)]
        return try SpatialGradientCase(.padGrad, of: .pad, [shape], attributes, keeping: ["pads", "mode"])
    }

    /// A resize of `[N, C, 1–2 spatial axes]` by scales (0.5 to 3) or sizes (1 to 9) in nearest or
    /// linear mode with every coordinate transformation and nearest rounding, antialias and
    /// exclude_outside at random, and for tf_crop_and_resize a random region and extrapolation value.
    mutating func nextResizeGradientCase() throws -> SpatialGradientCase {
        while true {
            let shape = [nextInt(in: 1...2), nextInt(in: 1...2)] + nextShape(rank: nextInt(in: 1...2), sizes: 1...6)
            let linear = nextChance(0.5)
            let coordinates = nextElement(of: CoordinateTransformation.allCases)
            var attributes: Attributes = ["mode": .string(linear ? "linear" : "nearest"),
                                          "coordinate_transformation_mode": .string(coordinates.rawValue),
                                          "nearest_mode": .string(nextElement(of: NearestMode.allCases).rawValue)]
            if nextChance(0.3) {
                attributes["sizes"] = .ints(shape.prefix(2) + (2..<shape.count).map { _ in nextInt(in: 1...9) })
            } else {
                attributes["scales"] = .floats([1, 1] + (2..<shape.count).map { _ in nextElement(of: [0.5, 0.75, 1, 1.5, 2, 2.5, 3]) })
            }
            if linear {
                attributes["antialias"] = .bool(nextChance(0.3))
                attributes["exclude_outside"] = .bool(nextChance(0.3))
            }
            if coordinates == .tfCropAndResize {
                let starts = shape.indices.map { $0 < 2 ? 0 : -0.2 + 0.6 * nextUnitDouble() }
                let ends = shape.indices.map { $0 < 2 ? 1 : 0.6 + 0.6 * nextUnitDouble() }
                attributes["roi"] = .floats(starts + ends)
                attributes["extrapolation_value"] = .float(nextUnitDouble())
            }
            let names = ["mode", "scales", "sizes", "coordinate_transformation_mode", "nearest_mode", "roi",
                         "extrapolation_value", "antialias", "exclude_outside"]
            if let found = try? SpatialGradientCase(.resizeGrad, of: .resize, [shape], attributes, keeping: names) { return found }
        }
    }

    /// A window over `spatialRank` axes: kernel, stride, dilation and pads per axis (pads at most
    /// `maximumPad(extent)`), and input sizes from the smallest the window fits up to `sizes` more.
    private mutating func nextWindow(spatialRank: Int, sizes: Int, maximumPad: (Int) -> Int)
        -> (kernel: [Int], strides: [Int], dilations: [Int], pads: [Int], sizes: [Int]) {
        var kernel: [Int] = [], strides: [Int] = [], dilations: [Int] = [], begins: [Int] = [], ends: [Int] = [], inputs: [Int] = []
        for _ in 0..<spatialRank {
            let size = nextInt(in: 1...3), dilation = nextChance(0.3) ? 2 : 1
            let extent = (size - 1) * dilation + 1
            let begin = nextInt(in: 0...maximumPad(extent)), end = nextInt(in: 0...maximumPad(extent))
            kernel.append(size)
            strides.append(nextInt(in: 1...3))
            dilations.append(dilation)
            begins.append(begin)
            ends.append(end)
            let smallest = max(1, extent - begin - end)
            inputs.append(nextInt(in: smallest...(smallest + sizes)))
        }
        return (kernel, strides, dilations, begins + ends, inputs)
    }
}
