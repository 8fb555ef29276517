import Testing
import CNNIR
import CNNRuntime

@Suite("Reference gemm and matmul")
struct LinearAlgebraTests: RuntimeTestHelpers {
    let a: [Double] = [1, 2, 3, 4, 5, 6]  // [2,3]
    let b: [Double] = [1, 0, 0, 1, 1, 1]  // [3,2]; a·b = [[4, 5], [10, 11]]

    @Test("gemm with alpha, beta and a broadcast c (by hand)")
    func gemmBroadcast() throws {
        let operands = [try tensor([2, 3], a), try tensor([3, 2], b)]
        expectValues(try evaluate(.gemm, operands), [2, 2], [4, 5, 10, 11])
        let scaled: Attributes = ["alpha": .float(2), "beta": .float(0.5)]
        // 2·(a·b) = [[8, 10], [20, 22]], plus half of c.
        expectValues(try evaluate(.gemm, operands + [try tensor([2], [10, 20])], scaled), [2, 2], [13, 20, 25, 32])
        expectValues(try evaluate(.gemm, operands + [try tensor([2, 1], [10, 20])], scaled), [2, 2], [13, 15, 30, 32])
        expectValues(try evaluate(.gemm, operands + [try tensor([], [4])], scaled), [2, 2], [10, 12, 22, 24])
    }

    @Test("gemm trans_a and trans_b read the operands transposed")
    func gemmTransposes() throws {
        let aTransposed = try tensor([3, 2], [1, 4, 2, 5, 3, 6]), bTransposed = try tensor([2, 3], [1, 0, 1, 0, 1, 1])
        expectValues(try evaluate(.gemm, [aTransposed, try tensor([3, 2], b)], ["trans_a": .bool(true)]), [2, 2], [4, 5, 10, 11])
        expectValues(try evaluate(.gemm, [try tensor([2, 3], a), bTransposed], ["trans_b": .bool(true)]), [2, 2], [4, 5, 10, 11])
        expectValues(try evaluate(.gemm, [aTransposed, bTransposed], ["trans_a": .bool(true), "trans_b": .bool(true)]), [2, 2], [4, 5, 10, 11])
    }

    @Test("matmul promotes 1-D operands and removes the added axis (by hand)")
    func matmulPromotion() throws {
        let vector = try tensor([3], [1, 2, 3])
        expectValues(try evaluate(.matmul, [vector, try tensor([3], [4, 5, 6])]), [], [32])
        expectValues(try evaluate(.matmul, [vector, try tensor([3, 2], b)]), [2], [4, 5])
        expectValues(try evaluate(.matmul, [try tensor([2, 3], a), try tensor([3], [1, 1, 1])]), [2], [6, 15])
    }

    @Test("matmul broadcasts batch axes like explicit per-matrix products")
    func matmulBatchBroadcast() throws {
        let left = try randomTensor([2, 1, 2, 3], seed: 31), right = try randomTensor([3, 3, 2], seed: 32)
        let y = try evaluate(.matmul, [left, right])
        #expect(y.shape == [2, 3, 2, 2])
        for i in 0..<2 {
            for j in 0..<3 {
                for row in 0..<2 {
                    for column in 0..<2 {
                        let expected = try (0..<3).reduce(0.0) { sum, k in
                            sum + (try left.value(at: [i, 0, row, k])) * (try right.value(at: [j, k, column]))
                        }
                        #expect(abs(try y.value(at: [i, j, row, column]) - expected) < 1e-12)
                    }
                }
            }
        }
    }

    @Test("matmul rejects mismatched inner dimensions")
    func rejectsInnerMismatch() throws {
        expectDiagnostic(containing: "inner dimensions") {
            _ = try evaluate(.matmul, [try iota([2, 3]), try iota([2, 2])])
        }
    }
}
