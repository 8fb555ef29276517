import CNNIR

/// Where the outputs of resize read along one axis: for each output position, one input index
/// (nearest) or two with weights (linear), computed in `Double` exactly as the reference does.
///
/// An output coordinate `x` maps to the input coordinate: half_pixel `(x + 0.5)/scale − 0.5`;
/// pytorch_half_pixel the same, or 0 when the target length is 1; align_corners
/// `x·(in − 1)/(target − 1)`, or 0 when the target length is 1; asymmetric `x/scale`. Nearest
/// rounds by `nearest_mode`, linear weights `floor(x)` and `floor(x) + 1` by `1 − frac` and
/// `frac`; indices are clamped into the input.
struct ResizeSampling {
    /// The first input index per output position.
    var firstIndices: [Int] = []
    /// The second input index per output position (equal to the first for nearest).
    var secondIndices: [Int] = []
    /// The weight of the first index per output position.
    var firstWeights: [Float] = []
    /// The weight of the second index per output position.
    var secondWeights: [Float] = []
    /// Whether some output position reads two inputs (a linear axis whose coordinates are not all whole).
    var blends: Bool { secondWeights.contains { $0 != 0 } }

    /// The sampling of an axis of `input` elements resized to `output` with `scale` and target
    /// length `target` (see `ResizeKernel` for how they follow from scales or sizes).
    init(input: Int, output: Int, scale: Double, target: Double, linear: Bool, coordinateMode: String, nearestMode: String) {
        for position in 0..<output {
            let x = Double(position)
            let coordinate: Double
            switch coordinateMode {
            case "pytorch_half_pixel": coordinate = target == 1 ? 0 : (x + 0.5) / scale - 0.5
            case "align_corners": coordinate = target == 1 ? 0 : x * Double(input - 1) / (target - 1)
            case "asymmetric": coordinate = x / scale
            default: coordinate = (x + 0.5) / scale - 0.5
            }
            let below = coordinate.rounded(.down), fraction = coordinate - below
            if linear {
                firstIndices.append(Self.clamped(below, input))
                secondIndices.append(Self.clamped(below + 1, input))
                firstWeights.append(Float(1 - fraction))
                secondWeights.append(Float(fraction))
            } else {
                let roundsUp: Bool
                switch nearestMode {
                case "round_prefer_floor": roundsUp = fraction > 0.5
                case "round_prefer_ceil": roundsUp = fraction >= 0.5
                case "ceil": roundsUp = fraction > 0
                default: roundsUp = false
                }
                let index = Self.clamped(below + (roundsUp ? 1 : 0), input)
                firstIndices.append(index)
                secondIndices.append(index)
                firstWeights.append(1)
                secondWeights.append(0)
            }
        }
    }

    /// An index held as a whole `Double`, limited to `0..<input`.
    private static func clamped(_ index: Double, _ input: Int) -> Int {
        Int(min(max(index, 0), Double(input - 1)))
    }
}
