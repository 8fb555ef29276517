import Foundation
import CNNIR

/// pad over every axis (constant, reflect or edge; negative pads crop).
///
/// For every axis a table gives the input index each output index reads, or −1 where the
/// constant fills (computed at preparation with the same rules as the reference). A run walks
/// the output rows (every axis but the last): a row whose source is −1 on some axis is filled,
/// any other row copies its middle part with `memcpy` and looks up its borders in the table.
struct PadKernel: Kernel {
    let name: String
    /// The output rows.
    let rows: OutputRows
    /// The input's row-major strides.
    let inputStrides: [Int]
    /// Per axis, the input index each output index reads (−1: the constant).
    let sources: AxisTables<Int>
    /// The value of constant padding.
    let fill: Float
    /// The output columns copied contiguously: their range and the first input column.
    let copiedColumns: Range<Int>
    /// The input column of the first copied output column.
    let firstSourceColumn: Int

    var workspaceBytes: Int { 0 }

    /// The output sizes.
    var outputShape: [Int] { rows.shape }

    /// The kernel for `input` padded by `pads` (begins then ends per axis) in `mode`; throws a
    /// `Diagnostic` at `node` for pads that leave a negative size, or reflect/edge padding of an
    /// empty axis.
    init(input: [Int], pads: [Int], mode: String, fill: Float, node: Node) throws {
        let rank = input.count
        guard pads.count == 2 * rank else {
            throw node.error("attribute 'pads' needs \(2 * rank) entries (begin and end for each axis), found \(pads.count)")
        }
        var shape: [Int] = [], tables: [[Int]] = []
        for axis in 0..<rank {
            let size = input[axis] + pads[axis] + pads[rank + axis]
            guard size >= 0 else { throw node.error("pads \(pads) crop axis \(axis) of size \(input[axis]) below zero") }
            guard mode == "constant" || input[axis] > 0 || size == 0 else {
                throw node.error("\(mode) padding needs a non-empty axis \(axis) to copy from")
            }
            shape.append(size)
            tables.append((0..<size).map { Self.source(of: $0 - pads[axis], size: input[axis], mode: mode) })
        }
        name = "pad:" + mode
        rows = OutputRows(shape: shape)
        inputStrides = rowMajorStrides(input)
        sources = AxisTables(tables)
        self.fill = fill
        let width = shape.last ?? 1, begin = pads.isEmpty ? 0 : pads[rank - 1], inputWidth = input.last ?? 1
        let start = min(width, max(0, begin))
        copiedColumns = start..<max(start, min(width, begin + inputWidth))
        firstSourceColumn = start - begin
    }

    /// The input index read at position `index` (output index minus begin pad), −1 for the constant.
    private static func source(of index: Int, size: Int, mode: String) -> Int {
        if index >= 0 && index < size { return index }
        switch mode {
        case "edge": return min(max(index, 0), size - 1)
        case "reflect":
            guard size > 1 else { return 0 }
            let period = 2 * (size - 1)
            let position = ((index % period) + period) % period
            return position < size ? position : period - position
        default: return -1
        }
    }

    /// Fills or copies every output row.
    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let x = buffers.floatInput(0)
        var y = buffers.floatOutput(0)
        let rank = outputShape.count
        guard rank > 0 else {
            y[0] = x[0]
            return
        }
        let width = outputShape[rank - 1], lastTable = sources.table(rank - 1)
        guard width > 0 else { return }
        rows.forEach { counter in
            var offset = 0, filled = false
            for axis in 0..<(rank - 1) {
                let source = sources.table(axis)[counter[axis]]
                if source < 0 { filled = true }
                offset += source * inputStrides[axis]
            }
            if filled {
                y.initialize(repeating: fill, count: width)
            } else {
                for column in 0..<copiedColumns.lowerBound { y[column] = readColumn(x, offset, lastTable[column]) }
                if !copiedColumns.isEmpty {
                    memcpy(y + copiedColumns.lowerBound, x + offset + firstSourceColumn, copiedColumns.count * MemoryLayout<Float>.stride)
                }
                for column in copiedColumns.upperBound..<width { y[column] = readColumn(x, offset, lastTable[column]) }
            }
            y += width
        }
    }

    /// The element of the row at `offset` in input column `source`, or the fill for −1.
    @inline(__always)
    private func readColumn(_ x: UnsafePointer<Float>, _ offset: Int, _ source: Int) -> Float {
        source < 0 ? fill : x[offset + source]
    }
}
