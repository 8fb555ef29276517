import Testing
import CNNIR
import CNNRuntime

@Suite("Reference reductions, argmax and argmin")
struct ReductionTests: RuntimeTestHelpers {
    @Test("reduce_l2 over the last axis, keeping it (ONNX reduce_l2_keep_dims_example)")
    func euclideanNorm() throws {
        let x = try iota([3, 2, 2], from: 1)
        expectValues(try evaluate(.reduceL2, [x], ["axes": .ints([2])]), [3, 2, 1],
                     [2.23606798, 5, 7.81024968, 10.63014581, 13.45362405, 16.2788206], tolerance: 1e-6)
    }

    @Test("sum, mean, max and min over axes, with and without keepdims (by hand)")
    func handCases() throws {
        let x = try tensor([2, 3], [1, -2, 3, 4, 5, -6])
        expectValues(try evaluate(.reduceSum, [x], ["axes": .ints([1])]), [2, 1], [2, 3])
        expectValues(try evaluate(.reduceMean, [x], ["axes": .ints([0]), "keepdims": .bool(false)]), [3], [2.5, 1.5, -1.5])
        expectValues(try evaluate(.reduceMax, [x], ["keepdims": .bool(false)]), [], [5])
        expectValues(try evaluate(.reduceMin, [x], ["axes": .ints([-1])]), [2, 1], [-2, -6])
        expectValues(try evaluate(.reduceSum, [x], ["noop_with_empty_axes": .bool(true)]), [2, 3], x.doubles)
        expectValues(try evaluate(.reduceSum, [x]), [1, 1], [5])
    }

    @Test("reductions over no elements give the identities; NaN propagates through max")
    func emptyAndNaN() throws {
        let empty = try Tensor.zeros(shape: [2, 0])
        expectValues(try evaluate(.reduceSum, [empty], ["axes": .ints([1])]), [2, 1], [0, 0])
        #expect(try evaluate(.reduceMax, [empty], ["axes": .ints([1])]).doubles == [-.infinity, -.infinity])
        #expect(try evaluate(.reduceMin, [empty], ["axes": .ints([1])]).doubles == [.infinity, .infinity])
        #expect(try evaluate(.reduceMax, [try tensor([3], [1, .nan, 2])]).doubles[0].isNaN)
    }

    @Test("with noop_with_empty_axes and no axes every reduction, reduce_l2 included, returns x unchanged")
    func noop() throws {
        let x = try tensor([3], [-2, 0.5, 3])
        for op in [OpKind.reduceSum, .reduceMean, .reduceMax, .reduceMin, .reduceL2] {
            #expect(try evaluate(op, [x], ["noop_with_empty_axes": .bool(true)]) == x, "\(op)")
        }
    }

    @Test("reduce_max and reduce_min on bool are any and all (false and true over no elements)")
    func booleans() throws {
        let x = try Tensor(shape: [2, 3], elements: [true, false, false, false, false, false])
        #expect(try evaluate(.reduceMax, [x], ["axes": .ints([1])]) == Tensor(shape: [2, 1], elements: [true, false]))
        #expect(try evaluate(.reduceMin, [x], ["axes": .ints([0]), "keepdims": .bool(false)]) == Tensor(shape: [3], elements: [false, false, false]))
        #expect(try evaluate(.reduceMin, [try Tensor(shape: [2], elements: [true, true])]) == Tensor(shape: [1], elements: [true]))
        let empty = try Tensor(shape: [2, 0], elements: [] as [Bool])
        #expect(try evaluate(.reduceMax, [empty], ["axes": .ints([1])]) == Tensor(shape: [2, 1], elements: [false, false]))
        #expect(try evaluate(.reduceMin, [empty], ["axes": .ints([1])]) == Tensor(shape: [2, 1], elements: [true, true]))
    }

    @Test("i64 reductions are exact beyond 2^53, and the i64 mean truncates toward zero")
    func integers() throws {
        let x = try Tensor(shape: [3], elements: [1 << 60, 1, -7] as [Int64])
        #expect(try evaluate(.reduceSum, [x]) == Tensor(shape: [1], elements: [(1 << 60) - 6] as [Int64]))
        #expect(try evaluate(.reduceMax, [x], ["keepdims": .bool(false)]) == Tensor(scalar: Int64(1 << 60)))
        #expect(try evaluate(.reduceMean, [try Tensor(shape: [2], elements: [-7, 2] as [Int64])]) == Tensor(shape: [1], elements: [-2] as [Int64]))
        #expect(try evaluate(.reduceSum, [try Tensor(shape: [2], elements: [Int64.max, 1])]) == Tensor(shape: [1], elements: [Int64.min]))
    }

    @Test("argmax and argmin take the first index on ties, the last with select_last_index (ONNX argmax examples)")
    func indexReductions() throws {
        let data = try tensor([2, 2], [2, 2, 3, 10])
        #expect(try evaluate(.argmax, [data], ["axis": .int(1)]) == Tensor(shape: [2, 1], elements: [0, 1] as [Int64]))
        #expect(try evaluate(.argmax, [data], ["axis": .int(1), "select_last_index": .bool(true)]) == Tensor(shape: [2, 1], elements: [1, 1] as [Int64]))
        #expect(try evaluate(.argmax, [data]) == Tensor(shape: [1, 2], elements: [1, 1] as [Int64]))
        #expect(try evaluate(.argmin, [data], ["axis": .int(-1), "keepdims": .bool(false), "select_last_index": .bool(true)])
                == Tensor(shape: [2], elements: [1, 0] as [Int64]))
        #expect(try evaluate(.argmin, [data], ["keepdims": .bool(false)]) == Tensor(shape: [2], elements: [0, 0] as [Int64]))
    }

    @Test("a NaN wins argmax and argmin; i64 values are compared exactly")
    func indexReductionEdges() throws {
        #expect(try evaluate(.argmax, [try tensor([4], [1, .nan, 5, .nan])]).doubles == [1])
        #expect(try evaluate(.argmin, [try tensor([4], [1, .nan, -5, .nan])], ["select_last_index": .bool(true)]).doubles == [3])
        let close = try Tensor(shape: [2], elements: [(1 << 53) + 1, 1 << 53] as [Int64])
        #expect(try evaluate(.argmax, [close]).doubles == [0])
        #expect(try evaluate(.argmin, [close]).doubles == [1])
    }
}
