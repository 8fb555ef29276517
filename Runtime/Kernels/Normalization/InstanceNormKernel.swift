/// instance_norm: each `[n, c]` plane normalized by its own mean and biased variance (two
/// passes, so no cancellation), then `y = (x − mean)·a + bias[c]` with
/// `a = scale[c] / sqrt(variance + epsilon)`. Centering first keeps planes of small variance
/// (where `a` is large) exact: `x·a + (bias − mean·a)` would cancel there.
struct InstanceNormKernel: Kernel {
    let name = "instance-norm"
    /// The planes normalized.
    let planes: ChannelPlanes
    /// The variance offset.
    let epsilon: Double

    var workspaceBytes: Int { 0 }

    /// Normalizes every plane by its own statistics.
    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let planeSize = planes.planeSize
        guard planeSize > 0 else { return }
        let x = buffers.floatInput(0), scale = buffers.floatInput(1), bias = buffers.floatInput(2), y = buffers.floatOutput(0)
        planes.forEach { offset, channel in
            let plane = x + offset
            let mean = LaneSums.sum(plane, count: planeSize, PlainValue()) / Double(planeSize)
            let variance = LaneSums.sum(plane, count: planeSize, SquaredDeviation(mean: Float(mean))) / Double(planeSize)
            let factor = Float(Double(scale[channel]) / (variance + epsilon).squareRoot())
            let affine = CenteredAffineTransform(mean: Float(mean), scale: factor, shift: bias[channel])
            applyTransform(affine, plane, y + offset, count: planeSize)
        }
    }
}

/// x itself (the term of a plain sum).
struct PlainValue: VectorTransform {
    @inline(__always) func callAsFunction(_ x: FloatVector) -> FloatVector { x }
}

/// (x − mean)².
struct SquaredDeviation: VectorTransform {
    let mean: Float
    @inline(__always) func callAsFunction(_ x: FloatVector) -> FloatVector {
        let deviation = x - mean
        return deviation * deviation
    }
}

/// (x − mean)·scale + shift.
struct CenteredAffineTransform: VectorTransform {
    let mean: Float
    let scale: Float
    let shift: Float
    @inline(__always) func callAsFunction(_ x: FloatVector) -> FloatVector {
        FloatVector(repeating: shift).addingProduct(x - mean, FloatVector(repeating: scale))
    }
}
