import CNNIR

/// What batching does with the samples left over when the dataset's size is not a multiple of
/// the batch size.
public enum PartialBatch: Sendable, Equatable {
    /// Leave them out of this epoch (a training step compiled for a fixed batch size takes full
    /// batches only; a new shuffle gives them their turn in later epochs).
    case drop
    /// Make them a last, smaller batch.
    case keep
}

extension ClassificationDataset {
    /// The order of the samples in epoch `epoch`: a permutation of `0..<count` drawn with a
    /// `SeededGenerator` from `seed` and `epoch` (Fisher–Yates), the same on every machine, so
    /// that training resumed at an epoch sees the batches an uninterrupted run would have seen.
    public func shuffledOrder(epoch: Int, seed: UInt64) -> [Int] {
        var epochMixer = SeededGenerator(seed: UInt64(truncatingIfNeeded: epoch))
        var generator = SeededGenerator(seed: seed ^ epochMixer.next())
        var order = Array(0..<count)
        for position in stride(from: count - 1, to: 0, by: -1) {
            let other = Int(generator.next() % UInt64(position + 1))
            order.swapAt(position, other)
        }
        return order
    }

    /// The batches of epoch `epoch`: `shuffledOrder(epoch:seed:)` cut into runs of `batchSize`
    /// indices, the last partial run dropped or kept as `partial` says. Throws a `Diagnostic`
    /// for a batch size below 1, or when dropping the partial batch leaves no batch at all.
    public func batchIndices(epoch: Int, seed: UInt64, batchSize: Int, partial: PartialBatch) throws -> [ArraySlice<Int>] {
        guard batchSize >= 1 else { throw Diagnostic("the batch size must be at least 1, found \(batchSize)") }
        if partial == .drop && count < batchSize {
            throw Diagnostic("the dataset has \(count) samples, fewer than one batch of \(batchSize); use a smaller batch")
        }
        let order = shuffledOrder(epoch: epoch, seed: seed)
        let end = partial == .drop ? count - count % batchSize : count
        return stride(from: 0, to: end, by: batchSize).map { order[$0..<min($0 + batchSize, end)] }
    }
}
