import Testing
import CNNIR

@Suite struct BroadcastingInferenceTests {
    @Test(arguments: [OpKind.add, .sub, .mul, .div])
    func rankMismatchedOperandsAlignRight(_ op: OpKind) throws {
        #expect(try infer(op, [f32(8, 1, 6, 1), f32(7, 1, 5)]) == f32(8, 7, 6, 5))
        #expect(try infer(op, [f32(7, 1, 5), f32(8, 1, 6, 1)]) == f32(8, 7, 6, 5))
        #expect(try infer(op, [f32(), f32(2, 3)]) == f32(2, 3))
    }

    @Test func incompatibleOperands() throws {
        #expect(inferenceError(.add, [f32(8, 4, 6, 1), f32(7, 1, 5)])
                == "cannot broadcast a f32[8,4,6,1] with b f32[7,1,5]: sizes 4 and 7 differ on output axis 1 and neither is 1")
        #expect(inferenceError(.mul, [f32(2, 3), f64(2, 3)]) == "b must be f32 like a, found f64[2,3]")
        #expect(try infer(.div, [i64(2, 1), i64(3)]) == i64(2, 3))
        #expect(inferenceError(.add, [boolean(2), boolean(2)]) == "a must have a numeric type (f32, f64 or i64), found bool[2]")
        #expect(inferenceError(.sub, [i64(2), f32(2)]) == "b must be i64 like a, found f32[2]")
    }

    @Test func preluSlopeBroadcastsOneWay() throws {
        #expect(try infer(.prelu, [f32(1, 16, 8, 8), f32(1)]) == f32(1, 16, 8, 8))
        #expect(inferenceError(.prelu, [f32(1, 16, 8, 8), f32(16)])
                == "slope f32[16] must broadcast to x f32[1,16,8,8] (rank at most 4, sizes aligned right, each equal or 1)")
    }

    @Test func matmulPromotesVectors() throws {
        #expect(try infer(.matmul, [f32(3), f32(3)]) == f32())
        #expect(try infer(.matmul, [f32(2, 3), f32(3)]) == f32(2))
        #expect(try infer(.matmul, [f32(3), f32(4, 3, 5)]) == f32(4, 5))
        #expect(try infer(.matmul, [f32(2, 3), f32(3, 4)]) == f32(2, 4))
    }

    @Test func matmulBroadcastsBatchAxes() throws {
        #expect(try infer(.matmul, [f32(5, 1, 2, 3), f32(4, 3, 6)]) == f32(5, 4, 2, 6))
        #expect(inferenceError(.matmul, [f32(2, 2, 3), f32(3, 3, 4)])
                == "cannot broadcast a's batch axes f32[2] with b's batch axes f32[3]: sizes 2 and 3 differ on output axis 0 and neither is 1")
        #expect(inferenceError(.matmul, [f32(2, 3), f32(4, 5)]) == "inner dimensions differ: a f32[2,3] has 3 columns, b f32[4,5] has 4 rows")
    }

    @Test func gemmTransposesAndBroadcastsC() throws {
        #expect(try infer(.gemm, [f32(256, 4), f32(256, 10)], ["trans_a": .bool(true)]) == f32(4, 10))
        #expect(try infer(.gemm, [f32(4, 256), f32(256, 10), f32(1, 10)]) == f32(4, 10))
        #expect(inferenceError(.gemm, [f32(4, 256), f32(10, 256)])
                == "inner dimensions differ: a f32[4,256] gives K = 256 (trans_a = false), b f32[10,256] gives K = 10 (trans_b = false)")
        #expect(inferenceError(.gemm, [f32(4, 256), f32(256, 10), f32(4)])
                == "c f32[4] must broadcast to the product f32[4,10] (rank at most 2, sizes aligned right, each equal or 1)")
        #expect(inferenceError(.gemm, [f32(2, 4, 256), f32(256, 10)]) == "a must have rank 2 (a matrix), found f32[2,4,256]")
    }
}
