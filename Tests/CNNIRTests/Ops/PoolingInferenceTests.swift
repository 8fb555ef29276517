import Testing
import CNNIR

@Suite struct PoolingInferenceTests {
    @Test func ceilModeWithEffect() throws {
        let attributes: Attributes = ["kernel": .ints([2, 2]), "strides": .ints([2, 2])]
        #expect(try infer(.maxPool, [f32(1, 1, 5, 5)], attributes) == f32(1, 1, 2, 2))
        var ceil = attributes
        ceil["ceil_mode"] = .bool(true)
        #expect(try infer(.maxPool, [f32(1, 1, 5, 5)], ceil) == f32(1, 1, 3, 3))
    }

    @Test func ceilModeWithoutEffect() throws {
        var attributes: Attributes = ["kernel": .ints([2, 2]), "strides": .ints([2, 2]), "ceil_mode": .bool(true)]
        #expect(try infer(.avgPool, [f32(1, 1, 6, 6)], attributes) == f32(1, 1, 3, 3))
        // Rounding up would start a fourth window in the right padding, which is not allowed.
        attributes["pads"] = .ints([0, 0, 1, 1])
        #expect(try infer(.avgPool, [f32(1, 1, 6, 6)], attributes) == f32(1, 1, 3, 3))
    }

    @Test func dilatedAndOneDimensional() throws {
        #expect(try infer(.maxPool, [f32(1, 2, 10)], ["kernel": .ints([3]), "dilations": .ints([2])]) == f32(1, 2, 6))
        #expect(try infer(.avgPool, [f32(1, 2, 10, 9)], ["kernel": .ints([3, 2]), "dilations": .ints([2, 3])]) == f32(1, 2, 6, 6))
        #expect(try infer(.maxPool, [f32(1, 2, 4, 4, 4)], ["kernel": .ints([2, 2, 2]), "strides": .ints([2, 2, 2])]) == f32(1, 2, 2, 2, 2))
    }

    @Test func autoPad() throws {
        #expect(try infer(.maxPool, [f32(1, 8, 7, 7)], ["kernel": .ints([3, 3]), "strides": .ints([2, 2]), "auto_pad": .string("same_lower")])
                == f32(1, 8, 4, 4))
        #expect(try infer(.avgPool, [f32(1, 8, 7, 7)], ["kernel": .ints([3, 3]), "auto_pad": .string("valid")]) == f32(1, 8, 5, 5))
    }

    @Test func maxPoolIndicesAreI64OfTheResultShape() throws {
        let types = try OpKind.maxPool.schema.inferResultTypes(operands: [f64(2, 3, 5, 5)], attributes: ["kernel": .ints([2, 2]),
                                                               "storage_order": .int(1)], resultCount: 2)
        #expect(types == [f64(2, 3, 4, 4), i64(2, 3, 4, 4)])
    }

    @Test func errors() {
        #expect(inferenceError(.maxPool, [f32(1, 1, 5, 5)], ["kernel": .ints([2])])
                == "kernel must have 2 positive values (one per spatial axis), found [2]")
        #expect(inferenceError(.maxPool, [f32(1, 1, 5, 5)]) == "missing required attribute 'kernel' (a list of integers)")
        #expect(inferenceError(.avgPool, [f32(1, 1, 5, 5)], ["kernel": .ints([2, 2]), "pads": .ints([2, 0, 0, 0])])
                == "pads must be smaller than the kernel extent (2) on spatial axis 0, found [2,0,0,0]")
        #expect(inferenceError(.avgPool, [f32(1, 1, 5, 5)], ["kernel": .ints([2, 2]), "dilations": .ints([2, 0])])
                == "dilations must have 2 positive values (one per spatial axis), found [2,0]")
        #expect(inferenceError(.maxPool, [f32(1, 1, 5, 5)], ["kernel": .ints([2, 2]), "storage_order": .int(2)])
                == "storage_order must be 0 (row-major) or 1 (column-major), found 2")
        #expect(inferenceError(.maxPool, [f32(1, 1, 5, 5)], ["kernel": .ints([2, 2])], resultCount: 3)
                == "max_pool has one result, or two with the indices, found 3")
        #expect(inferenceError(.globalAvgPool, [f32(1, 8)]) == "x must have rank 3 to 5 (N, C and 1 to 3 spatial axes), found f32[1,8]")
    }
}
