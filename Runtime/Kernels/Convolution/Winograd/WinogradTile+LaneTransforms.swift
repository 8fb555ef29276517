/// `WinogradLaneTransforms` for a tile size chosen at run time.
extension WinogradTile {
    /// `WinogradLaneTransforms.gatherPatches` for this tile's sizes.
    func gatherPatches(_ band: UnsafePointer<Float>, rowStride: Int, rows: Range<Int>, tiles: Int,
                       into patches: UnsafeMutablePointer<Float>, laneStride: Int) {
        switch self {
        case .f2x2: WinogradLaneTransforms<2, 4>.gatherPatches(band, rowStride: rowStride, rows: rows, tiles: tiles, into: patches, laneStride: laneStride)
        case .f4x4: WinogradLaneTransforms<4, 6>.gatherPatches(band, rowStride: rowStride, rows: rows, tiles: tiles, into: patches, laneStride: laneStride)
        case .f6x6: WinogradLaneTransforms<6, 8>.gatherPatches(band, rowStride: rowStride, rows: rows, tiles: tiles, into: patches, laneStride: laneStride)
        }
    }

    /// `WinogradLaneTransforms.scatterTiles` for this tile's sizes.
    func scatterTiles(_ outputs: UnsafePointer<Float>, laneStride: Int, tiles: Int,
                      into band: UnsafeMutablePointer<Float>, rowStride: Int) {
        switch self {
        case .f2x2: WinogradLaneTransforms<2, 4>.scatterTiles(outputs, laneStride: laneStride, tiles: tiles, into: band, rowStride: rowStride)
        case .f4x4: WinogradLaneTransforms<4, 6>.scatterTiles(outputs, laneStride: laneStride, tiles: tiles, into: band, rowStride: rowStride)
        case .f6x6: WinogradLaneTransforms<6, 8>.scatterTiles(outputs, laneStride: laneStride, tiles: tiles, into: band, rowStride: rowStride)
        }
    }

    /// `WinogradLaneTransforms.transformInput` for this tile's sizes.
    func transformInput(_ patches: UnsafePointer<Float>, laneStride: Int, inputTransform: UnsafePointer<Float>,
                        scratch: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>, frequencyStride: Int) {
        switch self {
        case .f2x2:
            WinogradLaneTransforms<2, 4>.transformInput(patches, laneStride: laneStride, inputTransform: inputTransform,
                                                        scratch: scratch, output: output, frequencyStride: frequencyStride)
        case .f4x4:
            WinogradLaneTransforms<4, 6>.transformInput(patches, laneStride: laneStride, inputTransform: inputTransform,
                                                        scratch: scratch, output: output, frequencyStride: frequencyStride)
        case .f6x6:
            WinogradLaneTransforms<6, 8>.transformInput(patches, laneStride: laneStride, inputTransform: inputTransform,
                                                        scratch: scratch, output: output, frequencyStride: frequencyStride)
        }
    }

    /// `WinogradLaneTransforms.transformOutput` for this tile's sizes.
    func transformOutput(_ products: UnsafePointer<Float>, frequencyStride: Int, outputTransform: UnsafePointer<Float>,
                         scratch: UnsafeMutablePointer<Float>, offset: FloatVector,
                         outputs: UnsafeMutablePointer<Float>, laneStride: Int) {
        switch self {
        case .f2x2:
            WinogradLaneTransforms<2, 4>.transformOutput(products, frequencyStride: frequencyStride, outputTransform: outputTransform,
                                                         scratch: scratch, offset: offset, outputs: outputs, laneStride: laneStride)
        case .f4x4:
            WinogradLaneTransforms<4, 6>.transformOutput(products, frequencyStride: frequencyStride, outputTransform: outputTransform,
                                                         scratch: scratch, offset: offset, outputs: outputs, laneStride: laneStride)
        case .f6x6:
            WinogradLaneTransforms<6, 8>.transformOutput(products, frequencyStride: frequencyStride, outputTransform: outputTransform,
                                                         scratch: scratch, offset: offset, outputs: outputs, laneStride: laneStride)
        }
    }
}
