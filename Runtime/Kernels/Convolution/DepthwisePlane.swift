/// One channel of a 2-D depthwise conv: a `kh × kw` window (stride, dilation, zero padding)
/// sliding over one `H × W` plane.
///
/// The plane is first copied into the workspace with its left and right padding as zeros and,
/// for a stride `s` > 1 along the row, split into `s` phases (phase `p` of a padded row holds its
/// columns `p, p + s, p + 2s, …`). In that layout the image column `ow·s + j·dw` that output
/// column `ow` meets through kernel column `j` is element `ow + ⌊j·dw / s⌋` of phase
/// `j·dw mod s`, so consecutive output columns read consecutive floats for every stride, and
/// whole vectors can be read without bounds checks. The top and bottom padding rows are not
/// copied but left out of each output row's kernel rows. Kernel taps are numbered `t = i·kw + j`
/// (the weight order) and each has a fixed offset in the copy, so one output is a loop over a
/// range of taps.
///
/// Each output row is computed with `SIMD8<Float>` fused multiply-adds in blocks of four chunks
/// of 8 columns, each chunk in its own accumulator (one chain of dependent additions would wait
/// on every add's latency). Chunks that would pass the row's end start at `OW − 8` instead, so a
/// block may overlap the previous one or compute a chunk twice; that is harmless because the
/// output is a pure function of the input, and it leaves no tail. Rows narrower than 8 store
/// only their columns of one chunk.
struct DepthwisePlane: Sendable {
    // The geometry's height and width values, as scalars for the loops.
    let inputHeight: Int, inputWidth: Int
    let outputHeight: Int, outputWidth: Int
    let strideHeight: Int, strideWidth: Int
    let padTop: Int, padLeft: Int
    let kernelWidth: Int
    /// The length of one phase of a copied row: every element a chunk reads.
    let phaseLength: Int
    /// Per tap `i·kw + j`, its offset in the copy from the window's corner.
    let tapOffsets: [Int]
    /// Per output row, the kernel rows inside the image.
    let kernelRows: [Range<Int>]

    /// The length of one copied row (all its phases).
    var copiedRowLength: Int { strideWidth * phaseLength }
    /// The floats of the copy (the workspace one plane needs).
    var workspaceFloats: Int { inputHeight * copiedRowLength }

    /// The plane of a 2-D depthwise geometry (its spatial axes 1 and 2).
    init(_ geometry: ConvolutionGeometry) {
        let (inputHeight, inputWidth) = (geometry.inputSize[1], geometry.inputSize[2])
        let (outputHeight, outputWidth) = (geometry.outputSize[1], geometry.outputSize[2])
        let (kernelHeight, kernelWidth) = (geometry.kernel[1], geometry.kernel[2])
        let (strideHeight, strideWidth) = (geometry.strides[1], geometry.strides[2])
        let (dilationHeight, dilationWidth) = (geometry.dilations[1], geometry.dilations[2])
        let (padTop, padLeft) = (geometry.padsBegin[1], geometry.padsBegin[2])
        // The last chunk starts at max(0, OW − 8) and reads 8 floats from each kernel column's phase.
        let phaseLength = max(outputWidth, 8) + (kernelWidth - 1) * dilationWidth / strideWidth
        let rowLength = strideWidth * phaseLength
        (self.inputHeight, self.inputWidth, self.outputHeight, self.outputWidth) = (inputHeight, inputWidth, outputHeight, outputWidth)
        (self.strideHeight, self.strideWidth, self.padTop, self.padLeft) = (strideHeight, strideWidth, padTop, padLeft)
        self.kernelWidth = kernelWidth
        self.phaseLength = phaseLength
        tapOffsets = (0..<kernelHeight).flatMap { i in
            (0..<kernelWidth).map { j in
                i * dilationHeight * rowLength + j * dilationWidth % strideWidth * phaseLength + j * dilationWidth / strideWidth
            }
        }
        kernelRows = (0..<outputHeight).map { oh in
            // Kernel rows i with 0 <= top + i·dh < H.
            let top = oh * strideHeight - padTop
            let first = max(0, ceilingDivision(-top, dilationHeight))
            return first..<max(first, min(kernelHeight, floorDivision(inputHeight - 1 - top, dilationHeight) + 1))
        }
    }

    /// Writes the `outputHeight × outputWidth` plane `output` from the plane `input`, the
    /// `kh × kw` weights and the bias, using `workspace` (`workspaceFloats`) for the copy.
    func convolve(input: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: Float,
                  output: UnsafeMutablePointer<Float>, workspace: UnsafeMutablePointer<Float>) {
        copy(input, into: workspace)
        tapOffsets.withUnsafeBufferPointer { offsets in
            kernelRows.withUnsafeBufferPointer { rows in
                for oh in 0..<outputHeight {
                    let kernelRows = rows[oh]
                    let line = Line(corner: workspace + (oh * strideHeight - padTop) * copiedRowLength,
                                    taps: kernelRows.lowerBound * kernelWidth..<kernelRows.upperBound * kernelWidth,
                                    offsets: offsets, weights: weights, bias: bias)
                    let outputRow = output + oh * outputWidth
                    if outputWidth >= 8 {
                        for start in stride(from: 0, to: outputWidth, by: 32) {
                            line.storeBlock(at: start, last: outputWidth - 8, into: outputRow)
                        }
                    } else {
                        let chunk = line.chunk(at: 0)
                        for column in 0..<outputWidth { outputRow[column] = chunk[column] }
                    }
                }
            }
        }
    }

    /// Copies every row of `input` into `copy`, padded and split into phases.
    private func copy(_ input: UnsafePointer<Float>, into copy: UnsafeMutablePointer<Float>) {
        // Element k of phase p is image column k·s + p − padLeft, inside the image for k in
        // valid(p); phases are zero elsewhere.
        let valid = (0..<strideWidth).map { phase in
            let first = min(phaseLength, max(0, ceilingDivision(padLeft - phase, strideWidth)))
            return first..<max(first, min(phaseLength, ceilingDivision(inputWidth + padLeft - phase, strideWidth)))
        }
        // With stride 2, where both phases are inside the image, 16 consecutive floats give 8
        // elements of each phase (their even and odd lanes).
        let pairedStart = max(valid[0].lowerBound, valid[strideWidth - 1].lowerBound)
        let pairedCount = strideWidth == 2 ? max(0, min(valid[0].upperBound, valid[1].upperBound) - pairedStart) / 8 * 8 : 0
        let paired = pairedStart..<(pairedStart + pairedCount)
        for row in 0..<inputHeight {
            let source = input + row * inputWidth - padLeft, rowCopy = copy + row * copiedRowLength
            for k in stride(from: paired.lowerBound, to: paired.upperBound, by: 8) {
                let both = UnsafeRawPointer(source + 2 * k).loadUnaligned(as: SIMD16<Float>.self)
                UnsafeMutableRawPointer(rowCopy + k).storeBytes(of: both.evenHalf, as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(rowCopy + phaseLength + k).storeBytes(of: both.oddHalf, as: SIMD8<Float>.self)
            }
            for phase in 0..<strideWidth {
                let destination = rowCopy + phase * phaseLength, inside = valid[phase]
                destination.update(repeating: 0, count: inside.lowerBound)
                if strideWidth == 1 {
                    (destination + inside.lowerBound).update(from: source + inside.lowerBound, count: inside.count)
                } else {
                    let done = paired.clamped(to: inside)
                    for k in inside.lowerBound..<done.lowerBound { destination[k] = source[k * strideWidth + phase] }
                    for k in done.upperBound..<inside.upperBound { destination[k] = source[k * strideWidth + phase] }
                }
                (destination + inside.upperBound).update(repeating: 0, count: phaseLength - inside.upperBound)
            }
        }
    }

    /// One output row over the copy.
    private struct Line {
        /// Where the window of output column 0 starts: its tap 0 (maybe in a padding row,
        /// which is never read).
        let corner: UnsafePointer<Float>
        /// The taps of the kernel rows inside the image.
        let taps: Range<Int>
        let offsets: UnsafeBufferPointer<Int>
        let weights: UnsafePointer<Float>
        let bias: Float

        /// The outputs at columns `ow..<ow + 8`.
        @inline(__always)
        func chunk(at ow: Int) -> SIMD8<Float> {
            var sum = SIMD8<Float>(repeating: bias)
            let window = corner + ow
            for tap in taps { sum.addProduct(SIMD8(repeating: weights[tap]), Self.load(window + offsets[tap])) }
            return sum
        }

        /// Stores the outputs of four chunks of 8 columns from `start`, each chunk starting at
        /// most at `last`.
        @inline(__always)
        func storeBlock(at start: Int, last: Int, into outputRow: UnsafeMutablePointer<Float>) {
            let columns = (min(start, last), min(start + 8, last), min(start + 16, last), min(start + 24, last))
            // Offsets of the chunks' windows, relative to the first chunk's.
            let chunks = (columns.1 - columns.0, columns.2 - columns.0, columns.3 - columns.0)
            let window = corner + columns.0
            var sum0 = SIMD8<Float>(repeating: bias), sum1 = sum0, sum2 = sum0, sum3 = sum0
            for tap in taps {
                let weight = SIMD8(repeating: weights[tap]), position = window + offsets[tap]
                sum0.addProduct(weight, Self.load(position))
                sum1.addProduct(weight, Self.load(position + chunks.0))
                sum2.addProduct(weight, Self.load(position + chunks.1))
                sum3.addProduct(weight, Self.load(position + chunks.2))
            }
            let row = UnsafeMutableRawPointer(outputRow), width = MemoryLayout<Float>.stride
            row.storeBytes(of: sum0, toByteOffset: columns.0 * width, as: SIMD8<Float>.self)
            row.storeBytes(of: sum1, toByteOffset: columns.1 * width, as: SIMD8<Float>.self)
            row.storeBytes(of: sum2, toByteOffset: columns.2 * width, as: SIMD8<Float>.self)
            row.storeBytes(of: sum3, toByteOffset: columns.3 * width, as: SIMD8<Float>.self)
        }

        /// Eight consecutive floats.
        @inline(__always)
        static func load(_ start: UnsafePointer<Float>) -> SIMD8<Float> {
            UnsafeRawPointer(start).loadUnaligned(as: SIMD8<Float>.self)
        }
    }
}
