import Foundation
import CNNIR

/// What resize computes, as ONNX Resize defines it: the output shape and, for every axis and
/// output position, the input positions read with their weights. The reference kernel combines
/// the axes in `Double`; the fast kernel builds its tables from the same plan.
///
/// Per axis, with `in` the input size:
/// - sizes given: the output size is `sizes[d]`; the scale is `scales[d]` when scales are given
///   too (keep_aspect_ratio_policy), else `sizes[d] / in`. Scales alone: the output size is
///   `floor(in · scales[d])`. The target length is `in · scale` (`sizes[d]` with sizes alone).
/// - output coordinate `x` maps to the input coordinate: half_pixel `(x + 0.5)/scale − 0.5`;
///   half_pixel_symmetric the same plus `in/2 · (1 − size/target)`; pytorch_half_pixel the same
///   as half_pixel, or −0.5 when the target length is 1; align_corners `x·(in − 1)/(target − 1)`,
///   or 0 when the target length is 1; asymmetric `x/scale`; tf_crop_and_resize
///   `x·(end − start)·(in − 1)/(target − 1) + start·(in − 1)` (the region's middle when the
///   target length is 1), a coordinate outside `[0, in − 1]` giving the extrapolation value.
/// - nearest reads one position, rounded by nearest_mode (round_prefer_floor and
///   round_prefer_ceil differ only at exact halves); linear reads every integer position `i`
///   with `|i − x| < 1/s` with weight `1 − |i − x|·s`, normalized to sum 1, where s is 1, or
///   `min(scale, 1)` with antialias (so downsampling averages over 1/scale positions). Positions
///   outside the input read the nearest border element, or with exclude_outside are dropped.
struct ResizePlan {
    /// One input position an output position reads along an axis, with its weight.
    struct Tap: Equatable, Sendable {
        /// The input index.
        var index: Int
        /// The weight (the taps of a position sum to 1).
        var weight: Double
    }

    /// The size of every output axis.
    let outputShape: [Int]
    /// Per axis and output position: the taps, or `nil` where the position maps outside the
    /// input (the output is then `extrapolationValue`).
    let taps: [[[Tap]?]]
    /// The value of outputs that map outside the input (tf_crop_and_resize).
    let extrapolationValue: Double

    /// The plan of a resize with the resolved `attributes` of an input of shape `inputShape`;
    /// throws a `Diagnostic` when the attributes do not fit the input.
    init(attributes: [String: AttributeValue], inputShape: [Int]) throws {
        let invocation = ReferenceInvocation(op: .resize, operands: [], attributes: attributes, resultCount: 1)
        let rank = inputShape.count
        let scales = try invocation.doubles("scales"), sizes = try invocation.ints("sizes")
        guard !scales.isEmpty || !sizes.isEmpty else { throw Diagnostic("give 'scales' or 'sizes'") }
        guard scales.isEmpty || scales.count == rank, sizes.isEmpty || sizes.count == rank else {
            throw Diagnostic("'scales' and 'sizes' need one entry per axis of the input (\(rank))")
        }
        let roi = try invocation.doubles("roi")
        guard roi.isEmpty || roi.count == 2 * rank else { throw Diagnostic("'roi' needs \(2 * rank) entries, found \(roi.count)") }
        let rule = try Rule(invocation)
        var outputShape: [Int] = [], taps: [[[Tap]?]] = []
        for axis in 0..<rank {
            let input = inputShape[axis]
            let scale: Double, target: Double, output: Int
            if sizes.isEmpty {
                scale = scales[axis]
                guard scale > 0, scale.isFinite else { throw Diagnostic("scales must be positive, found \(scales)") }
                target = Double(input) * scale
                guard let floored = Int(exactly: target.rounded(.down)), floored <= Int(Int32.max) else {
                    throw Diagnostic("scale \(scale) on axis \(axis) gives an output too large to compute")
                }
                output = floored
            } else {
                output = sizes[axis]
                guard output >= 0 else { throw Diagnostic("sizes must not be negative, found \(describe(sizes))") }
                scale = scales.isEmpty ? Double(output) / Double(input) : scales[axis]
                guard scale > 0, scale.isFinite else { throw Diagnostic("scales must be positive, found \(scales)") }
                target = scales.isEmpty ? Double(output) : Double(input) * scale
            }
            guard input > 0 || output == 0 else { throw Diagnostic("cannot resize an empty axis \(axis) to \(output)") }
            let region = roi.isEmpty ? (start: 0.0, end: 1.0) : (start: roi[axis], end: roi[rank + axis])
            let geometry = AxisGeometry(input: input, output: output, scale: scale, target: target, region: region)
            outputShape.append(output)
            taps.append((0..<output).map { rule.taps(at: geometry.coordinate(of: $0, rule.coordinates), geometry) })
        }
        self.outputShape = outputShape
        self.taps = taps
        extrapolationValue = try invocation.double("extrapolation_value")
    }
}

extension ResizePlan {
    /// The sizes and scale of one axis.
    private struct AxisGeometry {
        let input: Int
        let output: Int
        let scale: Double
        let target: Double
        let region: (start: Double, end: Double)

        /// The input coordinate output position `position` maps to.
        func coordinate(of position: Int, _ mode: CoordinateTransformation) -> Double {
            let x = Double(position), span = Double(input - 1)
            switch mode {
            case .halfPixel: return (x + 0.5) / scale - 0.5
            case .halfPixelSymmetric:
                return Double(input) / 2 * (1 - Double(output) / target) + (x + 0.5) / scale - 0.5
            case .pytorchHalfPixel: return target == 1 ? -0.5 : (x + 0.5) / scale - 0.5
            case .alignCorners: return target == 1 ? 0 : x * span / (target - 1)
            case .asymmetric: return x / scale
            case .tfCropAndResize:
                let width = region.end - region.start
                return (target == 1 ? width * span / 2 : x * width * span / (target - 1)) + region.start * span
            }
        }
    }

    /// The interpolation attributes: how a coordinate becomes taps.
    private struct Rule {
        let linear: Bool
        let coordinates: CoordinateTransformation
        let nearest: NearestMode
        let antialias: Bool
        let excludeOutside: Bool

        init(_ invocation: ReferenceInvocation) throws {
            linear = try invocation.choice("mode", ResizeMode.allCases.map(\.rawValue)) == ResizeMode.linear.rawValue
            coordinates = try Self.choice(invocation, "coordinate_transformation_mode", as: CoordinateTransformation.self)
            nearest = try Self.choice(invocation, "nearest_mode", as: NearestMode.self)
            antialias = try invocation.bool("antialias")
            excludeOutside = try invocation.bool("exclude_outside")
        }

        /// The taps of input coordinate `x` on an axis of `geometry`, or `nil` when tf_crop_and_resize extrapolates.
        func taps(at x: Double, _ geometry: AxisGeometry) -> [Tap]? {
            let last = geometry.input - 1
            if coordinates == .tfCropAndResize && (x < 0 || x > Double(last)) { return nil }
            let below = x.rounded(.down), fraction = x - below
            guard linear else {
                let roundsUp: Bool
                switch nearest {
                case .roundPreferFloor: roundsUp = fraction > 0.5
                case .roundPreferCeil: roundsUp = fraction >= 0.5
                case .ceil: roundsUp = fraction > 0
                case .floor: roundsUp = false
                }
                return [Tap(index: Self.clamped(below + (roundsUp ? 1 : 0), last), weight: 1)]
            }
            let sharpness = antialias ? Swift.min(geometry.scale, 1) : 1
            let reach = 1 / sharpness
            var taps: [Tap] = []
            var position = (x - reach).rounded(.down) + 1
            while position < x + reach {
                let weight = 1 - Swift.abs(position - x) * sharpness
                if weight > 0 && (!excludeOutside || (0...Double(last)).contains(position)) {
                    taps.append(Tap(index: Self.clamped(position, last), weight: weight))
                }
                position += 1
            }
            let total = taps.reduce(0) { $0 + $1.weight }
            guard total > 0 else { return [Tap(index: Self.clamped(x.rounded(), last), weight: 1)] }
            return taps.map { Tap(index: $0.index, weight: $0.weight / total) }
        }

        /// An index held as a whole `Double`, limited to `0...last`.
        private static func clamped(_ index: Double, _ last: Int) -> Int {
            Int(Swift.min(Swift.max(index, 0), Double(last)))
        }

        /// The string attribute `name` as a case of `Choice`.
        private static func choice<Choice: RawRepresentable & CaseIterable>(_ invocation: ReferenceInvocation, _ name: String,
                                                                            as _: Choice.Type) throws -> Choice
        where Choice.RawValue == String {
            let text = try invocation.choice(name, Choice.allCases.map(\.rawValue))
            guard let choice = Choice(rawValue: text) else { throw Diagnostic("attribute '\(name)' has no value \(text)") }
            return choice
        }
    }
}
