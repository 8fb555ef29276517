import CNNIR

extension KernelRequest {
    /// Whether every operand and result is f32 (the only element type fast kernels handle).
    var isFloat32Only: Bool {
        (operandTypes + resultTypes).allSatisfy { $0.dtype == .f32 }
    }
}

/// The static shapes of an all-f32 node: what every kernel of the pooling, normalization,
/// element-wise and data-movement families starts from.
struct Float32Shapes {
    /// The sizes of every operand, in order.
    var operands: [[Int]]
    /// The sizes of every result, in order.
    var results: [[Int]]

    /// The shapes of `request`, or `nil` when an operand or result is not f32 (those nodes run on
    /// the reference kernels) — except the operands at `boolOperands` and, with `boolResults`,
    /// the results, which must be bool instead (a comparison's result, where's condition).
    /// Throws a `Diagnostic` at the node when a shape is not static or when the node has fewer
    /// operands or results than `minimumOperands` / one.
    init?(_ request: KernelRequest, minimumOperands: Int = 1, boolOperands: Set<Int> = [], boolResults: Bool = false) throws {
        let operandsFit = request.operandTypes.enumerated().allSatisfy { $0.element.dtype == (boolOperands.contains($0.offset) ? .bool : .f32) }
        guard operandsFit, request.resultTypes.allSatisfy({ $0.dtype == (boolResults ? .bool : .f32) }) else { return nil }
        guard request.operandTypes.count >= minimumOperands, !request.resultTypes.isEmpty else {
            throw request.node.error("expected at least \(minimumOperands) operand(s) and one result, found \(request.operandTypes.count) and \(request.resultTypes.count)")
        }
        var sizes: [[Int]] = []
        for type in request.operandTypes + request.resultTypes {
            guard let fixed = type.shape.fixedSizes else {
                throw request.node.error("a fast kernel needs static shapes, found \(type)")
            }
            sizes.append(fixed)
        }
        operands = Array(sizes.prefix(request.operandTypes.count))
        results = Array(sizes.suffix(request.resultTypes.count))
    }

    /// The sizes of the first operand.
    var input: [Int] { operands[0] }
    /// The sizes of the first result.
    var output: [Int] { results[0] }
}
