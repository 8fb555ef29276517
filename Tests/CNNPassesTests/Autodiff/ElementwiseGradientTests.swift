import CNNIR
import CNNPasses
import CNNRuntime
import Testing

/// An f64 tensor type of `sizes` (gradients are checked in f64).
func f64(_ sizes: [Int]) -> TensorType { TensorType(.f64, Shape(sizes)) }

/// The element-wise ops' gradient rules against finite differences, broadcasting included.
@Suite struct ElementwiseGradientTests {
    @Test(arguments: [OpKind.add, .sub, .mul, .div, .pow])
    func binaryOpsWithBroadcasting(op: OpKind) throws {
        let error = try GradientCheck.check(withRespectTo: ["a", "b"], positive: op == .pow || op == .div ? ["a", "b"] : []) { b in
            try b.apply(op, [b.input("a", f64([2, 3, 4])), b.input("b", f64([3, 1]))])
        }
        #expect(error < GradientCheck.tolerance)
    }

    @Test(arguments: [OpKind.neg, .exp, .log, .sqrt, .reciprocal, .abs, .erf, .identity])
    func unaryMath(op: OpKind) throws {
        let error = try GradientCheck.check(withRespectTo: ["x"], positive: [.log, .sqrt, .reciprocal].contains(op) ? ["x"] : []) { b in
            try b.apply(op, [b.input("x", f64([3, 5]))])
        }
        #expect(error < GradientCheck.tolerance)
    }

    @Test(arguments: [OpKind.sum, .mean])
    func variadicOps(op: OpKind) throws {
        let error = try GradientCheck.check(withRespectTo: ["a", "b", "c"]) { b in
            try b.apply(op, [b.input("a", f64([2, 3])), b.input("b", f64([3])), b.input("c", f64([2, 1]))])
        }
        #expect(error < GradientCheck.tolerance)
    }

    @Test func whereRoutesTheGradient() throws {
        let error = try GradientCheck.check(withRespectTo: ["x", "y"]) { b in
            let x = try b.input("x", f64([4, 3])), y = try b.input("y", f64([3]))
            let condition = try b.apply(.greater, [x, b.input("threshold", f64([4, 1]))])
            return try b.apply(.where, [condition, x, y])
        }
        #expect(error < GradientCheck.tolerance)
    }

    @Test func aValueUsedTwiceReceivesBothContributions() throws {
        let error = try GradientCheck.check(withRespectTo: ["x"]) { b in
            let x = try b.input("x", f64([5]))
            return try b.mul(b.exp(x), b.add(x, x))
        }
        #expect(error < GradientCheck.tolerance)
    }
}
