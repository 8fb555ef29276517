import Testing
import CNNIR

/// A named batch `N` passes through wherever an axis is only carried along, and asks to be
/// bound wherever arithmetic on it is needed.
@Suite struct NamedDimensionTests {
    let batch = Dimension.named("N")

    @Test func batchPassesThroughWindows() throws {
        #expect(try infer(.conv, [f32(batch, 3, 224, 224), f32(64, 3, 7, 7)], ["strides": .ints([2, 2]), "pads": .ints([3, 3, 3, 3])])
                == f32(batch, 64, 112, 112))
        #expect(try infer(.maxPool, [f32(batch, 64, 112, 112)], ["kernel": .ints([2, 2]), "strides": .ints([2, 2])]) == f32(batch, 64, 56, 56))
        #expect(try infer(.globalAvgPool, [f32(batch, 512, .named("H"), .named("W"))]) == f32(batch, 512, 1, 1))
    }

    @Test func spatialArithmeticNeedsStaticSizes() {
        #expect(inferenceError(.conv, [f32(1, 3, .named("H"), 224), f32(64, 3, 7, 7)])
                == "dimension H (axis 2 of x) must be static to compute the output size; bind it with --set H=…")
        #expect(inferenceError(.conv, [f32(1, .named("C"), 8, 8), f32(64, 3, 3, 3)])
                == "dimension C (axis 1 of x) must be static to check it against the weight; bind it with --set C=…")
    }

    @Test func broadcastingWithNamedDimensions() throws {
        #expect(try infer(.add, [f32(batch, 10), f32(batch, 10)]) == f32(batch, 10))
        #expect(try infer(.add, [f32(batch, 10), f32(1, 10)]) == f32(batch, 10))
        #expect(try infer(.add, [f32(10), f32(batch, 1)]) == f32(batch, 10))
        #expect(inferenceError(.add, [f32(batch, 10), f32(4, 10)])
                == "cannot broadcast a f32[N,10] with b f32[4,10]: sizes N and 4 on output axis 0 cannot be shown to match; bind named dimensions with --set")
    }

    @Test func reshapingCarriesTheBatch() throws {
        #expect(try infer(.flatten, [f32(batch, 512, 1, 1)]) == f32(batch, 512))
        #expect(try infer(.reshape, [f32(batch, 512, 7, 7)], ["shape": .ints([0, -1])]) == f32(batch, 25088))
        #expect(try infer(.reshape, [f32(batch, 512)], ["shape": .ints([-1, 512])]) == f32(batch, 512))
        #expect(try infer(.transpose, [f32(batch, 3)]) == f32(3, batch))
        #expect(try infer(.squeeze, [f32(batch, 1, 5)]) == f32(batch, 5))
        #expect(try infer(.concat, [f32(batch, 2), f32(batch, 3)], ["axis": .int(1)]) == f32(batch, 5))
        #expect(try infer(.resize, [f32(batch, 3, 4, 4)], ["scales": .floats([1, 1, 2, 2])]) == f32(batch, 3, 8, 8))
        #expect(try infer(.softmaxCrossEntropy, [f32(batch, 10), i64(batch)], ["reduction": .string("none")]) == f32(batch))
    }

    @Test func reshapingFailsWhereArithmeticIsNeeded() {
        #expect(inferenceError(.flatten, [f32(batch, 3, 4)], ["axis": .int(0)])
                == "dimension N (axis 0 of x) must be static to multiply it with other dimensions; bind it with --set N=…")
        #expect(inferenceError(.reshape, [f32(batch, 512)], ["shape": .ints([-1])])
                == "cannot infer -1 in shape [-1] from x f32[N,512]: named dimension N must be static or copied with 0; bind it with --set N=…")
        #expect(inferenceError(.reshape, [f32(batch, 512)], ["shape": .ints([4, 512])])
                == "cannot reshape x f32[N,512] (512·N elements) to [4,512] (2048 elements)")
        #expect(inferenceError(.concat, [f32(batch, 2), f32(3, 2)], ["axis": .int(0)])
                == "the concat axis 0 has named size N; it must be static to add sizes; bind it with --set N=…")
        #expect(inferenceError(.resize, [f32(batch, 3, 4, 4)], ["scales": .floats([2, 1, 2, 2])])
                == "dimension N (axis 0 of x) must be static to scale it; bind it with --set N=…")
        #expect(inferenceError(.gemm, [f32(4, .named("K")), f32(256, 10)])
                == "inner dimensions differ: a f32[4,K] gives K = K (trans_a = false), b f32[256,10] gives K = 256 (trans_b = false) (a named dimension only matches itself; bind it with --set)")
    }
}
