import CNNIR
import Testing
import CNNRuntime
import Foundation

/// `Tensor.copyBytes(to:threadCount:)`, which a run uses to copy its inputs in bands of rows:
/// the bytes it writes are those of the plain copy, for every thread count, with row counts
/// that do not divide evenly and tensors below and above the banded-copy threshold.
@Suite("Banded input copy")
struct BandedInputCopyTests {
    @Test("banded copies equal the plain copy", arguments: [[1, 3, 225, 223], [2, 5, 17, 301], [7, 4099], [70_000], [1, 1, 3, 5]])
    func bandedCopyEqualsPlainCopy(shape: [Int]) throws {
        var generator = SeededGenerator(seed: 0xC0B1)
        let tensor = try Tensor.random(shape: shape, using: &generator)
        let bytes = tensor.count * MemoryLayout<Float>.stride
        let expected = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        let banded = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        defer { expected.deallocate(); banded.deallocate() }
        tensor.copyBytes(to: expected)
        for threads in 1...3 {
            banded.initializeMemory(as: UInt8.self, repeating: 0xFF, count: bytes)
            tensor.copyBytes(to: banded, threadCount: threads)
            #expect(memcmp(expected, banded, bytes) == 0, "\(shape) on \(threads) threads")
        }
    }
}
