/// A `PoolAxis` read through plain pointers, so that hot loops touch no reference counts (a
/// table's class reference read on every window would be retained and released there, and
/// threads sharing it would contend for its count). The axis must outlive the view.
struct PoolAxisView {
    /// The input size, the number of windows, the taps of a window, the step between windows,
    /// the step between taps and the padding before the input.
    let inputSize: Int, outputSize: Int, kernel: Int, stride: Int, dilation: Int, padBegin: Int
    /// Per window: the first tap inside the input, one past the last, and the taps inside the padded input.
    let firstTap: UnsafePointer<Int>, endTap: UnsafePointer<Int>, paddedTaps: UnsafePointer<Int>
    /// The windows lying wholly inside the input.
    let interior: Range<Int>

    /// The view of `axis`.
    init(_ axis: PoolAxis) {
        (inputSize, outputSize, kernel, stride, dilation, padBegin) =
            (axis.inputSize, axis.outputSize, axis.kernel, axis.stride, axis.dilation, axis.padBegin)
        (firstTap, endTap, paddedTaps) = (axis.firstTap.elements, axis.endTap.elements, axis.paddedTaps.elements)
        interior = axis.interior
    }

    /// The input position of window `window`'s tap 0 (negative inside the begin padding).
    @inline(__always) func start(_ window: Int) -> Int { window &* stride &- padBegin }

    /// The number of taps of window `window` inside the input.
    @inline(__always) func validTaps(_ window: Int) -> Int { endTap[window] &- firstTap[window] }

    /// The taps of window `window` inside the input.
    @inline(__always) func taps(_ window: Int) -> Range<Int> { firstTap[window]..<endTap[window] }
}
