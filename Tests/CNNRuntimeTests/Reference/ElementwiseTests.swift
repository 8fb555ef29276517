import Testing
import CNNIR
import CNNRuntime

@Suite("Reference add, sub, mul, div")
struct ElementwiseTests: RuntimeTestHelpers {
    @Test("binary ops broadcast NumPy style (by hand)")
    func handCases() throws {
        expectValues(try evaluate(.add, [try iota([2, 3]), try tensor([3], [10, 20, 30])]), [2, 3], [10, 21, 32, 13, 24, 35])
        expectValues(try evaluate(.sub, [try tensor([2, 1], [1, 2]), try tensor([1, 3], [10, 20, 30])]), [2, 3], [-9, -19, -29, -8, -18, -28])
        expectValues(try evaluate(.mul, [try tensor([], [3]), try tensor([2, 2], [1, 2, 3, 4])]), [2, 2], [3, 6, 9, 12])
        expectValues(try evaluate(.div, [try tensor([2, 2], [1, 2, 3, 4]), try tensor([2, 1], [2, 4])]), [2, 2], [0.5, 1, 0.75, 1])
    }

    @Test("division by zero follows IEEE arithmetic")
    func divisionByZero() throws {
        let y = try evaluate(.div, [try tensor([3], [1, -1, 0]), try tensor([1], [0])]).doubles
        #expect(y[0] == .infinity && y[1] == -.infinity && y[2].isNaN)
    }

    @Test("broadcasting matches explicit expansion on random inputs", arguments: [OpKind.add, .sub, .mul, .div])
    func matchesExpansion(op: OpKind) throws {
        let a = try randomTensor([4, 1, 3], seed: 41), b = try randomTensor([2, 1], seed: 42)
        let y = try evaluate(op, [a, b])
        #expect(y.shape == [4, 2, 3])
        let operations: [OpKind: (Double, Double) -> Double] = [.add: { $0 + $1 }, .sub: { $0 - $1 }, .mul: { $0 * $1 }, .div: { $0 / $1 }]
        let combine = try #require(operations[op])
        for i in 0..<4 {
            for j in 0..<2 {
                for k in 0..<3 {
                    let expected = combine(try a.value(at: [i, 0, k]), try b.value(at: [j, 0]))
                    #expect(abs(try y.value(at: [i, j, k]) - expected) < 1e-12)
                }
            }
        }
    }

    @Test("shapes that do not broadcast are rejected, naming both")
    func rejectsMismatch() throws {
        expectDiagnostic(containing: "[2,3] and [2] do not broadcast") {
            _ = try evaluate(.add, [try iota([2, 3]), try iota([2])])
        }
    }

    @Test("operands of different floating types are rejected")
    func rejectsMixedTypes() throws {
        expectDiagnostic(containing: "one element type") {
            _ = try evaluate(.add, [try iota([2]), try iota([2], from: 0, .f64)])
        }
    }
}
