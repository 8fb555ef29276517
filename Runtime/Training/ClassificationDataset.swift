import CNNIR

/// Samples for classification: N images (or any f32 samples, N×C×H×W for a CNN) and their N
/// class labels, checked once and then cut into batches.
///
/// ```swift
/// let train = try ClassificationDataset(imagesFile: "x_train.npy", labelsFile: "y_train.npy", classCount: 10)
/// for indices in try train.batchIndices(epoch: 0, seed: 7, batchSize: 32, partial: .drop) {
///     let batch = try train.batch(indices)
///     let loss = try trainer.step(inputs: batch.images, labels: batch.labels)
/// }
/// ```
public struct ClassificationDataset: Sendable {
    /// The shape of one sample (`[1, 8, 8]` for 8×8 grey images).
    public let sampleShape: [Int]
    /// The number of samples.
    public let count: Int
    /// The number of classes; every label is in `0..<classCount`.
    public let classCount: Int
    /// The elements of every sample, sample after sample.
    private let pixels: [Float]
    /// The label of every sample.
    private let classes: [Int64]
    /// The number of elements of one sample.
    private let sampleSize: Int

    /// Creates a dataset from `images` (N samples along the first axis; f32, or another dtype
    /// converted to f32) and `labels` (N class indices: i64, or integral values of another dtype).
    /// Throws a `Diagnostic` when the images have no sample axis or no samples, the labels are
    /// not one index per image, or a label is not in `0..<classCount`.
    public init(images: Tensor, labels: Tensor, classCount: Int) throws {
        guard images.rank >= 1, images.shape[0] > 0 else {
            throw Diagnostic("the images must be an array of samples along the first axis (N×C×H×W), found \(images.type)")
        }
        guard classCount >= 1 else { throw Diagnostic("a classification needs at least one class, found \(classCount)") }
        let count = images.shape[0]
        guard labels.rank == 1 else {
            throw Diagnostic("the labels must be one class index per image, an array of shape [\(count)], found \(labels.type)")
        }
        guard labels.shape[0] == count else {
            throw Diagnostic("there are \(count) images but \(labels.shape[0]) labels; each image needs one label")
        }
        let classes: [Int64]
        do {
            classes = try labels.converted(to: .i64).elements(as: Int64.self)
        } catch let diagnostic as Diagnostic {
            throw Diagnostic("the labels must be integer class indices: \(diagnostic.message)")
        }
        if let index = classes.firstIndex(where: { $0 < 0 || $0 >= Int64(classCount) }) {
            throw Diagnostic("label \(classes[index]) of sample \(index) is out of range: the model has \(classCount) classes, "
                             + "so labels must be 0 to \(classCount - 1)")
        }
        self.count = count
        self.classCount = classCount
        self.classes = classes
        sampleShape = Array(images.shape.dropFirst())
        sampleSize = images.count / count
        pixels = images.dtype == .f32 ? images.scalars : try images.converted(to: .f32).scalars
    }

    /// Reads the images and labels from NumPy `.npy` files (see `init(images:labels:classCount:)`);
    /// every problem is a `Diagnostic` naming the file it concerns.
    public init(imagesFile: String, labelsFile: String, classCount: Int) throws {
        let images = try Npy.read(contentsOf: imagesFile)
        let labels = try Npy.read(contentsOf: labelsFile)
        do {
            try self.init(images: images, labels: labels, classCount: classCount)
        } catch let diagnostic as Diagnostic {
            throw Diagnostic("\(imagesFile) (images \(images.type)) and \(labelsFile) (labels \(labels.type)): \(diagnostic.message)")
        }
    }

    /// Throws a `Diagnostic` unless one sample has `shape`, the shape the model's `input` takes.
    public func requireSampleShape(_ shape: [Int], of input: String) throws {
        guard shape == sampleShape else {
            throw Diagnostic("each sample is \(describe(sampleShape)) (\(count) samples), but the model's input %\(input) "
                             + "takes samples of \(describe(shape))")
        }
    }

    /// The samples at `indices` (in that order, repeats allowed) as one batch: images of shape
    /// `[indices.count] + sampleShape` and i64 labels `[indices.count]`. Throws a `Diagnostic`
    /// for an index out of range.
    public func batch(_ indices: some Collection<Int>) throws -> (images: Tensor, labels: Tensor) {
        var images: [Float] = []
        images.reserveCapacity(indices.count * sampleSize)
        var labels: [Int64] = []
        labels.reserveCapacity(indices.count)
        for index in indices {
            guard (0..<count).contains(index) else {
                throw Diagnostic("sample \(index) is out of range: the dataset has \(count) samples")
            }
            images.append(contentsOf: pixels[(index * sampleSize)..<((index + 1) * sampleSize)])
            labels.append(classes[index])
        }
        return (try Tensor(shape: [indices.count] + sampleShape, scalars: images), try Tensor(shape: [indices.count], elements: labels))
    }

    /// The label of sample `index` (which must be in `0..<count`).
    public func label(at index: Int) -> Int { Int(classes[index]) }
}
