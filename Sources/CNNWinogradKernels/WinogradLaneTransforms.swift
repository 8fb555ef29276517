/// The per-channel work of a Winograd conv on the tiles of a block, with sizes fixed at compile
/// time (`Outputs` = m, `Inputs` = α = m + 2), on lane rows: row e of a lane buffer holds element
/// e of every tile of the block, tile p at position p (rows `laneStride` floats apart), so that 16
/// consecutive tiles are one vector.
///
/// - `gatherPatches` and `scatterTiles` move a band's tiles between its band buffer rows (tile
///   tx's elements m floats after tile tx − 1's) and the lane rows;
/// - `transformInput` and `transformOutput` apply the 2-D transforms to 16 tiles at a time as
///   two passes (columns, then rows) of `WinogradInputParityProduct` or
///   `WinogradOutputParityProduct`, the first pass's vectors going through `scratch`.
///
/// Generic over the module that compiles them (`WinogradInstructionTarget`): the runtime
/// instantiates them for its default target (AVX2) and CNNWinogradAVX512 for AVX-512, where
/// each vector is one register.
public enum WinogradLaneTransforms<Target: WinogradInstructionTarget, let Outputs: Int, let Inputs: Int> {
    /// The vector of 16 lanes.
    public typealias Vector = SIMD16<Float>

    /// Copies the α×α patches of `tiles` consecutive tiles of a band, the first one's top-left
    /// element at `band` (band rows `rowStride` apart), into the lane rows `patches` (element
    /// (r, k) in row r·α + k), starting at the rows' first position; the patch rows outside
    /// `rows` are not read but set to zero. Writes whole vectors: the positions after the last
    /// tile up to the next multiple of 16 get values read past it (each group of 16 tiles reads
    /// up to 17·m floats of a row from its first tile's).
    @inlinable @inline(__always)
    public static func gatherPatches(_ band: UnsafePointer<Float>, rowStride: Int, rows: Range<Int>, tiles: Int,
                                     into patches: UnsafeMutablePointer<Float>, laneStride: Int) {
        let lanes = WinogradLanes.count
        for first in stride(from: 0, to: tiles, by: lanes) {
            for row in 0..<Inputs {
                guard rows.contains(row) else {
                    for element in 0..<Inputs {
                        patches.storeLanes(Vector(), at: (row &* Inputs &+ element) &* laneStride &+ first)
                    }
                    continue
                }
                // Columns e and e + m of the patches are element e of consecutive tiles: one
                // de-interleave of the row from each multiple of m gives m columns.
                for base in stride(from: 0, to: Inputs, by: Outputs) {
                    let vectors: InlineArray<Outputs, Vector> =
                        WinogradLaneMoves<Target>.gather(band + (row &* rowStride &+ first &* Outputs &+ base))
                    for element in 0..<min(Outputs, Inputs &- base) {
                        patches.storeLanes(vectors[element], at: (row &* Inputs &+ base &+ element) &* laneStride &+ first)
                    }
                }
            }
        }
    }

    /// Copies the m×m blocks of `tiles` consecutive tiles from the lane rows `outputs` (element
    /// (i, j) in row i·m + j), starting at their first position, into a band whose first tile's
    /// top-left element is at `band` (band rows `rowStride` apart). Writes whole vectors: up to
    /// 15 tiles' worth of elements after the last tile's get values of later positions.
    @inlinable @inline(__always)
    public static func scatterTiles(_ outputs: UnsafePointer<Float>, laneStride: Int, tiles: Int,
                             into band: UnsafeMutablePointer<Float>, rowStride: Int) {
        let lanes = WinogradLanes.count
        for first in stride(from: 0, to: tiles, by: lanes) {
            for row in 0..<Outputs {
                var columns = InlineArray<Outputs, Vector>(repeating: Vector())
                for column in 0..<Outputs {
                    columns[column] = outputs.loadLanes(at: (row &* Outputs &+ column) &* laneStride &+ first)
                }
                WinogradLaneMoves<Target>.scatter(columns, into: band + (row &* rowStride &+ first &* Outputs))
            }
        }
    }

    /// `V = Bᵀ d B` of the 16 patches at the start of the lane rows `patches`; `inputTransform`
    /// is Bᵀ (α × α, row-major); V's element (i, j) goes to the vector at
    /// `output + (i·α + j)·frequencyStride`.
    @inlinable @inline(__always)
    public static func transformInput(_ patches: UnsafePointer<Float>, laneStride: Int, inputTransform: UnsafePointer<Float>,
                               scratch: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>, frequencyStride: Int) {
        let lanes = WinogradLanes.count
        // Columns: scratch(i, k) = Σ_r Bᵀ[i][r]·d(r, k).
        WinogradInputParityProduct<Target, Inputs>.apply(
            inputTransform,
            load: { r, k in patches.loadLanes(at: (r &* Inputs &+ k) &* laneStride) },
            store: { i, k, value in scratch.storeLanes(value, at: (i * Inputs + k) * lanes) })
        // Rows: V(i, j) = Σ_k Bᵀ[j][k]·scratch(i, k).
        WinogradInputParityProduct<Target, Inputs>.apply(
            inputTransform,
            load: { k, i in UnsafePointer(scratch).loadLanes(at: (i * Inputs + k) * lanes) },
            store: { j, i, value in output.storeLanes(value, at: (i &* Inputs &+ j) &* frequencyStride) })
    }

    /// `Y = Aᵀ M A + offset` of 16 tiles: M's element (r, k) is the vector at
    /// `products + (r·α + k)·frequencyStride`; `outputTransform` is Aᵀ (m × α, row-major); Y's
    /// element (i, j) goes to the start of lane row i·m + j of `outputs`.
    @inlinable @inline(__always)
    public static func transformOutput(_ products: UnsafePointer<Float>, frequencyStride: Int, outputTransform: UnsafePointer<Float>,
                                scratch: UnsafeMutablePointer<Float>, offset: Vector,
                                outputs: UnsafeMutablePointer<Float>, laneStride: Int) {
        let lanes = WinogradLanes.count
        // Columns: scratch(i, k) = Σ_r Aᵀ[i][r]·M(r, k).
        WinogradOutputParityProduct<Target, Outputs, Inputs, Inputs>.apply(
            outputTransform, offset: Vector(),
            load: { r, k in products.loadLanes(at: (r &* Inputs &+ k) &* frequencyStride) },
            store: { i, k, value in scratch.storeLanes(value, at: (i * Inputs + k) * lanes) })
        // Rows: Y(i, j) = Σ_k Aᵀ[j][k]·scratch(i, k) + offset.
        WinogradOutputParityProduct<Target, Outputs, Inputs, Outputs>.apply(
            outputTransform, offset: offset,
            load: { k, i in UnsafePointer(scratch).loadLanes(at: (i * Inputs + k) * lanes) },
            store: { j, i, value in outputs.storeLanes(value, at: (i &* Outputs &+ j) &* laneStride) })
    }
}
