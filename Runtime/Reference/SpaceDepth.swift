import CNNIR

extension ReferenceKernels {
    /// depth_to_space (DCR and CRD) and space_to_depth, as ONNX defines them: a reshape to six
    /// axes, a transpose, and a reshape back to four; exact in every element type.
    static let spaceDepthKernels: [OpKind: ReferenceKernel] = [
        .depthToSpace: ReferenceKernel(results: { invocation in [try rearranged(invocation, intoSpace: true)] }),
        .spaceToDepth: ReferenceKernel(results: { invocation in [try rearranged(invocation, intoSpace: false)] }),
    ]
}

/// x [N, C, H, W] viewed with six axes, transposed, and read back with four.
private func rearranged(_ invocation: ReferenceInvocation, intoSpace: Bool) throws -> Tensor {
    let x = try invocation.tensor(0)
    let block = try invocation.int("blocksize")
    guard x.rank == 4, block > 0 else {
        throw Diagnostic("\(invocation.op) needs x [N, C, H, W] and a positive blocksize, found \(describe(x.shape)) and \(block)")
    }
    let (batch, channels, height, width) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let view: [Int], permutation: [Int], shape: [Int]
    if intoSpace {
        guard channels % (block * block) == 0 else {
            throw Diagnostic("the channels (\(channels)) must be divisible by blocksize² = \(block * block)")
        }
        let depth = channels / (block * block)
        if try invocation.choice("mode", DepthToSpaceMode.allCases.map(\.rawValue)) == DepthToSpaceMode.crd.rawValue {
            (view, permutation) = ([batch, depth, block, block, height, width], [0, 1, 4, 2, 5, 3])
        } else {
            (view, permutation) = ([batch, block, block, depth, height, width], [0, 3, 4, 1, 5, 2])
        }
        shape = [batch, depth, height * block, width * block]
    } else {
        guard height % block == 0 && width % block == 0 else {
            throw Diagnostic("the height and width (\(height) and \(width)) must be divisible by blocksize \(block)")
        }
        view = [batch, channels, height / block, block, width / block, block]
        permutation = [0, 3, 5, 1, 2, 4]
        shape = [batch, channels * block * block, height / block, width / block]
    }
    return try x.gathering(IndexMapping.permutation(of: view, permutation).offsets, shape: shape)
}
