/// The correspondence between the column matrix of one channel group and its image, shared by
/// im2col (gather) and col2im (its adjoint, scatter-add).
///
/// The column matrix of a segment of window positions `[first, first + length)` has one row per
/// image channel of the group and kernel position (row `(c·KD + kd)·KH·KW + kh·KW + kw`, the
/// order of a conv weight's trailing axes) and one column per window position of the segment, so
/// it is `rows × length`, row-major. Entry (row, p) stands for image element
/// `[c, od·sd − pd + kd·dd, oh·sh − ph + kh·dh, ow·sw − pw + kw·dw]`, or for padding when that
/// position falls outside the image.
struct ColumnTraversal: Sendable {
    /// The image channels of one group.
    let channels: Int
    // The geometry's depth, height and width values, as scalars for the loops.
    let imageDepth: Int, imageHeight: Int, imageWidth: Int
    let windowHeight: Int, windowWidth: Int
    let kernelDepth: Int, kernelHeight: Int, kernelWidth: Int
    let strideDepth: Int, strideHeight: Int, strideWidth: Int
    let dilationDepth: Int, dilationHeight: Int, dilationWidth: Int
    let padDepth: Int, padHeight: Int, padWidth: Int

    /// The traversal of one group of `geometry`'s image.
    init(_ geometry: ConvolutionGeometry) {
        channels = geometry.imageChannels / geometry.groups
        (imageDepth, imageHeight, imageWidth) = (geometry.imageSize[0], geometry.imageSize[1], geometry.imageSize[2])
        (windowHeight, windowWidth) = (geometry.windowCounts[1], geometry.windowCounts[2])
        (kernelDepth, kernelHeight, kernelWidth) = (geometry.kernel[0], geometry.kernel[1], geometry.kernel[2])
        (strideDepth, strideHeight, strideWidth) = (geometry.strides[0], geometry.strides[1], geometry.strides[2])
        (dilationDepth, dilationHeight, dilationWidth) = (geometry.dilations[0], geometry.dilations[1], geometry.dilations[2])
        (padDepth, padHeight, padWidth) = (geometry.padsBegin[0], geometry.padsBegin[1], geometry.padsBegin[2])
    }

    /// Calls `action` for every run of column entries of the segment `positions`: runs along
    /// one line of window positions (fixed depth and height), split where the kernel column
    /// leaves the image. Every entry of the `rows × positions.count` column matrix is visited
    /// once; with `channels`, only the rows of those image channels (so that threads can
    /// gather one matrix together).
    @inline(__always)
    func visit<Action: ColumnAction>(positions: Range<Int>, channels: Range<Int>? = nil, _ action: Action) {
        let imagePlane = imageDepth * imageHeight * imageWidth
        let length = positions.count
        let visited = channels ?? 0..<self.channels
        var row = visited.lowerBound * kernelDepth * kernelHeight * kernelWidth
        for channel in visited {
            let channelBase = channel * imagePlane
            for kd in 0..<kernelDepth {
                for kh in 0..<kernelHeight {
                    for kw in 0..<kernelWidth {
                        let shift = kw * dilationWidth - padWidth
                        // Window columns whose image column ow·sw + shift lies inside the image.
                        let insideStart = max(0, ceilingDivision(-shift, strideWidth))
                        let insideEnd = min(windowWidth, floorDivision(imageWidth - 1 - shift, strideWidth) + 1)
                        let rowBase = row * length
                        var position = positions.lowerBound
                        var ow = position % windowWidth
                        var oh = position / windowWidth % windowHeight
                        var od = position / (windowWidth * windowHeight)
                        while position < positions.upperBound {
                            let runEnd = min(windowWidth, ow + positions.upperBound - position)
                            let column = rowBase + position - positions.lowerBound - ow
                            let id = od * strideDepth - padDepth + kd * dilationDepth
                            let ih = oh * strideHeight - padHeight + kh * dilationHeight
                            if id >= 0 && id < imageDepth && ih >= 0 && ih < imageHeight {
                                let start = min(max(insideStart, ow), runEnd)
                                let end = max(min(insideEnd, runEnd), start)
                                if start > ow { action.pad(column: column + ow, count: start - ow) }
                                if end > start {
                                    action.transfer(column: column + start,
                                                    image: channelBase + (id * imageHeight + ih) * imageWidth + start * strideWidth + shift,
                                                    count: end - start, step: strideWidth)
                                }
                                if runEnd > end { action.pad(column: column + end, count: runEnd - end) }
                            } else {
                                action.pad(column: column + ow, count: runEnd - ow)
                            }
                            position += runEnd - ow
                            ow = 0
                            oh += 1
                            if oh == windowHeight {
                                oh = 0
                                od += 1
                            }
                        }
                        row += 1
                    }
                }
            }
        }
    }
}

/// What im2col or col2im does with the runs a `ColumnTraversal` visits. Offsets are in floats,
/// from the start of the segment's column matrix and of the group's image.
protocol ColumnAction {
    /// Column entries `column..<column + count` stand for image elements `image`, `image + step`, ….
    func transfer(column: Int, image: Int, count: Int, step: Int)
    /// Column entries `column..<column + count` stand for padding.
    func pad(column: Int, count: Int)
}

/// im2col: copies image elements into the column matrix, zeros for padding.
struct ColumnGather: ColumnAction {
    /// The group's image.
    let image: UnsafePointer<Float>
    /// The floats that may be read from `image` on (to the end of the conv's input), so that
    /// short runs can be read as whole vectors.
    let readable: Int
    /// The segment's column matrix.
    let columns: UnsafeMutablePointer<Float>
    /// Whether whole vectors may be written past a run's end: true when one thread gathers the
    /// whole matrix (the traversal visits its entries in order, so later runs overwrite what
    /// spilled) and the matrix has `spillFloats` floats of room after its end.
    let spills: Bool

    /// The floats a spilling gather may write past the column matrix.
    static let spillFloats = 16

    /// Strides 1 and 2 (the stems and downsampling convs of CNNs take the even lanes of two
    /// loads) move 16 entries at a time, reading whole vectors wherever the input holds them
    /// (short runs of small maps included).
    @inline(__always)
    func transfer(column: Int, image offset: Int, count: Int, step: Int) {
        let source = image + offset, destination = columns + column
        var index = 0
        if step <= 2 {
            while index < count && offset + (index + 16) * step <= readable {
                let values = step == 1
                    ? source.loadFloatVector(at: index)
                    : FloatVector(lowHalf: source.loadFloatVector(at: 2 * index).evenHalf,
                                  highHalf: source.loadFloatVector(at: 2 * index + 16).evenHalf)
                store(values, at: destination, index: index, count: count)
                index += 16
            }
        }
        while index < count {
            destination[index] = source[index * step]
            index += 1
        }
    }

    @inline(__always)
    func pad(column: Int, count: Int) {
        let destination = columns + column
        var index = 0
        while index < count {
            store(FloatVector(), at: destination, index: index, count: count)
            index += 16
        }
    }

    /// Writes the entries `index..<min(index + 16, count)` of a run from `values` (and, when
    /// spilling, whatever lanes follow).
    @inline(__always)
    private func store(_ values: FloatVector, at destination: UnsafeMutablePointer<Float>, index: Int, count: Int) {
        if spills || count - index >= 16 {
            destination.storeFloatVector(values, at: index)
        } else {
            destination.storePartialFloatVector(values, at: index, count: count - index)
        }
    }
}

/// col2im: adds every column entry to the image element it stands for; padding entries are dropped.
struct ColumnScatter: ColumnAction {
    /// The group's image, accumulated into.
    let image: UnsafeMutablePointer<Float>
    /// The segment's column matrix.
    let columns: UnsafePointer<Float>

    @inline(__always)
    func transfer(column: Int, image offset: Int, count: Int, step: Int) {
        let source = columns + column, destination = image + offset
        for index in 0..<count { destination[index * step] += source[index] }
    }

    @inline(__always)
    func pad(column: Int, count: Int) {}
}
