/// One channel of a 2-D depthwise conv: a `kh × kw` window (stride, dilation, zero padding)
/// sliding over one `H × W` plane.
///
/// Kernel rows that fall into the top or bottom padding are skipped. Along a row, the output
/// columns whose whole window lies inside the image (the interior) are computed eight at a time
/// with `SIMD8<Float>`; the last chunk overlaps the previous one instead of leaving a tail (the
/// output is a pure function of the input, so rewriting a value is harmless). The few border
/// columns, and interiors narrower than eight, are computed one by one with bounds checks.
struct DepthwisePlane: Sendable {
    let inputHeight: Int, inputWidth: Int
    let outputHeight: Int, outputWidth: Int
    let kernelHeight: Int, kernelWidth: Int
    let strideHeight: Int, strideWidth: Int
    let dilationHeight: Int, dilationWidth: Int
    let padTop: Int, padLeft: Int
    /// The output columns whose every kernel column lies inside the image.
    let interior: Range<Int>

    /// The plane of a 2-D depthwise geometry (its spatial axes 1 and 2).
    init(_ geometry: ConvolutionGeometry) {
        (inputHeight, inputWidth) = (geometry.inputSize[1], geometry.inputSize[2])
        (outputHeight, outputWidth) = (geometry.outputSize[1], geometry.outputSize[2])
        (kernelHeight, kernelWidth) = (geometry.kernel[1], geometry.kernel[2])
        (strideHeight, strideWidth) = (geometry.strides[1], geometry.strides[2])
        (dilationHeight, dilationWidth) = (geometry.dilations[1], geometry.dilations[2])
        (padTop, padLeft) = (geometry.padsBegin[1], geometry.padsBegin[2])
        let start = min(outputWidth, ceilingDivision(padLeft, strideWidth))
        let lastTap = (kernelWidth - 1) * dilationWidth - padLeft
        let end = min(outputWidth, floorDivision(inputWidth - 1 - lastTap, strideWidth) + 1)
        interior = start..<max(start, end)
    }

    /// Writes the `outputHeight × outputWidth` plane `output` from the plane `input`, the
    /// `kh × kw` weights and the bias.
    func convolve(input: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: Float, output: UnsafeMutablePointer<Float>) {
        for oh in 0..<outputHeight {
            let top = oh * strideHeight - padTop
            // Kernel rows inside the image: 0 <= top + i·dh < H.
            let firstRow = max(0, ceilingDivision(-top, dilationHeight))
            let rows = firstRow..<max(firstRow, min(kernelHeight, floorDivision(inputHeight - 1 - top, dilationHeight) + 1))
            let line = Line(plane: self, input: input, top: top, rows: rows, weights: weights, bias: bias)
            let outputRow = output + oh * outputWidth
            for ow in 0..<interior.lowerBound { outputRow[ow] = line.checkedValue(at: ow) }
            if interior.count >= 8 {
                var ow = interior.lowerBound
                while true {
                    UnsafeMutableRawPointer(outputRow + ow).storeBytes(of: line.chunk(at: ow), as: SIMD8<Float>.self)
                    if ow + 8 == interior.upperBound { break }
                    ow = min(ow + 8, interior.upperBound - 8)
                }
            } else {
                for ow in interior { outputRow[ow] = line.checkedValue(at: ow) }
            }
            for ow in interior.upperBound..<outputWidth { outputRow[ow] = line.checkedValue(at: ow) }
        }
    }

    /// One output row: the image rows its kernel rows read.
    private struct Line {
        let plane: DepthwisePlane
        let input: UnsafePointer<Float>
        /// The image row of kernel row 0 (negative in the top padding).
        let top: Int
        /// The kernel rows that lie inside the image.
        let rows: Range<Int>
        let weights: UnsafePointer<Float>
        let bias: Float

        /// The output at column `ow`, skipping kernel columns outside the image.
        @inline(__always)
        func checkedValue(at ow: Int) -> Float {
            var sum = bias
            let left = ow * plane.strideWidth - plane.padLeft
            for i in rows {
                let imageRow = input + (top + i * plane.dilationHeight) * plane.inputWidth
                for j in 0..<plane.kernelWidth {
                    let column = left + j * plane.dilationWidth
                    if column >= 0 && column < plane.inputWidth {
                        sum += weights[i * plane.kernelWidth + j] * imageRow[column]
                    }
                }
            }
            return sum
        }

        /// The outputs at columns `ow..<ow + 8`, all in the interior.
        @inline(__always)
        func chunk(at ow: Int) -> SIMD8<Float> {
            var sum = SIMD8<Float>(repeating: bias)
            let left = ow * plane.strideWidth - plane.padLeft
            for i in rows {
                let imageRow = input + (top + i * plane.dilationHeight) * plane.inputWidth + left
                let weightRow = weights + i * plane.kernelWidth
                for j in 0..<plane.kernelWidth {
                    let taps = Self.load(imageRow + j * plane.dilationWidth, step: plane.strideWidth)
                    sum += SIMD8(repeating: weightRow[j]) * taps
                }
            }
            return sum
        }

        /// Eight floats `step` apart from `start`, reading nothing past `start[7·step]`.
        @inline(__always)
        static func load(_ start: UnsafePointer<Float>, step: Int) -> SIMD8<Float> {
            let raw = UnsafeRawPointer(start)
            switch step {
            case 1:
                return raw.loadUnaligned(as: SIMD8<Float>.self)
            case 2:
                // Even lanes of [0, 8) give 0, 2, 4, 6; odd lanes of [7, 15) give 8, 10, 12, 14.
                let low = raw.loadUnaligned(as: SIMD8<Float>.self)
                let high = raw.loadUnaligned(fromByteOffset: 7 * MemoryLayout<Float>.stride, as: SIMD8<Float>.self)
                return SIMD8(lowHalf: low.evenHalf, highHalf: high.oddHalf)
            default:
                return SIMD8(start[0], start[step], start[2 * step], start[3 * step],
                             start[4 * step], start[5 * step], start[6 * step], start[7 * step])
            }
        }
    }
}
