import Testing
import CNNIR

@Suite struct ReplicationAndSpaceDepthTests {
    @Test func expandBroadcastsBothWays() throws {
        #expect(try infer(.expand, [f32(3, 1)], ["shape": .ints([2, 1, 6])]) == f32(2, 3, 6))
        #expect(try infer(.expand, [i64(.named("N"), 1)], ["shape": .ints([1, 4])]) == i64(.named("N"), 4))
        #expect(try infer(.expand, [boolean(1)], ["shape": .ints([0])]) == boolean(0))
        #expect(inferenceError(.expand, [f32(3, 2)], ["shape": .ints([4])])
                == "cannot broadcast x f32[3,2] with shape [4]: sizes 2 and 4 differ on output axis 1 and neither is 1")
        #expect(inferenceError(.expand, [f32(3)], ["shape": .ints([-1])]) == "shape values must be non-negative, found [-1]")
    }

    @Test func tileMultipliesEveryAxis() throws {
        #expect(try infer(.tile, [f32(2, 3)], ["repeats": .ints([3, 2])]) == f32(6, 6))
        #expect(try infer(.tile, [f32(.named("N"), 3)], ["repeats": .ints([1, 0])]) == f32(.named("N"), 0))
        #expect(inferenceError(.tile, [f32(2, 3)], ["repeats": .ints([2])]) == "repeats must have 2 values (one per axis of x), found [2]")
        #expect(inferenceError(.tile, [f32(2)], ["repeats": .ints([-1])]) == "repeats must be non-negative, found [-1]")
        #expect(inferenceError(.tile, [f32(.named("N"))], ["repeats": .ints([2])])
                == "dimension N (axis 0 of x) must be static to tile it; bind it with --set N=…")
    }

    @Test func depthToSpaceAndBack() throws {
        #expect(try infer(.depthToSpace, [f32(.named("N"), 8, 3, 5)], ["blocksize": .int(2), "mode": .string("CRD")])
                == f32(.named("N"), 2, 6, 10))
        #expect(try infer(.spaceToDepth, [i64(2, 3, 6, 4)], ["blocksize": .int(2)]) == i64(2, 12, 3, 2))
        #expect(try infer(.depthToSpace, [f32(1, .named("C"), 4, 4)], ["blocksize": .int(1)]) == f32(1, .named("C"), 4, 4))
        #expect(inferenceError(.depthToSpace, [f32(1, 6, 2, 2)], ["blocksize": .int(2)])
                == "the channels of x f32[1,6,2,2] (6) must be divisible by blocksize² = 4")
        #expect(inferenceError(.spaceToDepth, [f32(1, 3, 6, 5)], ["blocksize": .int(2)])
                == "the height and width of x f32[1,3,6,5] (6 and 5) must be divisible by blocksize 2")
        #expect(inferenceError(.spaceToDepth, [f32(1, 3, 6)], ["blocksize": .int(2)]) == "x must have rank 4 (N, C, H, W), found f32[1,3,6]")
        #expect(inferenceError(.depthToSpace, [f32(1, 4, 2, 2)], ["blocksize": .int(0)]) == "blocksize must be positive, found 0")
        #expect(inferenceError(.depthToSpace, [f32(1, 4, 2, 2)], ["blocksize": .int(2), "mode": .string("dcr")])
                == "mode must be one of DCR, CRD; found \"dcr\"")
        #expect(inferenceError(.spaceToDepth, [f32(1, .named("C"), 4, 4)], ["blocksize": .int(2)])
                == "dimension C (axis 1 of x) must be static to move blocks between channels and space; bind it with --set C=…")
    }
}
