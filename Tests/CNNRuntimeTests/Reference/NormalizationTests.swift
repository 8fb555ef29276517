import Foundation
import Testing
import CNNIR
import CNNRuntime

@Suite("Reference normalization")
struct NormalizationTests: RuntimeTestHelpers {
    @Test("batch_norm uses the running statistics per channel (by hand)")
    func batchNorm() throws {
        // Channel 0: 2 (x - 1) / 2 + 1 = x. Channel 1: 0.5 (x - 3) / 0.5 - 1 = x - 4.
        let y = try evaluate(.batchNorm, [try tensor([1, 2, 1, 2], [1, 2, 3, 4]), try tensor([2], [2, 0.5]), try tensor([2], [1, -1]),
                                          try tensor([2], [1, 3]), try tensor([2], [4, 0.25])], ["epsilon": .float(0)])
        expectValues(y, [1, 2, 1, 2], [1, 2, -1, 0])
    }

    @Test("instance_norm normalizes each plane by its own statistics (by hand)")
    func instanceNorm() throws {
        // Channel 0 = [1,2,3,4]: mean 2.5, variance 1.25. Channel 1 is constant: normalized to 0,
        // then scaled by 2 and shifted by 1.
        let y = try evaluate(.instanceNorm, [try tensor([1, 2, 1, 4], [1, 2, 3, 4, 2, 2, 2, 2]), try tensor([2], [1, 2]), try tensor([2], [0, 1])])
        let deviation = (1.25 + 1e-5).squareRoot()
        expectValues(y, [1, 2, 1, 4], [-1.5 / deviation, -0.5 / deviation, 0.5 / deviation, 1.5 / deviation, 1, 1, 1, 1])
    }

    @Test("lrn sums squares over the ONNX channel window (by hand)")
    func lrn() throws {
        let x = try tensor([1, 3, 1, 1], [1, 2, 3])
        let unit: Attributes = ["alpha": .float(1), "beta": .float(1), "bias": .float(1)]
        // size 3: squares summed over channels c-1...c+1: 5, 14, 13; y = x / (1 + s/3).
        var attributes = unit
        attributes["size"] = .int(3)
        expectValues(try evaluate(.lrn, [x], attributes), [1, 3, 1, 1], [0.375, 6.0 / 17, 9.0 / 16])
        // size 2: channels c...c+1 (floor((2-1)/2) = 0 before, ceil((2-1)/2) = 1 after): 5, 13, 9; y = x / (1 + s/2).
        attributes["size"] = .int(2)
        expectValues(try evaluate(.lrn, [x], attributes), [1, 3, 1, 1], [1 / 3.5, 2 / 7.5, 3 / 5.5])
        // Defaults alpha 1e-4, beta 0.75, bias 1.
        let defaults = try evaluate(.lrn, [x], ["size": .int(3)])
        expectValues(defaults, [1, 3, 1, 1], zip([1.0, 2, 3], [5.0, 14, 13]).map { $0 / pow(1 + 1e-4 / 3 * $1, 0.75) })
    }

    @Test("normalization rejects per-channel operands of the wrong size")
    func rejectsWrongChannelCount() throws {
        expectDiagnostic(containing: "[2]") {
            _ = try evaluate(.instanceNorm, [try iota([1, 2, 2]), try iota([3]), try iota([2])])
        }
    }
}
