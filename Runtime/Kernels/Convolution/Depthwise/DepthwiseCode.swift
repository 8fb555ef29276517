import CNNDepthwiseAVX512
import CNNDepthwiseKernels
import CNNGEMM

/// The compiled form of the depthwise row and masked kernels (`DepthwiseRows`,
/// `DepthwiseMaskedPlanes`) a depthwise kernel runs,
/// chosen once when the kernel is prepared: the AVX-512 one when the processor has AVX-512
/// and the instruction set asked for allows it, else the runtime's own (AVX2).
enum DepthwiseCode: Sendable {
    /// CNNDepthwiseAVX512's kernels.
    case avx512
    /// The kernels compiled with the runtime (x86-64-v3).
    case standard

    /// The code for `instructionSet` (`GEMMInstructionSet.selected()` honours `CNNC_ISA`).
    init(_ instructionSet: GEMMInstructionSet) {
        self = instructionSet == .avx512 && instructionSet.isSupported ? .avx512 : .standard
    }

    /// `DepthwiseRows.computeRows` in this code.
    @inline(__always)
    func computeRows(_ run: DepthwisePlaneRun, rowsPerBlock: Int, rows: Range<Int>) {
        switch self {
        case .avx512: AVX512Depthwise.computeRows(run, rowsPerBlock: rowsPerBlock, rows: rows)
        case .standard: DepthwiseRows<RuntimeDepthwise>.computeRows(run, rowsPerBlock: rowsPerBlock, rows: rows)
        }
    }

    /// `DepthwiseRows.computeRows(_:from:rows:)` (straight from the input rows) in this code.
    @inline(__always)
    func computeRows(_ run: DepthwisePlaneRun, from source: DepthwiseRowSource, rows: Range<Int>) {
        switch self {
        case .avx512: AVX512Depthwise.computeRows(run, from: source, rows: rows)
        case .standard: DepthwiseRows<RuntimeDepthwise>.computeRows(run, from: source, rows: rows)
        }
    }

    /// `DepthwiseMaskedPlanes.run` in this code.
    @inline(__always)
    func run(_ plane: DepthwiseMaskedPlane) {
        switch self {
        case .avx512: AVX512Depthwise.run(plane)
        case .standard: DepthwiseMaskedPlanes<RuntimeDepthwise>.run(plane)
        }
    }

    /// `DepthwiseRows.computeLine` in this code.
    @inline(__always)
    func computeLine(_ run: DepthwisePlaneRun, length: Int, into scratch: UnsafeMutablePointer<Float>) {
        switch self {
        case .avx512: AVX512Depthwise.computeLine(run, length: length, into: scratch)
        case .standard: DepthwiseRows<RuntimeDepthwise>.computeLine(run, length: length, into: scratch)
        }
    }
}

/// The runtime's instantiation of the depthwise row kernels (compiled for x86-64-v3).
enum RuntimeDepthwise: DepthwiseInstructionTarget {}
