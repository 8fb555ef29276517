import Testing
import CNNIR
import CNNRuntime

@Suite("Reference slice and split")
struct SlicingTests: RuntimeTestHelpers {
    @Test("slice takes a sub-range, with the default axes 0, 1, … and step 1 (ONNX slice_default_axes)")
    func defaultAxes() throws {
        let x = try iota([4, 3])
        expectValues(try evaluate(.slice, [x], ["starts": .ints([1, 0]), "ends": .ints([3, 2])]), [2, 2], [3, 4, 6, 7])
        expectValues(try evaluate(.slice, [x], ["starts": .ints([-1]), "ends": .ints([Int.max]), "axes": .ints([1])]), [4, 1], [2, 5, 8, 11])
        expectValues(try evaluate(.slice, [x], ["starts": .ints([-100]), "ends": .ints([100])]), [4, 3], x.doubles)
        expectValues(try evaluate(.slice, [x], ["starts": .ints([3]), "ends": .ints([1])]), [0, 3], [])
    }

    @Test("negative steps walk backwards from clamped starts (ONNX slice_neg_steps)")
    func negativeSteps() throws {
        let x = try iota([20, 10, 5])
        let y = try evaluate(.slice, [x], ["starts": .ints([20, 10, 4]), "ends": .ints([0, 0, 1]), "axes": .ints([0, 1, 2]),
                                           "steps": .ints([-1, -3, -2])])
        #expect(y.shape == [19, 3, 2])
        let rows = Array(stride(from: 19, to: 0, by: -1)), columns = [9, 6, 3], depths = [4, 2]
        var expected: [Double] = []
        for i in rows { for j in columns { for k in depths { expected.append(Double((i * 10 + j) * 5 + k)) } } }
        #expect(y.doubles == expected)
        expectValues(try evaluate(.slice, [try iota([5])], ["starts": .ints([-1]), "ends": .ints([Int.min]), "steps": .ints([-2])]),
                     [3], [4, 2, 0])
    }

    @Test("slice copies i64 and bool elements exactly")
    func exactInEveryDType() throws {
        let large = try Tensor(shape: [3], elements: [Int64.max, (1 << 53) + 1, Int64.min])
        #expect(try evaluate(.slice, [large], ["starts": .ints([0]), "ends": .ints([2])]) == Tensor(shape: [2], elements: [Int64.max, (1 << 53) + 1]))
        let flags = try Tensor(shape: [4], elements: [true, false, false, true])
        #expect(try evaluate(.slice, [flags], ["starts": .ints([3]), "ends": .ints([0]), "steps": .ints([-2])])
                == Tensor(shape: [2], elements: [true, false]))
    }

    @Test("slice rejects a zero step and mismatched lists")
    func sliceErrors() throws {
        let x = try iota([3])
        expectDiagnostic(containing: "steps must not be 0") {
            _ = try evaluate(.slice, [x], ["starts": .ints([0]), "ends": .ints([2]), "steps": .ints([0])])
        }
        expectDiagnostic(containing: "one value per sliced axis") {
            _ = try evaluate(.slice, [x], ["starts": .ints([0]), "ends": .ints([2, 3])])
        }
    }

    @Test("split into equal parts puts the remainder in the last (ONNX split_1d_uneven_split_opset18)")
    func unevenSplit() throws {
        let parts = try ReferenceKernels.evaluate(.split, operands: [try iota([7], from: 1)], resultCount: 4)
        #expect(parts.map(\.shape) == [[2], [2], [2], [1]])
        #expect(parts.map(\.doubles) == [[1, 2], [3, 4], [5, 6], [7]])
    }

    @Test("split by sizes along an axis, in any dtype")
    func splitBySizes() throws {
        let x = try Tensor(shape: [2, 3], elements: [1, 2, 3, 4, 5, Int64.max] as [Int64])
        let parts = try ReferenceKernels.evaluate(.split, operands: [x], attributes: ["axis": .int(-1), "split": .ints([2, 1])], resultCount: 2)
        #expect(parts == [try Tensor(shape: [2, 2], elements: [1, 2, 4, 5] as [Int64]), try Tensor(shape: [2, 1], elements: [3, Int64.max])])
        expectDiagnostic(containing: "sums to 4") {
            _ = try ReferenceKernels.evaluate(.split, operands: [x], attributes: ["axis": .int(1), "split": .ints([2, 2])], resultCount: 2)
        }
    }
}
