import Testing
import CNNIR

@Suite struct ConvolutionInferenceTests {
    @Test func strideDilationAndAsymmetricPads() throws {
        // H: (10 + 1 + 0 − 5) / 2 + 1 = 4; W: (11 + 2 + 1 − 5) / 2 + 1 = 5 (extent 5 = 2·(3−1)+1).
        let attributes: Attributes = ["strides": .ints([2, 2]), "dilations": .ints([2, 2]), "pads": .ints([1, 2, 0, 1])]
        #expect(try infer(.conv, [f32(1, 3, 10, 11), f32(8, 3, 3, 3)], attributes) == f32(1, 8, 4, 5))
    }

    @Test func groupedAndDepthwise() throws {
        #expect(try infer(.conv, [f32(1, 64, 56, 56), f32(128, 32, 3, 3)], ["groups": .int(2), "pads": .ints([1, 1, 1, 1])])
                == f32(1, 128, 56, 56))
        #expect(try infer(.conv, [f32(1, 32, 112, 112), f32(32, 1, 3, 3), f32(32)],
                          ["groups": .int(32), "strides": .ints([2, 2]), "pads": .ints([1, 1, 1, 1])]) == f32(1, 32, 56, 56))
    }

    @Test func oneAndThreeSpatialAxes() throws {
        #expect(try infer(.conv, [f32(2, 4, 100), f32(8, 4, 5)]) == f32(2, 8, 96))
        #expect(try infer(.conv, [f32(1, 2, 8, 8, 8), f32(4, 2, 3, 3, 3)], ["pads": .ints([1, 1, 1, 1, 1, 1])]) == f32(1, 4, 8, 8, 8))
    }

    @Test func autoPadModes() throws {
        let operands = [f32(1, 1, 6, 6), f32(1, 1, 3, 3)]
        // same: ceil(6 / 2) = 3 outputs need a total pad of 1 per axis.
        #expect(try infer(.conv, operands, ["auto_pad": .string("same_upper"), "strides": .ints([2, 2])]) == f32(1, 1, 3, 3))
        #expect(try infer(.conv, operands, ["auto_pad": .string("same_lower"), "strides": .ints([2, 2])]) == f32(1, 1, 3, 3))
        #expect(try infer(.conv, operands, ["auto_pad": .string("valid"), "strides": .ints([2, 2])]) == f32(1, 1, 2, 2))
        #expect(try infer(.conv, [f32(1, 1, 7, 5), f32(1, 1, 3, 3)], ["auto_pad": .string("same_upper")]) == f32(1, 1, 7, 5))
    }

    @Test func autoPadErrors() {
        #expect(inferenceError(.conv, [f32(1, 1, 6, 6), f32(1, 1, 3, 3)], ["auto_pad": .string("same")])
                == "auto_pad must be one of notset, same_upper, same_lower, valid; found \"same\"")
        #expect(inferenceError(.conv, [f32(1, 1, 6, 6), f32(1, 1, 3, 3)], ["auto_pad": .string("valid"), "pads": .ints([1, 1, 1, 1])])
                == "pads [1,1,1,1] cannot be given together with auto_pad valid")
    }

    @Test func transposedWithOutputPadding() throws {
        // 2·(5−1) + 1 + 3 − 1 − 1 = 10; groups 2 doubles weight axis 1 into 4 output channels.
        let attributes: Attributes = ["strides": .ints([2, 2]), "pads": .ints([1, 1, 1, 1]), "output_padding": .ints([1, 1]), "groups": .int(2)]
        #expect(try infer(.convTranspose, [f32(1, 4, 5, 5), f32(4, 2, 3, 3), f32(4)], attributes) == f32(1, 4, 10, 10))
        #expect(try infer(.convTranspose, [f32(1, 1, 3, 3), f32(1, 1, 3, 3)], ["strides": .ints([2, 2]), "auto_pad": .string("same_upper")])
                == f32(1, 1, 6, 6))
        #expect(inferenceError(.convTranspose, [f32(1, 4, 5, 5), f32(4, 2, 3, 3)], ["strides": .ints([2, 2]), "output_padding": .ints([2, 0])])
                == "output_padding must be smaller than the stride or the dilation, found 2 with stride 2 and dilation 1 on spatial axis 0")
        #expect(inferenceError(.convTranspose, [f32(1, 4, 5, 5), f32(8, 2, 3, 3)])
                == "weight must be f32[4,2,3,3] for 4 input channels, groups 1 and 2 output channels, found f32[8,2,3,3]")
    }

    @Test func channelAndWeightErrors() {
        #expect(inferenceError(.conv, [f32(1, 64, 8, 8), f32(64, 64, 3, 3)], ["groups": .int(3)]) == "groups (3) must divide input channels (64)")
        #expect(inferenceError(.conv, [f32(1, 64, 8, 8), f32(64, 64, 3, 3)], ["groups": .int(2)])
                == "weight must be f32[64,32,3,3] for 64 output channels, groups 2 and 64 input channels, found f32[64,64,3,3]")
        #expect(inferenceError(.conv, [f32(1, 64, 8, 8), f32(63, 32, 3, 3)], ["groups": .int(2)])
                == "groups (2) must divide output channels (63, weight axis 0)")
        #expect(inferenceError(.conv, [f32(1, 3, 8, 8), f32(8, 3, 3)])
                == "weight must have rank 4 (C_out, C_in/groups and 2 kernel sizes), found f32[8,3,3]")
        #expect(inferenceError(.conv, [f32(1, 3, 8, 8), f64(8, 3, 3, 3)]) == "weight must be f32 like x, found f64[8,3,3,3]")
        #expect(inferenceError(.conv, [f32(1, 3, 8, 8), f32(8, 3, 3, 3), f32(4)])
                == "bias must be f32[8] (one value per output channel), found f32[4]")
        #expect(inferenceError(.conv, [f32(3, 8), f32(8, 3, 3)]) == "x must have rank 3 to 5 (N, C and 1 to 3 spatial axes), found f32[3,8]")
        #expect(inferenceError(.conv, [i64(1, 3, 8, 8), f32(8, 3, 3, 3)]) == "x must have a floating type (f32 or f64), found i64[1,3,8,8]")
    }

    @Test func windowAttributeErrors() {
        let operands = [f32(1, 3, 8, 8), f32(8, 3, 3, 3)]
        #expect(inferenceError(.conv, operands, ["strides": .ints([2, 0])]) == "strides must have 2 positive values (one per spatial axis), found [2,0]")
        #expect(inferenceError(.conv, operands, ["dilations": .ints([1])]) == "dilations must have 2 positive values (one per spatial axis), found [1]")
        #expect(inferenceError(.conv, operands, ["pads": .ints([1, -1, 1, 1])]) == "pads must be non-negative, found [1,-1,1,1]")
        #expect(inferenceError(.conv, operands, ["pads": .ints([1, 1])])
                == "pads must have 4 values (begin per spatial axis, then end per spatial axis), found [1,1]")
        #expect(inferenceError(.conv, operands, ["groups": .int(0)]) == "groups must be positive, found 0")
        #expect(inferenceError(.conv, [f32(1, 3, 2, 8), f32(8, 3, 3, 3)])
                == "on spatial axis 0 the padded input (2 + pads 0+0) is smaller than the kernel extent 3")
        #expect(inferenceError(.conv, operands, ["strides": .ints([1 << 40, 1])]) == "strides must be below 2147483648, found [1099511627776,1]")
    }
}
