/// One tile row of a block of tiles: the tile columns of one image's tile row that the block
/// holds, and the position of the first of them among the block's tiles.
struct WinogradBand {
    /// The image.
    var image: Int
    /// The tile row in the image.
    var tileRow: Int
    /// The tile columns.
    var tileColumns: Range<Int>
    /// The position of the band's first tile in the block.
    var firstTile: Int
}

/// The bands of a block (`WinogradTileGrid`), in order, kept in a slot of the workspace.
struct WinogradBlockMap {
    /// The bands.
    let bands: UnsafeMutablePointer<WinogradBand>
    /// The number of bands.
    private(set) var bandCount = 0

    /// A map in `bands`, which has room for the most bands of a block.
    init(bands: UnsafeMutablePointer<WinogradBand>) {
        self.bands = bands
    }

    /// Maps `block` of `grid`.
    mutating func map(_ block: WinogradBlock, of grid: WinogradTileGrid) {
        bandCount = 0
        var tile = block.tiles.lowerBound
        while tile < block.tiles.upperBound {
            let (image, position) = tile.quotientAndRemainder(dividingBy: grid.tilesPerImage)
            let (tileRow, tileColumn) = position.quotientAndRemainder(dividingBy: grid.tilesAcross)
            let end = min(block.tiles.upperBound, tile + grid.tilesAcross - tileColumn)
            bands[bandCount] = WinogradBand(image: image, tileRow: tileRow, tileColumns: tileColumn..<(tileColumn + end - tile),
                                            firstTile: tile - block.tiles.lowerBound)
            bandCount += 1
            tile = end
        }
    }
}
