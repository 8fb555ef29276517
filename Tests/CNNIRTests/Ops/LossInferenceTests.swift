import Testing
import CNNIR

@Suite struct LossInferenceTests {
    @Test func softmaxCrossEntropy() throws {
        #expect(try infer(.softmaxCrossEntropy, [f32(8, 10), i64(8), f32(10)], ["label_smoothing": .float(0.1)]) == f32())
        #expect(try infer(.softmaxCrossEntropy, [f64(8, 10), i64(8)], ["reduction": .string("none")]) == f64(8))
        #expect(inferenceError(.softmaxCrossEntropy, [f32(8, 10), f32(8)]) == "labels must be i64[8] (one class index per sample), found f32[8]")
        #expect(inferenceError(.softmaxCrossEntropy, [f32(8, 10), i64(8), f32(8)]) == "weights must be f32[10] (one weight per class), found f32[8]")
        #expect(inferenceError(.softmaxCrossEntropy, [f32(8, 10, 2), i64(8)]) == "logits must have rank 2 (N samples, C classes), found f32[8,10,2]")
        #expect(inferenceError(.softmaxCrossEntropy, [f32(8, 10), i64(8)], ["reduction": .string("max")])
                == "reduction must be one of mean, sum, none; found \"max\"")
        #expect(inferenceError(.softmaxCrossEntropy, [f32(8, 10), i64(8)], ["label_smoothing": .float(1.5)])
                == "label_smoothing must be in [0, 1], found 1.5")
    }

    @Test func mse() throws {
        #expect(try infer(.mse, [f32(4, 3), f32(4, 3)]) == f32())
        #expect(try infer(.mse, [f32(4, 3), f32(4, 3)], ["reduction": .string("sum")]) == f32())
        #expect(inferenceError(.mse, [f32(4, 3), f32(3, 4)]) == "target must be f32[4,3] (the prediction's type), found f32[3,4]")
    }

    @Test func hinge() throws {
        #expect(try infer(.hinge, [f32(8, 10), i64(8)], ["margin": .float(2)]) == f32())
        #expect(try infer(.hinge, [f32(8, 10), i64(8)], ["reduction": .string("none")]) == f32(8))
        #expect(inferenceError(.hinge, [f32(8, 10), i64(4)]) == "labels must be i64[8] (one class index per sample), found i64[4]")
    }
}
