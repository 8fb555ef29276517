import Testing
import CNNIR

@Suite struct ReductionInferenceTests {
    @Test(arguments: [OpKind.reduceMean, .reduceSum, .reduceMax, .reduceMin, .reduceL2])
    func reductionsKeepOrDropTheReducedAxes(_ op: OpKind) throws {
        let x = f32(.named("N"), 3, 4, 5)
        #expect(try infer(op, [x], ["axes": .ints([1, -1])]) == f32(.named("N"), 1, 4, 1))
        #expect(try infer(op, [x], ["axes": .ints([1, -1]), "keepdims": .bool(false)]) == f32(.named("N"), 4))
        #expect(try infer(op, [x]) == f32(1, 1, 1, 1))
        #expect(try infer(op, [x], ["keepdims": .bool(false)]) == f32())
        #expect(try infer(op, [x], ["noop_with_empty_axes": .bool(true)]) == x)
        #expect(try infer(op, [x], ["axes": .ints([0]), "noop_with_empty_axes": .bool(true)]) == f32(1, 3, 4, 5))
    }

    @Test func reductionDTypesAndAxisErrors() {
        #expect(inferenceError(.reduceSum, [f32(2, 3)], ["axes": .ints([1, 1])]) == "axes [1, 1] name axis 1 twice")
        #expect(inferenceError(.reduceMax, [f32(2, 3)], ["axes": .ints([-3])]) == "axis -3 out of range for rank 2 (valid: -2 to 1)")
        #expect(inferenceError(.reduceL2, [i64(2)]) == "x must have a floating type (f32 or f64), found i64[2]")
        #expect(inferenceError(.reduceMean, [boolean(2)]) == "x must have a numeric type (f32, f64 or i64), found bool[2]")
        #expect((try? infer(.reduceMin, [i64(2, 3)], ["axes": .ints([0])])) == i64(1, 3))
        #expect((try? infer(.reduceMax, [boolean(2, 3)], ["axes": .ints([1]), "keepdims": .bool(false)])) == boolean(2))
        #expect(inferenceError(.reduceSum, [boolean(2)]) == "x must have a numeric type (f32, f64 or i64), found bool[2]")
    }

    @Test(arguments: [OpKind.argmax, .argmin])
    func indexReductionsGiveI64(_ op: OpKind) throws {
        #expect(try infer(op, [f32(4, 10)]) == i64(1, 10))
        #expect(try infer(op, [f64(4, 10, 3)], ["axis": .int(-2), "keepdims": .bool(false)]) == i64(4, 3))
        #expect(try infer(op, [i64(.named("N"), 5)], ["axis": .int(1)]) == i64(.named("N"), 1))
        #expect(inferenceError(op, [f32(4, 0)], ["axis": .int(1)]) == "\(op) needs at least one element along axis 1, but x f32[4,0] has none")
        #expect(inferenceError(op, [f32()]) == "axis 0 out of range for rank 0 (a scalar has no axes)")
        #expect(inferenceError(op, [boolean(3)]) == "x must have a numeric type (f32, f64 or i64), found bool[3]")
    }
}
