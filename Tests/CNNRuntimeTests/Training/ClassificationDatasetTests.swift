import CNNIR
import CNNRuntime
import Foundation
import Testing

/// Datasets: validation, batches, and a shuffle fixed by the seed.
@Suite("Classification datasets")
struct ClassificationDatasetTests {
    /// Ten 1×2×2 images whose pixels are 4·index … 4·index+3, labels index mod 3.
    static func numbered(count: Int = 10) throws -> ClassificationDataset {
        try ClassificationDataset(images: try Tensor(shape: [count, 1, 2, 2], scalars: (0..<(count * 4)).map(Float.init)),
                                  labels: try Tensor(shape: [count], elements: (0..<count).map { Int64($0 % 3) }), classCount: 3)
    }

    @Test("the shuffle is a permutation fixed by seed and epoch: the same on every call, different across epochs and seeds")
    func deterministicShuffle() throws {
        let data = try Self.numbered(count: 50)
        let order = data.shuffledOrder(epoch: 3, seed: 42)
        #expect(order.sorted() == Array(0..<50))
        #expect(order != Array(0..<50))
        #expect(data.shuffledOrder(epoch: 3, seed: 42) == order)
        #expect(try Self.numbered(count: 50).shuffledOrder(epoch: 3, seed: 42) == order)
        #expect(data.shuffledOrder(epoch: 4, seed: 42) != order)
        #expect(data.shuffledOrder(epoch: 3, seed: 43) != order)
        let epochs = (0..<6).map { data.shuffledOrder(epoch: $0, seed: 42) }
        #expect(Set(epochs).count == 6)
        // Pinned: the first positions for seed 42, epoch 0, so a change of the algorithm is noticed.
        #expect(Array(data.shuffledOrder(epoch: 0, seed: 42).prefix(8)) == Self.pinnedOrder)
    }

    /// The first eight positions of the order of 50 samples for seed 42, epoch 0.
    static let pinnedOrder = [20, 9, 27, 43, 40, 41, 45, 8]

    @Test("batches: full ones only when dropping, a smaller last one when keeping, each sample once per epoch")
    func batching() throws {
        let data = try Self.numbered(count: 10)
        let dropped = try data.batchIndices(epoch: 0, seed: 1, batchSize: 4, partial: .drop)
        #expect(dropped.map(\.count) == [4, 4])
        let kept = try data.batchIndices(epoch: 0, seed: 1, batchSize: 4, partial: .keep)
        #expect(kept.map(\.count) == [4, 4, 2])
        #expect(kept.flatMap { $0 }.sorted() == Array(0..<10))
        #expect(Array(kept.joined()) == data.shuffledOrder(epoch: 0, seed: 1))
        #expect(TrainingTestSupport.diagnostic { _ = try data.batchIndices(epoch: 0, seed: 1, batchSize: 11, partial: .drop) }?.message
                == "the dataset has 10 samples, fewer than one batch of 11; use a smaller batch")
        #expect(TrainingTestSupport.diagnostic { _ = try data.batchIndices(epoch: 0, seed: 1, batchSize: 0, partial: .keep) } != nil)
    }

    @Test("a batch gathers the samples in the order given, repeats included")
    func gather() throws {
        let data = try Self.numbered()
        let batch = try data.batch([7, 2, 7])
        #expect(batch.images.shape == [3, 1, 2, 2])
        #expect(batch.images.scalars == [28, 29, 30, 31, 8, 9, 10, 11, 28, 29, 30, 31])
        #expect(try batch.labels.elements(as: Int64.self) == [1, 2, 1])
        #expect(TrainingTestSupport.diagnostic { _ = try data.batch([10]) }?.message == "sample 10 is out of range: the dataset has 10 samples")
        #expect(TrainingTestSupport.diagnostic { _ = try data.batch([-1]) } != nil)
    }

    @Test("validation: label count, label range, integral labels, a sample axis")
    func validation() throws {
        let images = try Tensor.zeros(shape: [3, 1, 2, 2])
        func message(_ images: Tensor, _ labels: Tensor) -> String? {
            TrainingTestSupport.diagnostic { _ = try ClassificationDataset(images: images, labels: labels, classCount: 3) }?.message
        }
        #expect(message(images, try Tensor(shape: [2], elements: [0, 1] as [Int64]))
                == "there are 3 images but 2 labels; each image needs one label")
        #expect(message(images, try Tensor(shape: [3], elements: [0, 3, 1] as [Int64]))
                == "label 3 of sample 1 is out of range: the model has 3 classes, so labels must be 0 to 2")
        #expect(message(images, try Tensor(shape: [3], elements: [0, -1, 1] as [Int64]))?.hasPrefix("label -1 of sample 1") == true)
        #expect(message(images, try Tensor(shape: [3], scalars: [0, 1.5, 1]))?.hasPrefix("the labels must be integer class indices") == true)
        #expect(message(images, try Tensor(shape: [3, 1], elements: [0, 1, 1] as [Int64]))
                == "the labels must be one class index per image, an array of shape [3], found i64[3,1]")
        #expect(message(try Tensor.zeros(shape: [0, 2]), try Tensor.zeros(shape: [0], dtype: .i64))?
            .hasPrefix("the images must be an array of samples") == true)
        let converted = try ClassificationDataset(images: try Tensor.zeros(shape: [3, 2], dtype: .f64),
                                                  labels: try Tensor(shape: [3], scalars: [2, 0, 1]), classCount: 3)
        #expect(converted.label(at: 0) == 2)
        #expect(try converted.batch([0]).images.dtype == .f32)
    }

    @Test("from .npy files, with errors naming both files")
    func files() throws {
        try TrainingTestSupport.withTemporaryFolder { folder in
            let imagesPath = folder.appendingPathComponent("x.npy").path
            let labelsPath = folder.appendingPathComponent("y.npy").path
            try Npy.write(try Tensor(shape: [2, 1, 1, 2], scalars: [1, 2, 3, 4]), to: imagesPath)
            try Npy.write(try Tensor(shape: [2], elements: [1, 0] as [Int64]), to: labelsPath)
            let data = try ClassificationDataset(imagesFile: imagesPath, labelsFile: labelsPath, classCount: 2)
            #expect(data.count == 2)
            #expect(data.sampleShape == [1, 1, 2])
            #expect(try data.batch([1, 0]).images.scalars == [3, 4, 1, 2])
            try Npy.write(try Tensor(shape: [3], elements: [1, 0, 1] as [Int64]), to: labelsPath)
            #expect(TrainingTestSupport.diagnostic { _ = try ClassificationDataset(imagesFile: imagesPath, labelsFile: labelsPath, classCount: 2) }?
                .message == "\(imagesPath) (images f32[2,1,1,2]) and \(labelsPath) (labels i64[3]): there are 2 images but 3 labels; each image needs one label")
            let missing = folder.appendingPathComponent("none.npy").path
            #expect(TrainingTestSupport.diagnostic { _ = try ClassificationDataset(imagesFile: missing, labelsFile: labelsPath, classCount: 2) }?
                .message.hasPrefix(missing) == true)
        }
    }
}
