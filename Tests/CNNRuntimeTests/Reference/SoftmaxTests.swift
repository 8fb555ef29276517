import Foundation
import Testing
import CNNIR
import CNNRuntime

@Suite("Reference softmax and log_softmax")
struct SoftmaxTests: RuntimeTestHelpers {
    @Test("softmax of [0, ln 2, ln 3] is [1, 2, 3] / 6 (by hand)")
    func softmaxHand() throws {
        let x = try tensor([1, 3], [0, log(2), log(3)], .f64)
        expectValues(try evaluate(.softmax, [x]), [1, 3], [1.0 / 6, 2.0 / 6, 3.0 / 6])
        expectValues(try evaluate(.logSoftmax, [x]), [1, 3], [log(1.0 / 6), log(2.0 / 6), log(3.0 / 6)])
    }

    @Test("the axis attribute picks the axis, negative counting from the end")
    func axes() throws {
        // Columns of [[0, 0], [ln 3, 0]] along axis 0: [1/4, 3/4] and [1/2, 1/2].
        let x = try tensor([2, 2], [0, 0, log(3), 0], .f64)
        expectValues(try evaluate(.softmax, [x], ["axis": .int(0)]), [2, 2], [0.25, 0.5, 0.75, 0.5])
        expectValues(try evaluate(.softmax, [x], ["axis": .int(-2)]), [2, 2], [0.25, 0.5, 0.75, 0.5])
        expectValues(try evaluate(.softmax, [x]), [2, 2], [0.5, 0.5, 0.75, 0.25])
    }

    @Test("softmax is stable for large inputs")
    func stable() throws {
        let y = try evaluate(.softmax, [try tensor([2], [1000, 1001])])
        expectValues(y, [2], [1 / (1 + exp(1)), exp(1) / (1 + exp(1))])
        let logY = try evaluate(.logSoftmax, [try tensor([2], [-1000, 1000])])
        expectValues(logY, [2], [-2000, 0])
    }

    @Test("on random inputs, softmax slices sum to 1 and log_softmax = log(softmax)")
    func identities() throws {
        let x = try randomTensor([3, 4, 5], seed: 21)
        for axis in [0, 1, 2] {
            let attributes: Attributes = ["axis": .int(axis)]
            let probabilities = try evaluate(.softmax, [x], attributes)
            let sums = try evaluate(.matmul, [try evaluate(.transpose, [probabilities], ["perm": .ints([0, 1, 2].filter { $0 != axis } + [axis])]),
                                              try tensor([x.shape[axis]], Array(repeating: 1, count: x.shape[axis]), .f64)])
            let sumsToOne = sums.doubles.allSatisfy { abs($0 - 1) < 1e-12 }
            #expect(sumsToOne)
            expectClose(try evaluate(.logSoftmax, [x], attributes), try tensor(x.shape, probabilities.doubles.map { log($0) }, .f64), tolerance: 1e-12)
        }
    }
}
