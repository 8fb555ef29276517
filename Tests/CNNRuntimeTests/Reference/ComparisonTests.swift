import Testing
import CNNIR
import CNNRuntime

@Suite("Reference comparisons and where")
struct ComparisonTests: RuntimeTestHelpers {
    @Test("equal, less and greater broadcast and give bool (by hand)")
    func comparisons() throws {
        let a = try tensor([2, 1], [1, 3]), b = try tensor([3], [1, 2, 3])
        #expect(try evaluate(.equal, [a, b]) == Tensor(shape: [2, 3], elements: [true, false, false, false, false, true]))
        #expect(try evaluate(.less, [a, b]) == Tensor(shape: [2, 3], elements: [false, true, true, false, false, false]))
        #expect(try evaluate(.greater, [a, b]) == Tensor(shape: [2, 3], elements: [false, false, false, true, true, false]))
        let nan = try tensor([1], [.nan])
        #expect(try evaluate(.equal, [nan, nan]).booleans == [false])
        #expect(try evaluate(.less, [nan, try tensor([1], [0])]).booleans == [false])
    }

    @Test("i64 comparisons are exact beyond 2^53; bool operands compare as values")
    func exactComparisons() throws {
        let a = try Tensor(shape: [2], elements: [(1 << 53) + 1, Int64.min] as [Int64])
        let b = try Tensor(shape: [2], elements: [1 << 53, Int64.min + 1] as [Int64])
        #expect(try evaluate(.equal, [a, b]).booleans == [false, false])
        #expect(try evaluate(.greater, [a, b]).booleans == [true, false])
        #expect(try evaluate(.less, [a, b]).booleans == [false, true])
        let flags = try Tensor(shape: [2], elements: [true, false])
        #expect(try evaluate(.equal, [flags, try Tensor(shape: [1], elements: [false])]).booleans == [false, true])
    }

    @Test("where picks from x or y (ONNX where_example) and broadcasts all three")
    func selection() throws {
        let condition = try Tensor(shape: [2, 2], elements: [true, false, true, true])
        let x = try tensor([2, 2], [1, 2, 3, 4]), y = try tensor([2, 2], [9, 8, 7, 6])
        expectValues(try evaluate(.where, [condition, x, y]), [2, 2], [1, 8, 3, 4])
        let rows = try Tensor(shape: [2, 1], elements: [true, false])
        expectValues(try evaluate(.where, [rows, try tensor([3], [1, 2, 3]), try tensor([], [0])]), [2, 3], [1, 2, 3, 0, 0, 0])
    }

    @Test("where copies i64 and bool elements exactly")
    func exactSelection() throws {
        let condition = try Tensor(shape: [2], elements: [false, true])
        let x = try Tensor(shape: [1], elements: [Int64.max]), y = try Tensor(shape: [2], elements: [(1 << 53) + 1, 0] as [Int64])
        #expect(try evaluate(.where, [condition, x, y]) == Tensor(shape: [2], elements: [(1 << 53) + 1, Int64.max]))
        let flags = try Tensor(shape: [2], elements: [true, false])
        #expect(try evaluate(.where, [condition, flags, try Tensor(shape: [], elements: [true])]).booleans == [true, false])
        expectDiagnostic(containing: "one element type") { _ = try evaluate(.where, [condition, x, try iota([2])]) }
    }
}
