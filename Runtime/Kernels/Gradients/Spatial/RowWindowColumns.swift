/// im2col of a 1-D or 2-D conv whose windows move one or two elements at a time along the
/// width, written straight into the transposed column matrix (one row per output position, one
/// column per input channel and kernel position), without the column matrix in between.
///
/// Each image's channels are first copied into padded planes (zero borders), so that the
/// entries of any column along one output row are consecutive floats of the padded planes (or
/// every other one): eight positions of eight columns are then eight vector loads (of sixteen
/// floats keeping the even ones, at stride 2), transposed 8 × 8 in registers
/// (`BlockTranspose`) and stored as eight rows of the transposed matrix. Its rows are
/// `leading` floats apart, the column count rounded up to 8; the columns beyond the count
/// repeat column 0 and are never read by the product.
struct RowWindowColumns: Sendable {
    /// The input channels of the block.
    let channels: Int
    /// The input's height and width.
    let inputHeight: Int, inputWidth: Int
    /// The zero rows above and columns left of the input in the padded planes.
    let padTop: Int, padLeft: Int
    /// The padded planes' height and width.
    let paddedHeight: Int, paddedWidth: Int
    /// The output's width, and the distances between the inputs of consecutive output rows and columns.
    let outputWidth: Int, verticalStride: Int, horizontalStride: Int
    /// Where each column's entry for output position 0 lies in the padded planes (`leading` of them).
    let offsets: [Int]

    /// The im2col of `geometry` (one group of `geometry.inputChannels` channels), or nil unless
    /// it is 1-D or 2-D with stride 1 or 2 along the width (a 1-D conv is one of height 1).
    init?(_ geometry: ConvolutionGeometry) {
        guard geometry.spatialRank <= 2, geometry.strides[2] <= 2 else { return nil }
        channels = geometry.inputChannels / geometry.groups
        inputHeight = geometry.inputSize[1]
        inputWidth = geometry.inputSize[2]
        padTop = geometry.padsBegin[1]
        padLeft = geometry.padsBegin[2]
        paddedHeight = padTop + inputHeight + geometry.padsEnd[1]
        paddedWidth = padLeft + inputWidth + geometry.padsEnd[2]
        outputWidth = geometry.outputSize[2]
        verticalStride = geometry.strides[1]
        horizontalStride = geometry.strides[2]
        let (kernelHeight, kernelWidth) = (geometry.kernel[1], geometry.kernel[2])
        let columnCount = channels * kernelHeight * kernelWidth
        let rowLength = paddedWidth, plane = paddedHeight * paddedWidth
        offsets = (0..<((columnCount + 7) / 8 * 8)).map { column in
            let index = column < columnCount ? column : 0
            let channel = index / (kernelHeight * kernelWidth), tap = index % (kernelHeight * kernelWidth)
            return channel * plane + tap / kernelWidth * geometry.dilations[1] * rowLength
                + tap % kernelWidth * geometry.dilations[2]
        }
    }

    /// The distance between rows of the transposed column matrix.
    var leading: Int { offsets.count }

    /// The floats of the padded planes, with room for the vector loads that run past the last row.
    var paddedFloats: Int { channels * paddedHeight * paddedWidth + slack }

    /// The floats a vector load may read past the last row.
    private var slack: Int { horizontalStride * BlockTranspose.Lanes.scalarCount }

    /// Copies the block's channels of one image (`channels` planes from `image`) into `padded`.
    func pad(image: UnsafePointer<Float>, into padded: UnsafeMutablePointer<Float>) {
        let padBottom = paddedHeight - padTop - inputHeight, padRight = paddedWidth - padLeft - inputWidth
        var target = padded, source = image
        for _ in 0..<channels {
            target.update(repeating: 0, count: padTop * paddedWidth + padLeft)
            target += padTop * paddedWidth + padLeft
            for row in 0..<inputHeight {
                target.update(from: source, count: inputWidth)
                target += inputWidth
                source += inputWidth
                let gap = row + 1 < inputHeight ? padRight + padLeft : padRight
                target.update(repeating: 0, count: gap)
                target += gap
            }
            target.update(repeating: 0, count: padBottom * paddedWidth)
            target += padBottom * paddedWidth
        }
        target.update(repeating: 0, count: slack)
    }

    /// Writes the rows of the transposed column matrix for the output positions `positions` of
    /// the image padded in `padded`, from `destination` on (`positions.count` rows, `leading` apart).
    func gather(padded: UnsafePointer<Float>, positions: Range<Int>, into destination: UnsafeMutablePointer<Float>) {
        let leading = leading
        offsets.withUnsafeBufferPointer { offsets in
            var position = positions.lowerBound, row = destination
            while position < positions.upperBound {
                let outputRow = position / outputWidth, outputColumn = position - outputRow * outputWidth
                let run = min(outputWidth - outputColumn, positions.upperBound - position)
                let origin = padded + outputRow * verticalStride * paddedWidth + outputColumn * horizontalStride
                for first in stride(from: 0, to: run, by: 8) {
                    let rows = min(8, run - first), target = row + first * leading
                    if horizontalStride == 1 {
                        Self.transposeBlock(origin + first, offsets: offsets, rows: rows, into: target, leading: leading) {
                            $0.loadUnaligned(as: BlockTranspose.Lanes.self)
                        }
                    } else {
                        Self.transposeBlock(origin + 2 * first, offsets: offsets, rows: rows, into: target, leading: leading) {
                            $0.loadUnaligned(as: SIMD16<Float>.self).evenHalf
                        }
                    }
                }
                position += run
                row += run * leading
            }
        }
    }

    /// Up to eight rows (positions) of the transposed matrix, all its columns eight at a time,
    /// each column's eight positions read by `positions` from the column's first entry.
    @inline(__always)
    private static func transposeBlock(_ origin: UnsafePointer<Float>, offsets: UnsafeBufferPointer<Int>, rows: Int,
                                       into destination: UnsafeMutablePointer<Float>, leading: Int,
                                       positions: (UnsafeRawPointer) -> BlockTranspose.Lanes) {
        typealias Lanes = BlockTranspose.Lanes
        for column in stride(from: 0, to: leading, by: 8) {
            func load(_ lane: Int) -> Lanes { positions(UnsafeRawPointer(origin + offsets[column + lane])) }
            let tile = BlockTranspose.transposed((load(0), load(1), load(2), load(3), load(4), load(5), load(6), load(7)))
            let target = destination + column
            if rows == 8 {
                func store(_ lanes: Lanes, _ row: Int) {
                    UnsafeMutableRawPointer(target + row * leading).storeBytes(of: lanes, as: Lanes.self)
                }
                store(tile.0, 0); store(tile.1, 1); store(tile.2, 2); store(tile.3, 3)
                store(tile.4, 4); store(tile.5, 5); store(tile.6, 6); store(tile.7, 7)
            } else {
                withUnsafeBytes(of: tile) { lanes in
                    for row in 0..<rows {
                        let values = lanes.loadUnaligned(fromByteOffset: row * MemoryLayout<Lanes>.stride, as: Lanes.self)
                        UnsafeMutableRawPointer(target + row * leading).storeBytes(of: values, as: Lanes.self)
                    }
                }
            }
        }
    }
}
