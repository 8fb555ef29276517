import Foundation
import Testing
import CNNIR
import CNNRuntime

/// The reference kernels of the optimizer updates, learning_rate and global_norm_scale on small
/// hand-computed cases. The expected numbers were worked out from the ONNX pseudo code (and the
/// contract's formulas) in double precision, independently of the kernels; the comment at each
/// case gives the formula.
@Suite("Optimizer reference kernels")
struct OptimizerReferenceTests: RuntimeTestHelpers {
    /// Every result of `op` on f64 operands `tensors` (each given as shape and values), with the
    /// learning rate `rate` and, when given, the step appended.
    func update(_ op: OpKind, _ tensors: [[Double]], rate: Double, step: Int64? = nil,
                _ attributes: Attributes = [:]) throws -> [[Double]] {
        var operands = try tensors.map { try tensor([$0.count], $0, .f64) }
        operands.append(try tensor([], [rate], .f64))
        if let step { operands.append(Tensor(scalar: step)) }
        return try ReferenceKernels.evaluate(op, operands: operands, attributes: attributes, resultCount: tensors.count - 1).map(\.doubles)
    }

    func expectNear(_ actual: [[Double]], _ expected: [[Double]], tolerance: Double = 1e-12,
                    sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(actual.count == expected.count, "result count", sourceLocation: sourceLocation)
        for (result, (found, wanted)) in zip(actual, expected).enumerated() {
            #expect(found.count == wanted.count, "result \(result) size", sourceLocation: sourceLocation)
            for (index, (a, e)) in zip(found, wanted).enumerated() where !(abs(a - e) <= tolerance * max(1, abs(e))) {
                Issue.record("result \(result)[\(index)]: \(a), expected \(e)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func stochasticGradientDescent() throws {
        // x − lr·(g + wd·x): 1 − 0.1·(0.5 + 0.01) = 0.949, −2 − 0.1·(0.25 − 0.02) = −2.023, 0.5 − 0.1·(−1 + 0.005) = 0.5995.
        let next = try update(.sgdUpdate, [[1, -2, 0.5], [0.5, 0.25, -1]], rate: 0.1, ["weight_decay": .float(0.01)])
        expectNear(next, [[0.949, -2.023, 0.5995]])
    }

    @Test func momentumUsesBetaOnlyAfterTheFirstStep() throws {
        // g' = g + 0.001·x; v' = 0.95·v + b·g' (b = 1 at step 0, else 0.1); x' = x − 0.1·v'.
        let operands: [[Double]] = [[1.2, 2.8], [-0.94, -2.5], [1.7, 3.6]]
        let attributes: Attributes = ["alpha": .float(0.95), "beta": .float(0.1), "weight_decay": .float(0.001)]
        expectNear(try update(.momentumUpdate, operands, rate: 0.1, step: 0, attributes), [[1.13238, 2.70772], [0.6762, 0.9228]])
        expectNear(try update(.momentumUpdate, operands, rate: 0.1, step: 3, attributes), [[1.047888, 2.482972], [1.52112, 3.17028]])
    }

    @Test func nesterovMomentum() throws {
        // g' = g + 0.01·x; v' = 0.95·v + g'; x' = x − 0.1·(g' + 0.95·v').
        let next = try update(.momentumUpdate, [[1.2, 2.8], [-0.94, -2.5], [1.7, 3.6]], rate: 0.1, step: 2,
                              ["alpha": .float(0.95), "beta": .float(1), "weight_decay": .float(0.01), "nesterov": .bool(true)])
        expectNear(next, [[1.227535, 2.95714], [0.687, 0.948]])
    }

    @Test func adagradDecaysTheRateWithTheStep() throws {
        // g' = g + 0.001·x; h' = h + g'²; x' = x − lr/(1 + 0.1·step)·g'/(√h' + 1e-5).
        let operands: [[Double]] = [[1, -0.5], [-1, 0.25], [2, 0]]
        let attributes: Attributes = ["decay_factor": .float(0.1), "epsilon": .float(1e-5), "weight_decay": .float(0.001)]
        expectNear(try update(.adagradUpdate, operands, rate: 0.1, step: 0, attributes),
                   [[1.0576961844316204, -0.5999959921446034], [2.998001, 0.06225025]])
        expectNear(try update(.adagradUpdate, operands, rate: 0.1, step: 5, attributes),
                   [[1.0384641229544136, -0.566663994763069], [2.998001, 0.06225025]])
    }

    @Test func adamCorrectsTheBiasFromStepOne() throws {
        // g' = g + wd·x; m' = α·m + (1−α)·g'; v' = β·v + (1−β)·g'²; r = lr·√(1−β^t)/(1−α^t) (lr at t = 0);
        // x' = (1 − post)·(x − r·m'/(√v' + ε)).
        let operands: [[Double]] = [[1.2, 2.8], [-0.94, -2.5], [1.7, 3.6], [0.1, 0.1]]
        let first = try update(.adamUpdate, operands, rate: 0.1, step: 0,
                               ["alpha": .float(0.95), "beta": .float(0.1), "epsilon": .float(1e-7), "weight_decay": .float(0.001)])
        expectNear(first, [[1.0250363491167394, 2.6610326709788175], [1.56806, 3.29514], [0.803210896, 5.622407056]])
        let later = try update(.adamUpdate, operands, rate: 0.1, step: 3, ["weight_decay": .float(0.001), "decoupled_weight_decay": .float(0.01)])
        expectNear(later, [[1.0975291576219235, 2.5884355841410898], [1.43612, 2.99028], [0.10078134544, 0.10613600784]])
    }

    @Test func rootMeanSquarePropagation() throws {
        // g' = g + 0.05·x; s' = 0.9·s + 0.1·g'²; x' = x − 0.01·g'/(√s' + 1e-8).
        let next = try update(.rmspropUpdate, [[1, -2], [0.5, 0.25], [0.1, 0.2]], rate: 0.01,
                              ["decay": .float(0.9), "epsilon": .float(1e-8), "weight_decay": .float(0.05)])
        expectNear(next, [[0.9841393809373474, -2.003513641762327], [0.12025, 0.18225]])
    }

    @Test func updatesRejectBadOperands() throws {
        #expect(throws: Diagnostic.self) { try update(.momentumUpdate, [[1], [1], [1]], rate: 0.1, step: -1) }
        let x = try tensor([2], [1, 2], .f64)
        #expect(throws: Diagnostic.self) {
            try ReferenceKernels.evaluate(.sgdUpdate, operands: [x, try tensor([3], [1, 2, 3], .f64), try tensor([], [0.1], .f64)])
        }
        #expect(throws: Diagnostic.self) { try ReferenceKernels.evaluate(.sgdUpdate, operands: [x, x, try tensor([1], [0.1], .f64)]) }
    }

    /// learning_rate at each step of `steps` with `attributes`.
    func rates(_ attributes: Attributes, at steps: [Int64]) throws -> [Double] {
        try steps.map { step in try evaluate(.learningRate, [Tensor(scalar: step)], attributes).doubles[0] }
    }

    func expectRates(_ attributes: Attributes, _ expected: [Int64: Double], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let steps = expected.keys.sorted()
        for (step, rate) in zip(steps, try rates(attributes, at: steps)) {
            let wanted = expected[step] ?? .nan
            #expect(abs(rate - wanted) <= 1e-7 * max(1, abs(wanted)), "step \(step): \(rate), expected \(wanted)", sourceLocation: sourceLocation)
        }
    }

    @Test func constantScheduleWithWarmUp() throws {
        try expectRates(["base": .float(0.1)], [0: 0.1, 1: 0.1, 1000: 0.1])
        // Linear from 0: base·step/4 for step < 4.
        try expectRates(["base": .float(0.1), "warmup_steps": .int(4)], [0: 0, 1: 0.025, 2: 0.05, 3: 0.075, 4: 0.1, 10: 0.1])
    }

    @Test func stepSchedule() throws {
        // base·0.5^⌊t/10⌋.
        let attributes: Attributes = ["schedule": .string("step"), "base": .float(1), "decay_rate": .float(0.5), "decay_steps": .int(10)]
        try expectRates(attributes, [0: 1, 9: 1, 10: 0.5, 19: 0.5, 25: 0.25])
        var warm = attributes
        warm["warmup_steps"] = .int(5)
        // Warm-up 1·step/5, then t = step − 5.
        try expectRates(warm, [0: 0, 3: 0.6, 5: 1, 14: 1, 15: 0.5, 30: 0.25])
    }

    @Test func exponentialSchedule() throws {
        // 0.2·0.5^(t/4): t = 2 gives 0.2/√2.
        try expectRates(["schedule": .string("exponential"), "base": .float(0.2), "decay_rate": .float(0.5), "decay_steps": .int(4)],
                        [0: 0.2, 2: 0.14142135623730950, 4: 0.1, 6: 0.07071067811865475, 8: 0.05])
    }

    @Test func cosineSchedule() throws {
        // 0.1 + 0.9·½(1 + cos(π·min(t, 100)/100)): t = 25 gives 0.1 + 0.45·(1 + √½).
        let attributes: Attributes = ["schedule": .string("cosine"), "base": .float(1), "minimum": .float(0.1), "decay_steps": .int(100)]
        try expectRates(attributes, [0: 1, 25: 0.868198051533946, 50: 0.55, 100: 0.1, 200: 0.1])
        var warm = attributes
        warm["warmup_steps"] = .int(10)
        try expectRates(warm, [0: 0, 5: 0.5, 10: 1, 60: 0.55, 110: 0.1])
    }

    @Test func learningRateRejectsANegativeStep() {
        #expect(throws: Diagnostic.self) { try evaluate(.learningRate, [Tensor(scalar: Int64(-1))], ["base": .float(0.1)]) }
    }

    @Test func globalNormScale() throws {
        // ‖([3, 0], [[4]])‖ = 5: min(1, m/(5 + 1e-6)).
        let gradients = [try tensor([2], [3, 0]), try tensor([1, 1], [4], .f64)]
        let scale = { (maximum: Double) in try evaluate(.globalNormScale, gradients, ["max_norm": .float(maximum)]).doubles[0] }
        #expect(try scale(10) == 1)
        #expect(abs(try scale(2.5) - 0.49999990000002) < 1e-7)
        #expect(abs(try scale(5) - 0.99999980000004) < 1e-7)
        let single = try evaluate(.globalNormScale, [try tensor([4], [1, 1, 1, 1])], ["max_norm": .float(1)])
        #expect(single.type == TensorType(.f32, []))
        #expect(abs(single.doubles[0] - 1 / (2 + 1e-6)) < 1e-7)
    }
}
