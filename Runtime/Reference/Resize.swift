import Foundation
import CNNIR

extension ReferenceKernels {
    /// resize (nearest and N-linear, the four coordinate transformation modes).
    static let resizeKernels: [OpKind: ReferenceKernel] = [
        .resize: ReferenceKernel { try resize($0) },
    ]
}

/// One input element that contributes to an output position along one axis, with its weight.
private struct Contribution {
    var index: Int
    var weight: Double
}

/// resize, as ONNX's reference implementation computes it, axis by axis (separably):
///
/// - sizes given: output length `sizes[d]`, `scale = sizes[d] / in`, target length `sizes[d]`;
///   scales given: output length `floor(in * scales[d])`, `scale = scales[d]`, and target
///   length `in * scales[d]` (not rounded).
/// - an output coordinate `x` maps to the input coordinate
///   half_pixel `(x + 0.5) / scale - 0.5`; pytorch_half_pixel the same, or 0 when the target
///   length is 1; align_corners `x * (in - 1) / (target - 1)`, or 0 when the target length is 1;
///   asymmetric `x / scale`.
/// - nearest picks one input index by `nearest_mode` (round_prefer_floor and round_prefer_ceil
///   differ only at exact halves), linear weights the two neighbours `floor(x)` and `floor(x)+1`
///   by `1 - frac(x)` and `frac(x)`; indices outside the input are clamped to the border.
private func resize(_ invocation: ReferenceInvocation) throws -> ReferenceArray {
    let x = try invocation.array(0)
    let scales = try invocation.doubles("scales"), sizes = try invocation.ints("sizes")
    guard scales.isEmpty != sizes.isEmpty else {
        throw Diagnostic("give exactly one of 'scales' and 'sizes'")
    }
    guard scales.count == x.rank || sizes.count == x.rank else {
        throw Diagnostic("'\(scales.isEmpty ? "sizes" : "scales")' needs one entry per axis of the input (\(x.rank))")
    }
    let linear = try invocation.choice("mode", ["nearest", "linear"]) == "linear"
    let coordinateMode = try invocation.choice("coordinate_transformation_mode",
                                               ["half_pixel", "pytorch_half_pixel", "align_corners", "asymmetric"])
    let nearestMode = try invocation.choice("nearest_mode", ["round_prefer_floor", "round_prefer_ceil", "floor", "ceil"])
    var outputShape: [Int] = []
    var contributions: [[[Contribution]]] = []
    for axis in 0..<x.rank {
        let input = x.shape[axis]
        let scale: Double, target: Double, output: Int
        if sizes.isEmpty {
            guard scales[axis] > 0, scales[axis].isFinite else { throw Diagnostic("scales must be positive, found \(scales)") }
            (scale, target) = (scales[axis], Double(input) * scales[axis])
            guard let floored = Int(exactly: target.rounded(.down)), floored <= Int(Int32.max) else {
                throw Diagnostic("scale \(scales[axis]) on axis \(axis) gives an output too large to compute")
            }
            output = floored
        } else {
            guard sizes[axis] >= 0 else { throw Diagnostic("sizes must not be negative, found \(describe(sizes))") }
            (output, target) = (sizes[axis], Double(sizes[axis]))
            scale = target / Double(input)
        }
        guard input > 0 || output == 0 else { throw Diagnostic("cannot resize an empty axis \(axis) to \(output)") }
        outputShape.append(output)
        contributions.append((0..<output).map { position in
            let coordinate = inputCoordinate(Double(position), mode: coordinateMode, scale: scale, input: input, target: target)
            return linear ? linearContributions(coordinate, input: input)
                          : [Contribution(index: nearestIndex(coordinate, mode: nearestMode, input: input), weight: 1)]
        })
    }
    let strides = x.strides
    var values: [Double] = []
    values.reserveCapacity(outputShape.reduce(1, *))
    forEachIndex(in: outputShape) { index in
        var terms = [Contribution(index: 0, weight: 1)]
        for axis in index.indices {
            terms = terms.flatMap { term in
                contributions[axis][index[axis]].map {
                    Contribution(index: term.index + $0.index * strides[axis], weight: term.weight * $0.weight)
                }
            }
        }
        values.append(terms.reduce(0) { $0 + $1.weight * x.values[$1.index] })
    }
    return ReferenceArray(shape: outputShape, values: values)
}

/// The input coordinate that output coordinate `x` maps to.
private func inputCoordinate(_ x: Double, mode: String, scale: Double, input: Int, target: Double) -> Double {
    switch mode {
    case "pytorch_half_pixel": return target == 1 ? 0 : (x + 0.5) / scale - 0.5
    case "align_corners": return target == 1 ? 0 : x * Double(input - 1) / (target - 1)
    case "asymmetric": return x / scale
    default: return (x + 0.5) / scale - 0.5
    }
}

/// The input index nearest mode picks for `coordinate`, clamped into the input.
private func nearestIndex(_ coordinate: Double, mode: String, input: Int) -> Int {
    let below = coordinate.rounded(.down), fraction = coordinate - below
    let roundsUp: Bool
    switch mode {
    case "round_prefer_floor": roundsUp = fraction > 0.5
    case "round_prefer_ceil": roundsUp = fraction >= 0.5
    case "ceil": roundsUp = fraction > 0
    default: roundsUp = false
    }
    return clampedIndex(below + (roundsUp ? 1 : 0), input: input)
}

/// The two neighbours of `coordinate` with linear weights, clamped into the input.
private func linearContributions(_ coordinate: Double, input: Int) -> [Contribution] {
    let below = coordinate.rounded(.down), fraction = coordinate - below
    return [Contribution(index: clampedIndex(below, input: input), weight: 1 - fraction),
            Contribution(index: clampedIndex(below + 1, input: input), weight: fraction)]
}

/// An index (held as a whole `Double`) limited to `0..<input`.
private func clampedIndex(_ index: Double, input: Int) -> Int {
    Int(min(max(index, 0), Double(input - 1)))
}
