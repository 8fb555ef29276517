/// The rows of a row-major output (one row per index on every axis but the last), walked in
/// order with a counter kept on the stack: how pad and resize visit their outputs.
struct OutputRows: Sendable {
    /// The output sizes.
    let shape: [Int]
    /// The number of rows: the product of every size but the last.
    let count: Int

    /// The rows of an output of `shape`.
    init(shape: [Int]) {
        self.shape = shape
        count = elementCount(Array(shape.dropLast()))
    }

    /// Calls `body` for every row, in order, with the row's index on every axis but the last.
    @inline(__always)
    func forEach(_ body: (_ counter: UnsafePointer<Int>) -> Void) {
        let rank = shape.count
        withUnsafeTemporaryAllocation(of: Int.self, capacity: max(1, rank)) { buffer in
            guard let counter = buffer.baseAddress else { return }
            counter.initialize(repeating: 0, count: rank)
            for _ in 0..<count {
                body(counter)
                var axis = rank - 2
                while axis >= 0 {
                    counter[axis] += 1
                    if counter[axis] < shape[axis] { break }
                    counter[axis] = 0
                    axis -= 1
                }
            }
        }
    }
}
