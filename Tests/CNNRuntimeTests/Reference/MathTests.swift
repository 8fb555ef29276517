import Foundation
import Testing
import CNNIR
import CNNRuntime

@Suite("Reference element-wise math, pow and integer arithmetic")
struct MathTests: RuntimeTestHelpers {
    @Test("gelu exact and with the tanh approximation (ONNX gelu examples)")
    func gelu() throws {
        let x = try tensor([3], [-1, 0, 1], .f64)
        expectValues(try evaluate(.gelu, [x]), [3], [-0.15865526, 0, 0.8413447], tolerance: 1e-7)
        expectValues(try evaluate(.gelu, [x], ["approximate": .string("tanh")]), [3], [-0.158808, 0, 0.841192], tolerance: 1e-6)
    }

    @Test("sqrt, exp, log, reciprocal, erf and softplus (by hand)")
    func floatingMath() throws {
        expectValues(try evaluate(.sqrt, [try tensor([3], [4, 0, 2.25])]), [3], [2, 0, 1.5])
        #expect(try evaluate(.sqrt, [try tensor([1], [-1])]).doubles[0].isNaN)
        expectValues(try evaluate(.exp, [try tensor([2], [0, 1], .f64)]), [2], [1, M_E], tolerance: 1e-12)
        #expect(try evaluate(.log, [try tensor([2], [1, 0])]).doubles == [0, -.infinity])
        expectValues(try evaluate(.reciprocal, [try tensor([2], [4, -0.5])]), [2], [0.25, -2])
        expectValues(try evaluate(.erf, [try tensor([3], [0, 1, -2], .f64)]), [3], [0, 0.8427007929, -0.9953222650], tolerance: 1e-9)
        let softplus = try evaluate(.softplus, [try tensor([4], [0, 1, -1000, 1000], .f64)]).doubles
        expectValues(try tensor([4], softplus, .f64), [4], [log(2), log(1 + M_E), 0, 1000], tolerance: 1e-12)
    }

    @Test("pow broadcasts and keeps the base's dtype; i64 powers are exact")
    func power() throws {
        expectValues(try evaluate(.pow, [try tensor([2, 2], [1, 2, 3, 4]), try tensor([2], [2, 0.5])]), [2, 2], [1, 2.0.squareRoot(), 9, 2])
        let base = try Tensor(shape: [4], elements: [3, -2, 2, -1] as [Int64])
        #expect(try evaluate(.pow, [base, try Tensor(shape: [4], elements: [39, 3, 62, -3] as [Int64])])
                == Tensor(shape: [4], elements: [4_052_555_153_018_976_267, -8, 1 << 62, -1] as [Int64]))
        #expect(try evaluate(.pow, [base, Tensor(scalar: Int64(-1))]) == Tensor(shape: [4], elements: [0, 0, 0, -1] as [Int64]))
        #expect(try evaluate(.pow, [base, try tensor([], [0.5])]) == Tensor(shape: [4], elements: [1, 0, 1, 0] as [Int64]))
        #expect(try evaluate(.pow, [try tensor([1], [2]), try Tensor(shape: [1], elements: [3] as [Int64])]).doubles == [8])
    }

    @Test("add, sub, mul and div on i64 are exact beyond 2^53 and wrap like NumPy")
    func integerArithmetic() throws {
        let a = try Tensor(shape: [3], elements: [(1 << 53) + 1, Int64.max, -7] as [Int64])
        let b = try Tensor(shape: [3], elements: [2, 1, 2] as [Int64])
        #expect(try evaluate(.add, [a, b]) == Tensor(shape: [3], elements: [(1 << 53) + 3, Int64.min, -5] as [Int64]))
        #expect(try evaluate(.sub, [a, b]) == Tensor(shape: [3], elements: [(1 << 53) - 1, Int64.max - 1, -9] as [Int64]))
        #expect(try evaluate(.mul, [a, b]) == Tensor(shape: [3], elements: [(1 << 54) + 2, Int64.max, -14] as [Int64]))
        #expect(try evaluate(.div, [a, b]) == Tensor(shape: [3], elements: [1 << 52, Int64.max, -3] as [Int64]))
        let zero = Tensor(scalar: Int64(0))
        #expect(try evaluate(.div, [a, zero]) == Tensor(shape: [3], elements: [0, 0, 0] as [Int64]))
        #expect(try evaluate(.div, [Tensor(scalar: Int64.min), Tensor(scalar: Int64(-1))]) == Tensor(scalar: Int64.min))
        expectDiagnostic(containing: "one element type") { _ = try evaluate(.add, [a, try iota([3])]) }
    }

    @Test("neg and abs on i64 wrap the most negative value to itself")
    func signs() throws {
        let x = try Tensor(shape: [3], elements: [Int64.min, -5, 7])
        #expect(try evaluate(.neg, [x]) == Tensor(shape: [3], elements: [Int64.min, 5, -7]))
        #expect(try evaluate(.abs, [x]) == Tensor(shape: [3], elements: [Int64.min, 5, 7]))
        expectValues(try evaluate(.abs, [try tensor([2], [-1.5, 2])]), [2], [1.5, 2])
        expectValues(try evaluate(.neg, [try tensor([2], [-1.5, 2])]), [2], [1.5, -2])
    }

    @Test("sum, max, min and mean broadcast every input; max and min propagate NaN")
    func variadic() throws {
        let a = try tensor([2, 1], [1, 10]), b = try tensor([3], [1, 5, .nan]), c = try tensor([], [2])
        expectValues(try evaluate(.sum, [a, try tensor([3], [1, 2, 3]), c]), [2, 3], [4, 5, 6, 13, 14, 15])
        expectValues(try evaluate(.mean, [a, try tensor([3], [1, 2, 3]), c]), [2, 3], [4.0 / 3, 5.0 / 3, 2, 13.0 / 3, 14.0 / 3, 5])
        let maximum = try evaluate(.max, [a, b]).doubles
        #expect(maximum[0...1] == [1, 5] && maximum[2].isNaN && maximum[3...4] == [10, 10] && maximum[5].isNaN)
        expectValues(try evaluate(.min, [a, try tensor([3], [1, 5, 0])]), [2, 3], [1, 1, 0, 1, 5, 0])
        let integers = [try Tensor(shape: [2], elements: [Int64.max, 3]), try Tensor(shape: [1], elements: [Int64.max - 1])]
        #expect(try evaluate(.max, integers) == Tensor(shape: [2], elements: [Int64.max, Int64.max - 1]))
        #expect(try evaluate(.min, integers) == Tensor(shape: [2], elements: [Int64.max - 1, 3]))
    }
}
