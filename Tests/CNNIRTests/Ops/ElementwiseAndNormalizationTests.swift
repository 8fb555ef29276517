import Testing
import CNNIR

@Suite struct ElementwiseAndNormalizationTests {
    /// The floating-only activations (identity, which takes any dtype, is tested with the data-movement ops).
    static let unaryOps: [OpKind] = [.relu, .sigmoid, .tanh, .silu, .hardSwish, .leakyRelu, .elu, .hardSigmoid, .clip, .dropout]

    @Test(arguments: unaryOps)
    func unaryOpsKeepTheType(_ op: OpKind) throws {
        #expect(try infer(op, [f64(.named("N"), 3, 7)]) == f64(.named("N"), 3, 7))
        #expect(inferenceError(op, [i64(3)]) == "x must have a floating type (f32 or f64), found i64[3]")
    }

    @Test func attributeRangesAreChecked() {
        #expect(inferenceError(.clip, [f32(3)], ["min": .float(6), "max": .float(0)]) == "min (6.0) must not exceed max (0.0)")
        #expect(inferenceError(.dropout, [f32(3)], ["ratio": .float(1)]) == "ratio must be in [0, 1), found 1.0")
        #expect(inferenceError(.leakyRelu, [f32(3)], ["alpha": .string("big")]) == "attribute 'alpha' of leaky_relu must be a number, found a string")
        #expect(inferenceError(.softmax, [f32(2, 10)], ["axis": .int(2)]) == "axis 2 out of range for rank 2 (valid: -2 to 1)")
        #expect(inferenceError(.logSoftmax, [f32()], ["axis": .int(0)]) == "axis 0 out of range for rank 0 (a scalar has no axes)")
    }

    @Test func batchNormChecksPerChannelOperands() throws {
        let x = f32(.named("N"), 8, 4, 4)
        #expect(try infer(.batchNorm, [x, f32(8), f32(8), f32(8), f32(8)]) == x)
        #expect(inferenceError(.batchNorm, [x, f32(8), f32(8), f32(4), f32(8)])
                == "mean must be f32[8] (one value per channel of x), found f32[4]")
        #expect(inferenceError(.batchNorm, [x, f32(8), f32(8), f32(8), f32(8)], ["epsilon": .float(0)]) == "epsilon must be positive, found 0.0")
        #expect(inferenceError(.batchNorm, [x, f32(8), f32(8), f32(8), f32(8)], ["momentum": .float(2)]) == "momentum must be in [0, 1], found 2.0")
    }

    @Test func instanceNormAndLRN() {
        #expect(inferenceError(.instanceNorm, [f32(2, 3), f32(3), f32(3)]) == "x must have rank at least 3 (N, C and spatial axes), found f32[2,3]")
        #expect(inferenceError(.instanceNorm, [f32(2, 3, 4), f64(3), f32(3)]) == "scale must be f32[3] (one value per channel of x), found f64[3]")
        #expect(inferenceError(.lrn, [f32(1, 3, 4, 4)], ["size": .int(0)]) == "size must be positive, found 0")
    }

    @Test func constantChecksItsLiteral() {
        let short = TensorLiteral(type: f32(2, 2), storage: .floating([1, 2, 3]))
        #expect(inferenceError(.constant, [], ["value": .tensor(short)]) == "value has 3 elements but its type f32[2,2] needs 4")
        let named = TensorLiteral(type: f32(.named("N")), storage: .floating([1]))
        #expect(inferenceError(.constant, [], ["value": .tensor(named)]) == "value type f32[N] must have a static shape that fits in memory")
        let fractional = TensorLiteral(type: i64(1), storage: .floating([1.5]))
        #expect(inferenceError(.constant, [], ["value": .tensor(fractional)]) == "value of type i64[1] must hold integers, found non-integer elements")
    }
}
