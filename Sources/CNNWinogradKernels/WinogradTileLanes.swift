/// The lane kernels (`WinogradLaneTransforms`) for a tile size chosen at run time: m = 2, 4 or
/// 6 (α = m + 2), each call dispatched to the instance whose sizes are compile-time constants.
/// Another m does nothing (the runtime's tiles are exactly these three).
public enum WinogradTileLanes<Target: WinogradInstructionTarget> {
    /// `WinogradLaneTransforms.gatherPatches` for tiles of m = `outputSize`.
    @inlinable
    public static func gatherPatches(outputSize: Int, _ band: UnsafePointer<Float>, rowStride: Int, rows: Range<Int>,
                                     tiles: Int, into patches: UnsafeMutablePointer<Float>, laneStride: Int) {
        switch outputSize {
        case 2: WinogradLaneTransforms<Target, 2, 4>.gatherPatches(band, rowStride: rowStride, rows: rows, tiles: tiles,
                                                                   into: patches, laneStride: laneStride)
        case 4: WinogradLaneTransforms<Target, 4, 6>.gatherPatches(band, rowStride: rowStride, rows: rows, tiles: tiles,
                                                                   into: patches, laneStride: laneStride)
        case 6: WinogradLaneTransforms<Target, 6, 8>.gatherPatches(band, rowStride: rowStride, rows: rows, tiles: tiles,
                                                                   into: patches, laneStride: laneStride)
        default: break
        }
    }

    /// `WinogradLaneTransforms.scatterTiles` for tiles of m = `outputSize`.
    @inlinable
    public static func scatterTiles(outputSize: Int, _ outputs: UnsafePointer<Float>, laneStride: Int, tiles: Int,
                                    into band: UnsafeMutablePointer<Float>, rowStride: Int) {
        switch outputSize {
        case 2: WinogradLaneTransforms<Target, 2, 4>.scatterTiles(outputs, laneStride: laneStride, tiles: tiles, into: band,
                                                                  rowStride: rowStride)
        case 4: WinogradLaneTransforms<Target, 4, 6>.scatterTiles(outputs, laneStride: laneStride, tiles: tiles, into: band,
                                                                  rowStride: rowStride)
        case 6: WinogradLaneTransforms<Target, 6, 8>.scatterTiles(outputs, laneStride: laneStride, tiles: tiles, into: band,
                                                                  rowStride: rowStride)
        default: break
        }
    }

    /// `WinogradLaneTransforms.transformInput` for tiles of m = `outputSize`.
    @inlinable
    public static func transformInput(outputSize: Int, _ patches: UnsafePointer<Float>, laneStride: Int,
                                      inputTransform: UnsafePointer<Float>, scratch: UnsafeMutablePointer<Float>,
                                      output: UnsafeMutablePointer<Float>, frequencyStride: Int) {
        switch outputSize {
        case 2: WinogradLaneTransforms<Target, 2, 4>.transformInput(patches, laneStride: laneStride, inputTransform: inputTransform,
                                                                    scratch: scratch, output: output, frequencyStride: frequencyStride)
        case 4: WinogradLaneTransforms<Target, 4, 6>.transformInput(patches, laneStride: laneStride, inputTransform: inputTransform,
                                                                    scratch: scratch, output: output, frequencyStride: frequencyStride)
        case 6: WinogradLaneTransforms<Target, 6, 8>.transformInput(patches, laneStride: laneStride, inputTransform: inputTransform,
                                                                    scratch: scratch, output: output, frequencyStride: frequencyStride)
        default: break
        }
    }

    /// `WinogradLaneTransforms.transformOutput` for tiles of m = `outputSize`.
    @inlinable
    public static func transformOutput(outputSize: Int, _ products: UnsafePointer<Float>, frequencyStride: Int,
                                       outputTransform: UnsafePointer<Float>, scratch: UnsafeMutablePointer<Float>,
                                       offset: SIMD16<Float>, outputs: UnsafeMutablePointer<Float>, laneStride: Int) {
        switch outputSize {
        case 2: WinogradLaneTransforms<Target, 2, 4>.transformOutput(products, frequencyStride: frequencyStride,
                                                                     outputTransform: outputTransform, scratch: scratch,
                                                                     offset: offset, outputs: outputs, laneStride: laneStride)
        case 4: WinogradLaneTransforms<Target, 4, 6>.transformOutput(products, frequencyStride: frequencyStride,
                                                                     outputTransform: outputTransform, scratch: scratch,
                                                                     offset: offset, outputs: outputs, laneStride: laneStride)
        case 6: WinogradLaneTransforms<Target, 6, 8>.transformOutput(products, frequencyStride: frequencyStride,
                                                                     outputTransform: outputTransform, scratch: scratch,
                                                                     offset: offset, outputs: outputs, laneStride: laneStride)
        default: break
        }
    }
}
