import Foundation

/// pad_grad in constant mode: dx is dy cropped to x's shape, a strided view of dy (operand 1)
/// copied row by row (`memcpy` where the row is contiguous).
struct CropKernel: Kernel {
    let name = "pad-grad-crop"
    /// Where dx's elements lie in dy.
    let view: StridedCopyKernel.View

    var workspaceBytes: Int { 0 }

    /// The crop of `gradient` (dy's sizes) to `input` (x's sizes), starting `pads` begins in.
    init(input: [Int], gradient: [Int], beginPads: [Int]) {
        let strides = rowMajorStrides(gradient)
        view = StridedCopyKernel.View(sizes: input, strides: strides,
                                      base: zip(beginPads, strides).reduce(0) { $0 + $1.0 * $1.1 })
    }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let dy = buffers.floatInput(1) + view.base
        var dx = buffers.floatOutput(0)
        let inner = view.walk.innerSize, stride = view.walk.innerStride(0)
        guard inner > 0 else { return }
        view.rows.forEach { offset, _ in
            let row = dy + offset
            if stride == 1 {
                memcpy(dx, row, inner * MemoryLayout<Float>.stride)
            } else {
                for index in 0..<inner { dx[index] = row[index &* stride] }
            }
            dx += inner
        }
    }
}
