import CNNDepthwiseKernels

/// The depthwise row and masked kernels compiled for AVX-512 (one zmm register per 16-float vector).
/// This module is compiled for AVX-512; its code runs only after the caller has checked the
/// processor (`GEMMInstructionSet`).
package enum AVX512Depthwise: DepthwiseInstructionTarget {
    /// `DepthwiseRows.computeRows` for AVX-512.
    package static func computeRows(_ run: DepthwisePlaneRun, rowsPerBlock: Int, rows: Range<Int>) {
        DepthwiseRows<AVX512Depthwise>.computeRows(run, rowsPerBlock: rowsPerBlock, rows: rows)
    }

    /// `DepthwiseRows.computeRows(_:from:rows:)` (straight from the input rows) for AVX-512.
    package static func computeRows(_ run: DepthwisePlaneRun, from source: DepthwiseRowSource, rows: Range<Int>) {
        DepthwiseRows<AVX512Depthwise>.computeRows(run, from: source, rows: rows)
    }

    /// `DepthwiseMaskedPlanes.run` for AVX-512.
    package static func run(_ plane: DepthwiseMaskedPlane) {
        DepthwiseMaskedPlanes<AVX512Depthwise>.run(plane)
    }

    /// `DepthwiseRows.computeLine` for AVX-512.
    package static func computeLine(_ run: DepthwisePlaneRun, length: Int, into scratch: UnsafeMutablePointer<Float>) {
        DepthwiseRows<AVX512Depthwise>.computeLine(run, length: length, into: scratch)
    }
}
