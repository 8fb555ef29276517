import CNNIR

/// resize (nearest with its four rounding modes, N-linear; the four coordinate transformation
/// modes), from per-axis index and weight tables built at preparation (`ResizeSampling`).
///
/// A run walks the output rows (every axis but the last). For each row it lists the input rows
/// that contribute and their weights (one row per axis that only picks, two per axis that
/// blends: two for bilinear, one for nearest), then each output column sums its one or two
/// columns of each of those rows. A row that reads the same input rows with the same weights as
/// the row before (every other row of a 2× upsampling) is copied from it; a row that reads one
/// input row with weight 1 (nearest) is a plain gather.
struct ResizeKernel: Kernel {
    let name: String
    /// The output sizes.
    let outputShape: [Int]
    /// The input's row-major strides.
    let inputStrides: [Int]
    /// Per axis: first indices, second indices (as table offsets into `indices`).
    let indices: PreparedTable<Int>
    /// Per axis: first weights, second weights (same layout as `indices`).
    let weights: PreparedTable<Float>
    /// Where each axis' entries start in `indices` and `weights` (first at the start, second
    /// `outputShape[axis]` later).
    let tableStarts: [Int]
    /// Whether each axis blends two inputs somewhere (else only the first index is read).
    let blends: [Bool]
    /// The number of output rows (the product of every output size but the last).
    let rowCount: Int
    /// The most input rows one output row combines: 2^(blending axes other than the last).
    let contributionCapacity: Int

    var workspaceBytes: Int { 0 }

    /// The kernel for `request` (attributes mode, scales or sizes, coordinate_transformation_mode,
    /// nearest_mode); throws a `Diagnostic` at the node for attributes that do not fit the input
    /// or a result shape that differs from what they give.
    init(_ request: KernelRequest, input: [Int], output: [Int]) throws {
        let node = request.node
        let scales = try request.numbersAttribute("scales"), sizes = try request.intsAttribute("sizes")
        guard scales.isEmpty != sizes.isEmpty, max(scales.count, sizes.count) == input.count else {
            throw node.error("give exactly one of 'scales' and 'sizes', with one entry per axis of the input (\(input.count))")
        }
        let linear = try request.choiceAttribute("mode", ["nearest", "linear"]) == "linear"
        let coordinateMode = try request.choiceAttribute("coordinate_transformation_mode",
                                                   ["half_pixel", "pytorch_half_pixel", "align_corners", "asymmetric"])
        let nearestMode = try request.choiceAttribute("nearest_mode", ["round_prefer_floor", "round_prefer_ceil", "floor", "ceil"])
        var indexTable: [Int] = [], weightTable: [Float] = [], starts: [Int] = [], blends: [Bool] = []
        for axis in input.indices {
            let scale: Double, target: Double, size: Int
            if sizes.isEmpty {
                guard scales[axis] > 0, scales[axis].isFinite else { throw node.error("scales must be positive, found \(scales)") }
                (scale, target) = (scales[axis], Double(input[axis]) * scales[axis])
                size = Int(exactly: target.rounded(.down)) ?? -1
            } else {
                (size, target) = (sizes[axis], Double(sizes[axis]))
                scale = target / Double(input[axis])
            }
            guard axis < output.count, size == output[axis], input[axis] > 0 || size == 0 else {
                throw node.error("resize of \(input) gives \(size) positions on axis \(axis), the result type is \(output)")
            }
            let sampling = ResizeSampling(input: input[axis], output: size, scale: scale, target: target, linear: linear,
                                          coordinateMode: coordinateMode, nearestMode: nearestMode)
            starts.append(indexTable.count)
            indexTable += sampling.firstIndices + sampling.secondIndices
            weightTable += sampling.firstWeights + sampling.secondWeights
            blends.append(sampling.blends)
        }
        guard output.count == input.count else { throw node.error("resize keeps the rank: \(input) -> \(output)") }
        name = linear ? "resize:linear" : "resize:nearest"
        outputShape = output
        inputStrides = contiguousStrides(input)
        indices = PreparedTable(indexTable)
        weights = PreparedTable(weightTable)
        tableStarts = starts
        self.blends = blends
        rowCount = elementCount(Array(output.dropLast()))
        contributionCapacity = 1 << blends.dropLast().filter { $0 }.count
    }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let rank = outputShape.count
        guard rank > 0, !outputShape.contains(0) else { return }
        let x = buffers.floatInput(0)
        var y = buffers.floatOutput(0)
        let width = outputShape[rank - 1], widthStart = tableStarts[rank - 1]
        let columnBlends = blends[rank - 1]
        // Scratch on the stack: the counter, then this row's and the previous row's input rows and weights.
        withUnsafeTemporaryAllocation(of: Int.self, capacity: rank + 2 * contributionCapacity) { integers in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * contributionCapacity) { floats in
                guard let counter = integers.baseAddress, let rowWeights = floats.baseAddress else { return }
                let rowOffsets = counter + rank
                let previousOffsets = rowOffsets + contributionCapacity, previousWeights = rowWeights + contributionCapacity
                counter.initialize(repeating: 0, count: rank)
                var previousCount = 0
                for _ in 0..<rowCount {
                    let contributions = contributingRows(counter, rank: rank, offsets: rowOffsets, weights: rowWeights)
                    let repeatsPrevious = contributions == previousCount && (0..<contributions).allSatisfy {
                        rowOffsets[$0] == previousOffsets[$0] && rowWeights[$0] == previousWeights[$0]
                    }
                    if repeatsPrevious {
                        y.update(from: y - width, count: width)
                    } else if contributions == 1 && rowWeights[0] == 1 && !columnBlends {
                        let row = x + rowOffsets[0]
                        for column in 0..<width { y[column] = row[indices[widthStart + column]] }
                    } else {
                        y.initialize(repeating: 0, count: width)
                        for entry in 0..<contributions {
                            accumulateRow(x + rowOffsets[entry], weight: rowWeights[entry], into: y, width: width,
                                          widthStart: widthStart, blends: columnBlends)
                        }
                    }
                    previousCount = contributions
                    previousOffsets.update(from: rowOffsets, count: contributions)
                    previousWeights.update(from: rowWeights, count: contributions)
                    y += width
                    var axis = rank - 2
                    while axis >= 0 {
                        counter[axis] += 1
                        if counter[axis] < outputShape[axis] { break }
                        counter[axis] = 0
                        axis -= 1
                    }
                }
            }
        }
    }

    /// `y[column] += weight · (row sampled at output column)` for every output column.
    @inline(__always)
    private func accumulateRow(_ row: UnsafePointer<Float>, weight: Float, into y: UnsafeMutablePointer<Float>, width: Int,
                               widthStart: Int, blends: Bool) {
        let first = indices.elements + widthStart, second = first + width
        let firstWeight = weights.elements + widthStart, secondWeight = firstWeight + width
        if blends {
            for column in 0..<width {
                y[column] += weight * (row[first[column]] * firstWeight[column] + row[second[column]] * secondWeight[column])
            }
        } else {
            for column in 0..<width { y[column] += weight * row[first[column]] }
        }
    }

    /// Lists the input rows (offsets) and weights that output row `counter` combines; returns their count.
    @inline(__always)
    private func contributingRows(_ counter: UnsafeMutablePointer<Int>, rank: Int, offsets: UnsafeMutablePointer<Int>,
                                  weights rowWeights: UnsafeMutablePointer<Float>) -> Int {
        offsets[0] = 0
        rowWeights[0] = 1
        var count = 1
        for axis in 0..<(rank - 1) {
            let start = tableStarts[axis], position = counter[axis], size = outputShape[axis]
            let first = indices[start + position] * inputStrides[axis], firstWeight = weights[start + position]
            if blends[axis] {
                let second = indices[start + size + position] * inputStrides[axis], secondWeight = weights[start + size + position]
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
}
