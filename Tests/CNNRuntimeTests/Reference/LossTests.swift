import Foundation
import Testing
import CNNIR
import CNNRuntime

@Suite("Reference losses")
struct LossTests: RuntimeTestHelpers {
    /// Two samples with logits [0, ln 3]: softmax [1/4, 3/4]. Labels 1 and 0 give losses
    /// -log(3/4) = log(4/3) and -log(1/4) = log 4.
    func crossEntropyOperands() throws -> [Tensor] {
        [try tensor([2, 2], [0, log(3), 0, log(3)], .f64), try Tensor(shape: [2], elements: [1, 0] as [Int64])]
    }

    @Test("softmax_cross_entropy with mean, sum and none reductions (by hand)")
    func crossEntropyReductions() throws {
        let operands = try crossEntropyOperands()
        expectValues(try evaluate(.softmaxCrossEntropy, operands), [], [(log(4.0 / 3) + log(4)) / 2])
        expectValues(try evaluate(.softmaxCrossEntropy, operands, ["reduction": .string("sum")]), [], [log(4.0 / 3) + log(4)])
        expectValues(try evaluate(.softmaxCrossEntropy, operands, ["reduction": .string("none")]), [2], [log(4.0 / 3), log(4)])
        #expect(try evaluate(.softmaxCrossEntropy, operands).dtype == .f64)
    }

    @Test("class weights scale each sample's loss; mean divides by the sum of the label weights (ONNX)")
    func crossEntropyWeights() throws {
        let operands = try crossEntropyOperands() + [try tensor([2], [1, 3], .f64)]
        expectValues(try evaluate(.softmaxCrossEntropy, operands), [], [(3 * log(4.0 / 3) + log(4)) / 4])
        expectValues(try evaluate(.softmaxCrossEntropy, operands, ["reduction": .string("none")]), [2], [3 * log(4.0 / 3), log(4)])
    }

    @Test("label smoothing mixes in the mean loss over all classes")
    func crossEntropySmoothing() throws {
        // loss = 0.8 · (-log p[label]) + (0.2 / 2) · (-log p[0] - log p[1]).
        let uniform = 0.1 * (log(4) + log(4.0 / 3))
        let y = try evaluate(.softmaxCrossEntropy, try crossEntropyOperands(), ["label_smoothing": .float(0.2), "reduction": .string("none")])
        expectValues(y, [2], [0.8 * log(4.0 / 3) + uniform, 0.8 * log(4) + uniform])
    }

    @Test("softmax_cross_entropy rejects a label outside the classes")
    func crossEntropyRejectsLabel() throws {
        expectDiagnostic(containing: "label 2 is out of range for 2 classes") {
            _ = try evaluate(.softmaxCrossEntropy, [try iota([2, 2]), try Tensor(shape: [2], elements: [2, 0] as [Int64])])
        }
    }

    @Test("mse with each reduction (by hand)")
    func meanSquaredError() throws {
        let operands = [try tensor([3], [1, 2, 3]), try tensor([3], [1, 0, 0])]
        expectValues(try evaluate(.mse, operands), [], [13.0 / 3])
        expectValues(try evaluate(.mse, operands, ["reduction": .string("sum")]), [], [13])
        expectValues(try evaluate(.mse, operands, ["reduction": .string("none")]), [3], [0, 4, 9])
    }

    @Test("multi-class hinge (by hand)")
    func hinge() throws {
        let operands = [try tensor([2, 3], [1, 2, 3, 1, 2, 3]), try Tensor(shape: [2], elements: [0, 2] as [Int64])]
        // Label 0: max(0, 1+2-1) + max(0, 1+3-1) = 5. Label 2: max(0, 1+1-3) + max(0, 1+2-3) = 0.
        expectValues(try evaluate(.hinge, operands), [], [2.5])
        // Margin 2: 3 + 4 = 7 and 0 + 1 = 1.
        expectValues(try evaluate(.hinge, operands, ["margin": .float(2), "reduction": .string("none")]), [2], [7, 1])
    }
}
