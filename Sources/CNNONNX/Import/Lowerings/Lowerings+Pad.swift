import CNNIR

extension Lowerings {
    /// Pad, in its attribute form (before opset 11) and its input form (pads, constant_value,
    /// and from opset 18 axes).
    static let padding: [String: Lowering] = ["Pad": pad]

    private static let pad: Lowering = { lowering in
        let x = try lowering.input(0)
        let rank = try lowering.type(of: x).rank
        let mode = try lowering.string("mode", default: "constant")
        guard PadMode(rawValue: mode) != nil else { throw UnsupportedFeature(detail: "with mode '\(mode)'") }
        var pads: [Int]
        var value = 0.0
        if lowering.opset < 11 {
            guard let given = try lowering.ints("pads") else { throw lowering.error("attribute 'pads' is required") }
            pads = given
            value = try lowering.float("value", default: 0)
        } else {
            guard let given = try lowering.intsInput(1, "pads") else { throw lowering.error("input pads is required") }
            pads = given
            if let fill = try lowering.doublesInput(2, "constant_value"), !fill.isEmpty { value = try singleValue(fill, "constant_value", lowering) }
            if let axes = try lowering.intsInput(3, "axes") { pads = try padsOverAllAxes(pads, axes: axes, rank: rank, lowering) }
        }
        guard pads.allSatisfy({ $0.magnitude <= windowValueLimit.magnitude }) else {
            throw lowering.error("pads must lie within ±\(windowValueLimit), found \(pads)")
        }
        guard pads.count == 2 * rank else {
            throw lowering.error("pads must have \(2 * rank) values (begin and end for each axis of the input), found \(pads.count)")
        }
        var attributes: Attributes = ["pads": .ints(pads.map { max($0, 0) }), "mode": .string(mode)]
        if mode == PadMode.constant.rawValue { attributes["value"] = .float(value) }
        let padded = pads.allSatisfy({ $0 <= 0 }) ? x : try lowering.emit1(.pad, [x], attributes)
        guard pads.contains(where: { $0 < 0 }) else { return [padded] }
        return [try cropping(padded, pads: pads, rank: rank, lowering)]
    }

    /// Pads given for `axes` only, spread over all `rank` axes (0 for the others).
    private static func padsOverAllAxes(_ pads: [Int], axes: [Int], rank: Int, _ lowering: NodeLowering) throws -> [Int] {
        guard pads.count == 2 * axes.count else {
            throw lowering.error("pads must have \(2 * axes.count) values (begin and end for each of axes \(axes)), found \(pads.count)")
        }
        var full = Array(repeating: 0, count: 2 * rank)
        for (index, given) in axes.enumerated() {
            let axis = given < 0 ? given + rank : given
            guard (0..<rank).contains(axis) else { throw lowering.error("axis \(given) is out of range for rank \(rank)") }
            full[axis] = pads[index]
            full[rank + axis] = pads[axes.count + index]
        }
        return full
    }

    /// Negative pads remove elements: a slice of `padded` dropping -pad elements at that side.
    private static func cropping(_ padded: ImportedValue, pads: [Int], rank: Int, _ lowering: NodeLowering) throws -> ImportedValue {
        var starts: [Int] = [], ends: [Int] = [], axes: [Int] = []
        for axis in 0..<rank where pads[axis] < 0 || pads[rank + axis] < 0 {
            axes.append(axis)
            starts.append(max(-pads[axis], 0))
            ends.append(pads[rank + axis] < 0 ? pads[rank + axis] : Int(Int64.max))
        }
        return try lowering.emit1(.slice, [padded],
                                  ["starts": .ints(starts), "ends": .ints(ends), "axes": .ints(axes)])
    }
}
