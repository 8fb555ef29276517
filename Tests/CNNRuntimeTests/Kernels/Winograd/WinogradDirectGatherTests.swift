import Testing
import CNNGEMM
import CNNIR
import CNNWinogradKernels
@testable import CNNRuntime

/// Winograd's patches gathered straight from the input (`WinogradTileGrid.directInput`, then
/// `zeroPaddedColumns`) against the same patches gathered from the padded copy of the band's
/// input rows (`copyInputBand`), lane for lane, on every instruction set's lane kernels.
@Suite("Winograd patches read in place")
struct WinogradDirectGatherTests {
    /// The instruction sets whose lane kernels this processor runs.
    static let instructionSets = GEMMInstructionSet.supported.filter { $0 != .generic }

    @Test("In-place patches hold the padded copy's values; bands whose reads would leave the input take the copy",
          arguments: WinogradTile.allCases, instructionSets)
    func inPlacePatchesMatchCopies(tile: WinogradTile, instructionSet: GEMMInstructionSet) throws {
        var generator = SeededGenerator(seed: 0xD1EC7 + UInt64(tile.outputSize))
        let lanes = WinogradLaneCode(tile, instructionSet: instructionSet)
        var inPlace = 0, copied = 0
        for index in 0..<40 {
            let batch = generator.nextInt(in: 1...2), channels = generator.nextInt(in: 1...3)
            let (height, width) = (generator.nextInt(in: 1...40), generator.nextInt(in: 1...40))
            let pads = (0..<4).map { _ in generator.nextInt(in: 0...2) }
            guard height + pads[0] + pads[2] >= 3, width + pads[1] + pads[3] >= 3 else { continue }
            let input = try generator.nextTensor([batch, channels, height, width], .normal(mean: 0, standardDeviation: 1))
            let request = try KernelHarness.request(.conv, operands: [input, try generator.nextTensor([2, channels, 3, 3])],
                                                    attributes: ["pads": .ints(pads)])
            let grid = WinogradTileGrid(try ConvolutionGeometry(request, transposed: false), tile: tile)
            let maximumGroups = generator.nextInt(in: 1...3), maximumTiles = maximumGroups * WinogradLanes.count
            let laneStride = maximumTiles + WinogradLanes.count, rows = tile.inputSize * tile.inputSize
            let bandCapacity = grid.maximumBands(forTiles: maximumTiles)
            var bands = [WinogradBand](repeating: WinogradBand(image: 0, tileRow: 0, tileColumns: 0..<0, firstTile: 0),
                                       count: bandCapacity)
            var fromCopy = [Float](repeating: .nan, count: rows * laneStride)
            var fromInput = [Float](repeating: .nan, count: rows * laneStride)
            var bandBuffer = [Float](repeating: .nan, count: grid.bandBufferFloats(bands: bandCapacity))
            let groupCount = (grid.tileCount + WinogradLanes.count - 1) / WinogradLanes.count
            try input.withUnsafeBufferPointer(of: Float.self) { x in
                guard let x = x.baseAddress else { return }
                bands.withUnsafeMutableBufferPointer { bandStorage in
                    guard let bandStorage = bandStorage.baseAddress else { return }
                    var map = WinogradBlockMap(bands: bandStorage)
                    WinogradBlock.blocks(ofGroups: 0..<groupCount, tileCount: grid.tileCount, maximumGroups: maximumGroups) { block in
                        map.map(block, of: grid)
                        for channel in 0..<channels {
                            for bandIndex in 0..<map.bandCount {
                                let band = map.bands[bandIndex], tiles = band.tileColumns.count
                                fromCopy.withUnsafeMutableBufferPointer { copy in
                                    bandBuffer.withUnsafeMutableBufferPointer { buffer in
                                        grid.copyInputBand(band, index: bandIndex, from: x + channel * height * width,
                                                           into: buffer.baseAddress!)
                                        let start = grid.bandStart(band, index: bandIndex, rowsPerBand: grid.patchSize,
                                                                   rowStride: grid.inputBandStride)
                                        lanes.gatherPatches(buffer.baseAddress! + start, rowStride: grid.inputBandStride,
                                                            rows: 0..<grid.patchSize, tiles: tiles,
                                                            into: copy.baseAddress! + band.firstTile, laneStride: laneStride)
                                    }
                                }
                                guard let (offset, patchRows) = grid.directInput(of: band, channel: channel) else {
                                    copied += 1
                                    continue
                                }
                                inPlace += 1
                                fromInput.withUnsafeMutableBufferPointer { direct in
                                    lanes.gatherPatches(x + offset, rowStride: width, rows: patchRows, tiles: tiles,
                                                        into: direct.baseAddress! + band.firstTile, laneStride: laneStride)
                                    grid.zeroPaddedColumns(of: band, in: direct.baseAddress! + band.firstTile, laneStride: laneStride)
                                }
                                for row in 0..<rows {
                                    for position in band.firstTile..<(band.firstTile + tiles) {
                                        let expected = fromCopy[row * laneStride + position]
                                        let actual = fromInput[row * laneStride + position]
                                        #expect(actual.bitPattern == expected.bitPattern,
                                                "#\(index) \(tile) \(instructionSet): channel \(channel), band \(band), patch element \(row): \(actual) in place, \(expected) copied")
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        // Both paths ran: the bands at the input's two ends (first row band, padding on the left)
        // are copied, the others read in place.
        #expect(inPlace > 200 && copied > 20, "\(inPlace) bands read in place, \(copied) copied")
    }
}
