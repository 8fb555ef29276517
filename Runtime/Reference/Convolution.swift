import CNNIR

extension ReferenceKernels {
    /// conv and conv_transpose.
    static let convolutionKernels: [OpKind: ReferenceKernel] = [
        .conv: ReferenceKernel { try convolutionArray($0) },
        .convTranspose: ReferenceKernel { try transposedConvolution($0) },
    ]
}

/// conv: `y[n, o, p] = bias[o] + Σ_{i in o's group, k} x[n, i, p * stride - padBegin + k * dilation] * w[o, i mod (C_in/groups), k]`,
/// with padding contributing zeros. x is `[N, C_in, in...]`, w `[C_out, C_in/groups, k...]`.
func convolutionArray(_ invocation: ReferenceInvocation) throws -> ReferenceArray {
    let x = try invocation.array(0), weight = try invocation.array(1), bias = invocation.optionalArray(2)
    let (batch, inChannels, spatial) = try spatialLayout(x.shape, "the input")
    guard weight.rank == x.rank else {
        throw Diagnostic("the weight must have rank \(x.rank) like the input, found shape \(describe(weight.shape))")
    }
    let outChannels = weight.shape[0], groupInChannels = weight.shape[1]
    let groups = try invocation.int("groups")
    guard groups >= 1, groupInChannels * groups == inChannels, outChannels % groups == 0 else {
        throw Diagnostic("groups = \(groups) does not fit \(inChannels) input channels and weight \(describe(weight.shape)) ([C_out, C_in/groups, k...], C_out divisible by groups)")
    }
    try checkBias(bias, channels: outChannels)
    let kernel = Array(weight.shape[2...])
    let geometry = try WindowGeometry.sliding(over: spatial, kernel: kernel, invocation)
    var y = ReferenceArray(shape: [batch, outChannels] + geometry.outputSize)
    let inPlane = spatial.reduce(1, *), outPlane = geometry.outputSize.reduce(1, *), kernelCount = kernel.reduce(1, *)
    let groupOutChannels = outChannels / groups
    let xValues = x.values, weights = weight.values
    geometry.forEachWindow { outputOffset, taps, _ in
        for n in 0..<batch {
            for o in 0..<outChannels {
                let group = o / groupOutChannels
                var sum = bias?.values[o] ?? 0
                for i in 0..<groupInChannels {
                    let xBase = (n * inChannels + group * groupInChannels + i) * inPlane
                    let wBase = (o * groupInChannels + i) * kernelCount
                    for tap in taps { sum += xValues[xBase + tap.inputOffset] * weights[wBase + tap.kernelOffset] }
                }
                y.values[(n * outChannels + o) * outPlane + outputOffset] = sum
            }
        }
    }
    return y
}

/// conv_transpose, the adjoint of conv: every input element scatters
/// `x[n, i, q] * w[i, o mod (C_out/groups), k]` to `y[n, o, q * stride - padBegin + k * dilation]`
/// (positions outside the output are dropped), then the bias is added. x is `[N, C_in, in...]`,
/// w `[C_in, C_out/groups, k...]`; the output size per axis is
/// `stride * (in - 1) + output_padding + (k - 1) * dilation + 1 - padBegin - padEnd`.
/// `auto_pad` same_upper/same_lower choose the pads that make the output `in * stride`.
private func transposedConvolution(_ invocation: ReferenceInvocation) throws -> ReferenceArray {
    let x = try invocation.array(0), weight = try invocation.array(1), bias = invocation.optionalArray(2)
    let (batch, inChannels, spatial) = try spatialLayout(x.shape, "the input")
    guard weight.rank == x.rank, weight.shape[0] == inChannels else {
        throw Diagnostic("the weight must be [C_in = \(inChannels), C_out/groups, k...] of rank \(x.rank), found shape \(describe(weight.shape))")
    }
    let groups = try invocation.int("groups")
    guard groups >= 1, inChannels % groups == 0 else {
        throw Diagnostic("groups = \(groups) does not divide the \(inChannels) input channels")
    }
    let groupOutChannels = weight.shape[1], outChannels = groupOutChannels * groups
    try checkBias(bias, channels: outChannels)
    let kernel = Array(weight.shape[2...]), rank = spatial.count
    let strides = try WindowGeometry.spatialList("strides", of: invocation, count: rank, default: 1, minimum: 1)
    let dilations = try WindowGeometry.spatialList("dilations", of: invocation, count: rank, default: 1, minimum: 1)
    let pads = try WindowGeometry.spatialList("pads", of: invocation, count: 2 * rank, default: 0, minimum: 0)
    let outputPadding = try WindowGeometry.spatialList("output_padding", of: invocation, count: rank, default: 0, minimum: 0)
    let autoPad = try invocation.choice("auto_pad", ["notset", "same_upper", "same_lower", "valid"])
    var padsBegin = Array(pads[0..<rank]), padsEnd = Array(pads[rank...])
    var outputSize: [Int] = []
    for axis in 0..<rank {
        let full = strides[axis] * (spatial[axis] - 1) + outputPadding[axis] + (kernel[axis] - 1) * dilations[axis] + 1
        if autoPad == "valid" {
            padsBegin[axis] = 0
            padsEnd[axis] = 0
        } else if autoPad != "notset" {
            let total = full - spatial[axis] * strides[axis]
            padsBegin[axis] = autoPad == "same_upper" ? total / 2 : total - total / 2
            padsEnd[axis] = total - padsBegin[axis]
        }
        let size = full - padsBegin[axis] - padsEnd[axis]
        guard size >= 1 else {
            throw Diagnostic("the output of spatial axis \(axis) would have size \(size); the pads are too large")
        }
        outputSize.append(size)
    }
    // The conv geometry whose input is this op's output: each window position is an element of
    // x, each of its taps the output position it scatters to.
    let geometry = WindowGeometry(inputSize: outputSize, outputSize: spatial, kernel: kernel, strides: strides,
                                  dilations: dilations, padsBegin: padsBegin, padsEnd: padsEnd)
    let inPlane = spatial.reduce(1, *), outPlane = outputSize.reduce(1, *), kernelCount = kernel.reduce(1, *)
    var y = ReferenceArray(shape: [batch, outChannels] + outputSize)
    for n in 0..<batch {
        for o in 0..<outChannels {
            let base = (n * outChannels + o) * outPlane
            for position in 0..<outPlane { y.values[base + position] = bias?.values[o] ?? 0 }
        }
    }
    let groupInChannels = inChannels / groups
    geometry.forEachWindow { xOffset, taps, _ in
        for n in 0..<batch {
            for i in 0..<inChannels {
                let value = x.values[(n * inChannels + i) * inPlane + xOffset]
                let group = i / groupInChannels
                for oInGroup in 0..<groupOutChannels {
                    let o = group * groupOutChannels + oInGroup
                    let wBase = (i * groupOutChannels + oInGroup) * kernelCount
                    let yBase = (n * outChannels + o) * outPlane
                    for tap in taps { y.values[yBase + tap.inputOffset] += value * weight.values[wBase + tap.kernelOffset] }
                }
            }
        }
    }
    return y
}

/// Throws unless the bias is absent or has shape `[channels]`.
private func checkBias(_ bias: ReferenceArray?, channels: Int) throws {
    if let bias, bias.shape != [channels] {
        throw Diagnostic("the bias must have shape [\(channels)], found \(describe(bias.shape))")
    }
}
