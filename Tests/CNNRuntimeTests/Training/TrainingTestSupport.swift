import CNNIR
import CNNRuntime
import Foundation

/// A hand-written training step that follows the training-step contract: a linear softmax
/// classifier (logits = x·w + b) trained by plain SGD, its gradients written with existing ops
/// (softmax − one-hot, divided by the batch; matmul with xᵀ; a sum over the batch), with an i64
/// step counter as state too.
enum LinearClassifier {
    /// The training step for `batch` samples of `features` values and `classes` classes, with
    /// learning rate `learningRate`.
    static func stepGraph(batch: Int, features: Int, classes: Int, learningRate: Double) throws -> Graph {
        let classList = (0..<classes).map(String.init).joined(separator: ", ")
        return try IRParser.parse("""
            graph @linear_step(%x: f32[\(batch),\(features)], %labels: i64[\(batch)], %w: f32[\(features),\(classes)], %b: f32[\(classes)], %step: i64[])
                -> (f32[], f32[\(features),\(classes)], f32[\(classes)], i64[]) {
              %product = matmul %x, %w : f32[\(batch),\(classes)]
              %logits = add %product, %b : f32[\(batch),\(classes)]
              %loss = softmax_cross_entropy %logits, %labels : f32[]
              %probabilities = softmax %logits : f32[\(batch),\(classes)]
              %classes = constant {value = dense<[\(classList)]> : i64[\(classes)]} : i64[\(classes)]
              %column = unsqueeze %labels {axes = [1]} : i64[\(batch),1]
              %hot = equal %column, %classes : bool[\(batch),\(classes)]
              %onehot = cast %hot {to = "f32"} : f32[\(batch),\(classes)]
              %difference = sub %probabilities, %onehot : f32[\(batch),\(classes)]
              %per_sample = constant {value = dense<\(1.0 / Double(batch))> : f32[]} : f32[]
              %dlogits = mul %difference, %per_sample : f32[\(batch),\(classes)]
              %xt = transpose %x : f32[\(features),\(batch)]
              %dw = matmul %xt, %dlogits : f32[\(features),\(classes)]
              %db = reduce_sum %dlogits {axes = [0], keepdims = false} : f32[\(classes)]
              %lr = constant {value = dense<\(learningRate)> : f32[]} : f32[]
              %w.update = mul %dw, %lr : f32[\(features),\(classes)]
              %w.next = sub %w, %w.update : f32[\(features),\(classes)]
              %b.update = mul %db, %lr : f32[\(classes)]
              %b.next = sub %b, %b.update : f32[\(classes)]
              %one = constant {value = dense<1> : i64[]} : i64[]
              %step.next = add %step, %one : i64[]
              return %loss, %w.next, %b.next, %step.next
            }
            """, file: "linear_step.ir")
    }

    /// The inference graph with the parameters as inputs, returning the mean cross-entropy
    /// against `%labels` and the logits (or, without `loss`, the logits only).
    static func evaluationGraph(batch: Int, features: Int, classes: Int, loss: Bool = true) throws -> Graph {
        let logits = "f32[\(batch),\(classes)]"
        return try IRParser.parse("""
            graph @linear_eval(%x: f32[\(batch),\(features)], %labels: i64[\(batch)], %w: f32[\(features),\(classes)], %b: f32[\(classes)])
                -> \(loss ? "(f32[], \(logits))" : logits) {
              %product = matmul %x, %w : \(logits)
              %logits = add %product, %b : \(logits)
              %loss = softmax_cross_entropy %logits, %labels : f32[]
              return \(loss ? "%loss, %logits" : "%logits")
            }
            """, file: "linear_eval.ir")
    }

    /// Seeded initial state: w uniform in [-0.5, 0.5], b small, step 0.
    static func initialState(features: Int, classes: Int, seed: UInt64) throws -> [String: Tensor] {
        var generator = SeededGenerator(seed: seed)
        return [
            "w": try Tensor.random(shape: [features, classes], distribution: .uniform(-0.5...0.5), using: &generator),
            "b": try Tensor.random(shape: [classes], distribution: .uniform(-0.1...0.1), using: &generator),
            "step": Tensor(scalar: Int64(0)),
        ]
    }

    /// A trainer on the linear classifier.
    static func trainer(batch: Int = 4, features: Int = 3, classes: Int = 2, learningRate: Double = 0.5,
                        evaluationBatch: Int = 4, evaluationLoss: Bool = true, seed: UInt64 = 1) throws -> Trainer {
        let step = try Model(graph: stepGraph(batch: batch, features: features, classes: classes, learningRate: learningRate),
                             parameters: [:])
        let evaluation = try Model(graph: evaluationGraph(batch: evaluationBatch, features: features, classes: classes, loss: evaluationLoss),
                                   parameters: [:])
        return try Trainer(trainingStep: step, evaluation: evaluation,
                           initialState: initialState(features: features, classes: classes, seed: seed))
    }

    /// A seeded two-class dataset of `count` samples whose label is 1 when the features sum above 0.
    static func dataset(count: Int, features: Int = 3, seed: UInt64) throws -> ClassificationDataset {
        let images = try Tensor.random(shape: [count, features], seed: seed)
        let labels = (0..<count).map { row in
            Int64(images.scalars[(row * features)..<((row + 1) * features)].reduce(0, +) > 0 ? 1 : 0)
        }
        return try ClassificationDataset(images: images, labels: try Tensor(shape: [count], elements: labels), classCount: 2)
    }
}

/// Double-precision arithmetic for the linear classifier, written from the formulas: the oracle
/// the trainer's trajectory is checked against.
struct LinearClassifierOracle {
    var w: [[Double]]
    var b: [Double]

    /// The logits of each row of `x`.
    func logits(_ x: [[Double]]) -> [[Double]] {
        x.map { row in b.indices.map { j in b[j] + row.indices.reduce(0) { $0 + row[$1] * w[$1][j] } } }
    }

    /// The softmax of each row.
    static func softmax(_ logits: [[Double]]) -> [[Double]] {
        logits.map { row in
            let largest = row.max() ?? 0
            let exponentials = row.map { Foundation.exp($0 - largest) }
            let total = exponentials.reduce(0, +)
            return exponentials.map { $0 / total }
        }
    }

    /// The mean cross-entropy of `x` against `labels`.
    func loss(_ x: [[Double]], _ labels: [Int]) -> Double {
        let probabilities = Self.softmax(logits(x))
        return zip(probabilities, labels).reduce(0) { $0 - Foundation.log($1.0[$1.1]) } / Double(x.count)
    }

    /// One SGD step of rate `learningRate` on a batch; returns the loss before the step.
    mutating func step(_ x: [[Double]], _ labels: [Int], learningRate: Double) -> Double {
        let loss = loss(x, labels)
        var gradient = Self.softmax(logits(x))
        for (row, label) in labels.enumerated() { gradient[row][label] -= 1 }
        let scale = 1 / Double(x.count)
        for i in w.indices {
            for j in b.indices {
                w[i][j] -= learningRate * scale * x.indices.reduce(0) { $0 + x[$1][i] * gradient[$1][j] }
            }
        }
        for j in b.indices { b[j] -= learningRate * scale * gradient.reduce(0) { $0 + $1[j] } }
        return loss
    }
}

/// Helpers the training tests share.
enum TrainingTestSupport {
    /// The rows of a rank-2 tensor, as `Double`.
    static func rows(_ tensor: Tensor) -> [[Double]] {
        let columns = tensor.shape[1]
        let values = tensor.doubles
        return (0..<tensor.shape[0]).map { Array(values[($0 * columns)..<(($0 + 1) * columns)]) }
    }

    /// The message of the `Diagnostic` `body` throws, or `nil` if it throws none.
    static func diagnostic(_ body: () throws -> Void) -> Diagnostic? {
        do {
            try body()
            return nil
        } catch let diagnostic as Diagnostic {
            return diagnostic
        } catch {
            return Diagnostic("not a Diagnostic: \(error)")
        }
    }

    /// Runs `body` with a new empty folder, removed afterwards.
    static func withTemporaryFolder<Result>(_ body: (URL) throws -> Result) throws -> Result {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cnnc-training-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url)
    }
}
