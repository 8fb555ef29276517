/// The memory of one channel of one image during a depthwise run.
struct DepthwiseChannel {
    /// The input plane.
    let input: UnsafePointer<Float>
    /// The floats from `input` on that may be read.
    let readable: Int
    /// The floats before `input` that may be read.
    let preceding: Int
    /// Room for the plane's copy (`DepthwisePlane`), or for the rows of the direct sweep
    /// (`DepthwiseSweep.directRowFloats`).
    let copy: UnsafeMutablePointer<Float>
    /// Per tap, where it reads the copy relative to an output's position.
    let offsets: UnsafePointer<Int>
    /// The channel's kh · kw weights.
    let weights: UnsafePointer<Float>
    /// The channel's bias in every lane.
    let bias: FloatVector
    /// The output plane.
    let output: UnsafeMutablePointer<Float>
    /// The residual plane, or `nil`.
    let residual: UnsafePointer<Float>?
    /// The floats from `output` on that this thread may write (and read from `residual`): its
    /// own later planes included.
    let writable: Int
    /// Scratch for the flat sweep (`DepthwiseSweep.scratchFloats`).
    let scratch: UnsafeMutablePointer<Float>
}
