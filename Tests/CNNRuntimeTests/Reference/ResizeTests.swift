import Testing
import CNNIR
import CNNRuntime

@Suite("Reference resize")
struct ResizeTests: RuntimeTestHelpers {
    let square = [1.0, 2, 3, 4]  // [1,1,2,2]
    let wide = [1.0, 2, 3, 4, 5, 6, 7, 8]  // [1,1,2,4]

    @Test("nearest upsampling by scales [1,1,2,3] (ONNX resize_upsample_scales_nearest)")
    func nearestUpsample() throws {
        let y = try evaluate(.resize, [try tensor([1, 1, 2, 2], square)], ["scales": .floats([1, 1, 2, 3])])
        expectValues(y, [1, 1, 4, 6], [1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 3, 3, 3, 4, 4, 4])
    }

    @Test("bilinear upsampling, half_pixel and align_corners (ONNX resize_upsample_scales_linear[_align_corners])")
    func bilinearUpsample() throws {
        let x = try tensor([1, 1, 2, 2], square)
        // half_pixel: output 0..3 maps to -0.25, 0.25, 0.75, 1.25, clamped at the borders.
        let halfPixel = try evaluate(.resize, [x], ["scales": .floats([1, 1, 2, 2]), "mode": .string("linear")])
        expectValues(halfPixel, [1, 1, 4, 4], [1, 1.25, 1.75, 2, 1.5, 1.75, 2.25, 2.5, 2.5, 2.75, 3.25, 3.5, 3, 3.25, 3.75, 4])
        // align_corners: output 0..3 maps to 0, 1/3, 2/3, 1.
        let corners = try evaluate(.resize, [x], ["scales": .floats([1, 1, 2, 2]), "mode": .string("linear"),
                                                  "coordinate_transformation_mode": .string("align_corners")])
        let third = 1.0 / 3
        expectValues(corners, [1, 1, 4, 4], [1, 1 + third, 1 + 2 * third, 2, 1 + 2 * third, 2, 2 + third, 2 + 2 * third,
                                             2 + third, 2 + 2 * third, 3, 3 + third, 3, 3 + third, 3 + 2 * third, 4])
    }

    @Test("downsampling by scales 0.6 uses the unrounded target length (ONNX resize_downsample_scales_*)")
    func downsample() throws {
        let x = try tensor([1, 1, 2, 4], wide)
        // Output 1x2. align_corners: width target 4·0.6 = 2.4, so x = 1 maps to 1·3/1.4 = 2.142857:
        // 3 + 0.142857 · (4 - 3). Height target 1.2 maps row 0 to 0.
        let corners = try evaluate(.resize, [x], ["scales": .floats([1, 1, 0.6, 0.6]), "mode": .string("linear"),
                                                  "coordinate_transformation_mode": .string("align_corners")])
        expectValues(corners, [1, 1, 1, 2], [1, 3 + 1.0 / 7])
        // nearest, half_pixel: row 0.5/0.6 - 0.5 = 1/3 → 0; columns 1/3 → 0 and 1.5/0.6 - 0.5 = 2 → 2.
        expectValues(try evaluate(.resize, [x], ["scales": .floats([1, 1, 0.6, 0.6])]), [1, 1, 1, 2], [1, 3])
    }

    @Test("the four nearest modes (asymmetric: output i maps to i / scale)")
    func nearestModes() throws {
        let x = try tensor([4], [10, 20, 30, 40])
        // Scale 2 maps to 0, .5, 1, 1.5, ...: the modes differ at the halves.
        // Scale 1.5 maps to 0, .67, 1.33, 2, 2.67, 3.33: floor and ceil differ from rounding.
        let expected: [String: ([Double], [Double])] = [
            "round_prefer_floor": ([10, 10, 20, 20, 30, 30, 40, 40], [10, 20, 20, 30, 40, 40]),
            "round_prefer_ceil": ([10, 20, 20, 30, 30, 40, 40, 40], [10, 20, 20, 30, 40, 40]),
            "floor": ([10, 10, 20, 20, 30, 30, 40, 40], [10, 10, 20, 30, 30, 40]),
            "ceil": ([10, 20, 20, 30, 30, 40, 40, 40], [10, 20, 30, 30, 40, 40]),
        ]
        for (mode, (byTwo, byOneAndAHalf)) in expected {
            let attributes: Attributes = ["coordinate_transformation_mode": .string("asymmetric"), "nearest_mode": .string(mode)]
            var doubled = attributes, scaled = attributes
            doubled["scales"] = .floats([2])
            scaled["scales"] = .floats([1.5])
            expectValues(try evaluate(.resize, [x], doubled), [8], byTwo)
            expectValues(try evaluate(.resize, [x], scaled), [6], byOneAndAHalf)
        }
    }

    @Test("pytorch_half_pixel maps a length-1 output to 0, half_pixel to the centre; otherwise they agree")
    func pytorchHalfPixel() throws {
        let x = try tensor([4], [10, 20, 30, 40])
        let linear: Attributes = ["sizes": .ints([1]), "mode": .string("linear")]
        var pytorch = linear
        pytorch["coordinate_transformation_mode"] = .string("pytorch_half_pixel")
        expectValues(try evaluate(.resize, [x], pytorch), [1], [10])
        // half_pixel: (0 + 0.5) / (1/4) - 0.5 = 1.5, halfway between 20 and 30.
        expectValues(try evaluate(.resize, [x], linear), [1], [25])
        let image = try randomTensor([1, 1, 3, 5], seed: 61)
        let sizes: Attributes = ["sizes": .ints([1, 1, 4, 7]), "mode": .string("linear")]
        var sizesPytorch = sizes
        sizesPytorch["coordinate_transformation_mode"] = .string("pytorch_half_pixel")
        expectClose(try evaluate(.resize, [image], sizesPytorch), try evaluate(.resize, [image], sizes))
    }

    @Test("align_corners keeps the corner values on random input")
    func alignCornersKeepsCorners() throws {
        let x = try randomTensor([1, 2, 3, 4], seed: 62)
        let y = try evaluate(.resize, [x], ["sizes": .ints([1, 2, 7, 9]), "mode": .string("linear"),
                                            "coordinate_transformation_mode": .string("align_corners")])
        for channel in 0..<2 {
            for (row, column, inputRow, inputColumn) in [(0, 0, 0, 0), (6, 0, 2, 0), (0, 8, 0, 3), (6, 8, 2, 3)] {
                #expect(abs(try y.value(at: [0, channel, row, column]) - x.value(at: [0, channel, inputRow, inputColumn])) < 1e-12)
            }
        }
    }

    @Test("trilinear resize reproduces an affine function exactly")
    func trilinearIsExactOnAffine() throws {
        // x = z + 2y + 3w on a 2x3x4 grid; align_corners maps output (z, y, w) of a 3x5x7 grid to
        // (z/2, 2y/4, 3w/6), where the interpolated value is the same affine function.
        let affine = { (z: Double, y: Double, w: Double) in z + 2 * y + 3 * w }
        var values: [Double] = []
        for z in 0..<2 { for y in 0..<3 { for w in 0..<4 { values.append(affine(Double(z), Double(y), Double(w))) } } }
        let resized = try evaluate(.resize, [try tensor([1, 1, 2, 3, 4], values, .f64)],
                                   ["sizes": .ints([1, 1, 3, 5, 7]), "mode": .string("linear"),
                                    "coordinate_transformation_mode": .string("align_corners")])
        var expected: [Double] = []
        for z in 0..<3 { for y in 0..<5 { for w in 0..<7 { expected.append(affine(Double(z) / 2, Double(y) / 2, Double(w) / 2)) } } }
        expectValues(resized, [1, 1, 3, 5, 7], expected, tolerance: 1e-12)
    }

    @Test("resize needs scales or sizes")
    func rejectsNeither() throws {
        expectDiagnostic(containing: "give 'scales' or 'sizes'") {
            _ = try evaluate(.resize, [try iota([2])], ["mode": .string("linear")])
        }
    }
}
