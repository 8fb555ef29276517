import CNNIR
import CNNRuntime
import Foundation

/// A tiny classifier and seeded data for the `cnnc train` tests.
enum TrainFixtures {
    /// conv 1→4 (3x3, pad 1) → relu → flatten → gemm 64→2 on 1×4×4 images; no weights file, so
    /// training starts from seeded initial values.
    static let model = """
        graph @tiny_classifier(%x: f32[1,1,4,4]) -> f32[1,2] {
          %conv.w = param f32[4,1,3,3]
          %conv.b = param f32[4]
          %fc.w = param f32[2,64]
          %fc.b = param f32[2]
          %0 = conv %x, %conv.w, %conv.b {pads = [1,1,1,1]} : f32[1,4,4,4]
          %1 = relu %0 : f32[1,4,4,4]
          %2 = flatten %1 : f32[1,64]
          %3 = gemm %2, %fc.w, %fc.b {trans_b = true} : f32[1,2]
          return %3
        }
        """

    /// The paths of the files `write(in:)` makes.
    struct Files {
        var model: String
        var trainImages: String
        var trainLabels: String
        var testImages: String
        var testLabels: String

        /// The data options of `cnnc train` for these files (test data included when `test`).
        func dataArguments(test: Bool = true) -> [String] {
            ["--train-data", trainImages, "--train-labels", trainLabels] + (test ? ["--test-data", testImages, "--test-labels", testLabels] : [])
        }
    }

    /// Writes the model and `trainCount` training and 24 test images into `folder`: class 1 has a
    /// bright left half, class 0 a bright right half, both with seeded noise. With
    /// `invertedTestLabels`, every test label is the other class (so that the test loss grows
    /// as the model learns).
    static func write(in folder: TemporaryFolder, trainCount: Int = 64, invertedTestLabels: Bool = false) throws -> Files {
        var generator = SeededGenerator(seed: 17)
        func samples(_ count: Int, inverted: Bool) throws -> (Tensor, Tensor) {
            var pixels: [Float] = []
            var labels: [Int64] = []
            for index in 0..<count {
                let label = index % 2
                for _ in 0..<4 {
                    for column in 0..<4 {
                        let bright = (column < 2) == (label == 1)
                        pixels.append(Float((bright ? 0.8 : 0.1) + 0.2 * generator.nextUnitDouble()))
                    }
                }
                labels.append(Int64(inverted ? 1 - label : label))
            }
            return (try Tensor(shape: [count, 1, 4, 4], scalars: pixels), try Tensor(shape: [count], elements: labels))
        }
        let files = Files(model: try folder.write("tiny.ir", model), trainImages: folder.path("x_train.npy"),
                          trainLabels: folder.path("y_train.npy"), testImages: folder.path("x_test.npy"), testLabels: folder.path("y_test.npy"))
        let train = try samples(trainCount, inverted: false)
        let test = try samples(24, inverted: invertedTestLabels)
        try Npy.write(train.0, to: files.trainImages)
        try Npy.write(train.1, to: files.trainLabels)
        try Npy.write(test.0, to: files.testImages)
        try Npy.write(test.1, to: files.testLabels)
        return files
    }

    /// The progress lines of a run's output.
    static func epochLines(_ output: String) -> [String] {
        output.split(separator: "\n").map(String.init).filter { $0.hasPrefix("epoch ") }
    }
}
