/// The output tile of a Winograd conv F(m×m, 3×3): each tile of m×m outputs of one channel is
/// computed from an α×α patch of the input (α = m + 2) with α² multiplications per input
/// channel instead of 9·m². The raw values are the kernels' names.
enum WinogradTile: String, Sendable, CaseIterable {
    /// F(2x2, 3x3): 16 products per 4 outputs (2.25× fewer than direct).
    case f2x2 = "winograd2x2"
    /// F(4x4, 3x3): 36 products per 16 outputs (4× fewer).
    case f4x4 = "winograd4x4"
    /// F(6x6, 3x3): 64 products per 36 outputs (5.06× fewer), with the largest rounding error.
    case f6x6 = "winograd6x6"

    /// m: outputs along each side of a tile.
    var outputSize: Int {
        switch self {
        case .f2x2: 2
        case .f4x4: 4
        case .f6x6: 6
        }
    }

    /// α = m + 2: inputs along each side of a tile's patch.
    var inputSize: Int { outputSize + 2 }

    /// The α − 1 finite interpolation points of the Cook-Toom construction (the last point is
    /// ∞), those of Lavin & Gray, "Fast Algorithms for Convolutional Neural Networks" (2016):
    /// 0, ±1, ±2, ±1/2, small numbers whose powers keep Aᵀ and Bᵀ exact in f32. The order, 0
    /// then pairs p, −p, gives the transforms the parity structure the lane transforms use
    /// (`WinogradInputParityProduct`).
    var interpolationPoints: [ExactFraction] {
        let base = [ExactFraction(0), ExactFraction(1), ExactFraction(-1)]
        switch self {
        case .f2x2: return base
        case .f4x4: return base + [ExactFraction(2), ExactFraction(-2)]
        case .f6x6: return base + [ExactFraction(2), ExactFraction(-2), ExactFraction(1, 2), ExactFraction(-1, 2)]
        }
    }

    /// The transforms of this tile for a 3-tap kernel, derived from the interpolation points.
    var transforms: WinogradTransforms {
        switch self {
        case .f2x2: WinogradTile.derived2x2
        case .f4x4: WinogradTile.derived4x4
        case .f6x6: WinogradTile.derived6x6
        }
    }

    /// The transforms of each tile, derived once on first use.
    private static let derived2x2 = WinogradTransforms(points: WinogradTile.f2x2.interpolationPoints, outputSize: 2, kernelSize: 3)
    private static let derived4x4 = WinogradTransforms(points: WinogradTile.f4x4.interpolationPoints, outputSize: 4, kernelSize: 3)
    private static let derived6x6 = WinogradTransforms(points: WinogradTile.f6x6.interpolationPoints, outputSize: 6, kernelSize: 3)
}
