import Testing
import CNNIR

@Suite struct SlicingInferenceTests {
    /// The result types of a split into `parts` results.
    func split(_ x: TensorType, _ attributes: Attributes, parts: Int) throws -> [TensorType] {
        try OpKind.split.schema.inferResultTypes(operands: [x], attributes: attributes, resultCount: parts)
    }

    /// The message of the diagnostic a split into `parts` results throws.
    func splitError(_ x: TensorType, _ attributes: Attributes, parts: Int) -> String? {
        do {
            _ = try split(x, attributes, parts: parts)
            return nil
        } catch {
            return (error as? Diagnostic)?.message
        }
    }

    @Test func sliceClampsCountsFromTheEndAndWalksBackwards() throws {
        let x = f32(10, 8, .named("N"))
        #expect(try infer(.slice, [x], ["starts": .ints([2]), "ends": .ints([7])]) == f32(5, 8, .named("N")))
        #expect(try infer(.slice, [x], ["starts": .ints([-3, 1]), "ends": .ints([Int.max, 100]), "axes": .ints([0, 1])])
                == f32(3, 7, .named("N")))
        #expect(try infer(.slice, [x], ["starts": .ints([-1]), "ends": .ints([Int.min]), "axes": .ints([-2]), "steps": .ints([-1])])
                == f32(10, 8, .named("N")))
        #expect(try infer(.slice, [x], ["starts": .ints([0]), "ends": .ints([10]), "steps": .ints([3])]) == f32(4, 8, .named("N")))
        #expect(try infer(.slice, [x], ["starts": .ints([8]), "ends": .ints([2])]) == f32(0, 8, .named("N")))
        #expect(try infer(.slice, [i64(5)], ["starts": .ints([20]), "ends": .ints([-20]), "steps": .ints([-2])]) == i64(3))
        #expect(try infer(.slice, [boolean(4)], ["starts": .ints([1]), "ends": .ints([3])]) == boolean(2))
    }

    @Test func sliceErrorsSayWhatDoesNotFit() {
        let x = f32(4, 6)
        #expect(inferenceError(.slice, [x], ["starts": .ints([0, 1]), "ends": .ints([2])])
                == "starts [0,1] and ends [2] must have the same length")
        #expect(inferenceError(.slice, [x], ["starts": .ints([0]), "ends": .ints([2]), "axes": .ints([0, 1])])
                == "axes must have one value per start (1), found [0,1]")
        #expect(inferenceError(.slice, [x], ["starts": .ints([0]), "ends": .ints([2]), "steps": .ints([0])])
                == "steps must not be 0, found [0]")
        #expect(inferenceError(.slice, [x], ["starts": .ints([0, 0]), "ends": .ints([2, 2]), "axes": .ints([1, -1])])
                == "axes [1, -1] name axis 1 twice")
        #expect(inferenceError(.slice, [x], ["starts": .ints([0]), "ends": .ints([2]), "axes": .ints([2])])
                == "axis 2 out of range for rank 2 (valid: -2 to 1)")
        #expect(inferenceError(.slice, [f32(.named("N"), 3)], ["starts": .ints([0]), "ends": .ints([1])])
                == "dimension N (axis 0 of x) must be static to slice it; bind it with --set N=…")
        #expect(inferenceError(.slice, [x], ["ends": .ints([1])]) == "missing required attribute 'starts' (a list of integers)")
    }

    @Test func splitMakesOneResultPerNameOnTheNode() throws {
        #expect(try split(f32(2, 7), ["axis": .int(1)], parts: 4) == [f32(2, 2), f32(2, 2), f32(2, 2), f32(2, 1)])
        #expect(try split(f32(6, .named("N")), [:], parts: 3) == [f32(2, .named("N")), f32(2, .named("N")), f32(2, .named("N"))])
        #expect(try split(i64(5), ["split": .ints([1, 4])], parts: 2) == [i64(1), i64(4)])
        #expect(try split(f32(.named("N"), 3), [:], parts: 1) == [f32(.named("N"), 3)])
        #expect(try split(f32(3, 0), ["axis": .int(-1), "split": .ints([0, 0])], parts: 2) == [f32(3, 0), f32(3, 0)])
    }

    @Test func splitErrorsSayWhatDoesNotFit() {
        #expect(splitError(f32(5), ["split": .ints([2, 3])], parts: 3) == "split [2,3] gives 2 parts, but the node declares 3 results")
        #expect(splitError(f32(5), ["split": .ints([2, 2])], parts: 2) == "split [2,2] sums to 4, but the split axis has size 5")
        #expect(splitError(f32(5), ["split": .ints([6, -1])], parts: 2) == "split sizes must be non-negative, found [6,-1]")
        #expect(splitError(f32(5), [:], parts: 4)
                == "cannot split an axis of size 5 into 4 equal parts: parts of 2 (size/parts rounded up) leave -1 for the last; give split sizes")
        #expect(splitError(f32(.named("N")), [:], parts: 2) == "dimension N (axis 0 of x) must be static to split it; bind it with --set N=…")
        #expect(splitError(f32(4), ["axis": .int(1)], parts: 2) == "axis 1 out of range for rank 1 (valid: -1 to 0)")
    }

    @Test func equalPartsOfAHugeAxisDoNotOverflow() throws {
        let part = Int.max / 3 + 1
        #expect(try SplitSizes.sizes(axisSize: Int.max, split: [], parts: 3) == [part, part, Int.max - 2 * part])
        #expect(try SplitSizes.sizes(axisSize: Int.max - 1, split: [], parts: 2) == [Int.max / 2, Int.max / 2])
    }

    @Test func theVerifierChecksSplitResultsAgainstTheNode() throws {
        let text = """
        graph @g(%x: f32[2,6]) {
          %a, %b = split %x {axis = 1, split = [2,4]} : f32[2,2], f32[2,3]
          return %a
        }
        """
        let graph = try IRParser.parse(text, file: "split.ir")
        let problems = Verifier.diagnostics(for: graph).map(\.description)
        #expect(problems == ["split.ir:2:3: error: node %a (split): result %b: declared f32[2,3], inferred f32[2,4]"])
    }
}
