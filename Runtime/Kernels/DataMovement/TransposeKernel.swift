import Foundation

/// transpose with any permutation, on the axes left after `CoalescedAxes` merges those that
/// stay neighbours (so `[N, C, H, W] → [N, H, W, C]` is a batch of `[C, H·W]` matrices).
///
/// Three layouts of the innermost output axis: contiguous in the input (rows by `memcpy`),
/// contiguous one axis further out (a batch of 2-D transposes done in 16×16 tiles, so that
/// reads and writes both stay in cache), or neither (a strided gather per row).
struct TransposeKernel: Kernel {
    /// How the innermost output axes read the input.
    enum Layout: Sendable {
        case rows
        case tiles
        case gather
    }

    let name: String
    /// The output sizes and input strides of the merged axes.
    let walk: CoalescedAxes
    /// The innermost layout.
    let layout: Layout
    /// The walk over the output rows (every merged axis but the last).
    let rows: OffsetOdometer
    /// The walk over the 2-D matrices (every merged axis but the last two), for `.tiles`.
    let matrices: OffsetOdometer
    /// The rows of one 2-D matrix, for `.tiles`.
    let matrixRows: Int

    var workspaceBytes: Int { 0 }

    /// The kernel for an input of shape `input` permuted by `permutation` (output axis `i` is
    /// input axis `permutation[i]`).
    init(input: [Int], permutation: [Int]) {
        let strides = rowMajorStrides(input)
        walk = CoalescedAxes(sizes: permutation.map { input[$0] }, strides: [permutation.map { strides[$0] }])
        let rank = walk.sizes.count
        if rank <= 1 || walk.innerStride(0) == 1 {
            layout = .rows
        } else if walk.strides[0][rank - 2] == 1 {
            layout = .tiles
        } else {
            layout = .gather
        }
        rows = walk.outerOdometer
        let matrixAxes = max(0, rank - 2)
        matrices = OffsetOdometer(sizes: Array(walk.sizes.prefix(matrixAxes)), firstStrides: Array(walk.strides[0].prefix(matrixAxes)))
        matrixRows = rank >= 2 ? walk.sizes[rank - 2] : 1
        name = layout == .rows ? "transpose-rows" : layout == .tiles ? "transpose-blocked-2d" : "transpose-strided"
    }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let x = buffers.floatInput(0)
        var y = buffers.floatOutput(0)
        let inner = walk.innerSize, innerStride = walk.innerStride(0)
        switch layout {
        case .rows:
            rows.forEach { offset, _ in
                memcpy(y, x + offset, inner * MemoryLayout<Float>.stride)
                y += inner
            }
        case .tiles:
            matrices.forEach { offset, _ in
                transposeTiles(x + offset, y, rows: matrixRows, columns: inner, sourceRowStride: innerStride)
                y += matrixRows * inner
            }
        case .gather:
            rows.forEach { offset, _ in
                for index in 0..<inner { y[index] = x[offset + index * innerStride] }
                y += inner
            }
        }
    }

    /// `y[r·columns + c] = x[r + c·sourceRowStride]` for a `rows × columns` output, in 16×16 tiles.
    @inline(__always)
    private func transposeTiles(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, columns: Int,
                                sourceRowStride: Int) {
        let tile = 16
        for rowStart in stride(from: 0, to: rows, by: tile) {
            let rowEnd = min(rows, rowStart + tile)
            for columnStart in stride(from: 0, to: columns, by: tile) {
                let columnEnd = min(columns, columnStart + tile)
                for row in rowStart..<rowEnd {
                    for column in columnStart..<columnEnd {
                        y[row * columns + column] = x[row + column * sourceRowStride]
                    }
                }
            }
        }
    }
}
