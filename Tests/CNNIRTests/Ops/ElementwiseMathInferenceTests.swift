import Testing
import CNNIR

@Suite struct ElementwiseMathInferenceTests {
    @Test(arguments: [OpKind.sqrt, .exp, .log, .reciprocal, .erf, .softplus, .gelu])
    func floatingMathKeepsTheType(_ op: OpKind) throws {
        #expect(try infer(op, [f32(.named("N"), 3)]) == f32(.named("N"), 3))
        #expect(try infer(op, [f64()]) == f64())
        #expect(inferenceError(op, [i64(2)]) == "x must have a floating type (f32 or f64), found i64[2]")
    }

    @Test(arguments: [OpKind.neg, .abs])
    func signOpsTakeIntegersToo(_ op: OpKind) throws {
        #expect(try infer(op, [i64(2, 2)]) == i64(2, 2))
        #expect(try infer(op, [f32(3)]) == f32(3))
        #expect(inferenceError(op, [boolean(2)]) == "x must have a numeric type (f32, f64 or i64), found bool[2]")
    }

    @Test func geluApproximationIsAChoice() {
        #expect(inferenceError(.gelu, [f32(2)], ["approximate": .string("fast")]) == "approximate must be one of none, tanh; found \"fast\"")
    }

    @Test func powKeepsTheBaseTypeAndBroadcasts() throws {
        #expect(try infer(.pow, [f32(2, 1), f64(3)]) == f32(2, 3))
        #expect(try infer(.pow, [i64(4), i64()]) == i64(4))
        #expect(inferenceError(.pow, [f32(2), boolean(2)]) == "b must have a numeric type (f32, f64 or i64), found bool[2]")
        #expect(inferenceError(.pow, [f32(2), f32(3)])
                == "cannot broadcast a f32[2] with b f32[3]: sizes 2 and 3 differ on output axis 0 and neither is 1")
    }

    @Test func variadicOpsBroadcastEveryInput() throws {
        #expect(try infer(.sum, [f32(5, 1, 3)]) == f32(5, 1, 3))
        #expect(try infer(.max, [f32(5, 1, 3), f32(4, 1), f32(1)]) == f32(5, 4, 3))
        #expect(try infer(.min, [i64(.named("N"), 1), i64(1, 7)]) == i64(.named("N"), 7))
        #expect(inferenceError(.sum, [i64(2), i64(2)]) == "input 0 must have a floating type (f32 or f64), found i64[2]")
        #expect(inferenceError(.mean, [f32(2), f32(2), f64(2)]) == "input 2 must be f32 like input 0, found f64[2]")
        #expect(inferenceError(.max, [f32(2, 3), f32(3), f32(2)])
                == "cannot broadcast input 0 to input 1 broadcast together to [2,3] with input 2 f32[2]: sizes 3 and 2 differ on output axis 1 and neither is 1")
        #expect(OpKind.sum.schema.operandCountProblem(0) == "sum takes at least 1 operand (inputs...), found 0")
    }

    @Test func comparisonsGiveBool() throws {
        #expect(try infer(.equal, [boolean(2), boolean(1)]) == boolean(2))
        #expect(try infer(.less, [i64(3, 1), i64(4)]) == boolean(3, 4))
        #expect(try infer(.greater, [f64(), f64()]) == boolean())
        #expect(inferenceError(.less, [boolean(2), boolean(2)]) == "a must have a numeric type (f32, f64 or i64), found bool[2]")
        #expect(inferenceError(.equal, [f32(2), i64(2)]) == "b must be f32 like a, found i64[2]")
    }

    @Test func whereBroadcastsItsThreeOperands() throws {
        #expect(try infer(.where, [boolean(3, 1), i64(1, 4), i64(4)]) == i64(3, 4))
        #expect(try infer(.where, [boolean(), boolean(2), boolean(2)]) == boolean(2))
        #expect(inferenceError(.where, [f32(2), f32(2), f32(2)]) == "condition must be bool[2] (a bool tensor), found f32[2]")
        #expect(inferenceError(.where, [boolean(2), f32(2), f64(2)]) == "y must be f32 like x, found f64[2]")
        #expect(inferenceError(.where, [boolean(3), f32(2), f32(2)])
                == "cannot broadcast condition bool[3] with x f32[2]: sizes 3 and 2 differ on output axis 0 and neither is 1")
    }

    @Test func castChangesOnlyTheElementType() throws {
        #expect(try infer(.cast, [boolean(.named("N"), 2)], ["to": .string("f32")]) == f32(.named("N"), 2))
        #expect(try infer(.cast, [f64(3)], ["to": .string("bool")]) == boolean(3))
        #expect(inferenceError(.cast, [f32(3)], ["to": .string("float")]) == "to must be one of f32, f64, i64, bool; found \"float\"")
        #expect(inferenceError(.cast, [f32(3)]) == "missing required attribute 'to' (a string)")
    }
}
