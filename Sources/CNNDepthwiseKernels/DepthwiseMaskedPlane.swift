/// What the masked depthwise kernel (`DepthwiseMaskedPlanes`) reads and writes for one plane
/// (one channel of one image) of a small map at stride 1 whose output rows are as wide as its
/// input rows: numbering both planes' pixels row by row, tap `t` of output `p` reads input
/// `p + offsets[t]`, or a padding zero, which the lane masks give.
public struct DepthwiseMaskedPlane {
    /// The input plane, which may be read from `offsets`' smallest to the last float a vector
    /// reads past the plane (its neighbours in the tensor, or a copy with room around it).
    public let input: UnsafePointer<Float>
    /// Per tap, where it reads the input relative to an output.
    public let offsets: UnsafePointer<Int>
    /// Per output vector `v` and tap `t`, at `masks + 16·(v·taps + t)`: all bits set in the
    /// lanes whose input is in the plane, zero in those that read a padding zero.
    public let masks: UnsafePointer<UInt32>
    /// The kh · kw weights of the channel.
    public let weights: UnsafePointer<Float>
    /// The number of taps (kh · kw).
    public let taps: Int
    /// The channel's bias (where each window sum starts).
    public let bias: Float
    /// The output plane (`outputPlane` ≥ 16 floats): vector `v` covers outputs
    /// `min(16·v, outputPlane − 16)..<+16`.
    public let output: UnsafeMutablePointer<Float>
    /// The residual plane added to the outputs, or `nil`.
    public let residual: UnsafePointer<Float>?
    /// The outputs of the plane.
    public let outputPlane: Int
    /// The clamp applied to the outputs when `clamps` holds (relu's and clip's bounds).
    public let clampLower: Float, clampUpper: Float
    /// Whether the outputs are clamped.
    public let clamps: Bool

    /// The run of one plane.
    @inlinable
    public init(input: UnsafePointer<Float>, offsets: UnsafePointer<Int>, masks: UnsafePointer<UInt32>, weights: UnsafePointer<Float>,
                taps: Int, bias: Float, output: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?,
                outputPlane: Int, clampLower: Float, clampUpper: Float, clamps: Bool) {
        (self.input, self.offsets, self.masks, self.weights, self.taps, self.bias) = (input, offsets, masks, weights, taps, bias)
        (self.output, self.residual, self.outputPlane) = (output, residual, outputPlane)
        (self.clampLower, self.clampUpper, self.clamps) = (clampLower, clampUpper, clamps)
    }
}

/// The masked depthwise kernel for small maps at stride 1, generic over the module that
/// compiles it (`Target`): no copy of the plane; each vector of 16 consecutive outputs (across
/// rows) sums, per tap, its weight times the 16 inputs the tap reads, loaded straight from the
/// input plane with the lanes that fall on padding set to zero, four vectors at a time for four
/// independent chains of fused multiply-adds.
public enum DepthwiseMaskedPlanes<Target: DepthwiseInstructionTarget> {
    /// Computes and stores the outputs of `plane`.
    @inlinable
    public static func run(_ plane: DepthwiseMaskedPlane) {
        switch plane.taps {
        case 9: run(plane, NineTaps())
        case 25: run(plane, TwentyFiveTaps())
        default: run(plane, RuntimeTaps(count: plane.taps))
        }
    }

    @inlinable @inline(__always)
    static func run<Taps: DepthwiseTaps>(_ plane: DepthwiseMaskedPlane, _ taps: Taps) {
        let vectors = (plane.outputPlane &+ 15) / 16, lastVector = vectors &- 1
        for first in stride(from: 0, to: vectors, by: 4) {
            let indices = (first, min(first &+ 1, lastVector), min(first &+ 2, lastVector), min(first &+ 3, lastVector))
            let starts = (start(indices.0, plane), start(indices.1, plane), start(indices.2, plane), start(indices.3, plane))
            let masks = (plane.masks + indices.0 &* taps.count &* 16, plane.masks + indices.1 &* taps.count &* 16,
                         plane.masks + indices.2 &* taps.count &* 16, plane.masks + indices.3 &* taps.count &* 16)
            let bias = SIMD16<Float>(repeating: plane.bias)
            var sums = (bias, bias, bias, bias)
            for tap in 0..<taps.count {
                let weight = SIMD16<Float>(repeating: plane.weights[tap]), source = plane.input + plane.offsets[tap]
                @inline(__always)
                func inputs(_ start: Int, _ mask: UnsafePointer<UInt32>) -> SIMD16<Float> {
                    let vector = UnsafeRawPointer(source + start).loadUnaligned(as: SIMD16<UInt32>.self)
                    let lanes = UnsafeRawPointer(mask + tap &* 16).load(as: SIMD16<UInt32>.self)
                    return unsafeBitCast(vector & lanes, to: SIMD16<Float>.self)
                }
                sums.0.addProduct(weight, inputs(starts.0, masks.0))
                sums.1.addProduct(weight, inputs(starts.1, masks.1))
                sums.2.addProduct(weight, inputs(starts.2, masks.2))
                sums.3.addProduct(weight, inputs(starts.3, masks.3))
            }
            store(plane, sums.0, at: starts.0)
            store(plane, sums.1, at: starts.1)
            store(plane, sums.2, at: starts.2)
            store(plane, sums.3, at: starts.3)
        }
    }

    /// The first output of vector `index`: the last vector ends at the plane's end.
    @inlinable @inline(__always)
    static func start(_ index: Int, _ plane: DepthwiseMaskedPlane) -> Int {
        min(index &* 16, plane.outputPlane &- 16)
    }

    /// Stores the outputs of the window sums `sum` at `offset`: the residual added, then the
    /// clamp applied (NaN kept; the upper bound wins).
    @inlinable @inline(__always)
    static func store(_ plane: DepthwiseMaskedPlane, _ sum: SIMD16<Float>, at offset: Int) {
        var total = sum
        if let residual = plane.residual {
            total += UnsafeRawPointer(residual + offset).loadUnaligned(as: SIMD16<Float>.self)
        }
        if plane.clamps {
            total.replace(with: plane.clampLower, where: total .< plane.clampLower)
            total.replace(with: plane.clampUpper, where: total .> plane.clampUpper)
        }
        UnsafeMutableRawPointer(plane.output + offset).storeBytes(of: total, as: SIMD16<Float>.self)
    }
}
