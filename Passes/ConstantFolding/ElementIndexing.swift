/// Where each element of a data-movement result comes from: for every element of the result,
/// in row-major order, the row-major index of the element it copies.
enum ElementIndexing {
    /// Row-major strides of `shape`.
    static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        for axis in shape.indices.dropLast().reversed() { strides[axis] = strides[axis + 1] * shape[axis + 1] }
        return strides
    }

    /// The source index of every element of `target` when `source` is broadcast to it (NumPy
    /// rules: ranks aligned right, a size-1 axis repeats); `source` has at most `target`'s rank.
    static func broadcast(from source: [Int], to target: [Int]) -> [Int] {
        let offset = target.count - source.count
        let sourceStrides = strides(source)
        let targetStrides = strides(target)
        let count = target.reduce(1, *)
        return (0..<count).map { flat in
            var index = 0
            for axis in source.indices where source[axis] != 1 {
                let coordinate = (flat / targetStrides[axis + offset]) % target[axis + offset]
                index += coordinate * sourceStrides[axis]
            }
            return index
        }
    }

    /// The source index of every element of the transpose of a `source`-shaped tensor by `perm`
    /// (result axis `i` is source axis `perm[i]`).
    static func transpose(_ source: [Int], perm: [Int]) -> [Int] {
        let sourceStrides = strides(source)
        let target = perm.map { source[$0] }
        let targetStrides = strides(target)
        let count = source.reduce(1, *)
        return (0..<count).map { flat in
            perm.indices.reduce(0) { index, axis in
                index + (flat / targetStrides[axis]) % target[axis] * sourceStrides[perm[axis]]
            }
        }
    }

    /// For every element of the concatenation of tensors of `shapes` along `axis`: which
    /// tensor it comes from and its index there.
    static func concat(_ shapes: [[Int]], axis: Int) -> [(operand: Int, index: Int)] {
        guard let first = shapes.first else { return [] }
        let outer = first[..<axis].reduce(1, *)
        let blocks = shapes.map { $0[axis...].reduce(1, *) }
        var sources: [(operand: Int, index: Int)] = []
        for row in 0..<outer {
            for (operand, block) in blocks.enumerated() {
                sources += (0..<block).map { (operand, row * block + $0) }
            }
        }
        return sources
    }
}
