extension ResizeKernel {
    /// Lists the input rows (offsets) and weights that output row `counter` combines; returns their count.
    @inline(__always)
    func contributingRows(_ counter: UnsafePointer<Int>, offsets: UnsafeMutablePointer<Int>,
                          weights rowWeights: UnsafeMutablePointer<Float>) -> Int {
        offsets[0] = 0
        rowWeights[0] = 1
        var count = 1
        for axis in 0..<(rows.shape.count - 1) {
            let axisIndices = indices.table(axis), axisWeights = weights.table(axis)
            let position = counter[axis], size = rows.shape[axis]
            let first = axisIndices[position] * inputStrides[axis], firstWeight = axisWeights[position]
            if blends[axis] {
                let second = axisIndices[size + position] * inputStrides[axis], secondWeight = axisWeights[size + position]
                for entry in 0..<count {
                    offsets[count + entry] = offsets[entry] + second
                    rowWeights[count + entry] = rowWeights[entry] * secondWeight
                }
                for entry in 0..<count {
                    offsets[entry] += first
                    rowWeights[entry] *= firstWeight
                }
                count *= 2
            } else {
                for entry in 0..<count {
                    offsets[entry] += first
                    rowWeights[entry] *= firstWeight
                }
            }
        }
        return count
    }

    /// The cache slot holding input row `offset`, or else one to overwrite: a slot holding none
    /// of the `count` rows in `keeping` (the current output row's), which always exists since the
    /// cache has twice as many slots.
    @inline(__always)
    func cacheSlot(for offset: Int, cachedRows: UnsafeMutablePointer<Int>, slots: Int,
                   keeping: UnsafePointer<Int>, count: Int) -> Int {
        for slot in 0..<slots where cachedRows[slot] == offset { return slot }
        for slot in 0..<slots where !(0..<count).contains(where: { keeping[$0] == cachedRows[slot] }) { return slot }
        return 0
    }

    /// An input row sampled at every output column (one index, or two blended), into `output`.
    @inline(__always)
    func resample(_ row: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>, width: Int, blends: Bool) {
        let lastAxis = rows.shape.count - 1
        let first = indices.table(lastAxis), second = first + width
        let firstWeight = weights.table(lastAxis), secondWeight = firstWeight + width
        if blends {
            for column in 0..<width {
                output[column] = row[first[column]] * firstWeight[column] + row[second[column]] * secondWeight[column]
            }
        } else {
            for column in 0..<width { output[column] = row[first[column]] }
        }
    }

    /// `y = weight · row` (for the first contributing row) or `y += weight · row`, 16 lanes at a time.
    @inline(__always)
    func accumulate(_ row: UnsafePointer<Float>, weight: Float, into y: UnsafeMutablePointer<Float>, width: Int, first: Bool) {
        let factor = FloatVector(repeating: weight)
        var column = 0
        while column + 16 <= width {
            let start = first ? FloatVector() : UnsafePointer(y).loadFloatVector(at: column)
            y.storeFloatVector(start.addingProduct(row.loadFloatVector(at: column), factor), at: column)
            column += 16
        }
        while column < width {
            y[column] = (first ? 0 : y[column]) + weight * row[column]
            column += 1
        }
    }
}
