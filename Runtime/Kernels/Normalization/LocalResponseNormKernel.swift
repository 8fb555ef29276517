import Foundation

/// lrn across channels: `y = x / (bias + alpha/size · Σ x_j²)^beta`, the sum over channels
/// `j` from `c − floor((size−1)/2)` to `c + ceil((size−1)/2)` clipped to the channels.
///
/// The sum of squares of one output plane is accumulated in the output itself (16 lanes at a
/// time), then turned into the result in place, also 16 lanes at a time, as
/// x·exp(−beta·log t) with the vector `log` and `exp` of `VectorMath`.
struct LocalResponseNormKernel: Kernel {
    let name = "lrn"
    /// The planes normalized.
    let planes: ChannelPlanes
    /// The window size over channels.
    let size: Int
    /// The scale of the sum of squares (before dividing by `size`).
    let alpha: Float
    /// The exponent.
    let beta: Float
    /// The constant added to the scaled sum.
    let bias: Float

    var workspaceBytes: Int { 0 }

    /// Sums the squares of every plane's channel window into the output, then normalizes in place.
    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let x = buffers.floatInput(0), y = buffers.floatOutput(0)
        let (channels, planeSize) = (planes.channels, planes.planeSize)
        let before = (size - 1) / 2, after = size - 1 - before
        let factor = alpha / Float(size)
        planes.forEach { offset, channel in
            let output = y + offset
            output.initialize(repeating: 0, count: planeSize)
            for neighbour in max(0, channel - before)...min(channels - 1, channel + after) {
                let values = x + offset + (neighbour - channel) * planeSize
                var index = 0
                while index + 16 <= planeSize {
                    let value = values.loadFloatVector(at: index)
                    output.storeFloatVector(UnsafePointer(output).loadFloatVector(at: index).addingProduct(value, value), at: index)
                    index += 16
                }
                while index < planeSize {
                    output[index] += values[index] * values[index]
                    index += 1
                }
            }
            let input = x + offset
            var index = 0
            while index + 16 <= planeSize {
                let values = input.loadFloatVector(at: index), sums = UnsafePointer(output).loadFloatVector(at: index)
                output.storeFloatVector(normalized(values, sums, factor: factor, lanes: 16), at: index)
                index += 16
            }
            if index < planeSize {
                let rest = planeSize - index
                let values = input.loadPartialFloatVector(at: index, count: rest)
                let sums = UnsafePointer(output).loadPartialFloatVector(at: index, count: rest)
                output.storePartialFloatVector(normalized(values, sums, factor: factor, lanes: rest), at: index, count: rest)
            }
        }
    }

    /// x / (bias + factor·sums)^beta for the first `lanes` lanes, as x·exp(−beta·log t); lanes
    /// where t is not a positive normal float or −beta·log t leaves [−80, 80] (outside which the
    /// vector exp clamps) make the whole vector take `powf` per lane instead.
    @inline(__always)
    private func normalized(_ x: FloatVector, _ sums: FloatVector, factor: Float, lanes: Int) -> FloatVector {
        let base = FloatVector(repeating: bias).addingProduct(sums, FloatVector(repeating: factor))
        let exponent = VectorMath.log(base) * -beta
        let representable = (base .>= Float.leastNormalMagnitude) .& (base .<= Float.greatestFiniteMagnitude)
            .& (exponent .>= -80) .& (exponent .<= 80)
        if all(representable) { return x * VectorMath.exp(exponent) }
        var result = FloatVector()
        for lane in 0..<lanes { result[lane] = x[lane] / powf(base[lane], beta) }
        return result
    }
}
