import CNNIR

/// The window of a max_pool or avg_pool node over its k spatial axes (k = 1, 2 or 3), read
/// from the attributes with ONNX rules: empty lists mean strides and dilations 1 and no pads,
/// `auto_pad` replaces the pads, and the output size is
/// `floor((in + padBegin + padEnd − extent) / stride) + 1` (with ceil_mode rounded up, less
/// one if the last window would start past the input and the begin padding).
struct PoolWindow {
    /// The three pool axes (depth, height, width); missing leading axes are `PoolAxis.unit`.
    let axes: [PoolAxis]

    /// Reads the window of `request` for an input of shape `input` and checks the output size
    /// against the result shape `output`; throws a `Diagnostic` at the node otherwise.
    init(_ request: KernelRequest, input: [Int], output: [Int]) throws {
        let node = request.node
        let rank = input.count - 2
        guard (1...3).contains(rank), output.count == input.count, Array(output.prefix(2)) == Array(input.prefix(2)) else {
            throw node.error("a pool needs [N, C, spatial...] with 1 to 3 spatial axes and a result of the same N and C, found \(input) -> \(output)")
        }
        let spatial = Array(input[2...])
        let kernel = try request.intsAttribute("kernel")
        let strides = try request.axisListAttribute("strides", count: rank, default: 1, minimum: 1)
        let dilations = request.hasAttribute("dilations")
            ? try request.axisListAttribute("dilations", count: rank, default: 1, minimum: 1) : Array(repeating: 1, count: rank)
        let pads = try request.axisListAttribute("pads", count: 2 * rank, default: 0, minimum: 0)
        let ceilMode = try request.boolAttribute("ceil_mode")
        let autoPad = try request.choiceAttribute("auto_pad", as: AutoPad.self)
        guard kernel.count == rank, kernel.allSatisfy({ $0 >= 1 }) else {
            throw node.error("attribute 'kernel' must give a positive size for each of the \(rank) spatial axes, found \(kernel)")
        }
        var axes = Array(repeating: PoolAxis.unit, count: 3 - rank)
        for axis in 0..<rank {
            let extent = (kernel[axis] - 1) * dilations[axis] + 1
            let (padBegin, padEnd) = autoPad.pads(input: spatial[axis], stride: strides[axis], extent: extent)
                ?? (pads[axis], pads[rank + axis])
            let span = spatial[axis] + padBegin + padEnd - extent
            guard span >= 0 else {
                throw node.error("a window of extent \(extent) does not fit spatial axis \(axis) of size \(spatial[axis]) with pads \(padBegin) and \(padEnd)")
            }
            var size = (ceilMode ? (span + strides[axis] - 1) / strides[axis] : span / strides[axis]) + 1
            if ceilMode && (size - 1) * strides[axis] >= spatial[axis] + padBegin { size -= 1 }
            guard size == output[2 + axis] else {
                throw node.error("the pool gives \(size) positions on spatial axis \(axis), the result type has \(output[2 + axis])")
            }
            axes.append(PoolAxis(inputSize: spatial[axis], outputSize: size, kernel: kernel[axis], stride: strides[axis],
                                 dilation: dilations[axis], padBegin: padBegin, padEnd: padEnd))
        }
        self.axes = axes
    }
}
