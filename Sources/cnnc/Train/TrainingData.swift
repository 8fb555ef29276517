import CNNIR
import CNNRuntime

/// The training and test data of `cnnc train`, read from `.npy` files and checked against the
/// model: one sample of the shape its input takes, labels that are class indices of its output.
struct TrainingData {
    /// `--train-data X.npy`.
    static let trainImages = OptionSpec.option(
        "train-data", value: "X.npy", "the training images: a float32 .npy array N×C×H×W (the model's input shape after N)")
    /// `--train-labels Y.npy`.
    static let trainLabels = OptionSpec.option("train-labels", value: "Y.npy", "the training labels: an int64 .npy array of N class indices")
    /// `--test-data X.npy`.
    static let testImages = OptionSpec.option("test-data", value: "X.npy", "test images, evaluated after every epoch (with --test-labels)")
    /// `--test-labels Y.npy`.
    static let testLabels = OptionSpec.option("test-labels", value: "Y.npy", "the test labels")

    /// The options of this group.
    static let options = [trainImages, trainLabels, testImages, testLabels]

    /// The training samples.
    var train: ClassificationDataset
    /// The test samples, when given.
    var test: ClassificationDataset?

    /// Reads the files the options name and checks them against `model` (its first input and
    /// first output, [N, classes]). Throws a usage error when the training files are not both
    /// given or only one test file is, and a `Diagnostic` for every problem with the files.
    init(_ arguments: ParsedArguments, model: Graph) throws {
        guard let trainImagesPath = arguments.value(of: TrainingData.trainImages),
              let trainLabelsPath = arguments.value(of: TrainingData.trainLabels) else {
            throw UsageError("give the training data with --train-data X.npy and --train-labels Y.npy")
        }
        let testPaths = (arguments.value(of: TrainingData.testImages), arguments.value(of: TrainingData.testLabels))
        if (testPaths.0 == nil) != (testPaths.1 == nil) {
            throw UsageError("give --test-data and --test-labels together")
        }
        let (input, sampleShape, classCount) = try TrainingData.classifier(model)
        train = try ClassificationDataset(imagesFile: trainImagesPath, labelsFile: trainLabelsPath, classCount: classCount)
        try TrainingData.check(train, sampleShape, input, file: trainImagesPath)
        if let imagesPath = testPaths.0, let labelsPath = testPaths.1 {
            let test = try ClassificationDataset(imagesFile: imagesPath, labelsFile: labelsPath, classCount: classCount)
            try TrainingData.check(test, sampleShape, input, file: imagesPath)
            self.test = test
        }
    }

    /// The model's input name, the shape of one of its samples and its number of classes;
    /// a `Diagnostic` unless it takes one input of static shape [N, …] and returns [N, classes] first.
    private static func classifier(_ model: Graph) throws -> (input: String, sampleShape: [Int], classCount: Int) {
        guard model.inputs.count == 1, let input = model.inputs.first, input.type.rank >= 2,
              let sampleShape = Shape(Array(input.type.shape.dimensions.dropFirst())).fixedSizes else {
            throw Diagnostic("cnnc train trains a model of one input of shape [N, C, H, W] (static after N); @\(model.name) takes "
                             + model.inputs.map { "%\($0.name): \($0.type)" }.joined(separator: ", "), at: model.location)
        }
        let types = model.valueTypes
        guard let output = model.outputs.first, let type = types[output], type.rank == 2,
              let classCount = type.shape.fixedSizes?.last, classCount >= 2 else {
            throw Diagnostic("cnnc train trains a classifier: the first output of @\(model.name) must be its scores "
                             + "[N, classes], found \(model.outputs.first.flatMap { types[$0] }.map(\.description) ?? "none")",
                             at: model.location)
        }
        return (input.name, sampleShape, classCount)
    }

    /// Throws a `Diagnostic` naming `file` unless the samples of `data` have `sampleShape`.
    private static func check(_ data: ClassificationDataset, _ sampleShape: [Int], _ input: String, file: String) throws {
        do {
            try data.requireSampleShape(sampleShape, of: input)
        } catch let diagnostic as Diagnostic {
            throw Diagnostic("\(file): \(diagnostic.message)")
        }
    }
}
