import Testing
import CNNIR
import CNNRuntime

/// resize's ONNX opset-19 features on `[1, 1, 1, 8]` (1…8) and `[1, 1, 2, 3]` (1…6); the
/// expected values were computed with ONNX's own reference implementation (onnx.reference).
@Suite("Reference resize: opset-19 modes")
struct ResizeModeTests: RuntimeTestHelpers {
    /// 1…8 along the last axis.
    func row() throws -> Tensor { try iota([1, 1, 1, 8], from: 1) }

    @Test("half_pixel_symmetric centres the rounded output: scale 0.6 gives 4 outputs")
    func halfPixelSymmetric() throws {
        let y = try evaluate(.resize, [try row()], ["mode": .string("linear"), "scales": .floats([1, 1, 1, 0.6]),
                                                    "coordinate_transformation_mode": .string("half_pixel_symmetric")])
        expectValues(y, [1, 1, 1, 4], [2.0, 3.6666667, 5.3333335, 7.0])
    }

    @Test("antialiased linear downsampling averages over 1/scale inputs; exclude_outside drops the ones beyond the border")
    func antialias() throws {
        let attributes: Attributes = ["mode": .string("linear"), "scales": .floats([1, 1, 1, 0.4]), "antialias": .bool(true)]
        expectValues(try evaluate(.resize, [try row()], attributes), [1, 1, 1, 3], [1.88, 4.24, 6.72])
        var excluding = attributes
        excluding["exclude_outside"] = .bool(true)
        expectValues(try evaluate(.resize, [try row()], excluding), [1, 1, 1, 3], [2.0, 4.24, 6.6666665])
    }

    @Test("without antialias, linear downsampling reads only the two neighbours")
    func plainLinearDownsampling() throws {
        let y = try evaluate(.resize, [try row()], ["mode": .string("linear"), "scales": .floats([1, 1, 1, 0.5])])
        expectValues(y, [1, 1, 1, 4], [1.5, 3.5, 5.5, 7.5])
    }

    @Test("tf_crop_and_resize reads the region of interest; outside the input it gives the extrapolation value")
    func cropAndResize() throws {
        let linear = try evaluate(.resize, [try row()], [
            "mode": .string("linear"), "sizes": .ints([1, 1, 1, 5]), "coordinate_transformation_mode": .string("tf_crop_and_resize"),
            "roi": .floats([0, 0, 0, -0.2, 1, 1, 1, 0.8]), "extrapolation_value": .float(-1),
        ])
        expectValues(linear, [1, 1, 1, 5], [-1.0, 1.35, 3.1, 4.85, 6.6])
        let nearest = try evaluate(.resize, [try row()], [
            "sizes": .ints([1, 1, 1, 4]), "coordinate_transformation_mode": .string("tf_crop_and_resize"),
            "roi": .floats([0, 0, 0, 0.1, 1, 1, 1, 1.2]),
        ])
        expectValues(nearest, [1, 1, 1, 4], [2, 4, 7, 0])
    }

    @Test("scales and sizes together: sizes give the output, scales the coordinates (keep_aspect_ratio_policy not_larger)")
    func scalesWithSizes() throws {
        let y = try evaluate(.resize, [try iota([1, 1, 2, 3], from: 1)],
                             ["mode": .string("linear"), "sizes": .ints([1, 1, 3, 5]), "scales": .floats([1, 1, 1.5, 1.5])])
        expectValues(y, [1, 1, 3, 5], [1.0, 1.5, 2.1666667, 2.8333333, 3.0, 2.5, 3.0, 3.6666667, 4.3333335, 4.5,
                                       4.0, 4.5, 5.1666665, 5.8333335, 6.0])
    }
}
