/// The layout in which a 2-D depthwise conv reads one channel: a zero-padded copy of the
/// `H × W` input plane, split into `sh × sw` phases so that every kernel tap reads consecutive
/// floats for consecutive outputs, whatever the stride and dilation.
///
/// Phase `(a, b)` holds the padded image's rows `r·sh + a` and columns `c·sw + b` at row `r`,
/// column `c`, rows `pitch` floats apart (the padded image's element `(y, x)` is the input's
/// `(y − padTop, x − padLeft)`, or zero outside it). Output `(oh, ow)` meets, through tap
/// `(i, j)`, the padded element `(oh·sh + i·dh, ow·sw + j·dw)`, which is element
/// `(oh + ⌊i·dh / sh⌋, ow + ⌊j·dw / sw⌋)` of phase `(i·dh mod sh, j·dw mod sw)`. Numbering the
/// outputs in the same pitch, `q = oh·pitch + ow`, every tap therefore reads the copy at
/// `q + tapOffsets[tap]`: a depthwise conv becomes a 1-D sweep of vectors over `q`.
///
/// Each phase is followed by `slack` floats, so that the copy may be written with whole vectors
/// that run up to 15 floats past a row (`copy`), and a vector that starts at `q = 0` may be read
/// even when a phase holds fewer floats.
struct DepthwisePlane: Sendable {
    /// The floats after each phase that whole-vector writes and reads may touch.
    static let slack = 16

    // The geometry's sizes along its spatial axes 1 and 2.
    let inputHeight: Int, inputWidth: Int
    let outputHeight: Int, outputWidth: Int
    let strideHeight: Int, strideWidth: Int
    let padTop: Int, padLeft: Int
    let kernelHeight: Int, kernelWidth: Int
    let dilationHeight: Int, dilationWidth: Int
    /// The floats of a phase row that taps read: the output width plus the largest column
    /// shift `⌊(kw − 1)·dw / sw⌋` of a tap.
    let rowLength: Int
    /// The floats between consecutive rows of a phase: `rowLength`, rounded up to whole
    /// vectors for maps of 16 or more columns, so that vectors at the same column of every row
    /// are equally aligned.
    let pitch: Int
    /// The rows of each phase: the output height plus the largest row shift of a tap.
    let phaseRows: Int
    /// The floats from one phase to the next (`phaseRows · pitch + slack`).
    let phaseStride: Int
    /// Per tap `i·kw + j` (the weight order), where it reads the copy relative to `q`.
    let tapOffsets: [Int]
    /// Per column phase `b`, the columns of its rows that hold image elements: column `c` is
    /// the input's column `c·sw + b − padLeft`.
    let phaseColumns: [Range<Int>]

    /// The floats of the copy.
    var copyFloats: Int { strideHeight * strideWidth * phaseStride }

    /// The plane of a 2-D depthwise geometry (its spatial axes 1 and 2).
    init(_ geometry: ConvolutionGeometry) {
        (inputHeight, inputWidth) = (geometry.inputSize[1], geometry.inputSize[2])
        (outputHeight, outputWidth) = (geometry.outputSize[1], geometry.outputSize[2])
        (strideHeight, strideWidth) = (geometry.strides[1], geometry.strides[2])
        (padTop, padLeft) = (geometry.padsBegin[1], geometry.padsBegin[2])
        (kernelHeight, kernelWidth) = (geometry.kernel[1], geometry.kernel[2])
        (dilationHeight, dilationWidth) = (geometry.dilations[1], geometry.dilations[2])
        let (kernelHeight, kernelWidth, dilationHeight, dilationWidth) = (kernelHeight, kernelWidth, dilationHeight, dilationWidth)
        rowLength = outputWidth + (kernelWidth - 1) * dilationWidth / strideWidth
        pitch = outputWidth >= 16 ? (rowLength + 15) / 16 * 16 : rowLength
        phaseRows = outputHeight + (kernelHeight - 1) * dilationHeight / strideHeight
        phaseStride = phaseRows * pitch + Self.slack
        let (pitch, phaseStride, strideHeight, strideWidth) = (pitch, phaseStride, strideHeight, strideWidth)
        tapOffsets = (0..<kernelHeight).flatMap { i in
            (0..<kernelWidth).map { j in
                let (row, column) = (i * dilationHeight, j * dilationWidth)
                let phase = row % strideHeight * strideWidth + column % strideWidth
                return phase * phaseStride + row / strideHeight * pitch + column / strideWidth
            }
        }
        let (padLeft, inputWidth, rowLength) = (padLeft, inputWidth, rowLength)
        phaseColumns = (0..<strideWidth).map { phase in
            let first = min(rowLength, max(0, ceilingDivision(padLeft - phase, strideWidth)))
            return first..<max(first, min(rowLength, ceilingDivision(inputWidth + padLeft - phase, strideWidth)))
        }
    }

    /// Writes rows `rows` (of `0..<phaseRows`) of every phase of the copy of the plane `input`
    /// into `copy` (`copyFloats`). `readable` is the number of floats that may be read from
    /// `input` on (at least the plane): rows are read with whole vectors, which may run up to
    /// 32 floats past a row where that stays inside it. Rows must be written in order, each
    /// once: writing a row may write whole vectors into the next.
    func copy(_ input: UnsafePointer<Float>, readable: Int, rows: Range<Int>, into copy: UnsafeMutablePointer<Float>) {
        if readable >= inputHeight * inputWidth + 32 {
            copyRows(input, readable: readable, checked: false, rows: rows, into: copy)
        } else {
            copyRows(input, readable: readable, checked: true, rows: rows, into: copy)
        }
    }

    /// `copy`, checking each vector read against `readable` when `checked`. Each padded row
    /// is written as zeros, the row's elements, zeros, in whole vectors that may run past
    /// their part; the next part, the next row or the slack takes them. (Indices are far from
    /// overflowing: they address allocated planes.)
    @inline(__always)
    private func copyRows(_ input: UnsafePointer<Float>, readable: Int, checked: Bool, rows: Range<Int>,
                          into copy: UnsafeMutablePointer<Float>) {
        // The vector of `source` at `offset`, where `source` is input row `row`.
        @inline(__always)
        func load(_ source: UnsafePointer<Float>, row: Int, at offset: Int) -> FloatVector {
            checked ? source.loadFloatVector(at: offset, readable: readable &- row &* inputWidth) : source.loadFloatVector(at: offset)
        }
        switch strideWidth {
        case 1:
            let inside = phaseColumns[0], start = inside.lowerBound &- padLeft
            forEachPaddedRow(rows, of: copy) { row, destination in
                guard let row else { return fillZeros(destination, count: rowLength) }
                let source = input + row &* inputWidth, data = destination + inside.lowerBound
                fillZeros(destination, count: inside.lowerBound)
                var column = 0
                while column < inside.count {
                    data.storeFloatVector(load(source, row: row, at: start &+ column), at: column)
                    column &+= 16
                }
                fillZeros(destination + inside.upperBound, count: rowLength &- inside.upperBound)
            }
        case 2:
            // Input columns 2m and 2m + 1 go to the phases whose first columns hold input
            // columns 0 and 1.
            let evenPhase = padLeft & 1, oddPhase = 1 &- padLeft & 1
            let even = phaseColumns[evenPhase], odd = phaseColumns[oddPhase], count = max(even.count, odd.count)
            forEachPaddedRow(rows, of: copy) { row, destination in
                let evenRow = destination + evenPhase &* phaseStride, oddRow = destination + oddPhase &* phaseStride
                guard let row else {
                    fillZeros(evenRow, count: rowLength)
                    return fillZeros(oddRow, count: rowLength)
                }
                let source = input + row &* inputWidth
                fillZeros(evenRow, count: even.lowerBound)
                fillZeros(oddRow, count: odd.lowerBound)
                let evenData = evenRow + even.lowerBound, oddData = oddRow + odd.lowerBound
                var column = 0
                while column < count {
                    let pair = SIMD32(lowHalf: load(source, row: row, at: 2 &* column),
                                      highHalf: load(source, row: row, at: 2 &* column &+ 16))
                    evenData.storeFloatVector(pair.evenHalf, at: column)
                    oddData.storeFloatVector(pair.oddHalf, at: column)
                    column &+= 16
                }
                fillZeros(evenRow + even.upperBound, count: rowLength &- even.upperBound)
                fillZeros(oddRow + odd.upperBound, count: rowLength &- odd.upperBound)
            }
        default:
            forEachPaddedRow(rows, of: copy) { row, destination in
                for phase in 0..<strideWidth {
                    let phaseRow = destination + phase * phaseStride, inside = phaseColumns[phase]
                    guard let row else {
                        fillZeros(phaseRow, count: rowLength)
                        continue
                    }
                    let source = input + row * inputWidth
                    fillZeros(phaseRow, count: inside.lowerBound)
                    for column in inside { phaseRow[column] = source[column * strideWidth + phase - padLeft] }
                    fillZeros(phaseRow + inside.upperBound, count: rowLength - inside.upperBound)
                }
            }
        }
    }

    /// Calls `body` for every padded row of phase rows `rows`, in order, with the input row it
    /// holds (`nil` for a padding row) and where its first phase's row starts in `copy`.
    @inline(__always)
    private func forEachPaddedRow(_ rows: Range<Int>, of copy: UnsafeMutablePointer<Float>,
                                  _ body: (_ row: Int?, _ destination: UnsafeMutablePointer<Float>) -> Void) {
        for row in rows {
            for phaseRow in 0..<strideHeight {
                let inputRow = row &* strideHeight &+ phaseRow &- padTop
                body(inputRow >= 0 && inputRow < inputHeight ? inputRow : nil,
                     copy + (phaseRow &* strideWidth &* phaseStride &+ row &* pitch))
            }
        }
    }

    /// Writes zeros from `start` on: `count` floats, rounded up to whole vectors.
    @inline(__always)
    private func fillZeros(_ start: UnsafeMutablePointer<Float>, count: Int) {
        var index = 0
        while index < count {
            start.storeFloatVector(FloatVector(), at: index)
            index &+= 16
        }
    }
}

extension UnsafePointer where Pointee == Float {
    /// The 16 elements starting at `offset` when all lie among the first `readable` elements;
    /// otherwise those that do, then zeros.
    @inline(__always)
    func loadFloatVector(at offset: Int, readable: Int) -> FloatVector {
        offset + 16 <= readable ? loadFloatVector(at: offset)
            : loadPartialFloatVector(at: offset, count: Swift.max(0, Swift.min(16, readable - offset)))
    }
}
