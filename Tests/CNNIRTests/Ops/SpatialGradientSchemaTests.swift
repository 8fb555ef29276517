import Testing
import CNNIR

/// Shape inference of conv_weight_grad, max_pool_grad, avg_pool_grad, pad_grad and resize_grad:
/// the result types, and the diagnostics for operands and attributes that do not fit (the
/// forward op's own checks, and dy not matching the forward result).
@Suite struct SpatialGradientSchemaTests {
    @Test func convWeightGradGivesTheWeightShape() throws {
        let window: Attributes = ["kernel": .ints([3, 3]), "strides": .ints([2, 2]), "pads": .ints([1, 1, 1, 1])]
        #expect(try infer(.convWeightGrad, [f32(8, 16, 28, 28), f32(8, 32, 14, 14)], window) == f32(32, 16, 3, 3))
        #expect(try infer(.convWeightGrad, [f32(.named("N"), 16, 28, 28), f32(.named("N"), 32, 14, 14)], window) == f32(32, 16, 3, 3))
        var grouped = window
        grouped["groups"] = .int(4)
        #expect(try infer(.convWeightGrad, [f32(2, 16, 28, 28), f32(2, 8, 14, 14)], grouped) == f32(8, 4, 3, 3))
        let depthwise: Attributes = ["kernel": .ints([3, 3]), "pads": .ints([1, 1, 1, 1]), "groups": .int(16)]
        #expect(try infer(.convWeightGrad, [f32(1, 16, 9, 9), f32(1, 16, 9, 9)], depthwise) == f32(16, 1, 3, 3))
        let dilated: Attributes = ["kernel": .ints([3]), "dilations": .ints([2])]
        #expect(try infer(.convWeightGrad, [f64(2, 3, 10), f64(2, 5, 6)], dilated) == f64(5, 3, 3))
        #expect(try infer(.convWeightGrad, [f32(1, 2, 4, 5, 6), f32(1, 3, 3, 4, 5)], ["kernel": .ints([2, 2, 2])]) == f32(3, 2, 2, 2, 2))
    }

    @Test func convWeightGradErrors() {
        let kernel: Attributes = ["kernel": .ints([3, 3])]
        #expect(inferenceError(.convWeightGrad, [f32(1, 4, 8, 8), f32(1, 6, 5, 5)], kernel)
                == "dy must be f32[1,6,6,6] (conv's result for x and a weight of f32[6,4,3,3]), found f32[1,6,5,5]")
        #expect(inferenceError(.convWeightGrad, [f32(1, 4, 8, 8), f32(1, 6, 6, 6)], ["kernel": .ints([3])])
                == "kernel must have 2 positive values (one per spatial axis), found [3]")
        #expect(inferenceError(.convWeightGrad, [f32(1, 4, 8, 8), f32(1, 6, 6, 6)])
                == "missing required attribute 'kernel' (a list of integers)")
        #expect(inferenceError(.convWeightGrad, [f32(1, 4, 8, 8), f32(1, 6, 6, 6)], ["kernel": .ints([])])
                == "kernel must have 2 positive values (one per spatial axis), found []")
        var grouped = kernel
        grouped["groups"] = .int(3)
        #expect(inferenceError(.convWeightGrad, [f32(1, 4, 8, 8), f32(1, 6, 6, 6)], grouped)
                == "groups (3) must divide input channels (4, axis 1 of x)")
        grouped["groups"] = .int(4)
        #expect(inferenceError(.convWeightGrad, [f32(1, 4, 8, 8), f32(1, 6, 6, 6)], grouped)
                == "groups (4) must divide output channels (6, axis 1 of dy)")
        grouped["groups"] = .int(0)
        #expect(inferenceError(.convWeightGrad, [f32(1, 4, 8, 8), f32(1, 6, 6, 6)], grouped) == "groups must be positive, found 0")
        #expect(inferenceError(.convWeightGrad, [f32(1, 4, 8, 8), f64(1, 6, 6, 6)], kernel) == "dy must be f32 like x, found f64[1,6,6,6]")
        #expect(inferenceError(.convWeightGrad, [f32(1, 4, 8, 8), f32(6, 6, 6)], kernel)
                == "dy must have rank 4 like x (N, C_out and the conv's output sizes), found f32[6,6,6]")
        #expect(inferenceError(.convWeightGrad, [f32(1, 4), f32(1, 6)], kernel)
                == "x must have rank 3 to 5 (N, C_in and 1 to 3 spatial axes), found f32[1,4]")
        #expect(inferenceError(.convWeightGrad, [i64(1, 4, 8, 8), i64(1, 6, 6, 6)], kernel)
                == "x must have a floating type (f32 or f64), found i64[1,4,8,8]")
        #expect(inferenceError(.convWeightGrad, [f32(1, .named("C"), 8, 8), f32(1, 6, 6, 6)], kernel)
                == "dimension C (axis 1 of x) must be static to give the weight gradient's shape; bind it with --set C=…")
        #expect(inferenceError(.convWeightGrad, [f32(1, 4, 8, 8), f32(1, 6, 6, 6)], ["kernel": .ints([3, 3]), "auto_pad": .string("valid")])
                == "unknown attribute 'auto_pad' for conv_weight_grad; known attributes: kernel, strides, pads, dilations, groups")
        #expect(inferenceError(.convWeightGrad, [f32(1, 4, 2, 2), f32(1, 6, 1, 1)], kernel)
                == "on spatial axis 0 the padded input (2 + pads 0+0) is smaller than the kernel extent 3")
        #expect(inferenceError(.convWeightGrad, [f32(1, 4, 8, 8)], kernel)
                == "conv_weight_grad takes 2 operands (x, dy), found 1")
    }

    @Test func poolGradientsGiveTheInputType() throws {
        let window: Attributes = ["kernel": .ints([3, 3]), "strides": .ints([2, 2]), "pads": .ints([1, 1, 1, 1])]
        #expect(try infer(.maxPoolGrad, [f32(1, 64, 112, 112), f32(1, 64, 56, 56)], window) == f32(1, 64, 112, 112))
        #expect(try infer(.avgPoolGrad, [f32(.named("N"), 8, 7, 7), f32(.named("N"), 8, 4, 4)], window) == f32(.named("N"), 8, 7, 7))
        let ceil: Attributes = ["kernel": .ints([2, 2]), "strides": .ints([2, 2]), "ceil_mode": .bool(true), "count_include_pad": .bool(true)]
        #expect(try infer(.avgPoolGrad, [f64(1, 8, 7, 7), f64(1, 8, 4, 4)], ceil) == f64(1, 8, 7, 7))
        #expect(try infer(.maxPoolGrad, [f32(2, 3, 10), f32(2, 3, 6)], ["kernel": .ints([3]), "dilations": .ints([2])]) == f32(2, 3, 10))
        #expect(try infer(.avgPoolGrad, [f32(1, 2, 4, 4, 4), f32(1, 2, 2, 2, 2)], ["kernel": .ints([2, 2, 2]), "strides": .ints([2, 2, 2])])
                == f32(1, 2, 4, 4, 4))
    }

    @Test func poolGradientErrors() {
        let window: Attributes = ["kernel": .ints([2, 2]), "strides": .ints([2, 2])]
        #expect(inferenceError(.maxPoolGrad, [f32(1, 1, 5, 5), f32(1, 1, 3, 3)], window)
                == "dy must be f32[1,1,2,2] (max_pool's result for x), found f32[1,1,3,3]")
        #expect(inferenceError(.avgPoolGrad, [f32(1, 1, 5, 5), f32(1, 1, 2, 2)], ["kernel": .ints([2, 2]), "pads": .ints([2, 0, 0, 0])])
                == "pads must be smaller than the kernel extent (2) on spatial axis 0, found [2,0,0,0]")
        #expect(inferenceError(.maxPoolGrad, [f32(1, 1, 5, 5), f32(1, 1, 2, 2)])
                == "missing required attribute 'kernel' (a list of integers)")
        #expect(inferenceError(.maxPoolGrad, [f32(1, 1, 5, 5), f64(1, 1, 2, 2)], window) == "dy must be f32 like x, found f64[1,1,2,2]")
        #expect(inferenceError(.avgPoolGrad, [f32(1, 8), f32(1, 8)], window)
                == "x must have rank 3 to 5 (N, C and 1 to 3 spatial axes), found f32[1,8]")
        #expect(inferenceError(.maxPoolGrad, [f32(1, 1, 5, 5), f32(1, 1, 2, 2)], ["kernel": .ints([2, 2]), "storage_order": .int(1)])
                == "unknown attribute 'storage_order' for max_pool_grad; known attributes: kernel, strides, pads, dilations, ceil_mode")
    }

    @Test func padGradGivesTheInputType() throws {
        #expect(try infer(.padGrad, [f32(1, 3, 4, 4), f32(1, 3, 7, 6)], ["pads": .ints([0, 0, 1, 2, 0, 0, 2, 0])]) == f32(1, 3, 4, 4))
        #expect(try infer(.padGrad, [f32(.named("N"), 3, 4), f32(.named("N"), 3, 8)], ["pads": .ints([0, 0, 2, 0, 0, 2]), "mode": .string("reflect")])
                == f32(.named("N"), 3, 4))
    }

    @Test func padGradErrors() {
        #expect(inferenceError(.padGrad, [f32(1, 4), f32(1, 6)], ["pads": .ints([0, 1, 0, 2])])
                == "dy must be f32[1,7] (pad's result for x), found f32[1,6]")
        #expect(inferenceError(.padGrad, [f32(1, 4), f32(1, 6)], ["pads": .ints([0, 1])])
                == "pads must have 4 values (begin per axis of x, then end per axis), found [0,1]")
        #expect(inferenceError(.padGrad, [f32(1, 4), f32(1, 12)], ["pads": .ints([0, 4, 0, 4]), "mode": .string("reflect")])
                == "reflect pads must be smaller than the axis size: axis 1 has size 4, pads 4+4")
        #expect(inferenceError(.padGrad, [f32(1, 4), f32(1, 6)], ["pads": .ints([0, 1, 0, 1]), "mode": .string("wrap")])
                == "mode must be one of constant, reflect, edge; found \"wrap\"")
        #expect(inferenceError(.padGrad, [i64(1, 4), i64(1, 6)], ["pads": .ints([0, 1, 0, 1])])
                == "x must have a floating type (f32 or f64), found i64[1,4]")
        #expect(inferenceError(.padGrad, [f32(1, 4), f32(1, 6)], ["pads": .ints([0, 1, 0, 1]), "value": .float(1)])
                == "unknown attribute 'value' for pad_grad; known attributes: pads, mode")
    }

    @Test func resizeGradGivesTheInputType() throws {
        #expect(try infer(.resizeGrad, [f32(1, 3, 4, 4), f32(1, 3, 8, 8)], ["scales": .floats([1, 1, 2, 2])]) == f32(1, 3, 4, 4))
        #expect(try infer(.resizeGrad, [f32(1, 3, 5, 4), f32(1, 3, 3, 7)],
                          ["sizes": .ints([1, 3, 3, 7]), "mode": .string("linear"), "coordinate_transformation_mode": .string("align_corners")])
                == f32(1, 3, 5, 4))
    }

    @Test func resizeGradErrors() {
        #expect(inferenceError(.resizeGrad, [f32(1, 3, 4, 4), f32(1, 3, 8, 7)], ["scales": .floats([1, 1, 2, 2])])
                == "dy must be f32[1,3,8,8] (resize's result for x), found f32[1,3,8,7]")
        #expect(inferenceError(.resizeGrad, [f32(1, 3, 4, 4), f32(1, 3, 8, 8)]) == "resize needs scales or sizes, found neither")
        #expect(inferenceError(.resizeGrad, [f32(1, 3, 4, 4), f32(1, 3, 8, 8)], ["scales": .floats([1, 1, 2, 2]), "mode": .string("cubic")])
                == "mode must be one of nearest, linear; found \"cubic\"")
    }

    @Test func everyGradientOpHasOneResult() throws {
        for op: OpKind in [.convWeightGrad, .maxPoolGrad, .avgPoolGrad, .padGrad, .resizeGrad] {
            #expect(op.schema.operandSignature == "x, dy")
        }
        let types = try OpKind.maxPoolGrad.schema.inferResultTypes(operands: [f32(1, 1, 4, 4), f32(1, 1, 2, 2)],
                                                                   attributes: ["kernel": .ints([2, 2]), "strides": .ints([2, 2])])
        #expect(types == [f32(1, 1, 4, 4)])
    }
}
