import CNNGEMM
import CNNIR

/// One independent block of a conv's weight gradient: the output channels `rows` and the input
/// channels `channels` (with all their kernel positions) of one channel group, and the products
/// that compute it, `dW[rows, channels·k] += dy[rows, segment] · columns[segment, channels·k]`
/// over every segment (`WeightGradientSegments`), the column matrix transposed after gathering.
struct WeightGradientTask: Sendable {
    /// The channel group.
    let group: Int
    /// The group's output channels of the block.
    let rows: Range<Int>
    /// The group's input channels of the block.
    let channels: Range<Int>
    /// The im2col traversal of those input channels.
    let traversal: ColumnTraversal
    /// The product of a full segment, and of the shortest one.
    let fullProduct: PackedGEMM, lastProduct: PackedGEMM

    /// The columns of the block in dW: its input channels times the kernel volume.
    var columnCount: Int { fullProduct.columns }
    /// The output channels of the block.
    var rowCount: Int { rows.count }
}

extension WeightGradientTask {
    /// The columns of dW one block aims at, so that its column matrix and its block of dW stay in cache.
    static let targetColumns = 256

    /// The blocks of `geometry`'s weight gradient, group by group, for up to `threadSlots`
    /// threads: each group is cut into input-channel chunks of about `targetColumns` columns;
    /// when that gives few blocks, into a multiple of `threadSlots` blocks, by input channels
    /// where they divide evenly (or are many) and else by output channels, so that threads get
    /// equal shares. Whatever the cut, each element of dW is computed in the same order.
    static func plan(_ geometry: ConvolutionGeometry, segments: WeightGradientSegments, threadSlots: Int,
                     instructionSet: GEMMInstructionSet) throws -> [WeightGradientTask] {
        let groups = geometry.groups, inputChannels = geometry.inputChannelsPerGroup
        let outputChannels = geometry.outputChannelsPerGroup, kernelVolume = geometry.kernelVolume
        let byColumns = min(inputChannels, (inputChannels * kernelVolume + targetColumns - 1) / targetColumns)
        var channelChunks = byColumns, rowBlocks = 1
        if groups * byColumns < 4 * threadSlots {
            let step = threadSlots / greatestCommonDivisor(groups, threadSlots)
            let pieces = (byColumns + step - 1) / step * step
            if inputChannels >= pieces && (inputChannels % pieces == 0 || inputChannels >= 4 * pieces) {
                channelChunks = pieces
            } else {
                rowBlocks = min(outputChannels, (pieces + byColumns - 1) / byColumns)
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
                                                  leadingC: inputChannels * kernelVolume, instructionSet: instructionSet)
                        } catch {
                            throw Diagnostic("the packed GEMM rejected the weight gradient's product: \(error)")
                        }
                    }
                    tasks.append(WeightGradientTask(group: group, rows: rows, channels: channels,
                                                    traversal: ColumnTraversal(chunkGeometry),
                                                    fullProduct: try product(depth: segments.fullDepth),
                                                    lastProduct: try product(depth: segments.lastDepth)))
                }
            }
        }
        return tasks
    }

    /// The greatest common divisor of two positive integers.
    private static func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
        b == 0 ? a : greatestCommonDivisor(b, a % b)
    }
}
