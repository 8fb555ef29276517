import CNNWinogradKernels

/// The Winograd lane kernels (`WinogradTileLanes`) compiled for AVX-512 (one zmm register per
/// 16-float vector). This module is compiled for AVX-512; its code runs only after the caller
/// has checked the processor (`GEMMInstructionSet`).
package enum AVX512Winograd: WinogradInstructionTarget {
    /// `WinogradTileLanes.gatherPatches` for AVX-512.
    package static func gatherPatches(outputSize: Int, _ band: UnsafePointer<Float>, rowStride: Int, rows: Range<Int>,
                                      tiles: Int, into patches: UnsafeMutablePointer<Float>, laneStride: Int) {
        WinogradTileLanes<AVX512Winograd>.gatherPatches(outputSize: outputSize, band, rowStride: rowStride, rows: rows,
                                                        tiles: tiles, into: patches, laneStride: laneStride)
    }

    /// `WinogradTileLanes.scatterTiles` for AVX-512.
    package static func scatterTiles(outputSize: Int, _ outputs: UnsafePointer<Float>, laneStride: Int, tiles: Int,
                                     into band: UnsafeMutablePointer<Float>, rowStride: Int) {
        WinogradTileLanes<AVX512Winograd>.scatterTiles(outputSize: outputSize, outputs, laneStride: laneStride, tiles: tiles,
                                                       into: band, rowStride: rowStride)
    }

    /// `WinogradTileLanes.transformInput` for AVX-512.
    package static func transformInput(outputSize: Int, _ patches: UnsafePointer<Float>, laneStride: Int,
                                       inputTransform: UnsafePointer<Float>, scratch: UnsafeMutablePointer<Float>,
                                       output: UnsafeMutablePointer<Float>, frequencyStride: Int) {
        WinogradTileLanes<AVX512Winograd>.transformInput(outputSize: outputSize, patches, laneStride: laneStride,
                                                         inputTransform: inputTransform, scratch: scratch, output: output,
                                                         frequencyStride: frequencyStride)
    }

    /// `WinogradTileLanes.transformOutput` for AVX-512.
    package static func transformOutput(outputSize: Int, _ products: UnsafePointer<Float>, frequencyStride: Int,
                                        outputTransform: UnsafePointer<Float>, scratch: UnsafeMutablePointer<Float>,
                                        offset: SIMD16<Float>, outputs: UnsafeMutablePointer<Float>, laneStride: Int) {
        WinogradTileLanes<AVX512Winograd>.transformOutput(outputSize: outputSize, products, frequencyStride: frequencyStride,
                                                          outputTransform: outputTransform, scratch: scratch, offset: offset,
                                                          outputs: outputs, laneStride: laneStride)
    }
}
