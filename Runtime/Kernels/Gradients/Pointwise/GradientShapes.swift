import CNNIR

/// The static shapes of a node whose results are f32 and whose operands are f32 but for i64
/// ones at given positions (labels, a step): what the pointwise-gradient kernels start from.
struct GradientShapes {
    /// The sizes of every operand, in order.
    let operands: [[Int]]
    /// The sizes of every result, in order.
    let results: [[Int]]

    /// The shapes of `request`, or `nil` when an element type differs (the node then runs on
    /// the reference kernels). Throws a diagnostic at the node when a shape is not static.
    init?(_ request: KernelRequest, integerOperands: Set<Int> = []) throws {
        let operandsFit = request.operandTypes.enumerated().allSatisfy { $0.element.dtype == (integerOperands.contains($0.offset) ? .i64 : .f32) }
        guard operandsFit, request.resultTypes.allSatisfy({ $0.dtype == .f32 }) else { return nil }
        var sizes: [[Int]] = []
        for type in request.operandTypes + request.resultTypes {
            guard let fixed = type.shape.fixedSizes else { throw request.error("a fast kernel needs static shapes, found \(type)") }
            sizes.append(fixed)
        }
        operands = Array(sizes.prefix(request.operandTypes.count))
        results = Array(sizes.suffix(request.resultTypes.count))
    }

    /// Throws a diagnostic at the node unless the operands are `expectedOperands` and the results
    /// `expectedResults` (the shapes the op's schema infers).
    func require(_ request: KernelRequest, operands expectedOperands: [[Int]], results expectedResults: [[Int]]) throws {
        guard operands == expectedOperands, results == expectedResults else {
            throw request.error("expected operands \(expectedOperands) and results \(expectedResults), found \(operands) and \(results)")
        }
    }
}
