/// The training mask of `dropout`: whether element `i` is kept is a pure function of the seed,
/// the step and `i`, so that every kernel (reference or fast, on any number of threads) draws the
/// same mask, and a gradient computed later can rely on the mask result.
///
/// With SplitMix64's finalizer `mix` and increment γ (as `SeededGenerator`):
/// `key = mix((mix(seed + γ) xor step) + γ)` — the first draw of a `SeededGenerator` seeded with
/// the first draw of one seeded with `seed`, xor `step` — and for element `i` (row-major)
/// `h = mix(key + (i + 1)·γ)`, the `(i + 1)`-th draw of a generator seeded with `key` (all
/// arithmetic wrapping). The element is kept when `(h >> 40) / 2^24 ≥ ratio`, that is when
/// `h >> 40 ≥ ⌈ratio·2^24⌉`: exact integer arithmetic, with probability 1 − ratio to within 2^−24.
public struct DropoutMask: Sendable, Equatable {
    /// SplitMix64's increment.
    public static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The key of the mask's stream.
    public let key: UInt64
    /// An element is kept when the top 24 bits of its hash are at least this.
    public let threshold: UInt64

    /// The mask of `dropout` with `seed` (its attribute) at `step`, dropping a fraction `ratio`
    /// (in [0, 1)).
    @inlinable
    public init(seed: Int, step: Int64, ratio: Double) {
        let seeded = Self.mix(UInt64(bitPattern: Int64(seed)) &+ Self.increment)
        key = Self.mix((seeded ^ UInt64(bitPattern: step)) &+ Self.increment)
        threshold = UInt64((min(max(ratio, 0), 1) * 0x1p24).rounded(.up))
    }

    /// Whether element `index` is kept.
    @inlinable
    public func keeps(_ index: Int) -> Bool {
        Self.mix(key &+ UInt64(bitPattern: Int64(index) &+ 1) &* Self.increment) >> 40 >= threshold
    }

    /// SplitMix64's finalizer: a bijective mix of the 64 bits of `z`.
    @inlinable
    public static func mix(_ z: UInt64) -> UInt64 {
        var z = z
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
