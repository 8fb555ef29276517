import CNNIR
import CNNPasses
import CNNRuntime
import Testing

/// Gradient rules of the linear-algebra, data-movement, reduction and softmax ops against
/// finite differences.
@Suite struct StructuralGradientTests {
    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func gemmEveryTransposition(transposed: (Bool, Bool)) throws {
        let error = try GradientCheck.check(withRespectTo: ["a", "b", "c"]) { b in
            let a = try b.input("a", f64(transposed.0 ? [4, 3] : [3, 4]))
            let w = try b.input("b", f64(transposed.1 ? [5, 4] : [4, 5]))
            return try b.apply(.gemm, [a, w, b.input("c", f64([5]))],
                               ["alpha": .float(0.7), "beta": .float(1.3), "trans_a": .bool(transposed.0), "trans_b": .bool(transposed.1)])
        }
        #expect(error < GradientCheck.tolerance)
    }

    @Test func matmulWithBroadcastBatch() throws {
        let error = try GradientCheck.check(withRespectTo: ["a", "b"]) { b in
            try b.matmul(b.input("a", f64([2, 3, 4])), b.input("b", f64([4, 2])))
        }
        #expect(error < GradientCheck.tolerance)
    }

    @Test func reshapeTransposeFlatten() throws {
        let error = try GradientCheck.check(withRespectTo: ["x"]) { b in
            let x = try b.input("x", f64([2, 3, 4]))
            let moved = try b.transpose(x, perm: [2, 0, 1])
            return try b.flatten(b.reshape(moved, shape: [4, 6, 1]), axis: 1)
        }
        #expect(error < GradientCheck.tolerance)
    }

    @Test func concatSliceSplit() throws {
        let error = try GradientCheck.check(withRespectTo: ["a", "b"]) { b in
            let joined = try b.concat([b.input("a", f64([2, 3])), b.input("b", f64([2, 2]))], axis: 1)
            let parts = try b.apply(.split, [joined], ["axis": .int(1), "split": .ints([1, 4])], resultCount: 2)
            let cut = try b.apply(.slice, [parts[1]], ["starts": .ints([1, -3]), "ends": .ints([2, 100]), "axes": .ints([0, 1])])
            return try b.mul(cut, cut)
        }
        #expect(error < GradientCheck.tolerance)
    }

    @Test(arguments: [OpKind.reduceSum, .reduceMean])
    func reductions(op: OpKind) throws {
        let error = try GradientCheck.check(withRespectTo: ["x"]) { b in
            let x = try b.input("x", f64([2, 3, 4]))
            let kept = try b.apply(op, [x], ["axes": .ints([0, 2]), "keepdims": .bool(true)])
            let dropped = try b.apply(op, [x], ["axes": .ints([-1]), "keepdims": .bool(false)])
            return try b.add(b.mul(kept, kept), b.reshape(dropped, shape: [2, 3, 1]))
        }
        #expect(error < GradientCheck.tolerance)
    }

    @Test(arguments: [OpKind.globalAvgPool, .globalMaxPool])
    func globalPools(op: OpKind) throws {
        let error = try GradientCheck.check(withRespectTo: ["x"]) { b in try b.apply(op, [b.input("x", f64([2, 3, 4, 5]))]) }
        #expect(error < GradientCheck.tolerance)
    }

    @Test(arguments: [OpKind.softmax, .logSoftmax])
    func softmaxes(op: OpKind) throws {
        let error = try GradientCheck.check(withRespectTo: ["x"]) { b in
            try b.apply(op, [b.input("x", f64([3, 4, 5]))], ["axis": .int(1)])
        }
        #expect(error < GradientCheck.tolerance)
    }

    @Test func meanSquaredError() throws {
        for reduction in ["mean", "sum", "none"] {
            let error = try GradientCheck.check(withRespectTo: ["p", "t"]) { b in
                try b.apply(.mse, [b.input("p", f64([3, 4])), b.input("t", f64([3, 4]))], ["reduction": .string(reduction)])
            }
            #expect(error < GradientCheck.tolerance, "reduction \(reduction)")
        }
    }

    @Test func inferenceBatchNorm() throws {
        let error = try GradientCheck.check(withRespectTo: ["x", "scale", "bias"], positive: ["variance"]) { b in
            try b.apply(.batchNorm, [b.input("x", f64([2, 3, 4, 4])), b.input("scale", f64([3])), b.input("bias", f64([3])),
                                     b.input("mean", f64([3])), b.input("variance", f64([3]))])
        }
        #expect(error < GradientCheck.tolerance)
    }
}
