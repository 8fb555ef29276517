import CNNIR

/// Recipes for the ops over `[N, C, spatial...]` tensors: convolutions, pooling, normalization
/// and resize.
extension RandomGraphGenerator {
    /// conv or conv_transpose, 1D to 3D, with random groups, strides, pads, dilations and auto_pad.
    mutating func convolutionCandidate(_ op: OpKind) -> NodeCandidate {
        let transposed = op == .convTranspose, fused = op == .fusedConv
        let dtype = floatingDType()
        let spatialRank = random.int(in: 1...3)
        let x = image(dtype: dtype, spatialRank: spatialRank)
        let channels = staticSize(x.type, 1)
        let groups = random.chance(0.3) ? random.pick(divisors(of: channels)) : 1
        let outputsPerGroup = random.int(in: 1...3)
        let kernel = (0..<spatialRank).map { _ in random.int(in: 1...3) }
        let strides = optionalList(spatialRank) { $0.int(in: 1...3) }
        var attributes = windowAttributes(spatialRank: spatialRank, kernel: kernel)
        attributes["strides"] = .ints(strides)
        attributes["dilations"] = .ints(optionalList(spatialRank) { $0.int(in: 1...2) })
        attributes["groups"] = .int(groups)
        let weightShape: [Int]
        if transposed {
            weightShape = [channels, outputsPerGroup] + kernel
            if !strides.isEmpty && random.chance(0.5) {
                attributes["output_padding"] = .ints(strides.map { random.int(in: 0...($0 - 1)) })
            }
        } else {
            weightShape = [groups * outputsPerGroup, channels / groups] + kernel
        }
        var operands = [x, weight(TensorType(dtype, weightShape))]
        if fused || random.chance(0.6) { operands.append(weight(TensorType(dtype, [groups * outputsPerGroup]))) }
        if fused {
            attributes["activation"] = .string(random.pick(FusedActivation.allCases).rawValue)
            attributes["activation_alpha"] = .float(random.nextUnitDouble())
            attributes["activation_beta"] = .float(random.nextUnitDouble() + 1)
        }
        return NodeCandidate(operands, attributes)
    }

    /// max_pool or avg_pool with a random window, ceil mode and padding.
    mutating func poolCandidate(isMax: Bool) -> NodeCandidate {
        let spatialRank = random.int(in: 1...3)
        let x = image(dtype: floatingDType(), spatialRank: spatialRank)
        let kernel = (0..<spatialRank).map { _ in random.int(in: 1...3) }
        var attributes = windowAttributes(spatialRank: spatialRank, kernel: kernel)
        attributes["kernel"] = .ints(kernel)
        attributes["strides"] = .ints(optionalList(spatialRank) { $0.int(in: 1...3) })
        attributes["ceil_mode"] = .bool(random.chance(0.5))
        attributes["dilations"] = .ints(optionalList(spatialRank) { $0.int(in: 1...2) })
        guard isMax else {
            attributes["count_include_pad"] = .bool(random.chance(0.5))
            return NodeCandidate([x], attributes)
        }
        let withIndices = random.chance(0.3)
        if withIndices { attributes["storage_order"] = .int(random.int(in: 0...1)) }
        return NodeCandidate([x], attributes, resultCount: withIndices ? 2 : 1)
    }

    /// batch_norm (`[N, C, ...]`, rank 2 and up) or instance_norm (rank 3 and up) with per-channel parameters.
    mutating func normalizationCandidate(isBatch: Bool) -> NodeCandidate {
        let dtype = floatingDType()
        let x = image(dtype: dtype, spatialRank: random.int(in: isBatch ? 0...3 : 1...3))
        let channelType = TensorType(dtype, [staticSize(x.type, 1)])
        let parameterCount = isBatch ? 4 : 2
        var attributes: Attributes = ["epsilon": .float(random.pick([1e-5, 1e-3, 1e-12, 0.1]))]
        if isBatch { attributes["momentum"] = .float(random.ordinaryDouble(in: 0...1)) }
        return NodeCandidate([x] + (0..<parameterCount).map { _ in weight(channelType) }, attributes)
    }

    /// lrn across channels.
    mutating func localResponseNormalizationCandidate() -> NodeCandidate {
        let x = image(dtype: floatingDType(), spatialRank: random.int(in: 1...3))
        return NodeCandidate([x], [
            "size": .int(random.pick([1, 2, 3, 5])),
            "alpha": .float(random.ordinaryDouble(in: 1e-5...1e-3)),
            "beta": .float(random.ordinaryDouble(in: 0.5...1)),
            "bias": .float(random.ordinaryDouble(in: 1...2)),
        ])
    }

    /// resize by scales or to sizes over every axis, in every mode.
    mutating func resizeCandidate() -> NodeCandidate {
        let x = random.chance(0.7)
            ? image(dtype: floatingDType(), spatialRank: random.int(in: 1...3))
            : data(dtype: floatingDType(), ranks: 1...4)
        let dimensions = x.type.shape.dimensions
        let spatialScales = [0.5, 1, 1.5, 2, 3, 0.25, 1.0 / 3.0]
        var attributes: Attributes = [
            "mode": .string(random.pick(["nearest", "linear"])),
            "coordinate_transformation_mode": .string(random.pick(["half_pixel", "pytorch_half_pixel", "align_corners", "asymmetric"])),
            "nearest_mode": .string(random.pick(["round_prefer_floor", "round_prefer_ceil", "floor", "ceil"])),
        ]
        if let sizes = x.type.shape.fixedSizes, random.chance(0.5) {
            attributes["sizes"] = .ints(sizes.enumerated().map { axis, size in
                axis < 2 ? size : random.int(in: 1...(2 * size + 1))
            })
        } else {
            attributes["scales"] = .floats(dimensions.indices.map { axis in axis < 2 ? 1 : random.pick(spatialScales) })
        }
        return NodeCandidate([x], attributes)
    }

    /// `pads` (only when `auto_pad` is `notset`, with each pad below its window) and `auto_pad`.
    private mutating func windowAttributes(spatialRank: Int, kernel: [Int]) -> Attributes {
        let autoPad = random.chance(0.2) ? random.pick(["same_upper", "same_lower", "valid"]) : "notset"
        var attributes: Attributes = ["auto_pad": .string(autoPad)]
        if autoPad == "notset" && random.chance(0.6) {
            attributes["pads"] = .ints((0..<(2 * spatialRank)).map { random.int(in: 0...(kernel[$0 % spatialRank] - 1)) })
        }
        return attributes
    }

    /// The positive divisors of `value`.
    private func divisors(of value: Int) -> [Int] {
        (1...max(value, 1)).filter { value % $0 == 0 }
    }
}
