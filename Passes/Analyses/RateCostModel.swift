import CNNIR

/// A cost model from the speeds cnnc's kernels measured on one core of the reference machine
/// (`cnnc-kernel-bench`, figures in docs/PERFORMANCE.md): each algorithm's time is its floating
/// point work divided by the rate its kernel reaches, plus, for Winograd, the transforms.
///
/// It ranks algorithms, it does not predict absolute times on other machines; `cnnc compile
/// --tune` measures instead.
public struct RateCostModel: ConvolutionCostModel {
    public let name = "rates"

    /// GFLOP/s of the packed GEMM on a product with an inner size of at least 256 (one core;
    /// the 1x1 conv 256→64 at 56x56 runs at 225).
    static let largeProductRate = 225.0
    /// The share of the GEMM's rate an im2col conv keeps while it also gathers its columns
    /// (3x3 64→64 at 56x56: 185 of 225 GFLOP/s).
    static let gatheringShare = 0.82
    /// GFLOP/s of the packed GEMM on a product with a small inner size (3x3 on 3 to 16 channels).
    static let smallProductRate = 120.0
    /// The rows (output channels per group) from which the GEMM's register tile is full; fewer
    /// rows leave part of every tile idle.
    static let fullTileRows = 16
    /// GFLOP/s of the depthwise kernel.
    static let depthwiseRate = 40.0
    /// Effective GFLOP/s of the Winograd input and output transforms, counting 2α flops per
    /// transformed element (fitted to F(2x2) and F(4x4) on 64→64 at 56x56).
    static let transformRate = 48.0
    /// GFLOP/s of Winograd's α² products (one per frequency, `C_out × C_in × tiles`) when they
    /// have at least `fullTileColumns` tiles (measured 140–180 from 16 to 784 tiles).
    static let winogradProductRate = 160.0
    /// The tiles from which Winograd's products fill the GEMM's column tile: with 4 tiles
    /// (F(4x4) on a 7x7 map) they ran at 34 GFLOP/s.
    static let fullTileColumns = 16

    /// Creates the model.
    public init() {}

    public func estimatedSeconds(_ algorithm: ConvolutionAlgorithm, on workload: ConvolutionWorkload) -> Double? {
        let shape = workload.shape
        let flops = 2 * Double(workload.multiplyAccumulates)
        let depthPerGroup = shape.inputChannels / shape.groups * shape.kernel.reduce(1, *)
        let rowsPerGroup = shape.outputChannels / shape.groups
        switch algorithm {
        case .gemm1x1:
            return flops / (Self.productRate(rows: rowsPerGroup, depth: depthPerGroup) * 1e9)
        case .im2col:
            return flops / (Self.gatheringShare * Self.productRate(rows: rowsPerGroup, depth: depthPerGroup) * 1e9)
        case .depthwise:
            return flops / (Self.depthwiseRate * 1e9)
        case .winograd2x2:
            return Self.winogradSeconds(workload, outputTile: 2)
        case .winograd4x4:
            return Self.winogradSeconds(workload, outputTile: 4)
        case .auto, .direct:
            return nil
        }
    }

    /// The GEMM rate for products of `rows` rows and inner size `depth`, in GFLOP/s.
    static func productRate(rows: Int, depth: Int) -> Double {
        let byDepth = depth >= 256 ? largeProductRate
            : smallProductRate + (largeProductRate - smallProductRate) * Double(depth) / 256
        return byDepth * Double(min(rows, fullTileRows)) / Double(fullTileRows)
    }

    /// Winograd F(m×m, 3×3) on α = m + 2 point tiles: α² products `C_out × C_in × tiles`, the
    /// input transform of every tile and input channel, and the output transform of every tile
    /// and output channel.
    static func winogradSeconds(_ workload: ConvolutionWorkload, outputTile m: Int) -> Double? {
        guard workload.outputSize.count == 2 else { return nil }
        let alpha = Double(m + 2)
        let tiles = Double(workload.batch * ((workload.outputSize[0] + m - 1) / m) * ((workload.outputSize[1] + m - 1) / m))
        let (inputs, outputs) = (Double(workload.shape.inputChannels), Double(workload.shape.outputChannels))
        let productFlops = 2 * alpha * alpha * inputs * outputs * tiles
        let transformFlops = 2 * alpha * alpha * alpha * tiles * (inputs + outputs)
        let shapeRate = min(winogradProductRate, productRate(rows: workload.shape.outputChannels,
                                                             depth: workload.shape.inputChannels))
        let rate = shapeRate * min(1, tiles / Double(fullTileColumns))
        return productFlops / (rate * 1e9) + transformFlops / (transformRate * 1e9)
    }
}
