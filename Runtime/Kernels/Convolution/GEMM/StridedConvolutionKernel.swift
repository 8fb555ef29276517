import CNNGEMM
import CNNIR
import Foundation

/// im2col for 2-D convs whose width stride is 2 or more (the stems and downsampling convs of
/// CNNs), one group, constant weights, without a column matrix.
///
/// At width stride 2 every run of im2col's gather takes every other float, and there are as
/// many runs as column rows times output rows. Here each thread first copies the band of input
/// rows its output rows read into a `PhaseSplitImage` (zero-padded, each row split into its
/// even and odd columns: one pass over the input), where every tap of the window reads
/// consecutive floats. The GEMM's B is then built straight in packed form, one panel of NR
/// output positions at a time: each depth step of a panel is one or a few contiguous copies
/// from the band, at the tap's offset (`tapOffsets`). The weights are packed once as A; each
/// panel is multiplied by all of them (`PackedGEMM.multiply(packedA:packedB:…)`), with the
/// bias, the residual and relu, clip or leaky_relu applied in registers.
///
/// Each image's output positions are cut into panels of NR from its first position on, so that
/// only its last panel can be partial (a narrower tile). Threads take contiguous ranges of
/// whole panels of each image, in bands of whole panels (bands and shares start and end mid-row)
/// that hold at most about `bandBudgetBytes` of input, and own their band, panel and GEMM
/// scratch, so that no thread reads what another wrote.
struct StridedConvolutionKernel: Kernel {
    let name = "im2col"
    /// The conv's shapes and window.
    let geometry: ConvolutionGeometry
    /// Bias, residual and activation.
    let epilogue: ConvolutionEpilogue
    /// The layout of a thread's band of input rows.
    let image: PhaseSplitImage
    /// `Y[:, panel] = W · B[:, panel]` for one panel of NR positions (fewer when the output
    /// plane is smaller).
    let product: PackedGEMM
    /// The weights packed as the product's A.
    let packedWeights: PackedWeights
    /// For each depth step (column matrix row), the offset of its tap in a band.
    let tapOffsets: [Int]
    /// The panels of one band (at most), and the padded rows it holds per channel.
    let bandPanels: Int, bandRows: Int
    /// The threads the workspace has room for.
    let threadSlots: Int
    /// Bytes of one thread's band, panel and GEMM scratch, each a multiple of 64.
    let bandBytes: Int, panelBytes: Int, gemmBytes: Int

    /// Whether this kernel runs `geometry`: 2-D, one group, constant weights, a width stride of
    /// 2 or more, windows wider than the stride (so that taps share the copied columns: a 1x1/2
    /// conv reads a quarter of its input, which im2col gathers directly), output rows at least
    /// `minimumOutputWidth` wide.
    static func suits(_ geometry: ConvolutionGeometry, weightsAreConstant: Bool) -> Bool {
        weightsAreConstant && geometry.spatialRank == 2 && geometry.groups == 1 && geometry.strides[2] >= 2
            && (geometry.kernel[2] - 1) * geometry.dilations[2] + 1 > geometry.strides[2]
            && geometry.outputSize[2] >= minimumOutputWidth
    }

    /// The bytes of input one band may hold: about half of this processor's 1 MiB L2, like
    /// im2col's column budget, so that the band stays there while its panels are packed.
    static let bandBudgetBytes = 512 << 10

    var workspaceBytes: Int { threadSlots * (bandBytes + panelBytes + gemmBytes) }

    /// The kernel of `geometry` (for which `suits` holds), with bands of at most about
    /// `bandBudget` bytes of input (whole panels, at least one); packs `weights` now. Throws
    /// when the GEMM cannot be prepared.
    init(geometry: ConvolutionGeometry, epilogue: ConvolutionEpilogue, weights: Tensor,
         instructionSet: GEMMInstructionSet = .selected(), bandBudget: Int = bandBudgetBytes) throws {
        self.geometry = geometry
        self.epilogue = epilogue
        image = PhaseSplitImage(geometry)
        threadSlots = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let depth = geometry.columnRows
        do {
            product = try PackedGEMM(rows: geometry.outputChannels, columns: min(instructionSet.columnTile, geometry.outputPlane),
                                     depth: depth,
                                     leadingC: geometry.outputPlane, instructionSet: instructionSet)
        } catch {
            throw Diagnostic("the packed GEMM rejected the conv's product: \(error)")
        }
        packedWeights = try PackedWeights(weights, product: product, groups: 1)
        // A run of n positions touches at most ⌊(n + W − 2) / W⌋ + 1 output rows of width W: the
        // band holds as many whole panels as the budget's rows cover wherever they start.
        let outputWidth = geometry.outputSize[2], panelWidth = product.columns
        let budgetRows = image.outputRows(fittingIn: bandBudget)
        bandPanels = min(ceilingDivision(geometry.outputPlane, panelWidth), max(1, ((budgetRows - 1) * outputWidth + 1) / panelWidth))
        let touchedRows = min(geometry.outputSize[1], (bandPanels * panelWidth + outputWidth - 2) / outputWidth + 1)
        bandRows = image.paddedRows(for: 0..<touchedRows).count
        tapOffsets = image.tapOffsets(paddedRows: bandRows)
        bandBytes = WorkspaceSize.bytes(forFloats: image.bandFloats(paddedRows: bandRows))
        panelBytes = WorkspaceSize.bytes(forFloats: product.packedBByteCount / MemoryLayout<Float>.stride + ColumnGather.spillFloats)
        gemmBytes = (product.workspaceByteCount(threadCount: 1) + 63) / 64 * 64
    }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        buffers.withWorkspace(bytes: workspaceBytes) { workspace in
            let threads = min(context.threadCount, threadSlots)
            let slotBytes = bandBytes + panelBytes + gemmBytes
            let plane = geometry.outputPlane, panelWidth = product.columns
            let panelCount = ceilingDivision(plane, panelWidth)
            WorkerPool.shared.run(parts: threads) { part in
                // Each thread's panels are cut into as few bands as fit, of nearly equal sizes.
                let slot = workspace + part * slotBytes
                let panels = equalShare(part, of: threads, panelCount)
                let bands = ceilingDivision(panels.count, bandPanels)
                for imageIndex in 0..<geometry.batch {
                    for band in 0..<bands {
                        let bandShare = equalShare(band, of: bands, panels.count)
                        let positions = ((panels.lowerBound + bandShare.lowerBound) * panelWidth)
                            ..< min(plane, (panels.lowerBound + bandShare.upperBound) * panelWidth)
                        run(image: imageIndex, positions: positions, buffers, slot: slot)
                    }
                }
            }
        }
    }

    /// Computes output positions `positions` (at most `bandPanels` panels, starting on a
    /// panel's start) of image `imageIndex` on the workspace slot `slot`.
    private func run(image imageIndex: Int, positions: Range<Int>, _ buffers: KernelBuffers, slot: UnsafeMutableRawPointer) {
        let x = buffers.floatInput(0), y = buffers.floatOutput(0)
        let inputFloats = geometry.inputChannels * geometry.inputPlane
        let plane = geometry.outputPlane, outputWidth = geometry.outputSize[2]
        let band = slot.assumingMemoryBound(to: Float.self)
        let panel = (slot + bandBytes).assumingMemoryBound(to: Float.self)
        let gemm = UnsafeMutableRawBufferPointer(start: slot + bandBytes + panelBytes, count: gemmBytes)
        let source = x + imageIndex * inputFloats
        let rows = (positions.lowerBound / outputWidth)..<((positions.upperBound - 1) / outputWidth + 1)
        let paddedRows = image.paddedRows(for: rows)
        image.fill(band, rows: paddedRows, from: source, readable: (geometry.batch - imageIndex) * inputFloats,
                   bandRows: bandRows)
        let outputOffset = imageIndex * geometry.outputChannels * plane
        let gemmEpilogue = epilogue.gemmEpilogue(bias: epilogue.bias(buffers),
                                                 residual: epilogue.residual(buffers).map { $0 + outputOffset },
                                                 residualLeadingDimension: plane)
        let panelWidth = product.columns
        // Offsets count from the band's first padded row.
        let bandStart = paddedRows.lowerBound * image.rowStride
        tapOffsets.withUnsafeBufferPointer { offsets in
            for first in stride(from: positions.lowerBound, to: positions.upperBound, by: panelWidth) {
                let columns = min(panelWidth, positions.upperBound - first)
                pack(positions: first..<(first + columns), from: band - bandStart, offsets: offsets, into: panel)
                let output = y + outputOffset + first
                product.multiply(packedA: packedWeights.panels(ofGroup: 0), packedB: panel, c: output,
                                 columns: 0..<columns, epilogue: gemmEpilogue.offset(row: 0, column: first), workspace: gemm)
                if epilogue.activatesAfterProduct {
                    for channel in 0..<geometry.outputChannels { epilogue.activate(output + channel * plane, count: columns) }
                }
            }
        }
    }

    /// Builds the packed panel of B for output positions `positions` (at most NR): row k holds,
    /// for each position, the element tap k reads, copied from `band` (addressed as if it
    /// started at padded row 0) in runs along the output rows (`Runs`). Whole vectors are written past each run's end; the next run,
    /// or the next row of the panel, overwrites them, and the last row spills into the slack.
    @inline(__always)
    private func pack(positions: Range<Int>, from band: UnsafePointer<Float>, offsets: UnsafeBufferPointer<Int>,
                      into panel: UnsafeMutablePointer<Float>) {
        let outputWidth = geometry.outputSize[2], panelWidth = product.columnAlignment
        let rowStep = image.strideHeight * image.rowStride
        var runs = Runs(repeating: (0, 0, 0))
        var runCount = 0
        var position = positions.lowerBound
        while position < positions.upperBound && runCount < runs.count {
            let (row, column) = position.quotientAndRemainder(dividingBy: outputWidth)
            let count = min(outputWidth - column, positions.upperBound - position)
            runs[runCount] = (row * rowStep + column, position - positions.lowerBound, count)
            runCount += 1
            position += count
        }
        var destination = panel
        for offset in offsets {
            for run in 0..<runCount {
                let (source, column, count) = runs[run]
                let from = band + source + offset, to = destination + column
                var index = 0
                while index < count {
                    to.storeFloatVector(from.loadFloatVector(at: index), at: index)
                    index += 16
                }
            }
            destination += panelWidth
        }
    }

    /// The runs of one panel: where each reads in the band, its first column and its length.
    /// NR (at most 48) positions over output rows at least `minimumOutputWidth` wide make at
    /// most 4.
    typealias Runs = InlineArray<4, (source: Int, column: Int, count: Int)>

    /// The narrowest output rows this kernel takes.
    static let minimumOutputWidth = 16
}
