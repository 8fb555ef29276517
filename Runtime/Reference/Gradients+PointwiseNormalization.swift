import CNNIR

extension ReferenceKernels {
    /// batch_norm_train, batch_norm_grad and instance_norm_grad.
    static let normalizationGradientKernels: [OpKind: ReferenceKernel] = [
        .batchNormTrain: ReferenceKernel(results: { try batchNormalizationTraining($0) }),
        .batchNormGrad: ReferenceKernel(results: { try batchNormalizationGradient($0) }),
        .instanceNormGrad: ReferenceKernel(results: { try instanceNormalizationGradient($0) }),
    ]
}

/// batch_norm_train: per channel c, over the M = N·spatial elements of x in channel c, the batch
/// mean μ and biased variance σ², `y = scale[c]·(x − μ)/√(σ² + epsilon) + bias[c]`,
/// `running_mean_next = momentum·running_mean + (1 − momentum)·μ`,
/// `running_var_next = momentum·running_var + (1 − momentum)·σ²·M/(M − 1)` (the unbiased variance),
/// `batch_mean = μ` and `batch_inverse_std = 1/√(σ² + epsilon)`.
private func batchNormalizationTraining(_ invocation: ReferenceInvocation) throws -> [Tensor] {
    let x = try invocation.array(0)
    let groups = try channelGroups(x.shape)
    let channels = groups.count
    let scale = try perChannel(invocation, 1, channels), bias = try perChannel(invocation, 2, channels)
    let runningMean = try perChannel(invocation, 3, channels), runningVariance = try perChannel(invocation, 4, channels)
    let epsilon = try invocation.double("epsilon"), momentum = try invocation.double("momentum")
    let count = groups.first?.count ?? 0
    guard count >= 2 else {
        throw Diagnostic("batch_norm_train needs at least 2 values per channel for the unbiased variance, found \(count)")
    }
    var y = x
    var outputs = Array(repeating: ReferenceArray(shape: [channels]), count: 4)
    for (c, indices) in groups.enumerated() {
        let (mean, variance) = statistics(x.values, indices)
        let inverseStd = 1 / (variance + epsilon).squareRoot()
        for index in indices { y.values[index] = scale[c] * (x.values[index] - mean) * inverseStd + bias[c] }
        outputs[0].values[c] = momentum * runningMean[c] + (1 - momentum) * mean
        outputs[1].values[c] = momentum * runningVariance[c] + (1 - momentum) * variance * Double(count) / Double(count - 1)
        outputs[2].values[c] = mean
        outputs[3].values[c] = inverseStd
    }
    let dtype = try invocation.resultDType()
    return try ([y] + outputs).map { try $0.tensor(dtype) }
}

/// batch_norm_grad: per channel, with x̂ = (x − batch_mean)·batch_inverse_std over the channel's M
/// elements, `dbias = Σ dy`, `dscale = Σ dy·x̂` and
/// `dx = scale·batch_inverse_std·(dy − dbias/M − x̂·dscale/M)`.
private func batchNormalizationGradient(_ invocation: ReferenceInvocation) throws -> [Tensor] {
    let x = try invocation.array(0), dy = try invocation.array(4)
    try requireShape(dy, like: x)
    let groups = try channelGroups(x.shape)
    let channels = groups.count
    let scale = try perChannel(invocation, 1, channels)
    let mean = try perChannel(invocation, 2, channels), inverseStd = try perChannel(invocation, 3, channels)
    var dx = x, dscale = ReferenceArray(shape: [channels]), dbias = ReferenceArray(shape: [channels])
    for (c, indices) in groups.enumerated() {
        (dscale.values[c], dbias.values[c]) = backward(x.values, dy.values, indices, mean: mean[c], inverseStd: inverseStd[c],
                                                       scale: scale[c], into: &dx.values)
    }
    let dtype = try invocation.resultDType()
    return try [dx, dscale, dbias].map { try $0.tensor(dtype) }
}

/// instance_norm_grad: each `[n, c]` plane's mean μ and biased variance σ² recomputed,
/// inverse deviation 1/√(σ² + epsilon), then the plane's dx as batch_norm_grad's over that plane;
/// dscale[c] and dbias[c] sum the planes' Σ dy·x̂ and Σ dy over n.
private func instanceNormalizationGradient(_ invocation: ReferenceInvocation) throws -> [Tensor] {
    let x = try invocation.array(0), dy = try invocation.array(2)
    try requireShape(dy, like: x)
    guard x.rank >= 3 else { throw Diagnostic("x must be [N, C, spatial...], found shape \(describe(x.shape))") }
    let (batch, channels, plane) = (x.shape[0], x.shape[1], x.shape[2...].reduce(1, *))
    let scale = try perChannel(invocation, 1, channels), epsilon = try invocation.double("epsilon")
    var dx = x, dscale = ReferenceArray(shape: [channels]), dbias = ReferenceArray(shape: [channels])
    for n in 0..<batch {
        for c in 0..<channels {
            let indices = Array(((n * channels + c) * plane)..<((n * channels + c + 1) * plane))
            let (mean, variance) = statistics(x.values, indices)
            let (planeScale, planeBias) = backward(x.values, dy.values, indices, mean: mean,
                                                   inverseStd: 1 / (variance + epsilon).squareRoot(), scale: scale[c], into: &dx.values)
            dscale.values[c] += planeScale
            dbias.values[c] += planeBias
        }
    }
    let dtype = try invocation.resultDType()
    return try [dx, dscale, dbias].map { try $0.tensor(dtype) }
}

/// The element indices of each channel of `[N, C, ...]`: for channel c, every sample's plane of c.
private func channelGroups(_ shape: [Int]) throws -> [[Int]] {
    guard shape.count >= 2 else { throw Diagnostic("x must be [N, C, ...], found shape \(describe(shape))") }
    let (batch, channels, plane) = (shape[0], shape[1], shape[2...].reduce(1, *))
    return (0..<channels).map { (c: Int) -> [Int] in
        (0..<batch).flatMap { (n: Int) -> Range<Int> in
            let start = (n * channels + c) * plane
            return start..<(start + plane)
        }
    }
}

/// The per-channel operand at `index`, checked to be `[channels]`.
private func perChannel(_ invocation: ReferenceInvocation, _ index: Int, _ channels: Int) throws -> [Double] {
    let vector = try invocation.array(index)
    guard vector.shape == [channels] else {
        throw Diagnostic("operand \(invocation.operandName(index)) must have shape [\(channels)], found \(describe(vector.shape))")
    }
    return vector.values
}

/// Throws unless dy has x's shape.
private func requireShape(_ dy: ReferenceArray, like x: ReferenceArray) throws {
    guard dy.shape == x.shape else { throw Diagnostic("dy \(describe(dy.shape)) must have the shape of x \(describe(x.shape))") }
}

/// The mean and the biased variance (two passes) of `values` at `indices`.
private func statistics(_ values: [Double], _ indices: [Int]) -> (mean: Double, variance: Double) {
    let count = Double(indices.count)
    let mean = indices.reduce(0) { $0 + values[$1] } / count
    let variance = indices.reduce(0) { $0 + (values[$1] - mean) * (values[$1] - mean) } / count
    return (mean, variance)
}

/// The gradient of one normalized group (the elements at `indices`, normalized as
/// x̂ = (x − mean)·inverseStd, then scaled by `scale`): writes dx at `indices` and returns
/// (Σ dy·x̂, Σ dy), the group's contributions to dscale and dbias.
private func backward(_ x: [Double], _ dy: [Double], _ indices: [Int], mean: Double, inverseStd: Double, scale: Double,
                      into dx: inout [Double]) -> (dscale: Double, dbias: Double) {
    let count = Double(indices.count)
    let dbias = indices.reduce(0) { $0 + dy[$1] }
    let dscale = indices.reduce(0) { $0 + dy[$1] * (x[$1] - mean) * inverseStd }
    for index in indices {
        let normalized = (x[index] - mean) * inverseStd
        dx[index] = scale * inverseStd * (dy[index] - dbias / count - normalized * dscale / count)
    }
    return (dscale, dbias)
}
