/// NumPy broadcasting of shapes: ranks aligned on the right, a size 1 stretches to the other.
///
/// A named dimension broadcasts with itself and with 1; against a different size it cannot be
/// shown to match, so the user is asked to bind it.
enum Broadcasting {
    /// The broadcast shape of `first` and `second` (multidirectional, as add/sub/mul/div).
    static func shape(_ first: TensorType, _ firstName: String, _ second: TensorType, _ secondName: String) throws -> Shape {
        try shape(first.shape, "\(firstName) \(first)", second.shape, "\(secondName) \(second)")
    }

    /// The broadcast shape of every operand (multidirectional, as sum/max/where), each named by
    /// `names` in messages; at least one operand.
    static func shape(of operands: [TensorType], named names: [String]) throws -> Shape {
        guard var result = operands.first?.shape else { return Shape([Dimension]()) }
        for index in operands.indices.dropFirst() {
            let combined = index == 1 ? "\(names[0]) \(operands[0])"
                : "\(names[0]) to \(names[index - 1]) broadcast together to \(result)"
            result = try shape(result, combined, operands[index].shape, "\(names[index]) \(operands[index])")
        }
        return result
    }

    /// The broadcast shape of two shapes described in messages by `firstLabel` and `secondLabel`
    /// (`a f32[2,3]`, `shape [4,1,3]`).
    static func shape(_ first: Shape, _ firstLabel: String, _ second: Shape, _ secondLabel: String) throws -> Shape {
        let rank = max(first.rank, second.rank)
        let left = padded(first, to: rank)
        let right = padded(second, to: rank)
        var result: [Dimension] = []
        for axis in 0..<rank {
            let (a, b) = (left[axis], right[axis])
            if a == b || b == .fixed(1) {
                result.append(a)
            } else if a == .fixed(1) {
                result.append(b)
            } else {
                let prefix = "cannot broadcast \(firstLabel) with \(secondLabel)"
                if a.fixedValue != nil && b.fixedValue != nil {
                    throw Diagnostic("\(prefix): sizes \(a) and \(b) differ on output axis \(axis) and neither is 1")
                }
                throw Diagnostic("\(prefix): sizes \(a) and \(b) on output axis \(axis) cannot be shown to match; bind named dimensions with --set")
            }
        }
        return Shape(result)
    }

    /// Throws unless `source` broadcasts to `target` without changing it (as prelu's slope, gemm's c).
    static func requireUnidirectional(_ source: TensorType, _ sourceName: String, to target: Shape, _ targetName: String) throws {
        let aligned = source.rank <= target.rank ? padded(source.shape, to: target.rank) : nil
        let fits = aligned.map { aligned in
            zip(aligned.dimensions, target.dimensions).allSatisfy { $0 == $1 || $0 == .fixed(1) }
        } ?? false
        guard fits else {
            throw Diagnostic("\(sourceName) \(source) must broadcast to \(targetName) \(TensorType(source.dtype, target)) (rank at most \(target.rank), sizes aligned right, each equal or 1)")
        }
    }

    /// `shape` with leading 1s up to `rank`.
    private static func padded(_ shape: Shape, to rank: Int) -> Shape {
        Shape(Array(repeating: .fixed(1), count: rank - shape.rank) + shape.dimensions)
    }
}
