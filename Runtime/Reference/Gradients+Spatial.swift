import CNNIR

extension ReferenceKernels {
    /// conv_weight_grad, max_pool_grad, avg_pool_grad, pad_grad and resize_grad: the adjoints of
    /// conv (with respect to its weight), of the window pools, of pad and of resize.
    static let spatialGradientKernels: [OpKind: ReferenceKernel] = [
        .convWeightGrad: ReferenceKernel { try convolutionWeightGradient($0) },
        .maxPoolGrad: ReferenceKernel { try maxPoolGradient($0) },
        .avgPoolGrad: ReferenceKernel { try averagePoolGradient($0) },
        .padGrad: ReferenceKernel { try padGradient($0) },
        .resizeGrad: ReferenceKernel { try resizeGradient($0) },
    ]
}

extension ReferenceInvocation {
    /// This invocation with `auto_pad` set to notset: the gradient ops take explicit pads only,
    /// and `WindowGeometry` reads the attribute.
    func withExplicitPads() -> ReferenceInvocation {
        var attributes = self.attributes
        attributes["auto_pad"] = .string(AutoPad.notset.rawValue)
        return ReferenceInvocation(op: op, operands: operands, attributes: attributes, resultCount: resultCount)
    }

    /// The `kernel` attribute: one positive size per spatial axis (`count` of them).
    func windowKernel(count: Int) throws -> [Int] {
        let kernel = try ints("kernel")
        guard kernel.count == count, kernel.allSatisfy({ $0 >= 1 }) else {
            throw Diagnostic("attribute 'kernel' must give a positive size for each of the \(count) spatial axes, found \(describe(kernel))")
        }
        return kernel
    }
}

/// conv_weight_grad, conv's gradient with respect to its weight `[C_out, C_in/groups, k...]`:
/// `dW[o, i, k] = Σ_{n, p} dy[n, o, p] · x[n, g·C_in/groups + i, p·stride − padBegin + k·dilation]`
/// with g the group of o and padding contributing nothing. x is `[N, C_in, in...]`, dy
/// `[N, C_out, out...]` with `out` conv's output sizes for x.
private func convolutionWeightGradient(_ invocation: ReferenceInvocation) throws -> ReferenceArray {
    let x = try invocation.array(0), dy = try invocation.array(1)
    let (batch, inChannels, spatial) = try spatialLayout(x.shape, "x")
    let kernel = try invocation.windowKernel(count: spatial.count)
    guard dy.rank == x.rank, dy.shape[0] == batch else {
        throw Diagnostic("dy must be [N = \(batch), C_out, out...] of rank \(x.rank), found shape \(describe(dy.shape))")
    }
    let outChannels = dy.shape[1], groups = try invocation.int("groups")
    guard groups >= 1, inChannels % groups == 0, outChannels % groups == 0 else {
        throw Diagnostic("groups = \(groups) must divide the \(inChannels) channels of x and the \(outChannels) of dy")
    }
    let geometry = try WindowGeometry.sliding(over: spatial, kernel: kernel, invocation.withExplicitPads())
    guard Array(dy.shape[2...]) == geometry.outputSize else {
        throw Diagnostic("dy must have conv's output sizes \(describe(geometry.outputSize)) for x, found shape \(describe(dy.shape))")
    }
    let groupInChannels = inChannels / groups, groupOutChannels = outChannels / groups
    let inPlane = spatial.reduce(1, *), outPlane = geometry.outputSize.reduce(1, *), kernelCount = kernel.reduce(1, *)
    var weightGradient = ReferenceArray(shape: [outChannels, groupInChannels] + kernel)
    geometry.forEachWindow { outputOffset, taps, _ in
        for n in 0..<batch {
            for o in 0..<outChannels {
                let gradient = dy.values[(n * outChannels + o) * outPlane + outputOffset]
                let group = o / groupOutChannels
                for i in 0..<groupInChannels {
                    let xBase = (n * inChannels + group * groupInChannels + i) * inPlane
                    let wBase = (o * groupInChannels + i) * kernelCount
                    for tap in taps { weightGradient.values[wBase + tap.kernelOffset] += gradient * x.values[xBase + tap.inputOffset] }
                }
            }
        }
    }
    return weightGradient
}
