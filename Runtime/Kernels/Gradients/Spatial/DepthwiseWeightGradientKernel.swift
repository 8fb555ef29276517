import CNNGEMM

/// conv_weight_grad of a depthwise conv (groups = C_in = C_out), any rank, stride, padding and
/// dilation: each weight is one dot product,
/// `dW[c, 0, k] = Σ_{n, p} dy[n, c, p] · x[n, c, p·stride − padBegin + k·dilation]`.
///
/// A channel's output rows are visited once each: for every kernel position whose input row lies
/// inside x, the row's columns whose tap lies inside x are multiplied 8 at a time for width
/// strides 1 and 2 (stride 2 takes the even lanes of two overlapping loads, reading nothing past
/// the last tap) and one at a time for the rest, into that kernel position's accumulator, so each
/// row of dy and x is read while it is in cache. Threads take contiguous ranges of channels; each
/// weight is summed by one thread in an order fixed by the shape, so every thread count gives the
/// same bits.
struct DepthwiseWeightGradientKernel: Kernel {
    let name = "depthwise-weight-grad"
    /// The conv's shapes and window (three spatial axes).
    let geometry: ConvolutionGeometry
    /// Per kernel column: the output columns whose tap lies inside x.
    let insideColumns: [Range<Int>]

    /// Eight lanes: one AVX2 register.
    typealias Lanes = SIMD8<Float>

    var workspaceBytes: Int { 0 }

    /// The kernel of `geometry`, which must be depthwise.
    init(geometry: ConvolutionGeometry) {
        self.geometry = geometry
        let (width, stride, dilation, pad) = (geometry.inputSize[2], geometry.strides[2], geometry.dilations[2], geometry.padsBegin[2])
        let outputWidth = geometry.outputSize[2]
        insideColumns = (0..<geometry.kernel[2]).map { kw in
            let shift = kw * dilation - pad
            let start = min(outputWidth, max(0, ceilingDivision(-shift, stride)))
            let end = min(outputWidth, floorDivision(width - 1 - shift, stride) + 1)
            return start..<max(start, end)
        }
    }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let x = buffers.floatInput(0), dy = buffers.floatInput(1), weightGradient = buffers.floatOutput(0)
        let channels = geometry.inputChannels, taps = geometry.kernelVolume
        let parts = max(1, min(context.threadCount, channels))
        WorkerPool.shared.run(parts: parts) { part in
            withUnsafeTemporaryAllocation(of: Lanes.self, capacity: taps) { vectors in
                withUnsafeTemporaryAllocation(of: Float.self, capacity: taps) { scalars in
                    guard let vectors = vectors.baseAddress, let scalars = scalars.baseAddress else { return }
                    for channel in equalShare(part, of: parts, channels) {
                        vectors.initialize(repeating: Lanes(), count: taps)
                        scalars.initialize(repeating: 0, count: taps)
                        accumulate(x, dy, channel: channel, vectors, scalars)
                        for tap in 0..<taps { weightGradient[channel * taps + tap] = vectors[tap].sum() + scalars[tap] }
                    }
                }
            }
        }
    }

    /// Adds every product of `channel` to its kernel position's accumulators (`vectors` and
    /// `scalars`, one per kernel position).
    @inline(__always)
    private func accumulate(_ x: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, channel: Int,
                            _ vectors: UnsafeMutablePointer<Lanes>, _ scalars: UnsafeMutablePointer<Float>) {
        let (inputDepth, inputHeight, inputWidth) = (geometry.inputSize[0], geometry.inputSize[1], geometry.inputSize[2])
        let (outputDepth, outputHeight, outputWidth) = (geometry.outputSize[0], geometry.outputSize[1], geometry.outputSize[2])
        let (kernelDepth, kernelHeight, kernelWidth) = (geometry.kernel[0], geometry.kernel[1], geometry.kernel[2])
        let (strideDepth, strideHeight, strideWidth) = (geometry.strides[0], geometry.strides[1], geometry.strides[2])
        let (dilationDepth, dilationHeight, dilationWidth) = (geometry.dilations[0], geometry.dilations[1], geometry.dilations[2])
        let (padDepth, padHeight, padWidth) = (geometry.padsBegin[0], geometry.padsBegin[1], geometry.padsBegin[2])
        let (inputPlane, outputPlane, channels) = (geometry.inputPlane, geometry.outputPlane, geometry.inputChannels)
        for image in 0..<geometry.batch {
            let xPlane = x + (image * channels + channel) * inputPlane
            let dyPlane = dy + (image * channels + channel) * outputPlane
            for od in 0..<outputDepth {
                for oh in 0..<outputHeight {
                    let gradientRow = dyPlane + (od * outputHeight + oh) * outputWidth
                    for kd in 0..<kernelDepth {
                        let id = od * strideDepth - padDepth + kd * dilationDepth
                        guard id >= 0 && id < inputDepth else { continue }
                        for kh in 0..<kernelHeight {
                            let ih = oh * strideHeight - padHeight + kh * dilationHeight
                            guard ih >= 0 && ih < inputHeight else { continue }
                            let inputRow = xPlane + (id * inputHeight + ih) * inputWidth
                            for kw in 0..<kernelWidth {
                                let tap = (kd * kernelHeight + kh) * kernelWidth + kw
                                let columns = insideColumns[kw], shift = kw * dilationWidth - padWidth
                                var lanes = vectors[tap], single = scalars[tap]
                                var ow = columns.lowerBound
                                if strideWidth == 1 {
                                    while ow + 8 <= columns.upperBound {
                                        lanes.addProduct(load(gradientRow, ow), load(inputRow, ow + shift))
                                        ow += 8
                                    }
                                } else if strideWidth == 2 {
                                    while ow + 8 <= columns.upperBound {
                                        let first = 2 * ow + shift
                                        let taps = Lanes(lowHalf: load(inputRow, first).evenHalf, highHalf: load(inputRow, first + 7).oddHalf)
                                        lanes.addProduct(load(gradientRow, ow), taps)
                                        ow += 8
                                    }
                                }
                                while ow < columns.upperBound {
                                    single.addProduct(gradientRow[ow], inputRow[ow * strideWidth + shift])
                                    ow += 1
                                }
                                vectors[tap] = lanes
                                scalars[tap] = single
                            }
                        }
                    }
                }
            }
        }
    }

    /// The eight elements from `offset` on.
    @inline(__always)
    private func load(_ row: UnsafePointer<Float>, _ offset: Int) -> Lanes {
        UnsafeRawPointer(row + offset).loadUnaligned(as: Lanes.self)
    }
}
