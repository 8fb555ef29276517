import Foundation
import CNNIR

extension ReferenceKernels {
    /// add, sub, mul, div and pow, and the variadic sum, max, min and mean, all with NumPy
    /// broadcasting (floating division by zero follows IEEE: ±inf or NaN; see `ReferenceNumber`
    /// for i64).
    static let elementwiseKernels: [OpKind: ReferenceKernel] = [
        .add: ReferenceKernel(numeric: BroadcastArithmetic(operation: .add)),
        .sub: ReferenceKernel(numeric: BroadcastArithmetic(operation: .subtract)),
        .mul: ReferenceKernel(numeric: BroadcastArithmetic(operation: .multiply)),
        .div: ReferenceKernel(numeric: BroadcastArithmetic(operation: .divide)),
        .sum: ReferenceKernel(numeric: BroadcastArithmetic(operation: .add)),
        .max: ReferenceKernel(numeric: BroadcastArithmetic(operation: .maximum)),
        .min: ReferenceKernel(numeric: BroadcastArithmetic(operation: .minimum)),
        .mean: ReferenceKernel { invocation in
            var total = try BroadcastArithmetic(operation: .add).compute(invocation, as: Double.self)
            let count = Double(invocation.operands.count)
            total.values = total.values.map { $0 / count }
            return total
        },
        .pow: ReferenceKernel(results: { invocation in [try power(invocation)] }),
    ]
}

/// `operation` folded over every operand from the left, element by element after broadcasting.
private struct BroadcastArithmetic: NumericComputation {
    /// The operation folded over the operands.
    let operation: ArithmeticOperation

    func compute<Number: ReferenceNumber>(_ invocation: ReferenceInvocation, as type: Number.Type) throws -> ShapedArray<Number> {
        let operands = try invocation.operands.indices.map { try invocation.numbers($0, as: type) }
        return try broadcastCombination(operands) { operation.apply($0, $1) }
    }
}

/// pow: a^b broadcast, with a's element type. Exact integer powers when both operands are i64;
/// otherwise computed in `Double`, and an i64 result taken from it by `cast`'s rule.
private func power(_ invocation: ReferenceInvocation) throws -> Tensor {
    let a = try invocation.tensor(0), b = try invocation.tensor(1)
    if a.dtype == .i64 && b.dtype == .i64 {
        let y = try broadcastCombination(invocation.numbers(0, as: Int64.self), invocation.numbers(1, as: Int64.self), Int64.power)
        return try Tensor(shape: y.shape, elements: y.values)
    }
    let y = try broadcastCombination(invocation.array(0), invocation.array(1)) { Foundation.pow($0, $1) }
    guard a.dtype == .i64 else { return try y.tensor(a.dtype) }
    return try Tensor(shape: y.shape, elements: y.values.map { Int64(castFrom: $0) })
}
