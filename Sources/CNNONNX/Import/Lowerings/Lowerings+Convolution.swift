import CNNIR

extension Lowerings {
    /// Conv and ConvTranspose.
    static let convolutions: [String: Lowering] = [
        "Conv": { lowering in
            [try lowering.emit1(.conv, try lowering.givenInputs(), try convolutionAttributes(lowering))]
        },
        "ConvTranspose": convTranspose,
    ]

    /// The attributes of a convolution: its window's, and groups.
    private static func convolutionAttributes(_ lowering: NodeLowering) throws -> Attributes {
        var attributes = try windowAttributes(lowering)
        attributes["groups"] = .int(try lowering.int("group", default: 1))
        return attributes
    }

    /// The window attributes convolutions and pools share: strides, pads and dilations (left out
    /// when they are the defaults, all 1 or all 0), and auto_pad (ONNX's upper-case values lowered).
    static func windowAttributes(_ lowering: NodeLowering) throws -> Attributes {
        var attributes = Attributes()
        if let strides = try lowering.ints("strides"), strides.contains(where: { $0 != 1 }) { attributes["strides"] = .ints(strides) }
        if let pads = try lowering.ints("pads"), pads.contains(where: { $0 != 0 }) { attributes["pads"] = .ints(pads) }
        if let dilations = try lowering.ints("dilations"), dilations.contains(where: { $0 != 1 }) { attributes["dilations"] = .ints(dilations) }
        attributes["auto_pad"] = .string(try autoPad(lowering))
        return attributes
    }

    /// The IR's `auto_pad` for the node's: notset, same_upper, same_lower or valid.
    static func autoPad(_ lowering: NodeLowering) throws -> String {
        let value = try lowering.string("auto_pad", default: "NOTSET")
        guard let choice = AutoPad(rawValue: value.lowercased()) else {
            throw lowering.error("auto_pad must be NOTSET, SAME_UPPER, SAME_LOWER or VALID, found \(value)")
        }
        return choice.rawValue
    }

    /// The largest magnitude of a window value (stride, dilation, pad, size) cnnc computes with
    /// at import; larger values are rejected before any arithmetic can overflow.
    static let windowValueLimit = 1 << 30

    /// ConvTranspose. An `output_shape` is turned into pads (and output padding) as ONNX defines:
    /// total = stride·(in − 1) + output_padding + (k − 1)·dilation + 1 − output_shape, split with
    /// the odd unit at the beginning for SAME_UPPER and at the end otherwise.
    private static let convTranspose: Lowering = { lowering in
        let operands = try lowering.givenInputs()
        var attributes = try convolutionAttributes(lowering)
        var outputPadding = try lowering.ints("output_padding") ?? []
        if let outputShape = try lowering.ints("output_shape") {
            let x = try lowering.inputType(0), weight = try lowering.inputType(1)
            let spatial = x.rank - 2
            guard spatial > 0, outputShape.count >= spatial,
                  let inputSizes = Shape(Array(x.shape.dimensions.suffix(spatial))).fixedSizes,
                  let kernel = Shape(Array(weight.shape.dimensions.suffix(spatial))).fixedSizes else {
                throw lowering.error("output_shape \(outputShape) needs static spatial sizes of x \(x) and weight \(weight)")
            }
            let target = Array(outputShape.suffix(spatial))
            let strides = try lowering.ints("strides") ?? Array(repeating: 1, count: spatial)
            let dilations = try lowering.ints("dilations") ?? Array(repeating: 1, count: spatial)
            if outputPadding.isEmpty { outputPadding = Array(repeating: 0, count: spatial) }
            guard strides.count == spatial, dilations.count == spatial, outputPadding.count == spatial else {
                throw lowering.error("strides, dilations and output_padding must have \(spatial) values")
            }
            for values in [strides, dilations, outputPadding, target] where values.contains(where: { $0.magnitude > windowValueLimit.magnitude }) {
                throw lowering.error("strides, dilations, output_padding and output_shape must lie within ±\(windowValueLimit), found \(values)")
            }
            let upper = try autoPad(lowering) == AutoPad.sameUpper.rawValue
            var begins: [Int] = [], ends: [Int] = []
            for axis in 0..<spatial {
                let full = strides[axis] * (inputSizes[axis] - 1) + outputPadding[axis] + (kernel[axis] - 1) * dilations[axis] + 1
                let total = full - target[axis]
                if total < 0 {
                    outputPadding[axis] -= total
                    begins.append(0)
                    ends.append(0)
                } else {
                    begins.append(upper ? total / 2 : total - total / 2)
                    ends.append(upper ? total - total / 2 : total / 2)
                }
            }
            attributes["pads"] = .ints(begins + ends)
            attributes["auto_pad"] = .string(AutoPad.notset.rawValue)
        }
        if !outputPadding.isEmpty { attributes["output_padding"] = .ints(outputPadding) }
        return [try lowering.emit1(.convTranspose, operands, attributes)]
    }
}
