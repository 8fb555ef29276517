import CNNGEMM
import CNNWinogradKernels
import CNNIR
import Foundation

/// conv and fused_conv of 3x3 kernels with stride 1, dilation 1 and one group (2-D, f32, any
/// padding, channel counts, sizes and batch) by Winograd's minimal filtering F(m×m, 3×3)
/// (`WinogradTile`), with transforms derived from interpolation points (`WinogradTransforms`).
///
/// - The filters' transform U = G g Gᵀ is computed and packed for the GEMM once when the
///   weights are constant at preparation (`WinogradPackedFilters`), else at every run into the
///   workspace.
/// - The output tiles are processed in blocks (`WinogradBlock`, up to 256 tiles) sized so that a
///   block's transformed input V and products M stay in L2. For each input channel, the patches
///   of the block's tile rows are gathered into lane rows straight from the input, the padding
///   zeroed (or, at the input's two ends, from a padded copy of the rows: `WinogradTileGrid`),
///   and V = Bᵀ d B computed for 16
///   tiles at a time, one per lane (`WinogradLaneTransforms`). Then come the α² products
///   M[ξ] = U[ξ]·V[ξ] on the packed GEMM (`WinogradProducts`), and for each output channel
///   Y = Aᵀ M A plus the bias, 16 tiles at a time, the tiles scattered into a band buffer whose
///   part inside the output is copied out, then the residual and activation of the epilogue
///   applied to each output row just written.
/// - Threads: with at least two groups of 16 tiles per thread, each thread takes a contiguous
///   share of the groups (the image's last group may be partial) and its own workspace slot, so
///   that no thread reads what another wrote during the conv; with fewer, every block is shared:
///   when there are bands of output channels for every thread, each thread transforms the whole
///   input of the block itself (cheap next to the products of small maps) and computes its
///   bands, again touching only its own slot; with fewer bands than threads, the input
///   transform is split by input channels, the products by frequencies and then the output
///   transform by output channels.
///
///   Reading what another thread just wrote costs far more than recomputing it when the
///   processor's two cores do not share a cache: on the reference machine, whose two virtual
///   cores sometimes run far apart (a cache line's round trip between them 370 ns instead of
///   90), sharing the leftover group of 64→64 at 56x56 made the conv no faster on 2 threads
///   than on 1.
struct WinogradConvolutionKernel: Kernel {
    let name: String
    /// The tile size.
    let tile: WinogradTile
    /// The lane kernels of the tile, compiled for the instruction set.
    let lanes: WinogradLaneCode
    /// The tiles and where they read and write.
    let grid: WinogradTileGrid
    /// C_in and C_out.
    let inputChannels: Int, outputChannels: Int
    /// Bias, residual and activation.
    let epilogue: ConvolutionEpilogue
    /// Bᵀ (α × α) and Aᵀ (m × α), row-major f32.
    let inputTransform: [Float], outputTransform: [Float]
    /// The filter transform (used at run time when the filters were not packed).
    let filterTransform: WinogradFilterTransform
    /// The products of each band and block size.
    let products: WinogradProducts
    /// The filters transformed and packed at preparation, when they were constant.
    let packedFilters: WinogradPackedFilters?
    /// The workspace's parts.
    let layout: WinogradWorkspaceLayout

    var workspaceBytes: Int { layout.totalBytes }

    /// The bytes of V and M of one block that should fit in the L2 cache (about 3/4 of this
    /// processor's 1 MiB per core, leaving room for the packed filters streaming through).
    static let blockBudgetBytes = 768 << 10

    /// The groups of 16 tiles in one column panel of the packed GEMM on `instructionSet`: the
    /// AVX-512 kernels multiply panels of 48 columns, so that blocks of a multiple of 3 groups
    /// need no partial panels (measured: 64→64 at 56x56 is 7% faster than with blocks of 2).
    static func groupsPerPanel(_ instructionSet: GEMMInstructionSet) -> Int {
        instructionSet == .avx512 ? 3 : 1
    }

    /// Whether Winograd runs `geometry`: a 2-D conv (not transposed) with a 3x3 kernel, stride 1,
    /// dilation 1 and one group.
    static func supports(_ geometry: ConvolutionGeometry) -> Bool {
        geometry.spatialRank == 2 && !geometry.transposed && geometry.groups == 1 && geometry.kernel == [1, 3, 3]
            && geometry.strides == [1, 1, 1] && geometry.dilations == [1, 1, 1]
    }

    /// The kernel of `geometry` in tiles of `tile`; `weights` (`[C_out, C_in, 3, 3]`) are
    /// transformed and packed now when given. Throws a `Diagnostic` when Winograd does not
    /// support the geometry, the weights do not fit, or the GEMM cannot be prepared.
    init(geometry: ConvolutionGeometry, epilogue: ConvolutionEpilogue, tile: WinogradTile,
         weights: Tensor?, instructionSet: GEMMInstructionSet) throws {
        guard Self.supports(geometry) else {
            throw Diagnostic("\(tile.rawValue) needs a 2-D conv with a 3x3 kernel, stride 1, dilation 1 and 1 group; found \(geometry.transposed ? "a transposed " : "a ")\(geometry.spatialRank)-D conv with kernel \(geometry.kernel), strides \(geometry.strides), dilations \(geometry.dilations) (spatial axes widened to 3) and \(geometry.groups) groups")
        }
        let transforms = tile.transforms
        guard transforms.hasParityStructure else {
            throw Diagnostic("the transforms of \(tile.rawValue) lack the parity structure of points 0, ±p, ∞")
        }
        name = tile.rawValue
        self.tile = tile
        lanes = WinogradLaneCode(tile, instructionSet: instructionSet)
        grid = WinogradTileGrid(geometry, tile: tile)
        inputChannels = geometry.inputChannels
        outputChannels = geometry.outputChannels
        self.epilogue = epilogue
        inputTransform = WinogradTransforms.floats(transforms.inputTransform)
        outputTransform = WinogradTransforms.floats(transforms.outputTransform)
        filterTransform = WinogradFilterTransform(tile)
        let slots = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let groupCount = (grid.tileCount + WinogradLanes.count - 1) / WinogradLanes.count
        // Bands let threads share a block; they only cost when each thread has blocks of its own.
        let bands = groupCount < 2 * slots && outputChannels >= 16 ? slots : 1
        let bandRows = (outputChannels + bands - 1) / bands
        let frequencies = tile.inputSize * tile.inputSize
        let bytesPerTile = frequencies * (inputChannels + bandRows) * MemoryLayout<Float>.stride
        let multiple = Self.groupsPerPanel(instructionSet)
        let budgetGroups = max(1, Self.blockBudgetBytes / (bytesPerTile * WinogradLanes.count * multiple)) * multiple
        let maximumGroups = min(budgetGroups, max(16 / multiple, 1) * multiple, groupCount)
        do {
            products = try WinogradProducts(outputChannels: outputChannels, inputChannels: inputChannels, bands: bands,
                                            maximumGroups: maximumGroups, instructionSet: instructionSet)
        } catch {
            throw Diagnostic("the packed GEMM rejected the Winograd products: \(error)")
        }
        let products = products, filterTransform = filterTransform
        packedFilters = try weights.map {
            try WinogradPackedFilters($0, transform: filterTransform, products: products, inputChannels: geometry.inputChannels)
        }
        layout = WinogradWorkspaceLayout(
            slots: slots, grid: grid, inputChannels: inputChannels, maximumTiles: maximumGroups * WinogradLanes.count,
            products: products,
            filterFloats: weights == nil ? filterTransform.floatCount(outputChannels: outputChannels, inputChannels: inputChannels) : 0)
    }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        buffers.withWorkspace(bytes: workspaceBytes) { workspace in run(buffers, context: context, workspace: workspace) }
    }

    /// Runs the conv on `workspace`.
    private func run(_ buffers: KernelBuffers, context: KernelContext, workspace: UnsafeMutableRawPointer) {
        let threads = min(context.threadCount, layout.slots)
        var operands = WinogradOperands(buffers, epilogue: epilogue)
        if packedFilters == nil {
            let filters = layout.filters(of: workspace)
            let parts = min(threads, outputChannels)
            WorkerPool.shared.run(parts: parts) { part in
                filterTransform.transform(operands.weights, channels: equalShare(part, of: parts, outputChannels),
                                          outputChannels: outputChannels, inputChannels: inputChannels, into: filters)
            }
            operands.transformedFilters = UnsafePointer(filters)
        }
        let groupCount = (grid.tileCount + WinogradLanes.count - 1) / WinogradLanes.count
        inputTransform.withUnsafeBufferPointer { inputBuffer in
            outputTransform.withUnsafeBufferPointer { outputBuffer in
                guard let inputMatrix = inputBuffer.baseAddress, let outputMatrix = outputBuffer.baseAddress else { return }
                let steps = WinogradSteps(kernel: self, operands: operands, inputTransform: inputMatrix, outputTransform: outputMatrix)
                guard threads == 1 || groupCount >= 2 * threads else {
                    runShared(groups: 0..<groupCount, steps: steps, threads: threads, workspace: workspace)
                    return
                }
                let parts = min(threads, groupCount)
                WorkerPool.shared.run(parts: parts) { part in
                    var slot = layout.slot(part, of: workspace)
                    WinogradBlock.blocks(ofGroups: equalShare(part, of: parts, groupCount), tileCount: grid.tileCount,
                                         maximumGroups: products.maximumGroups) { block in
                        slot.map.map(block, of: grid)
                        steps.transformInput(block, channels: 0..<inputChannels, map: slot.map,
                                             into: slot.transformedInput, slot: slot)
                        steps.multiplyAndTransformOutput(block, bands: 0..<products.bandCount, map: slot.map,
                                                         transformedInput: slot.transformedInput, slot: slot)
                    }
                }
            }
        }
    }

    /// Runs the blocks of `groups` with `threads` threads sharing each block: with a band of
    /// output channels for every thread, each thread transforms the block's whole input into its
    /// own slot and computes its bands; else the input transform is split by input channels and,
    /// band by band, the products by frequencies and the output transform by output channels.
    private func runShared(groups: Range<Int>, steps: WinogradSteps, threads: Int, workspace: UnsafeMutableRawPointer) {
        var shared = layout.slot(0, of: workspace)
        let frequencies = tile.inputSize * tile.inputSize
        WinogradBlock.blocks(ofGroups: groups, tileCount: grid.tileCount, maximumGroups: products.maximumGroups) { block in
            guard products.bandCount < threads else {
                WorkerPool.shared.run(parts: threads) { part in
                    var slot = layout.slot(part, of: workspace)
                    slot.map.map(block, of: grid)
                    steps.transformInput(block, channels: 0..<inputChannels, map: slot.map, into: slot.transformedInput, slot: slot)
                    steps.multiplyAndTransformOutput(block, bands: equalShare(part, of: threads, products.bandCount), map: slot.map,
                                                     transformedInput: slot.transformedInput, slot: slot)
                }
                return
            }
            shared.map.map(block, of: grid)
            let map = shared.map, transformedInput = shared.transformedInput, sharedProducts = shared.products
            WorkerPool.shared.run(parts: threads) { part in
                steps.transformInput(block, channels: equalShare(part, of: threads, inputChannels), map: map,
                                     into: transformedInput, slot: layout.slot(part, of: workspace))
            }
            for band in 0..<products.bandCount {
                WorkerPool.shared.run(parts: threads) { part in
                    steps.multiply(block, band: band, frequencies: equalShare(part, of: threads, frequencies),
                                   transformedInput: transformedInput, into: sharedProducts,
                                   gemm: layout.slot(part, of: workspace).gemm)
                }
                let rows = products.band(band)
                WorkerPool.shared.run(parts: threads) { part in
                    let slice = equalShare(part, of: threads, rows.count)
                    let channels = (rows.lowerBound + slice.lowerBound)..<(rows.lowerBound + slice.upperBound)
                    steps.transformOutput(block, band: band, channels: channels, map: map, products: sharedProducts,
                                          slot: layout.slot(part, of: workspace))
                }
            }
        }
    }
}
