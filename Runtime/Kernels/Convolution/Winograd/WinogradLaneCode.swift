import CNNGEMM
import CNNWinogradAVX512
import CNNWinogradKernels

/// The compiled form of the Winograd lane kernels (`WinogradTileLanes`: patch gathering, tile
/// scattering, input and output transforms) a Winograd conv runs for its tile, chosen once when
/// the kernel is prepared: the AVX-512 one when the processor has AVX-512 and the instruction
/// set asked for allows it, else the runtime's own (AVX2).
struct WinogradLaneCode: Sendable {
    /// m of the tile.
    let outputSize: Int
    /// Whether CNNWinogradAVX512's kernels run (else the runtime's).
    let usesAVX512: Bool

    /// The code of `tile` for `instructionSet` (`GEMMInstructionSet.selected()` honours `CNNC_ISA`).
    init(_ tile: WinogradTile, instructionSet: GEMMInstructionSet) {
        outputSize = tile.outputSize
        usesAVX512 = instructionSet == .avx512 && instructionSet.isSupported
    }

    /// `WinogradLaneTransforms.gatherPatches` in this code.
    @inline(__always)
    func gatherPatches(_ band: UnsafePointer<Float>, rowStride: Int, rows: Range<Int>, tiles: Int,
                       into patches: UnsafeMutablePointer<Float>, laneStride: Int) {
        if usesAVX512 {
            AVX512Winograd.gatherPatches(outputSize: outputSize, band, rowStride: rowStride, rows: rows, tiles: tiles,
                                         into: patches, laneStride: laneStride)
        } else {
            WinogradTileLanes<RuntimeWinograd>.gatherPatches(outputSize: outputSize, band, rowStride: rowStride, rows: rows,
                                                             tiles: tiles, into: patches, laneStride: laneStride)
        }
    }

    /// `WinogradLaneTransforms.scatterTiles` in this code.
    @inline(__always)
    func scatterTiles(_ outputs: UnsafePointer<Float>, laneStride: Int, tiles: Int,
                      into band: UnsafeMutablePointer<Float>, rowStride: Int) {
        if usesAVX512 {
            AVX512Winograd.scatterTiles(outputSize: outputSize, outputs, laneStride: laneStride, tiles: tiles, into: band,
                                        rowStride: rowStride)
        } else {
            WinogradTileLanes<RuntimeWinograd>.scatterTiles(outputSize: outputSize, outputs, laneStride: laneStride, tiles: tiles,
                                                            into: band, rowStride: rowStride)
        }
    }

    /// `WinogradLaneTransforms.transformInput` in this code.
    @inline(__always)
    func transformInput(_ patches: UnsafePointer<Float>, laneStride: Int, inputTransform: UnsafePointer<Float>,
                        scratch: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>, frequencyStride: Int) {
        if usesAVX512 {
            AVX512Winograd.transformInput(outputSize: outputSize, patches, laneStride: laneStride, inputTransform: inputTransform,
                                          scratch: scratch, output: output, frequencyStride: frequencyStride)
        } else {
            WinogradTileLanes<RuntimeWinograd>.transformInput(outputSize: outputSize, patches, laneStride: laneStride,
                                                              inputTransform: inputTransform, scratch: scratch, output: output,
                                                              frequencyStride: frequencyStride)
        }
    }

    /// `WinogradLaneTransforms.transformOutput` in this code.
    @inline(__always)
    func transformOutput(_ products: UnsafePointer<Float>, frequencyStride: Int, outputTransform: UnsafePointer<Float>,
                         scratch: UnsafeMutablePointer<Float>, offset: FloatVector,
                         outputs: UnsafeMutablePointer<Float>, laneStride: Int) {
        if usesAVX512 {
            AVX512Winograd.transformOutput(outputSize: outputSize, products, frequencyStride: frequencyStride,
                                           outputTransform: outputTransform, scratch: scratch, offset: offset, outputs: outputs,
                                           laneStride: laneStride)
        } else {
            WinogradTileLanes<RuntimeWinograd>.transformOutput(outputSize: outputSize, products, frequencyStride: frequencyStride,
                                                               outputTransform: outputTransform, scratch: scratch, offset: offset,
                                                               outputs: outputs, laneStride: laneStride)
        }
    }
}

/// The runtime's instantiation of the Winograd lane kernels (compiled for x86-64-v3).
enum RuntimeWinograd: WinogradInstructionTarget {}
