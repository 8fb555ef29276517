import Testing
import CNNIR
import CNNRuntime

/// The reference kernels of conv_weight_grad, max_pool_grad, avg_pool_grad, pad_grad and
/// resize_grad: small hand-computed cases, and central finite differences of the forward op.
///
/// Finite differences: with dy fixed, the gradient op's result must be the gradient of
/// L = Σ dy·forward(…) with respect to x (conv: the weight). All computed in f64 on the reference
/// kernels; each element i checked is perturbed by ±h, h = 1e-6·max(1, |value|), and its slope
/// (L(+h) − L(−h)) / 2h compared with the gradient op's element. The error is relative:
/// |slope − gradient| / max(|gradient|, 1e-3·max|gradient|). Every forward op here is linear in
/// the perturbed operand (max_pool piecewise, its inputs spaced so that no perturbation changes a
/// window's maximum), so the slope is exact but for rounding, about 1e-16·Σ|dy·f| / h absolute,
/// which the floor of the denominator turns into up to ~1e-7 on elements with a small gradient.
/// Measured maxima (seeds as below): conv_weight_grad 2.4e-8, max_pool_grad 1.0e-8,
/// avg_pool_grad 3.5e-8, pad_grad 5.6e-8 (constant), 2.4e-7 (reflect), 3.1e-8 (edge),
/// resize_grad 1.2e-7. The bound 1e-6 leaves room for that noise, while a wrong tap, divisor or
/// weight gives errors of order 1.
@Suite("Spatial gradient reference kernels")
struct SpatialGradientReferenceTests: RuntimeTestHelpers {
    /// The bound on the finite-difference error (see the suite's comment).
    static let finiteDifferenceBound = 1e-6

    @Test("conv_weight_grad by hand: a one-hot dy picks a window of x, a dy of ones sums the windows")
    func convolutionWeightGradientByHand() throws {
        let x = try iota([1, 1, 3, 3], from: 1, .f64)
        let window: Attributes = ["kernel": .ints([2, 2])]
        expectValues(try evaluate(.convWeightGrad, [x, try tensor([1, 1, 2, 2], [1, 0, 0, 0], .f64)], window), [1, 1, 2, 2], [1, 2, 4, 5])
        expectValues(try evaluate(.convWeightGrad, [x, try tensor([1, 1, 2, 2], [1, 1, 1, 1], .f64)], window), [1, 1, 2, 2], [12, 16, 24, 28])
        // Two groups: output channel o only sees input channel o; padding contributes nothing.
        let pair = try tensor([1, 2, 2], [1, 2, 3, 4], .f64)
        let grouped = try evaluate(.convWeightGrad, [pair, try tensor([1, 2, 2], [1, 1, 1, 1], .f64)],
                                   ["kernel": .ints([2]), "pads": .ints([1, 0]), "groups": .int(2)])
        expectValues(grouped, [2, 1, 2], [1, 3, 3, 7])
    }

    @Test("max_pool_grad by hand: the first of equal maxima takes dy, overlapping windows add up")
    func maxPoolGradientByHand() throws {
        let x = try tensor([1, 1, 2, 4], [1, 5, 5, 2, 3, 0, 5, 1], .f64)
        let dx = try evaluate(.maxPoolGrad, [x, try tensor([1, 1, 1, 2], [10, 20], .f64)], ["kernel": .ints([2, 2]), "strides": .ints([2, 2])])
        expectValues(dx, [1, 1, 2, 4], [0, 10, 20, 0, 0, 0, 0, 0])
        let row = try tensor([1, 1, 4], [1, 3, 3, 2], .f64)
        let overlapping = try evaluate(.maxPoolGrad, [row, try tensor([1, 1, 2], [1, 2], .f64)], ["kernel": .ints([3])])
        expectValues(overlapping, [1, 1, 4], [0, 3, 0, 0])
        // ceil_mode adds a window holding only the last element.
        let ceil = try evaluate(.maxPoolGrad, [row, try tensor([1, 1, 2], [1, 2], .f64)],
                                ["kernel": .ints([3]), "strides": .ints([3]), "ceil_mode": .bool(true)])
        expectValues(ceil, [1, 1, 4], [0, 1, 0, 2])
    }

    @Test("avg_pool_grad by hand: the divisor counts taps inside x, or inside the padded x")
    func averagePoolGradientByHand() throws {
        let x = try tensor([1, 1, 3], [7, 8, 9], .f64), dy = try tensor([1, 1, 4], [1, 2, 3, 4], .f64)
        let window: Attributes = ["kernel": .ints([2]), "pads": .ints([1, 1])]
        expectValues(try evaluate(.avgPoolGrad, [x, dy], window), [1, 1, 3], [2, 2.5, 5.5])
        var counting = window
        counting["count_include_pad"] = .bool(true)
        expectValues(try evaluate(.avgPoolGrad, [x, dy], counting), [1, 1, 3], [1.5, 2.5, 3.5])
    }

    @Test("pad_grad by hand: constant crops, reflect and edge add the copies up")
    func padGradientByHand() throws {
        let x = try tensor([1, 3], [0, 0, 0], .f64), dy = try tensor([1, 6], [1, 2, 3, 4, 5, 6], .f64)
        let pads = AttributeValue.ints([0, 2, 0, 1])
        expectValues(try evaluate(.padGrad, [x, dy], ["pads": pads]), [1, 3], [3, 4, 5])
        expectValues(try evaluate(.padGrad, [x, dy], ["pads": pads, "mode": .string("reflect")]), [1, 3], [3, 12, 6])
        expectValues(try evaluate(.padGrad, [x, dy], ["pads": pads, "mode": .string("edge")]), [1, 3], [6, 4, 11])
    }

    @Test("resize_grad by hand: nearest adds the copies, linear splits by the weights")
    func resizeGradientByHand() throws {
        let x = try tensor([1, 1, 2], [0, 0], .f64)
        let nearest = try evaluate(.resizeGrad, [x, try tensor([1, 1, 4], [1, 2, 3, 4], .f64)],
                                   ["scales": .floats([1, 1, 2]), "coordinate_transformation_mode": .string("asymmetric")])
        expectValues(nearest, [1, 1, 2], [3, 7])
        let linear = try evaluate(.resizeGrad, [x, try tensor([1, 1, 3], [1, 2, 3], .f64)],
                                  ["sizes": .ints([1, 1, 3]), "mode": .string("linear"), "coordinate_transformation_mode": .string("align_corners")])
        expectValues(linear, [1, 1, 2], [2, 4])
        let cropped = try evaluate(.resizeGrad, [x, try tensor([1, 1, 3], [1, 2, 3], .f64)],
                                   ["sizes": .ints([1, 1, 3]), "mode": .string("linear"), "coordinate_transformation_mode": .string("tf_crop_and_resize"),
                                    "roi": .floats([0, 0, 0.5, 1, 1, 1.5]), "extrapolation_value": .float(9)])
        // The positions map to 0.5, 1 and 1.5 of x's 0...1: the last one extrapolates and adds nothing.
        expectValues(cropped, [1, 1, 2], [0.5, 0.5 + 2])
    }

    @Test("conv_weight_grad matches finite differences of conv on 36 random convs (strided, padded, dilated, grouped, depthwise; 1-D to 3-D)")
    func convolutionWeightGradientFiniteDifferences() throws {
        var generator = SeededGenerator(seed: 0xC0DE)
        var worst = 0.0
        for index in 0..<36 {
            let spatialRank = 1 + index % 3
            let testCase = try generator.nextConvolutionGradientCase(spatialRank: spatialRank, sizes: spatialRank == 3 ? 2 : 4, batch: 2)
            worst = max(worst, try finiteDifferenceError(testCase, perturbing: 1, &generator))
        }
        #expect(worst <= Self.finiteDifferenceBound, "largest relative error \(worst)")
    }

    @Test("max_pool_grad and avg_pool_grad match finite differences on 30 random pools each (overlapping, ceil_mode, padded, dilated)")
    func poolGradientFiniteDifferences() throws {
        var generator = SeededGenerator(seed: 0x9001)
        for gradient: OpKind in [.maxPoolGrad, .avgPoolGrad] {
            var worst = 0.0
            for index in 0..<30 {
                let spatialRank = 1 + index % 3
                let testCase = try generator.nextPoolGradientCase(gradient, spatialRank: spatialRank, sizes: spatialRank == 3 ? 2 : 4)
                worst = max(worst, try finiteDifferenceError(testCase, perturbing: 0, &generator))
            }
            #expect(worst <= Self.finiteDifferenceBound, "\(gradient): largest relative error \(worst)")
        }
    }

    @Test("pad_grad matches finite differences of pad on 12 random pads per mode")
    func padGradientFiniteDifferences() throws {
        var generator = SeededGenerator(seed: 0x9AD)
        for mode in PadMode.allCases {
            var worst = 0.0
            for _ in 0..<12 {
                worst = max(worst, try finiteDifferenceError(try generator.nextPadGradientCase(mode: mode), perturbing: 0, &generator))
            }
            #expect(worst <= Self.finiteDifferenceBound, "\(mode): largest relative error \(worst)")
        }
    }

    @Test("resize_grad matches finite differences of resize on 40 random resizes (every mode and coordinate transformation)")
    func resizeGradientFiniteDifferences() throws {
        var generator = SeededGenerator(seed: 0x5E5)
        var worst = 0.0
        for _ in 0..<40 {
            worst = max(worst, try finiteDifferenceError(try generator.nextResizeGradientCase(), perturbing: 0, &generator))
        }
        #expect(worst <= Self.finiteDifferenceBound, "largest relative error \(worst)")
    }

    /// The largest relative error (as the suite defines it) between the gradient op's result and
    /// central differences of L = Σ dy·forward with respect to forward operand `operand`, on
    /// random f64 operands and dy, over every element (or 40 drawn ones for larger operands).
    /// Pool windows that see no input give −inf or NaN whatever x is; they are left out of L.
    /// max_pool's inputs are a shuffled ramp with steps of 0.01, so that no ±h changes a maximum.
    private func finiteDifferenceError(_ testCase: SpatialGradientCase, perturbing operand: Int,
                                       _ generator: inout SeededGenerator) throws -> Double {
        var operands = try testCase.forwardShapes.map { try Tensor.random(shape: $0, dtype: .f64, using: &generator) }
        if testCase.forward == .maxPool {
            let count = operands[0].count
            operands[0] = try tensor(operands[0].shape, generator.nextPermutation(count).map { Double($0) * 0.01 }, .f64)
        }
        let dy = try Tensor.random(shape: testCase.outputShape, dtype: .f64, using: &generator)
        let gradient = try evaluate(testCase.gradient, [operands[0], dy], testCase.gradientAttributes).doubles
        let scale = 1e-3 * (gradient.map(abs).max() ?? 0)
        let count = operands[operand].count
        let checked = count <= 40 ? Array(0..<count) : Array(generator.nextPermutation(count).prefix(40))
        var worst = 0.0
        for index in checked {
            let values = operands[operand].doubles
            let step = 1e-6 * max(1, abs(values[index]))
            func objective(_ shift: Double) throws -> Double {
                var shifted = operands
                var perturbed = values
                perturbed[index] += shift
                shifted[operand] = try tensor(operands[operand].shape, perturbed, .f64)
                let result = try evaluate(testCase.forward, shifted, testCase.forwardAttributes).doubles
                return zip(dy.doubles, result).reduce(0) { $0 + ($1.1.isFinite ? $1.0 * $1.1 : 0) }
            }
            let slope = (try objective(step) - objective(-step)) / (2 * step)
            let error = abs(slope - gradient[index]) / max(abs(gradient[index]), scale, 1e-300)
            if !(error <= Self.finiteDifferenceBound) { Issue.record("element \(index): slope \(slope), gradient \(gradient[index]) for \(testCase)") }
            worst = max(worst, error)
        }
        return worst
    }
}
