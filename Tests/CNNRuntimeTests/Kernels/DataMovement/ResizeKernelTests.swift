import Testing
import CNNIR
import CNNRuntime

/// resize against the reference: nearest with each rounding mode and linear, each coordinate
/// transformation mode, scales and sizes, upsampling and downsampling, on 1 to 4 axes.
///
/// Bound: `KernelHarness.relativeL2Bound` (1e-5). Nearest copies elements: exact. Linear takes
/// the same indices and weights as the reference (computed in Double, rounded once to f32),
/// then sums at most 2^4 products of a weight product and an element in f32: a few ulp per
/// element, far below the bound.
@Suite("Resize kernels")
struct ResizeKernelTests {
    let family = DataMovementKernels()

    @Test("resize matches the reference on 96 random configurations")
    func randomResizes() throws {
        var generator = SeededGenerator(seed: 0x2E51)
        let coordinateModes = ["half_pixel", "pytorch_half_pixel", "align_corners", "asymmetric"]
        let nearestModes = ["round_prefer_floor", "round_prefer_ceil", "floor", "ceil"]
        let scaleChoices = [0.5, 0.6, 1, 1.5, 2, 2.5, 3]
        for index in 0..<96 {
            let linear = index % 2 == 1
            let rank = index % 4 == 0 ? generator.nextInt(in: 1...3) : 4
            let shape = generator.nextShape(rank: rank, sizes: 1...6)
            // The usual [N, C, H, W] case keeps N and C; every fourth case resizes every axis.
            let fixedAxes = rank == 4 ? 2 : 0
            var attributes: Attributes = ["coordinate_transformation_mode": .string(coordinateModes[(index / 2) % 4])]
            if linear { attributes["mode"] = .string("linear") } else { attributes["nearest_mode"] = .string(nearestModes[(index / 8) % 4]) }
            if generator.nextChance(0.4) {
                attributes["sizes"] = .ints(shape.indices.map { $0 < fixedAxes ? shape[$0] : generator.nextInt(in: 1...12) })
            } else {
                attributes["scales"] = .floats(shape.indices.map { axis in
                    let scale = axis < fixedAxes ? 1 : generator.nextElement(of: scaleChoices)
                    return (Double(shape[axis]) * scale).rounded(.down) >= 1 ? scale : 1
                })
            }
            let x = try generator.nextTensor(shape)
            try KernelHarness.checkAgainstReference(family, .resize, operands: [x], attributes: attributes,
                                                    expectedKernel: linear ? "resize:linear" : "resize:nearest",
                                                    configuration: "#\(index) " + KernelHarness.describe(.resize, [x], attributes))
        }
    }
}
