import Foundation
import Testing
import CNNIR
import CNNRuntime

@Suite("Reference activations")
struct ActivationTests: RuntimeTestHelpers {
    /// Inputs whose images are easy to state: sigmoid(ln 3) = 3/4, tanh(ln 3) = 8/10, e^(-ln 2) = 1/2.
    let inputs: [Double] = [-2, -log(2), 0, log(3), 1, 8]

    func run(_ op: OpKind, _ attributes: Attributes = Attributes()) throws -> Tensor {
        try evaluate(op, [try tensor([6], inputs, .f64)], attributes)
    }

    @Test("relu, leaky_relu, elu and clip (by hand)")
    func piecewise() throws {
        expectValues(try run(.relu), [6], [0, 0, 0, log(3), 1, 8])
        expectValues(try run(.leakyRelu, ["alpha": .float(0.1)]), [6], [-0.2, -0.1 * log(2), 0, log(3), 1, 8])
        expectValues(try run(.leakyRelu), [6], [-0.02, -0.01 * log(2), 0, log(3), 1, 8])
        expectValues(try run(.elu), [6], [exp(-2) - 1, -0.5, 0, log(3), 1, 8])
        expectValues(try run(.clip, ["min": .float(0), "max": .float(6)]), [6], [0, 0, 0, log(3), 1, 6])
        expectValues(try run(.clip), [6], inputs)
    }

    @Test("sigmoid, tanh and silu (by hand)")
    func smooth() throws {
        expectValues(try run(.sigmoid), [6], [1 / (1 + exp(2)), 1.0 / 3, 0.5, 0.75, 1 / (1 + exp(-1)), 1 / (1 + exp(-8))])
        expectValues(try run(.tanh), [6], [-(exp(4) - 1) / (exp(4) + 1), -0.6, 0, 0.8, (exp(2) - 1) / (exp(2) + 1), (exp(16) - 1) / (exp(16) + 1)])
        expectValues(try run(.silu), [6], [-2 / (1 + exp(2)), -log(2) / 3, 0, 0.75 * log(3), 1 / (1 + exp(-1)), 8 / (1 + exp(-8))])
    }

    @Test("hard_sigmoid and hard_swish (by hand)")
    func hard() throws {
        expectValues(try run(.hardSigmoid), [6], [0.1, 0.5 - 0.2 * log(2), 0.5, 0.5 + 0.2 * log(3), 0.7, 1])
        expectValues(try run(.hardSigmoid, ["alpha": .float(0.5), "beta": .float(0)]), [6], [0, 0, 0, 0.5 * log(3), 0.5, 1])
        let swish = try evaluate(.hardSwish, [try tensor([7], [-4, -3, -1, 0, 1, 3, 4])])
        expectValues(swish, [7], [0, 0, -1.0 / 3, 0, 2.0 / 3, 3, 4])
    }

    @Test("prelu broadcasts its slope per channel (by hand)")
    func prelu() throws {
        let x = try tensor([1, 2, 1, 2], [-1, 2, -3, 4])
        expectValues(try evaluate(.prelu, [x, try tensor([2, 1, 1], [0.5, 0.25])]), [1, 2, 1, 2], [-0.5, 2, -0.75, 4])
        expectValues(try evaluate(.prelu, [x, try tensor([1], [0.1])]), [1, 2, 1, 2], [-0.1, 2, -0.3, 4])
    }

    @Test("NaN propagates through relu and clip")
    func nanPropagates() throws {
        let x = try tensor([1], [.nan])
        #expect(try evaluate(.relu, [x]).doubles[0].isNaN)
        #expect(try evaluate(.clip, [x], ["min": .float(0), "max": .float(6)]).doubles[0].isNaN)
    }

    @Test("an f32 input gives an f32 result, an f64 input an f64 result")
    func resultDType() throws {
        #expect(try evaluate(.relu, [try tensor([2], [1, -1])]).dtype == .f32)
        #expect(try run(.relu).dtype == .f64)
    }
}
