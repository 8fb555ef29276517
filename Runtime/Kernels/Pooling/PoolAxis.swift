/// One spatial axis of a window pool, with the taps of every window precomputed.
///
/// Window `o` starts at input position `o·stride − padBegin`; tap `k` reads position
/// `start + k·dilation`. The taps that fall inside the input form the range
/// `firstTap[o]..<endTap[o]`; `paddedTaps[o]` counts those inside the padded input (input plus
/// both pads: the divisor of avg_pool with count_include_pad). `interior` holds the windows
/// whose every tap is inside the input: they need no bounds checks.
struct PoolAxis: Sendable {
    /// The input size.
    let inputSize: Int
    /// The number of windows.
    let outputSize: Int
    /// The number of taps of a window.
    let kernel: Int
    /// The step between windows.
    let stride: Int
    /// The step between taps.
    let dilation: Int
    /// The padding before the input.
    let padBegin: Int
    /// First tap inside the input, per window.
    let firstTap: PreparedTable<Int>
    /// One past the last tap inside the input, per window (≥ `firstTap`).
    let endTap: PreparedTable<Int>
    /// Taps inside the padded input, per window.
    let paddedTaps: PreparedTable<Int>
    /// The windows lying wholly inside the input (a contiguous range, possibly empty).
    let interior: Range<Int>

    /// Precomputes the taps of every window.
    init(inputSize: Int, outputSize: Int, kernel: Int, stride: Int, dilation: Int, padBegin: Int, padEnd: Int) {
        self.inputSize = inputSize
        self.outputSize = outputSize
        self.kernel = kernel
        self.stride = stride
        self.dilation = dilation
        self.padBegin = padBegin
        var first: [Int] = [], end: [Int] = [], padded: [Int] = []
        for window in 0..<outputSize {
            let start = window * stride - padBegin
            let inside = (0..<kernel).filter { (0..<inputSize).contains(start + $0 * dilation) }
            first.append(inside.first ?? 0)
            end.append(inside.last.map { $0 + 1 } ?? 0)
            padded.append((0..<kernel).filter { (-padBegin..<(inputSize + padEnd)).contains(start + $0 * dilation) }.count)
        }
        let whole = (0..<outputSize).filter { first[$0] == 0 && end[$0] == kernel }
        interior = (whole.first ?? 0)..<(whole.last.map { $0 + 1 } ?? 0)
        firstTap = PreparedTable(first)
        endTap = PreparedTable(end)
        paddedTaps = PreparedTable(padded)
    }

    /// An axis of size 1 with a 1-tap window: how 1-D and 2-D pools fill three axes.
    static let unit = PoolAxis(inputSize: 1, outputSize: 1, kernel: 1, stride: 1, dilation: 1, padBegin: 0, padEnd: 0)

    /// The input position of window `window`'s tap 0 (negative inside the begin padding).
    @inline(__always) func start(_ window: Int) -> Int { window * stride - padBegin }

    /// The number of taps of window `window` inside the input.
    @inline(__always) func validTaps(_ window: Int) -> Int { endTap[window] - firstTap[window] }
}
