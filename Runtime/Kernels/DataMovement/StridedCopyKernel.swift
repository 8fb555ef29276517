import Foundation

/// slice, split, expand and tile: each result is a strided view of the input — result element
/// `i` (a multi-index) copies input element `base + Σ i[axis]·stride[axis]`, with negative
/// strides for negative slice steps and 0 for repeated (broadcast or tiled) axes. The views are
/// computed at preparation and simplified by `CoalescedAxes`; a run copies each result row by
/// row: by `memcpy` when the row is contiguous in the input, as one repeated element when it
/// reads one element, else as a strided gather.
struct StridedCopyKernel: Kernel {
    /// One result: where its first element is and how it steps through the input.
    struct View: Sendable {
        /// The input offset of the result's first element.
        let base: Int
        /// The result's sizes and input strides, merged.
        let walk: CoalescedAxes
        /// The walk over the result rows (every merged axis but the last).
        let rows: OffsetOdometer

        /// The view of a result of `sizes` reading the input at `base` with `strides`.
        init(sizes: [Int], strides: [Int], base: Int) {
            walk = CoalescedAxes(sizes: sizes, strides: [strides])
            rows = walk.outerOdometer
            self.base = sizes.contains(0) ? 0 : base
        }
    }

    let name: String
    /// One view per result.
    let views: [View]

    var workspaceBytes: Int { 0 }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let x = buffers.floatInput(0)
        for (index, view) in views.enumerated() {
            copy(view, from: x + view.base, to: buffers.floatOutput(index))
        }
    }

    /// Every row of `view`.
    @inline(__always)
    private func copy(_ view: View, from x: UnsafePointer<Float>, to output: UnsafeMutablePointer<Float>) {
        let inner = view.walk.innerSize, stride = view.walk.innerStride(0)
        guard inner > 0 else { return }
        var y = output
        view.rows.forEach { offset, _ in
            let row = x + offset
            switch stride {
            case 1: memcpy(y, row, inner * MemoryLayout<Float>.stride)
            case 0: y.initialize(repeating: row[0], count: inner)
            default: for index in 0..<inner { y[index] = row[index &* stride] }
            }
            y += inner
        }
    }
}
