import CNNGEMM
import CNNIR

/// One independent block of a conv's weight gradient: the output channels `rows` and the input
/// channels `channels` (with all their kernel positions) of one channel group, and the products
/// that compute it, `dW[rows, channels·k] += dy[rows, segment] · columns[segment, channels·k]`
/// over the segments `segmentRange` (`WeightGradientSegments`), the column matrix transposed.
/// When the segments are cut into several slices, each slice's tasks sum into a partial dW of
/// their own, added up in slice order afterwards.
struct WeightGradientTask: Sendable {
    /// The channel group.
    let group: Int
    /// The group's output channels of the block.
    let rows: Range<Int>
    /// The group's input channels of the block.
    let channels: Range<Int>
    /// The im2col traversal of those input channels.
    let traversal: ColumnTraversal
    /// The direct gather of their transposed column matrix, when the conv allows it.
    let rowWindows: RowWindowColumns?
    /// The slice of the segments, and the segments it takes.
    let slice: Int, segmentRange: Range<Int>
    /// The product of a full segment, and of the shortest one.
    let fullProduct: PackedGEMM, lastProduct: PackedGEMM

    /// The columns of the block in dW: its input channels times the kernel volume.
    var columnCount: Int { fullProduct.columns }
    /// The output channels of the block.
    var rowCount: Int { rows.count }
    /// The distance between rows of the transposed column matrix: the column count rounded up to 8.
    var leadingColumns: Int { Self.leadingColumns(columnCount) }

    /// `columns` rounded up to 8.
    static func leadingColumns(_ columns: Int) -> Int { (columns + 7) / 8 * 8 }
}

extension WeightGradientTask {
    /// The columns of dW one block aims at, so that its column matrix and its block of dW stay in cache.
    static let targetColumns = 256

    /// The fewest columns a block cut for the threads' sake may have: narrower products waste
    /// the micro-kernel's tile, and the segments are cut into slices instead.
    static let minimumColumns = 128

    /// The blocks of `geometry`'s weight gradient, group by group, for up to `threadSlots`
    /// threads: each group is cut into input-channel chunks of about `targetColumns` columns;
    /// when that gives few blocks, into a multiple of `threadSlots` blocks, by input channels
    /// where they divide evenly (or are many) into chunks of at least `minimumColumns` columns,
    /// else by slices of the segments when there are enough, else by output channels, so that
    /// threads get equal shares. The cut depends on the conv's shape and `threadSlots` alone, so
    /// that each element of dW is computed in the same order on any number of threads.
    static func plan(_ geometry: ConvolutionGeometry, segments: WeightGradientSegments, threadSlots: Int,
                     instructionSet: GEMMInstructionSet) throws -> (tasks: [WeightGradientTask], slices: Int) {
        let groups = geometry.groups, inputChannels = geometry.inputChannelsPerGroup
        let outputChannels = geometry.outputChannelsPerGroup, kernelVolume = geometry.kernelVolume
        let byColumns = min(inputChannels, (inputChannels * kernelVolume + targetColumns - 1) / targetColumns)
        var channelChunks = byColumns, rowBlocks = 1, slices = 1
        if groups * byColumns < 4 * threadSlots {
            let step = threadSlots / greatestCommonDivisor(groups, threadSlots)
            let pieces = (byColumns + step - 1) / step * step
            let share = (pieces + byColumns - 1) / byColumns
            if inputChannels >= pieces && (inputChannels % pieces == 0 || inputChannels >= 4 * pieces)
                && inputChannels / pieces * kernelVolume >= minimumColumns {
                channelChunks = pieces
            } else if segments.count >= 2 * share {
                slices = share
            } else {
                rowBlocks = min(outputChannels, share)
            }
        }
        var tasks: [WeightGradientTask] = []
        for group in 0..<groups {
            for chunk in 0..<channelChunks {
                let channels = (chunk * inputChannels / channelChunks)..<((chunk + 1) * inputChannels / channelChunks)
                var chunkGeometry = geometry
                chunkGeometry.inputChannels = channels.count
                chunkGeometry.groups = 1
                for block in 0..<rowBlocks {
                    let rows = (block * outputChannels / rowBlocks)..<((block + 1) * outputChannels / rowBlocks)
                    func product(depth: Int) throws -> PackedGEMM {
                        do {
                            return try PackedGEMM(rows: rows.count, columns: channels.count * kernelVolume, depth: depth,
                                                  leadingA: segments.joinsImages ? nil : segments.positions,
                                                  leadingB: leadingColumns(channels.count * kernelVolume),
                                                  leadingC: inputChannels * kernelVolume, instructionSet: instructionSet)
                        } catch {
                            throw Diagnostic("the packed GEMM rejected the weight gradient's product: \(error)")
                        }
                    }
                    let (fullProduct, lastProduct) = (try product(depth: segments.fullDepth), try product(depth: segments.lastDepth))
                    for slice in 0..<slices {
                        tasks.append(WeightGradientTask(group: group, rows: rows, channels: channels,
                                                        traversal: ColumnTraversal(chunkGeometry),
                                                        rowWindows: RowWindowColumns(chunkGeometry), slice: slice,
                                                        segmentRange: (slice * segments.count / slices)..<((slice + 1) * segments.count / slices),
                                                        fullProduct: fullProduct, lastProduct: lastProduct))
                    }
                }
            }
        }
        return (tasks, slices)
    }

    /// The greatest common divisor of two positive integers.
    private static func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
        b == 0 ? a : greatestCommonDivisor(b, a % b)
    }
}
