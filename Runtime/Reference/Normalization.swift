import Foundation
import CNNIR

extension ReferenceKernels {
    /// batch_norm (inference form), instance_norm and lrn.
    static let normalizationKernels: [OpKind: ReferenceKernel] = [
        .batchNorm: ReferenceKernel { try batchNormalization($0) },
        .instanceNorm: ReferenceKernel { try instanceNormalization($0) },
        .lrn: ReferenceKernel { try localResponseNormalization($0) },
    ]
}

/// The batch, channel count and elements per channel plane of `[N, C, ...]`.
private func channelLayout(_ x: ReferenceArray) throws -> (batch: Int, channels: Int, plane: Int) {
    guard x.rank >= 2 else { throw Diagnostic("the input must be [N, C, ...], found shape \(describe(x.shape))") }
    return (x.shape[0], x.shape[1], x.shape[2...].reduce(1, *))
}

/// The per-channel operand at `index`, checked to be `[channels]`.
private func channelVector(_ invocation: ReferenceInvocation, _ index: Int, channels: Int) throws -> [Double] {
    let vector = try invocation.array(index)
    guard vector.shape == [channels] else {
        throw Diagnostic("operand \(invocation.operandName(index)) must have shape [\(channels)], found \(describe(vector.shape))")
    }
    return vector.values
}

/// batch_norm with the running statistics:
/// `y = scale[c] * (x - mean[c]) / sqrt(variance[c] + epsilon) + bias[c]` (momentum is unused at inference).
private func batchNormalization(_ invocation: ReferenceInvocation) throws -> ReferenceArray {
    var y = try invocation.array(0)
    let (batch, channels, plane) = try channelLayout(y)
    let scale = try channelVector(invocation, 1, channels: channels), bias = try channelVector(invocation, 2, channels: channels)
    let mean = try channelVector(invocation, 3, channels: channels), variance = try channelVector(invocation, 4, channels: channels)
    let epsilon = try invocation.double("epsilon")
    for n in 0..<batch {
        for c in 0..<channels {
            let base = (n * channels + c) * plane
            for position in base..<(base + plane) {
                y.values[position] = scale[c] * (y.values[position] - mean[c]) / (variance[c] + epsilon).squareRoot() + bias[c]
            }
        }
    }
    return y
}

/// instance_norm: each `[n, c]` plane is normalized by its own mean and (biased) variance,
/// `y = scale[c] * (x - mean) / sqrt(variance + epsilon) + bias[c]`.
private func instanceNormalization(_ invocation: ReferenceInvocation) throws -> ReferenceArray {
    var y = try invocation.array(0)
    let (batch, channels, _) = try spatialLayout(y.shape, "the input")
    let plane = y.shape[2...].reduce(1, *)
    let scale = try channelVector(invocation, 1, channels: channels), bias = try channelVector(invocation, 2, channels: channels)
    let epsilon = try invocation.double("epsilon")
    for n in 0..<batch {
        for c in 0..<channels {
            let range = ((n * channels + c) * plane)..<((n * channels + c + 1) * plane)
            let mean = y.values[range].reduce(0, +) / Double(plane)
            let variance = y.values[range].reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(plane)
            for position in range {
                y.values[position] = scale[c] * (y.values[position] - mean) / (variance + epsilon).squareRoot() + bias[c]
            }
        }
    }
    return y
}

/// lrn (ONNX): `y = x / (bias + alpha / size * Σ x[n, j, ...]^2)^beta`, the sum over channels
/// `j` from `max(0, c - floor((size - 1) / 2))` to `min(C - 1, c + ceil((size - 1) / 2))`.
private func localResponseNormalization(_ invocation: ReferenceInvocation) throws -> ReferenceArray {
    let x = try invocation.array(0)
    let (batch, channels, plane) = try channelLayout(x)
    let size = try invocation.int("size")
    guard size >= 1 else { throw Diagnostic("attribute 'size' must be at least 1, found \(size)") }
    let alpha = try invocation.double("alpha"), beta = try invocation.double("beta"), bias = try invocation.double("bias")
    let before = (size - 1) / 2, after = size - 1 - before
    var y = x
    for n in 0..<batch {
        for c in 0..<channels {
            for position in 0..<plane {
                var squareSum = 0.0
                for j in max(0, c - before)...min(channels - 1, c + after) {
                    let value = x.values[(n * channels + j) * plane + position]
                    squareSum += value * value
                }
                let index = (n * channels + c) * plane + position
                y.values[index] = x.values[index] / pow(bias + alpha / Double(size) * squareSum, beta)
            }
        }
    }
    return y
}
