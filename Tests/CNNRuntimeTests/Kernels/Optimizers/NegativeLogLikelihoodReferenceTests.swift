import Testing
import CNNIR
import CNNRuntime

/// nll_loss and nll_loss_grad on the reference kernels: hand-computed cases, and the gradient
/// against central finite differences of the loss in f64.
@Suite("nll_loss reference kernels")
struct NegativeLogLikelihoodReferenceTests: RuntimeTestHelpers {
    /// Log probabilities [2, 3] with labels [2, 1]: the picked entries are −2.3 and −0.1.
    func pair() throws -> (scores: Tensor, labels: Tensor) {
        (try tensor([2, 3], [-0.5, -1.2, -2.3, -1.0, -0.1, -3.0]), try Tensor(shape: [2], elements: [2, 1] as [Int64]))
    }

    @Test func reductions() throws {
        let (scores, labels) = try pair()
        expectValues(try evaluate(.nllLoss, [scores, labels], ["reduction": .string("none")]), [2], [2.3, 0.1])
        expectValues(try evaluate(.nllLoss, [scores, labels], ["reduction": .string("sum")]), [], [2.4])
        expectValues(try evaluate(.nllLoss, [scores, labels]), [], [1.2])
    }

    @Test func classWeightsScaleAndDivideTheMean() throws {
        let (scores, labels) = try pair()
        let weights = try tensor([3], [0.2, 0.5, 1.5])
        // 1.5·2.3 = 3.45 and 0.5·0.1 = 0.05; mean divides 3.5 by 1.5 + 0.5.
        expectValues(try evaluate(.nllLoss, [scores, labels, weights], ["reduction": .string("none")]), [2], [3.45, 0.05])
        expectValues(try evaluate(.nllLoss, [scores, labels, weights]), [], [1.75])
    }

    @Test func ignoredLabelsAddNothingAndCountForNothing() throws {
        let (scores, labels) = try pair()
        expectValues(try evaluate(.nllLoss, [scores, labels], ["ignore_index": .ints([2])]), [], [0.1])
        expectValues(try evaluate(.nllLoss, [scores, labels], ["ignore_index": .ints([2]), "reduction": .string("none")]), [2], [0, 0.1])
        // An ignored label may lie outside the classes.
        let outside = try Tensor(shape: [2], elements: [-100, 1] as [Int64])
        expectValues(try evaluate(.nllLoss, [scores, outside], ["ignore_index": .ints([-100])]), [], [0.1])
        #expect(throws: Diagnostic.self) { try evaluate(.nllLoss, [scores, outside]) }
    }

    @Test func spatialPositions() throws {
        // [1, 2, 3]: class 0 holds −1, −2, −3 and class 1 −4, −5, −6 over d = 0…2; labels 0, 1, 1 pick −1, −5, −6.
        let scores = try tensor([1, 2, 3], [-1, -2, -3, -4, -5, -6])
        let labels = try Tensor(shape: [1, 3], elements: [0, 1, 1] as [Int64])
        expectValues(try evaluate(.nllLoss, [scores, labels], ["reduction": .string("none")]), [1, 3], [1, 5, 6])
        expectValues(try evaluate(.nllLoss, [scores, labels]), [], [4])
        expectValues(try evaluate(.nllLoss, [scores, labels], ["ignore_index": .ints([1])]), [], [1])
    }

    @Test func gradientByHand() throws {
        let (scores, labels) = try pair()
        let weights = try tensor([3], [0.2, 0.5, 1.5])
        // mean, dloss 2: −1.5·2/2 at [0, 2] and −0.5·2/2 at [1, 1].
        let gradient = try evaluate(.nllLossGrad, [scores, labels, weights, try tensor([], [2])])
        expectValues(gradient, [2, 3], [0, 0, -1.5, 0, -0.5, 0])
        let perPosition = try evaluate(.nllLossGrad, [scores, labels, try tensor([2], [3, -1])], ["reduction": .string("none")])
        expectValues(perPosition, [2, 3], [0, 0, -3, 0, 1, 0])
    }

    @Test("nll_loss_grad matches central differences of nll_loss in f64", arguments: ["mean", "sum", "none"])
    func gradientMatchesFiniteDifferences(reduction: String) throws {
        var generator = SeededGenerator(seed: 0x4E11 &+ UInt64(reduction.count))
        var worst = 0.0
        for index in 0..<12 {
            let shape = [Int.random(in: 1...3, using: &generator), Int.random(in: 2...5, using: &generator)]
                + (0..<Int.random(in: 0...2, using: &generator)).map { _ in Int.random(in: 1...3, using: &generator) }
            let classes = shape[1]
            var labelShape = shape
            labelShape.remove(at: 1)
            let ignored = index % 3 == 0 ? Int64(classes - 1) : nil
            let labels = try Tensor(shape: labelShape, elements: (0..<labelShape.reduce(1, *)).map { _ in Int64.random(in: 0..<Int64(classes), using: &generator) })
            let scores = try Tensor.random(shape: shape, dtype: .f64, distribution: .uniform(-3...0), using: &generator)
            let weights = index % 2 == 0 ? [try Tensor.random(shape: [classes], dtype: .f64, distribution: .uniform(0.1...2), using: &generator)] : []
            var attributes: Attributes = ["reduction": .string(reduction)]
            if let ignored { attributes["ignore_index"] = .ints([Int(ignored)]) }
            let dloss = try Tensor.random(shape: reduction == "none" ? labelShape : [], dtype: .f64, using: &generator)
            let gradient = try evaluate(.nllLossGrad, [scores, labels] + weights + [dloss], attributes).doubles
            for element in 0..<scores.count {
                let value = scores.doubles[element], step = 1e-6 * max(1, abs(value))
                var plus = scores, minus = scores
                try plus.setValue(value + step, at: multiIndex(element, shape))
                try minus.setValue(value - step, at: multiIndex(element, shape))
                let up = try evaluate(.nllLoss, [plus, labels] + weights, attributes)
                let down = try evaluate(.nllLoss, [minus, labels] + weights, attributes)
                let slope = (dot(up, dloss) - dot(down, dloss)) / (2 * step)
                let error = abs(slope - gradient[element]) / max(1, abs(slope))
                worst = max(worst, error)
                #expect(error < 1e-7, "case \(index) element \(element): \(gradient[element]), finite differences \(slope)")
            }
        }
        #expect(worst < 1e-7)
    }

    /// The multi-index of row-major offset `offset` in `shape`.
    func multiIndex(_ offset: Int, _ shape: [Int]) -> [Int] {
        var rest = offset
        return shape.reversed().map { size -> Int in
            defer { rest /= size }
            return rest % size
        }.reversed()
    }
}
