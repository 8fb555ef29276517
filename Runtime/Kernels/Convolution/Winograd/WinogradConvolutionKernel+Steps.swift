import CNNGEMM
import CNNWinogradKernels

/// The memory of one run of a Winograd conv.
struct WinogradOperands {
    let x: UnsafePointer<Float>, weights: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>
    let bias: UnsafePointer<Float>?, residual: UnsafePointer<Float>?
    /// U transformed at run time into the workspace (`nil` when the filters were packed).
    var transformedFilters: UnsafePointer<Float>?

    init(_ buffers: KernelBuffers, epilogue: ConvolutionEpilogue) {
        x = buffers.floatInput(0)
        weights = buffers.floatInput(1)
        y = buffers.floatOutput(0)
        bias = epilogue.bias(buffers)
        residual = epilogue.residual(buffers)
    }
}

/// The three steps of a Winograd conv on one block of tiles, for one run: the input transform,
/// and the products followed by the output transform and epilogue.
struct WinogradSteps {
    /// The kernel.
    let kernel: WinogradConvolutionKernel
    /// The run's memory.
    let operands: WinogradOperands
    /// Bᵀ and Aᵀ.
    let inputTransform: UnsafePointer<Float>, outputTransform: UnsafePointer<Float>

    /// V = Bᵀ d B of `block` (mapped by `map`) for the input channels `channels`: V's frequency
    /// ξ is a `C_in × paddedTiles` matrix at `transformedInput + ξ·block.frequencyStride(rows: C_in)`.
    func transformInput(_ block: WinogradBlock, channels: Range<Int>, map: WinogradBlockMap,
                        into transformedInput: UnsafeMutablePointer<Float>, slot: WinogradSlot) {
        let laneCount = WinogradLanes.count, grid = kernel.grid, lanes = kernel.lanes, laneStride = kernel.layout.laneStride
        let plane = grid.inputHeight * grid.inputWidth
        let frequencyStride = block.frequencyStride(rows: kernel.inputChannels)
        for channel in channels {
            for index in 0..<map.bandCount {
                let band = map.bands[index]
                let patches = slot.laneRows + band.firstTile, tiles = band.tileColumns.count
                if let (offset, rows) = grid.directInput(of: band, channel: channel) {
                    lanes.gatherPatches(operands.x + offset, rowStride: grid.inputWidth, rows: rows, tiles: tiles, into: patches,
                                        laneStride: laneStride)
                    grid.zeroPaddedColumns(of: band, in: patches, laneStride: laneStride)
                } else {
                    grid.copyInputBand(band, index: index, from: operands.x + channel * plane, into: slot.bandBuffer)
                    let start = grid.bandStart(band, index: index, rowsPerBand: grid.patchSize, rowStride: grid.inputBandStride)
                    lanes.gatherPatches(slot.bandBuffer + start, rowStride: grid.inputBandStride, rows: 0..<grid.patchSize,
                                        tiles: tiles, into: patches, laneStride: laneStride)
                }
            }
            for group in 0..<block.groups {
                lanes.transformInput(slot.laneRows + group * laneCount, laneStride: laneStride, inputTransform: inputTransform,
                                     scratch: slot.scratch, output: transformedInput + channel * block.paddedTiles + group * laneCount,
                                     frequencyStride: frequencyStride)
            }
        }
    }

    /// The products M[ξ] = U[ξ]·V[ξ] of `block` for the output channels of `bands`, then
    /// Y = Aᵀ M A + bias stored into the output, then the residual and activation.
    func multiplyAndTransformOutput(_ block: WinogradBlock, bands: Range<Int>, map: WinogradBlockMap,
                                    transformedInput: UnsafePointer<Float>, slot: WinogradSlot) {
        let frequencies = kernel.grid.patchSize * kernel.grid.patchSize
        for band in bands {
            multiply(block, band: band, frequencies: 0..<frequencies, transformedInput: transformedInput,
                     into: slot.products, gemm: slot.gemm)
            transformOutput(block, band: band, channels: kernel.products.band(band), map: map,
                            products: slot.products, slot: slot)
        }
    }

    /// The products M[ξ] = U[ξ]·V[ξ] of `block` for the output channels of band `band` and the
    /// frequencies `frequencies`: M's frequency ξ is a `band rows × paddedTiles` matrix at
    /// `products + ξ·block.frequencyStride(rows: band rows)`.
    func multiply(_ block: WinogradBlock, band: Int, frequencies: Range<Int>, transformedInput: UnsafePointer<Float>,
                  into products: UnsafeMutablePointer<Float>, gemm: UnsafeMutableRawBufferPointer) {
        let rows = kernel.products.band(band), inputChannels = kernel.inputChannels
        let product = kernel.products.product(band: band, groups: block.groups)
        let inputStride = block.frequencyStride(rows: inputChannels), productStride = block.frequencyStride(rows: rows.count)
        for frequency in frequencies {
            let b = transformedInput + frequency * inputStride
            let c = products + frequency * productStride
            if let packedFilters = kernel.packedFilters {
                product.multiply(packedA: packedFilters.panels(frequency: frequency, band: band), b: b, c: c,
                                 workspace: gemm, threadCount: 1)
            } else if let filters = operands.transformedFilters {
                product.multiply(a: filters + (frequency * kernel.outputChannels + rows.lowerBound) * inputChannels, b: b, c: c,
                                 workspace: gemm, threadCount: 1)
            }
        }
    }

    /// Y = Aᵀ M A + bias of `block` for the output channels `channels` of band `band`, from the
    /// band's products M (`multiply`), stored into the output, then the residual and activation;
    /// the lane rows and band buffer of `slot` hold the tiles on the way.
    func transformOutput(_ block: WinogradBlock, band: Int, channels: Range<Int>, map: WinogradBlockMap,
                         products: UnsafePointer<Float>, slot: WinogradSlot) {
        let laneCount = WinogradLanes.count, grid = kernel.grid, lanes = kernel.lanes, laneStride = kernel.layout.laneStride
        let epilogue = kernel.epilogue
        let outputPlane = grid.outputHeight * grid.outputWidth
        let rows = kernel.products.band(band)
        let productStride = block.frequencyStride(rows: rows.count)
        for channel in channels {
            let bias = FloatVector(repeating: operands.bias?[channel] ?? 0)
            for group in 0..<block.groups {
                lanes.transformOutput(products + (channel - rows.lowerBound) * block.paddedTiles + group * laneCount,
                                      frequencyStride: productStride, outputTransform: outputTransform, scratch: slot.scratch,
                                      offset: bias, outputs: slot.laneRows + group * laneCount, laneStride: laneStride)
            }
            for index in 0..<map.bandCount {
                let band = map.bands[index]
                let start = grid.bandStart(band, index: index, rowsPerBand: grid.tileSize, rowStride: grid.outputBandStride)
                lanes.scatterTiles(slot.laneRows + band.firstTile, laneStride: laneStride, tiles: band.tileColumns.count,
                                   into: slot.bandBuffer + start, rowStride: grid.outputBandStride)
            }
            // The rows are copied into the output with the residual added and the activation
            // applied on the way.
            epilogue.withActivation(FinishedRows(grid: grid, map: map, rows: UnsafePointer(slot.bandBuffer),
                                                 output: operands.y + channel * outputPlane,
                                                 residual: operands.residual.map { $0 + channel * outputPlane }))
        }
    }
}

/// The copy of one channel's output rows from a band buffer into the output, each element
/// `activation(row element + residual)`.
private struct FinishedRows: ActivatedLoop {
    let grid: WinogradTileGrid
    let map: WinogradBlockMap
    let rows: UnsafePointer<Float>
    let output: UnsafeMutablePointer<Float>
    let residual: UnsafePointer<Float>?

    func run<Activation: VectorTransform>(_ activation: Activation) {
        grid.forEachOutputRow(of: map) { outputOffset, bufferOffset, count in
            let residualRow = residual.map { $0 + outputOffset }
            ShortFloatRuns.copy(rows + bufferOffset, to: output + outputOffset, count: count, finishing: { vector, index in
                activation(residualRow.map { vector + $0.loadFloatVector(at: index) } ?? vector)
            }, finishScalar: { value, index in
                activation(FloatVector(repeating: residualRow.map { value + $0[index] } ?? value))[0]
            })
        }
    }
}
