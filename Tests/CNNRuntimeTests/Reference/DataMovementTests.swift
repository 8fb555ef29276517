import Testing
import CNNIR
import CNNRuntime

@Suite("Reference data movement")
struct DataMovementTests: RuntimeTestHelpers {
    @Test("concat joins along an axis, negative counting from the end (by hand)")
    func concat() throws {
        let square = try iota([2, 2])
        expectValues(try evaluate(.concat, [square, try tensor([2, 1], [10, 20])], ["axis": .int(-1)]), [2, 3], [0, 1, 10, 2, 3, 20])
        expectValues(try evaluate(.concat, [square, try tensor([1, 2], [7, 8]), square], ["axis": .int(0)]), [5, 2], [0, 1, 2, 3, 7, 8, 0, 1, 2, 3])
        expectDiagnostic(containing: "cannot concatenate") {
            _ = try evaluate(.concat, [square, try iota([3, 3])], ["axis": .int(0)])
        }
    }

    @Test("flatten, reshape, squeeze and unsqueeze keep the elements and change the shape")
    func reshaping() throws {
        let x = try iota([2, 3, 4])
        let cases: [(OpKind, Attributes, [Int])] = [
            (.flatten, [:], [2, 12]), (.flatten, ["axis": .int(0)], [1, 24]), (.flatten, ["axis": .int(3)], [24, 1]),
            (.flatten, ["axis": .int(-1)], [6, 4]),
            (.reshape, ["shape": .ints([0, -1])], [2, 12]), (.reshape, ["shape": .ints([-1, 4])], [6, 4]),
            (.reshape, ["shape": .ints([4, 0, 2])], [4, 3, 2]),
            (.unsqueeze, ["axes": .ints([0, -1])], [1, 2, 3, 4, 1]), (.unsqueeze, ["axes": .ints([2])], [2, 3, 1, 4]),
        ]
        for (op, attributes, shape) in cases {
            let y = try evaluate(op, [x], attributes)
            #expect(y.shape == shape, "\(op) \(attributes)")
            #expect(y.doubles == x.doubles)
        }
        let ones = try iota([1, 3, 1, 2])
        #expect(try evaluate(.squeeze, [ones]).shape == [3, 2])
        #expect(try evaluate(.squeeze, [ones], ["axes": .ints([-2])]).shape == [1, 3, 2])
        expectDiagnostic(containing: "cannot squeeze axis 1") { _ = try evaluate(.squeeze, [ones], ["axes": .ints([1])]) }
        expectDiagnostic(containing: "cannot reshape") { _ = try evaluate(.reshape, [x], ["shape": .ints([5, -1])]) }
    }

    @Test("transpose permutes axes; an empty perm reverses them")
    func transpose() throws {
        expectValues(try evaluate(.transpose, [try iota([2, 3])]), [3, 2], [0, 3, 1, 4, 2, 5])
        let x = try iota([2, 3, 4])
        let y = try evaluate(.transpose, [x], ["perm": .ints([1, 2, 0])])
        #expect(y.shape == [3, 4, 2])
        for i in 0..<2 {
            for j in 0..<3 {
                for k in 0..<4 { #expect(try y.value(at: [j, k, i]) == x.value(at: [i, j, k])) }
            }
        }
        expectDiagnostic(containing: "permutation") { _ = try evaluate(.transpose, [x], ["perm": .ints([0, 0, 1])]) }
    }

    @Test("identity and dropout pass any tensor through exactly, i64 included")
    func passThrough() throws {
        let large = try Tensor(shape: [2], elements: [(1 << 60) + 1, -7] as [Int64])
        #expect(try evaluate(.identity, [large]) == large)
        #expect(try evaluate(.dropout, [large], ["ratio": .float(0.3)]) == large)
        let x = try randomTensor([3, 2], seed: 51)
        #expect(try evaluate(.dropout, [x]) == x)
    }

    @Test("reshape, flatten, transpose, squeeze, unsqueeze, concat and pad copy i64 and bool elements exactly")
    func anyElementType() throws {
        let large = try Tensor(shape: [1, 2, 2], elements: [(1 << 60) + 1, -7, Int64.max, Int64.min] as [Int64])
        #expect(try evaluate(.reshape, [large], ["shape": .ints([4])]) == Tensor(shape: [4], elements: [(1 << 60) + 1, -7, Int64.max, Int64.min] as [Int64]))
        #expect(try evaluate(.flatten, [large]) == Tensor(shape: [1, 4], elements: [(1 << 60) + 1, -7, Int64.max, Int64.min] as [Int64]))
        #expect(try evaluate(.transpose, [large], ["perm": .ints([0, 2, 1])])
                == Tensor(shape: [1, 2, 2], elements: [(1 << 60) + 1, Int64.max, -7, Int64.min] as [Int64]))
        #expect(try evaluate(.squeeze, [large]) == Tensor(shape: [2, 2], elements: [(1 << 60) + 1, -7, Int64.max, Int64.min] as [Int64]))
        #expect(try evaluate(.unsqueeze, [large], ["axes": .ints([-1])]).shape == [1, 2, 2, 1])
        #expect(try evaluate(.concat, [large, large], ["axis": .int(0)]).elements(as: Int64.self).suffix(2) == [Int64.max, Int64.min])
        #expect(try evaluate(.pad, [large], ["pads": .ints([0, 0, 1, 0, 0, 0]), "value": .float(-2.7)]).elements(as: Int64.self)
                == [-2, (1 << 60) + 1, -7, -2, Int64.max, Int64.min])
        let flags = try Tensor(shape: [3], elements: [true, false, false])
        #expect(try evaluate(.pad, [flags], ["pads": .ints([1, 2]), "mode": .string("reflect")])
                == Tensor(shape: [6], elements: [false, true, false, false, false, true]))
        #expect(try evaluate(.pad, [flags], ["pads": .ints([1, 0]), "value": .float(0.5)]) == Tensor(shape: [4], elements: [true, true, false, false]))
    }

    @Test("reshape with allowzero keeps a 0 as an empty axis")
    func reshapeAllowingZero() throws {
        let empty = try Tensor(shape: [0, 3, 4], elements: [] as [Float])
        #expect(try evaluate(.reshape, [empty], ["shape": .ints([3, 4, 0]), "allowzero": .bool(true)]).shape == [3, 4, 0])
        #expect(try evaluate(.reshape, [empty], ["shape": .ints([0, 4, 3])]).shape == [0, 4, 3])
    }

    @Test("constant gives its literal with the literal's type")
    func constant() throws {
        let floats = TensorLiteral(type: TensorType(.f32, [2]), storage: .floating([1.5, -2]))
        #expect(try evaluate(.constant, [], ["value": .tensor(floats)]) == Tensor(shape: [2], scalars: [1.5, -2]))
        let integers = TensorLiteral(type: TensorType(.i64, [2, 1]), storage: .integer([3, 4]))
        #expect(try evaluate(.constant, [], ["value": .tensor(integers)]) == Tensor(shape: [2, 1], elements: [3, 4] as [Int64]))
    }
}
