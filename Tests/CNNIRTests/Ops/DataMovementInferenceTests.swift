import Testing
import CNNIR

@Suite struct DataMovementInferenceTests {
    @Test func reshapeCopiesAndInfers() throws {
        #expect(try infer(.reshape, [f32(2, 3, 4)], ["shape": .ints([0, -1])]) == f32(2, 12))
        #expect(try infer(.reshape, [f32(2, 3, 4)], ["shape": .ints([-1])]) == f32(24))
        #expect(try infer(.reshape, [f32(2, 3, 4)], ["shape": .ints([4, 0, 2])]) == f32(4, 3, 2))
        #expect(try infer(.reshape, [f32(2, 3, 4)], ["shape": .ints([6, 4])]) == f32(6, 4))
        #expect(try infer(.reshape, [f32(0, 3, 4)], ["shape": .ints([3, 4, 0]), "allowzero": .bool(true)]) == f32(3, 4, 0))
        #expect(try infer(.reshape, [f32(0, 3, 4)], ["shape": .ints([0, 12])]) == f32(0, 12))
    }

    @Test(arguments: [DType.f64, .i64, .bool])
    func elementMovingOpsTakeAnyDType(_ dtype: DType) throws {
        let x = TensorType(dtype, [2, 1, 3])
        #expect(try infer(.reshape, [x], ["shape": .ints([3, 2])]) == TensorType(dtype, [3, 2]))
        #expect(try infer(.flatten, [x]) == TensorType(dtype, [2, 3]))
        #expect(try infer(.transpose, [x]) == TensorType(dtype, [3, 1, 2]))
        #expect(try infer(.squeeze, [x]) == TensorType(dtype, [2, 3]))
        #expect(try infer(.unsqueeze, [x], ["axes": .ints([0])]) == TensorType(dtype, [1, 2, 1, 3]))
        #expect(try infer(.identity, [x]) == x)
        #expect(try infer(.concat, [x, TensorType(dtype, [2, 4, 3])], ["axis": .int(1)]) == TensorType(dtype, [2, 5, 3]))
        #expect(try infer(.pad, [x], ["pads": .ints([1, 0, 0, 0, 0, 2]), "mode": .string("edge")]) == TensorType(dtype, [3, 1, 5]))
        #expect(inferenceError(.concat, [x, f32(2, 1, 3)], ["axis": .int(1)]) == (dtype == .f32 ? nil : "input 1 must be \(dtype) like input 0, found f32[2,1,3]"))
    }

    @Test func reshapeErrors() {
        let x = [f32(2, 3, 4)]
        #expect(inferenceError(.reshape, x, ["shape": .ints([-1, -1])]) == "shape [-1,-1] may contain -1 only once")
        #expect(inferenceError(.reshape, x, ["shape": .ints([2, 12, 0, 0])])
                == "shape value 0 at position 3 copies an input dimension, but x f32[2,3,4] has rank 3")
        #expect(inferenceError(.reshape, x, ["shape": .ints([5, -1])])
                == "cannot reshape x f32[2,3,4] (24 elements) to [5,-1]: 24 is not divisible by 5")
        #expect(inferenceError(.reshape, x, ["shape": .ints([5, 5])]) == "cannot reshape x f32[2,3,4] (24 elements) to [5,5] (25 elements)")
        #expect(inferenceError(.reshape, x, ["shape": .ints([-2, 12])])
                == "shape value -2 at position 0 is invalid (sizes are positive, 0 copies the input dimension or with allowzero is a size 0, -1 is inferred)")
        #expect(inferenceError(.reshape, [f32(0, 3)], ["shape": .ints([0, -1]), "allowzero": .bool(true)])
                == "shape [0,-1] cannot infer -1 next to a size 0 (allowzero)")
    }

    @Test func concatAlongAnyAxis() throws {
        #expect(try infer(.concat, [f32(1, 2, 4, 4), f32(1, 3, 4, 4)], ["axis": .int(-3)]) == f32(1, 5, 4, 4))
        #expect(try infer(.concat, [f32(2, 3)], ["axis": .int(0)]) == f32(2, 3))
        #expect(inferenceError(.concat, [f32(1, 2, 4, 4), f32(1, 3, 4, 5)], ["axis": .int(1)])
                == "input 1 f32[1,3,4,5] must match input 0 f32[1,2,4,4] on every axis but 1; axis 3 differs")
        #expect(inferenceError(.concat, [f32(1, 2), f32(1, 2, 3)], ["axis": .int(1)]) == "input 1 f32[1,2,3] must have rank 2 like input 0 f32[1,2]")
        #expect(inferenceError(.concat, [f32(1, 2, 4, 4)], ["axis": .int(4)]) == "axis 4 out of range for rank 4 (valid: -4 to 3)")
    }

    @Test func squeezeAndUnsqueezeWithNegativeAxes() throws {
        #expect(try infer(.squeeze, [f32(1, 3, 1, 5)]) == f32(3, 5))
        #expect(try infer(.squeeze, [f32(1, 3, 1, 5)], ["axes": .ints([0, -2])]) == f32(3, 5))
        #expect(inferenceError(.squeeze, [f32(1, 3, 1, 5)], ["axes": .ints([1])]) == "cannot squeeze axis 1 of x f32[1,3,1,5]: its size is 3, not 1")
        #expect(inferenceError(.squeeze, [f32(1, 3)], ["axes": .ints([0, -2])]) == "axes [0, -2] name axis 0 twice")
        #expect(try infer(.unsqueeze, [f32(3, 4)], ["axes": .ints([0, -1])]) == f32(1, 3, 4, 1))
        #expect(try infer(.unsqueeze, [f32(3, 4)], ["axes": .ints([1])]) == f32(3, 1, 4))
        #expect(inferenceError(.unsqueeze, [f32(3, 4)], ["axes": .ints([3])]) == "axis 3 out of range for rank 3 (valid: -3 to 2)")
    }

    @Test func flattenAroundAxis() throws {
        #expect(try infer(.flatten, [f32(2, 3, 4, 5)]) == f32(2, 60))
        #expect(try infer(.flatten, [f32(2, 3, 4, 5)], ["axis": .int(0)]) == f32(1, 120))
        #expect(try infer(.flatten, [f32(2, 3, 4, 5)], ["axis": .int(4)]) == f32(120, 1))
        #expect(try infer(.flatten, [f32(2, 3, 4, 5)], ["axis": .int(-1)]) == f32(24, 5))
        #expect(inferenceError(.flatten, [f32(2, 3)], ["axis": .int(3)]) == "axis 3 out of range for rank 2 (valid: -2 to 2)")
    }

    @Test func transposePermutes() throws {
        #expect(try infer(.transpose, [f32(2, 3, 4)]) == f32(4, 3, 2))
        #expect(try infer(.transpose, [f32(1, 3, 8, 9)], ["perm": .ints([0, 2, 3, 1])]) == f32(1, 8, 9, 3))
        #expect(inferenceError(.transpose, [f32(1, 3, 8, 9)], ["perm": .ints([0, 1, 1, 3])])
                == "perm must be a permutation of 0..<4 (one entry per axis of x), found [0,1,1,3]")
    }

    @Test func padEveryAxis() throws {
        #expect(try infer(.pad, [f32(1, 3, 4, 4)], ["pads": .ints([0, 0, 1, 1, 0, 0, 1, 1]), "mode": .string("reflect")]) == f32(1, 3, 6, 6))
        #expect(inferenceError(.pad, [f32(1, 3, 4, 4)], ["pads": .ints([1, 1, 1, 1])])
                == "pads must have 8 values (begin per axis of x, then end per axis), found [1,1,1,1]")
        #expect(inferenceError(.pad, [f32(1, 3, 4, 4)], ["pads": .ints([0, 0, 4, 0, 0, 0, 0, 0]), "mode": .string("reflect")])
                == "reflect pads must be smaller than the axis size: axis 2 has size 4, pads 4+0")
        #expect(inferenceError(.pad, [f32(4)], ["pads": .ints([1, 1]), "mode": .string("wrap")])
                == "mode must be one of constant, reflect, edge; found \"wrap\"")
    }

    @Test func resizeByScalesOrSizes() throws {
        #expect(try infer(.resize, [f32(1, 3, 5, 5)], ["scales": .floats([1, 1, 0.5, 1.5])]) == f32(1, 3, 2, 7))
        #expect(try infer(.resize, [f32(1, 3, 5, 5)], ["sizes": .ints([1, 3, 10, 12]), "mode": .string("linear")]) == f32(1, 3, 10, 12))
        #expect(inferenceError(.resize, [f32(1, 3, 5, 5)]) == "resize needs scales or sizes, found neither")
        #expect(try infer(.resize, [f32(1, 3, 5, 5)], ["scales": .floats([1, 1, 0.7, 0.7]), "sizes": .ints([1, 3, 4, 4])]) == f32(1, 3, 4, 4))
        #expect(inferenceError(.resize, [f32(1, 3, 5, 5)], ["scales": .floats([1, 1, 2, 2]), "sizes": .ints([3, 10])])
                == "sizes must have 4 values (one per axis of x), found [3,10]")
        #expect(inferenceError(.resize, [f32(2, 2)], ["sizes": .ints([3, 3]), "roi": .floats([0, 0, 1, 1])])
                == "roi applies only to coordinate_transformation_mode tf_crop_and_resize, found half_pixel")
        #expect(inferenceError(.resize, [f32(2, 2)], ["sizes": .ints([3, 3]), "roi": .floats([0, 1]),
                                                      "coordinate_transformation_mode": .string("tf_crop_and_resize")])
                == "roi must have 4 finite values (start per axis of x, then end per axis), found [0.0, 1.0]")
        #expect(inferenceError(.resize, [f32(1, 3, 5, 5)], ["scales": .floats([2, 2])])
                == "scales must have 4 values (one per axis of x), found [2.0, 2.0]")
        #expect(inferenceError(.resize, [f32(1, 3, 1, 1)], ["scales": .floats([1, 1, 0.5, 1])])
                == "output size on axis 2 would be 0.0 (input 1 × scale 0.5); it must be 1 to 2147483647")
        #expect(inferenceError(.resize, [f32(1, 3, 5, 5)], ["scales": .floats([1, 1, 2, 2]), "coordinate_transformation_mode": .string("tf")])
                == "coordinate_transformation_mode must be one of half_pixel, half_pixel_symmetric, pytorch_half_pixel, align_corners, asymmetric, tf_crop_and_resize; found \"tf\"")
    }
}
