import CNNWinogradKernels

/// The tiles of a Winograd conv: each image's output is covered by `tilesDown × tilesAcross`
/// tiles of m×m (the last row and column of tiles may stick out), numbered image by image and
/// row by row across the batch; tile (ty, tx) reads the α×α input patch whose top-left element
/// is `(ty·m − padTop, tx·m − padLeft)`.
///
/// A block's tiles lie in a few tile rows, its bands (`WinogradBand`). The patches of a band
/// are gathered straight from the input, the rows and columns that fall in the padding zeroed;
/// where that would read past either end of the input (the first and last bands of the
/// input), the input rows the band reads are copied, padding included, into an input band
/// buffer (padded column c is input column c − padLeft), so that every patch lies wholly
/// inside it. Whole output tiles are
/// written into an output band buffer, whose part inside the output is then copied out.
struct WinogradTileGrid: Sendable {
    /// m.
    let tileSize: Int
    /// α.
    let patchSize: Int
    /// The input's height and width.
    let inputHeight: Int, inputWidth: Int
    /// The output's height and width.
    let outputHeight: Int, outputWidth: Int
    /// The padding before the rows and before the columns.
    let padTop: Int, padLeft: Int
    /// The floats of one image of the input and of the output (all channels).
    let inputImageFloats: Int, outputImageFloats: Int
    /// The tiles of one image per column and per row.
    let tilesDown: Int, tilesAcross: Int
    /// The tiles of the whole batch.
    let tileCount: Int
    /// The floats of the whole input (all images).
    let inputFloats: Int

    /// The grid of `geometry` (a 2-D conv: its spatial axes 1 and 2) in tiles of `tile`.
    init(_ geometry: ConvolutionGeometry, tile: WinogradTile) {
        tileSize = tile.outputSize
        patchSize = tile.inputSize
        (inputHeight, inputWidth) = (geometry.inputSize[1], geometry.inputSize[2])
        (outputHeight, outputWidth) = (geometry.outputSize[1], geometry.outputSize[2])
        (padTop, padLeft) = (geometry.padsBegin[1], geometry.padsBegin[2])
        inputImageFloats = geometry.inputChannels * geometry.inputPlane
        outputImageFloats = geometry.outputChannels * geometry.outputPlane
        tilesDown = (outputHeight + tileSize - 1) / tileSize
        tilesAcross = (outputWidth + tileSize - 1) / tileSize
        tileCount = geometry.batch * tilesDown * tilesAcross
        inputFloats = geometry.batch * inputImageFloats
    }

    /// The tiles of one image.
    var tilesPerImage: Int { tilesDown * tilesAcross }
    /// The distance between the rows of an input band buffer: a whole tile row's patches, plus
    /// the 16 tiles' worth of columns that whole-vector reads may touch past its last tile.
    var inputBandStride: Int { (tilesAcross + WinogradLanes.count) * tileSize + patchSize - tileSize }
    /// The distance between the rows of an output band buffer: a whole tile row's tiles, plus
    /// the 16 tiles' worth of columns that whole-vector writes may touch past its last tile.
    var outputBandStride: Int { (tilesAcross + WinogradLanes.count) * tileSize }

    /// The most tile rows `tiles` consecutive tiles can touch.
    func maximumBands(forTiles tiles: Int) -> Int {
        min(tiles, (tiles + tilesAcross - 2) / tilesAcross + 1)
    }

    /// The floats of a band buffer for `bands` bands, input or output.
    func bandBufferFloats(bands: Int) -> Int {
        bands * max(patchSize * inputBandStride, tileSize * outputBandStride)
    }

    /// Copies the α input rows the patches of `band`, the `index`-th band of its block, read
    /// from `channel` (the channel's plane in image 0; other images follow `inputImageFloats`
    /// apart) into `buffer`, zeros where they fall in the padding or past the input: row r at
    /// `(index·α + r)·inputBandStride`, padded column c (input column c − padLeft) at c; only the
    /// columns its tiles read are written.
    func copyInputBand(_ band: WinogradBand, index: Int, from channel: UnsafePointer<Float>,
                       into buffer: UnsafeMutablePointer<Float>) {
        let first = band.tileColumns.lowerBound * tileSize
        let end = band.tileColumns.upperBound * tileSize + patchSize - tileSize
        let copyFirst = min(max(first, padLeft), end), copyEnd = min(max(padLeft + inputWidth, copyFirst), end)
        for row in 0..<patchSize {
            let destination = buffer + (index * patchSize + row) * inputBandStride
            let inputRow = band.tileRow * tileSize - padTop + row
            guard inputRow >= 0 && inputRow < inputHeight else {
                ShortFloatRuns.zero(destination + first, count: end - first)
                continue
            }
            ShortFloatRuns.zero(destination + first, count: copyFirst - first)
            let source = channel + band.image * inputImageFloats + inputRow * inputWidth + (copyFirst - padLeft)
            ShortFloatRuns.copy(source, to: destination + copyFirst, count: copyEnd - copyFirst)
            ShortFloatRuns.zero(destination + copyEnd, count: end - copyEnd)
        }
    }

    /// Where the patches of `band` in channel `channel` can be gathered straight from the input
    /// (rows `inputWidth` apart) instead of from a band buffer: the offset, from the start of
    /// the input, of the first patch's top-left element (which may lie in the padding), and the
    /// patch rows that lie inside the input (the others are zero). `nil` when a float the
    /// gather's whole vectors read for those rows (`WinogradLaneTransforms.gatherPatches`)
    /// would lie outside the input. Columns that fall in the padding are read from the
    /// neighbouring rows and must be zeroed after the gather (`zeroPaddedColumns`).
    func directInput(of band: WinogradBand, channel: Int) -> (offset: Int, rows: Range<Int>)? {
        let firstRow = band.tileRow * tileSize - padTop
        let rows = min(max(-firstRow, 0), patchSize)..<max(min(inputHeight - firstRow, patchSize), 0)
        let offset = band.image * inputImageFloats + channel * inputHeight * inputWidth + firstRow * inputWidth
            + band.tileColumns.lowerBound * tileSize - padLeft
        guard !rows.isEmpty else { return (offset, rows) }
        // Each group of 16 tiles reads 16·m floats of a row from every multiple of m below α.
        let lastGroup = (band.tileColumns.count - 1) / WinogradLanes.count * WinogradLanes.count
        let lastBase = (patchSize - 1) / tileSize * tileSize
        let start = offset + rows.lowerBound * inputWidth
        let end = offset + (rows.upperBound - 1) * inputWidth + (lastGroup + WinogradLanes.count) * tileSize + lastBase
        return start >= 0 && end <= inputFloats ? (offset, rows) : nil
    }

    /// Zeroes, in the lane rows `patches` holding the patches of `band` from its first position
    /// (element (r, k) of a patch in row r·α + k), the elements whose columns fall in the
    /// padding or past the input: those of the tiles at the band's left and right edges.
    func zeroPaddedColumns(of band: WinogradBand, in patches: UnsafeMutablePointer<Float>, laneStride: Int) {
        func zero(tileColumn: Int, columns: Range<Int>) {
            let position = tileColumn - band.tileColumns.lowerBound
            for row in 0..<patchSize {
                for column in columns { patches[(row * patchSize + column) * laneStride + position] = 0 }
            }
        }
        for tileColumn in band.tileColumns {
            let firstColumn = tileColumn * tileSize - padLeft
            guard firstColumn < 0 else { break }
            zero(tileColumn: tileColumn, columns: 0..<min(-firstColumn, patchSize))
        }
        for tileColumn in band.tileColumns.reversed() {
            let firstColumn = tileColumn * tileSize - padLeft
            guard firstColumn + patchSize > inputWidth else { break }
            zero(tileColumn: tileColumn, columns: max(0, min(inputWidth - firstColumn, patchSize))..<patchSize)
        }
    }

    /// The offset of the first tile of `band`, the `index`-th band of its block, in a band
    /// buffer of `rowsPerBand` rows per band, `rowStride` floats apart.
    func bandStart(_ band: WinogradBand, index: Int, rowsPerBand: Int, rowStride: Int) -> Int {
        index * rowsPerBand * rowStride + band.tileColumns.lowerBound * tileSize
    }

    /// Calls `body` with every output row segment the bands of `map` cover: its offset from
    /// the start of channel 0 of the batch, its offset in the output band buffer, and its length.
    @inline(__always)
    func forEachOutputRow(of map: WinogradBlockMap, _ body: (_ output: Int, _ buffer: Int, _ count: Int) -> Void) {
        for index in 0..<map.bandCount {
            let band = map.bands[index]
            let left = band.tileColumns.lowerBound * tileSize
            let count = min(band.tileColumns.upperBound * tileSize, outputWidth) - left
            let top = band.tileRow * tileSize
            for row in 0..<min(tileSize, outputHeight - top) {
                body(band.image * outputImageFloats + (top + row) * outputWidth + left,
                     (index * tileSize + row) * outputBandStride + left, count)
            }
        }
    }
}
