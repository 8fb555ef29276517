import Foundation
import CNNIR

extension ReferenceKernels {
    /// softmax and log_softmax over one axis.
    static let softmaxKernels: [OpKind: ReferenceKernel] = [
        .softmax: ReferenceKernel { invocation in
            try alongAxis(invocation) { row in
                let exponentials = shiftedExponentials(row)
                let sum = exponentials.reduce(0, +)
                return exponentials.map { $0 / sum }
            }
        },
        .logSoftmax: ReferenceKernel { invocation in
            try alongAxis(invocation) { row in
                let largest = row.max() ?? 0
                let logSum = log(shiftedExponentials(row).reduce(0, +))
                return row.map { $0 - largest - logSum }
            }
        },
    ]
}

/// `exp(x - max(row))` for each element: the stable form of the exponentials.
func shiftedExponentials(_ row: [Double]) -> [Double] {
    let largest = row.max() ?? 0
    return row.map { exp($0 - largest) }
}

/// Applies `transform` to every 1-D slice of the first operand along the `axis` attribute
/// (negative counts from the end), and puts the results back in place.
private func alongAxis(_ invocation: ReferenceInvocation, _ transform: ([Double]) -> [Double]) throws -> ReferenceArray {
    var x = try invocation.array(0)
    let axis = try normalizedAxis(invocation.int("axis"), rank: x.rank)
    let length = x.shape[axis], inner = x.shape[(axis + 1)...].reduce(1, *)
    let outer = x.shape[..<axis].reduce(1, *)
    for o in 0..<outer {
        for i in 0..<inner {
            let positions = (0..<length).map { (o * length + $0) * inner + i }
            let results = transform(positions.map { x.values[$0] })
            for (position, value) in zip(positions, results) { x.values[position] = value }
        }
    }
    return x
}
