import Testing
import CNNIR
import CNNRuntime

/// Helpers for the runtime's reference, tensor and .npy tests. Suites adopt this protocol, so the
/// helpers are members and never collide with free functions of other test files.
protocol RuntimeTestHelpers {}

extension RuntimeTestHelpers {
    /// Runs one op on the reference kernels and returns its single result.
    func evaluate(_ op: OpKind, _ operands: [Tensor], _ attributes: Attributes = Attributes()) throws -> Tensor {
        let results = try ReferenceKernels.evaluate(op, operands: operands, attributes: attributes)
        guard results.count == 1 else { throw Diagnostic("\(op) returned \(results.count) results") }
        return results[0]
    }

    /// An f32 tensor (or `dtype`) from doubles.
    func tensor(_ shape: [Int], _ values: [Double], _ dtype: DType = .f32) throws -> Tensor {
        try Tensor(shape: shape, elements: values).converted(to: dtype)
    }

    /// A tensor whose elements count up from `start`: 0, 1, 2, ... by default.
    func iota(_ shape: [Int], from start: Double = 0, _ dtype: DType = .f32) throws -> Tensor {
        let count = shape.reduce(1, *)
        return try tensor(shape, (0..<count).map { start + Double($0) }, dtype)
    }

    /// A random f64 tensor with elements in [-1, 1].
    func randomTensor(_ shape: [Int], seed: UInt64) throws -> Tensor {
        try Tensor.random(shape: shape, dtype: .f64, seed: seed)
    }

    /// Expects `actual` to have `shape` and elements within `tolerance` of `expected`.
    func expectValues(_ actual: Tensor, _ shape: [Int], _ expected: [Double], tolerance: Double = 1e-5,
                      sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(actual.shape == shape, "shape", sourceLocation: sourceLocation)
        let values = actual.doubles
        #expect(values.count == expected.count, "element count", sourceLocation: sourceLocation)
        for (index, (value, wanted)) in zip(values, expected).enumerated() where !(abs(value - wanted) <= tolerance) {
            Issue.record("element \(index): \(value), expected \(wanted)", sourceLocation: sourceLocation)
        }
    }

    /// Expects two tensors to have the same shape and elements within `tolerance`.
    func expectClose(_ actual: Tensor, _ expected: Tensor, tolerance: Double = 1e-9,
                     sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        expectValues(actual, expected.shape, expected.doubles, tolerance: tolerance, sourceLocation: sourceLocation)
    }

    /// The sum of the products of corresponding elements.
    func dot(_ a: Tensor, _ b: Tensor) -> Double {
        zip(a.doubles, b.doubles).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// The elements of `x` whose index on `axis` lies in `range`, as a tensor (an independent slice).
    func slice(_ x: Tensor, axis: Int, _ range: Range<Int>) throws -> Tensor {
        let outer = x.shape[..<axis].reduce(1, *), inner = x.shape[(axis + 1)...].reduce(1, *)
        let length = x.shape[axis], values = x.doubles
        var result: [Double] = []
        for o in 0..<outer {
            for position in range {
                let start = (o * length + position) * inner
                result += values[start..<(start + inner)]
            }
        }
        var shape = x.shape
        shape[axis] = range.count
        return try tensor(shape, result, x.dtype)
    }

    /// Expects `body` to throw a `Diagnostic` whose message contains `fragment`.
    func expectDiagnostic(containing fragment: String, sourceLocation: Testing.SourceLocation = #_sourceLocation,
                          _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected an error containing \"\(fragment)\"", sourceLocation: sourceLocation)
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.description.contains(fragment), "\(diagnostic)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected a Diagnostic, found \(error)", sourceLocation: sourceLocation)
        }
    }
}
