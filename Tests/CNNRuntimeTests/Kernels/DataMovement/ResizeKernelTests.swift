import Testing
import CNNIR
import CNNRuntime

/// resize against the reference: nearest with each rounding mode and linear, each coordinate
/// transformation mode (tf_crop_and_resize with regions inside the input), scales, sizes or
/// both, upsampling and downsampling (antialias when upsampling, exclude_outside), on 1 to 4 axes.
///
/// Bound: `KernelHarness.relativeL2Bound` (1e-5). Nearest copies elements: exact. Linear takes
/// the same indices and weights as the reference (computed in Double, rounded once to f32),
/// then sums at most 2^4 products of a weight product and an element in f32: a few ulp per
/// element, far below the bound.
@Suite("Resize kernels")
struct ResizeKernelTests {
    let family = DataMovementKernels()

    @Test("resize matches the reference on 144 random configurations")
    func randomResizes() throws {
        var generator = SeededGenerator(seed: 0x2E51)
        let coordinateModes = CoordinateTransformation.allCases.map(\.rawValue)
        let nearestModes = ["round_prefer_floor", "round_prefer_ceil", "floor", "ceil"]
        let scaleChoices = [0.5, 0.6, 1, 1.5, 2, 2.5, 3]
        for index in 0..<144 {
            let linear = index % 2 == 1
            let rank = index % 4 == 0 ? generator.nextInt(in: 1...3) : 4
            let shape = generator.nextShape(rank: rank, sizes: 1...6)
            // The usual [N, C, H, W] case keeps N and C; every fourth case resizes every axis.
            let fixedAxes = rank == 4 ? 2 : 0
            let coordinates = coordinateModes[(index / 2) % coordinateModes.count]
            var attributes: Attributes = ["coordinate_transformation_mode": .string(coordinates)]
            if linear { attributes["mode"] = .string("linear") } else { attributes["nearest_mode"] = .string(nearestModes[(index / 8) % 4]) }
            let scales = shape.indices.map { axis in
                let scale = axis < fixedAxes ? 1 : generator.nextElement(of: scaleChoices)
                return (Double(shape[axis]) * scale).rounded(.down) >= 1 ? scale : 1
            }
            let form = generator.nextInt(in: 0...4)
            if form <= 1 {
                attributes["sizes"] = .ints(shape.indices.map { $0 < fixedAxes ? shape[$0] : generator.nextInt(in: 1...12) })
            } else {
                attributes["scales"] = .floats(scales)
            }
            // Scales with sizes (keep_aspect_ratio_policy) would let a region reach outside the input.
            if form == 1 && coordinates != CoordinateTransformation.tfCropAndResize.rawValue { attributes["scales"] = .floats(shape.indices.map { $0 < fixedAxes ? 1 : generator.nextElement(of: scaleChoices) }) }
            if coordinates == CoordinateTransformation.tfCropAndResize.rawValue {
                let starts = shape.map { _ in generator.nextElement(of: [0, 0.1, 0.25]) }
                attributes["roi"] = .floats(starts + starts.map { $0 + generator.nextElement(of: [0.5, 0.75]) })
            }
            if linear && generator.nextChance(0.3) { attributes["exclude_outside"] = .bool(true) }
            if linear && scales.allSatisfy({ $0 >= 1 }) && attributes["sizes"] == nil && generator.nextChance(0.3) {
                attributes["antialias"] = .bool(true)
            }
            let x = try generator.nextTensor(shape)
            try KernelHarness.checkAgainstReference(family, .resize, operands: [x], attributes: attributes,
                                                    expectedKernel: linear ? "resize:linear" : "resize:nearest",
                                                    configuration: "#\(index) " + KernelHarness.describe(.resize, [x], attributes))
        }
    }

    @Test("antialiased downsampling and outputs outside the region run on the reference kernels")
    func referenceOnlyConfigurations() throws {
        let x = try Tensor(shape: [1, 1, 4, 8], scalars: (0..<32).map(Float.init))
        let configurations: [Attributes] = [
            ["mode": .string("linear"), "scales": .floats([1, 1, 0.5, 0.5]), "antialias": .bool(true)],
            ["sizes": .ints([1, 1, 4, 4]), "coordinate_transformation_mode": .string("tf_crop_and_resize"),
             "roi": .floats([0, 0, -0.5, 0, 1, 1, 1, 1])],
        ]
        for attributes in configurations {
            let request = try KernelHarness.request(.resize, operands: [x], attributes: attributes)
            #expect(try family.makeKernel(for: request) == nil, "\(attributes)")
        }
    }
}
