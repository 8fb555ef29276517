import CNNIR

/// resize (nearest with its four rounding modes, n-linear; every coordinate transformation
/// mode), from per-axis index and weight tables built at preparation from the `ResizePlan`
/// (at most two inputs per position and axis).
///
/// A run walks the output rows (every axis but the last). For each row it lists the input rows
/// that contribute and their weights (one row per axis that only picks, two per axis that
/// blends: two for bilinear, one for nearest). A row that reads the same input rows with the
/// same weights as the row before (every other row of a 2× upsampling) is copied from it; a row
/// that reads one input row with weight 1 is a plain gather. Otherwise each contributing input
/// row is resampled along the width into a row cache in the workspace (once, however many
/// output rows read it), and the output row is the weighted sum of its cached rows, 16 lanes at
/// a time.
struct ResizeKernel: Kernel {
    let name: String
    /// The output rows.
    let rows: OutputRows
    /// The input's row-major strides.
    let inputStrides: [Int]
    /// Per axis: the first input index of every output position, then the second.
    let indices: AxisTables<Int>
    /// Per axis: the weights of those indices, in the same layout.
    let weights: AxisTables<Float>
    /// Whether each axis blends two inputs somewhere (else only the first index is read).
    let blends: [Bool]
    /// The most input rows one output row combines: 2^(blending axes other than the last).
    let contributionCapacity: Int

    /// Room for the row cache: `cacheSlots` rows of the output width.
    var workspaceBytes: Int { WorkspaceSize.bytes(forFloats: cacheSlots * (rows.shape.last ?? 0)) }

    /// The rows the cache holds: twice the input rows one output row combines, so that the rows
    /// of the current output row and of the one before fit together.
    var cacheSlots: Int { 2 * contributionCapacity }

    /// The kernel for `request` from its `ResizePlan`, or `nil` when some output position reads
    /// more than two inputs along an axis (antialiased downsampling) or maps outside the input
    /// (tf_crop_and_resize's extrapolation): those run on the reference kernels. Throws a
    /// `Diagnostic` at the node for attributes that do not fit the input or a result shape that
    /// differs from what they give.
    init?(_ request: KernelRequest, input: [Int], output: [Int]) throws {
        let plan: ResizePlan
        do {
            plan = try ResizePlan(attributes: request.attributes, inputShape: input)
        } catch let diagnostic as Diagnostic {
            throw request.node.error(diagnostic.message)
        }
        guard plan.outputShape == output else {
            throw request.node.error("resize of \(input) gives \(plan.outputShape), the result type is \(output)")
        }
        var indexTables: [[Int]] = [], weightTables: [[Float]] = [], blends: [Bool] = []
        for axisTaps in plan.taps {
            var first: [Int] = [], second: [Int] = [], firstWeights: [Float] = [], secondWeights: [Float] = []
            for position in axisTaps {
                guard let taps = position, let tap = taps.first, taps.count <= 2 else { return nil }
                let other = taps.count == 2 ? taps[1] : ResizePlan.Tap(index: tap.index, weight: 0)
                first.append(tap.index)
                second.append(other.index)
                firstWeights.append(Float(tap.weight))
                secondWeights.append(Float(other.weight))
            }
            indexTables.append(first + second)
            weightTables.append(firstWeights + secondWeights)
            blends.append(secondWeights.contains { $0 != 0 })
        }
        name = try request.choiceAttribute("mode", as: ResizeMode.self) == .linear ? "resize:linear" : "resize:nearest"
        rows = OutputRows(shape: output)
        inputStrides = rowMajorStrides(input)
        indices = AxisTables(indexTables)
        weights = AxisTables(weightTables)
        self.blends = blends
        contributionCapacity = 1 << blends.dropLast().filter { $0 }.count
    }

    /// Computes every output row from its contributing input rows.
    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let shape = rows.shape, rank = shape.count
        guard rank > 0, !shape.contains(0), let cache = buffers.floatWorkspace else { return }
        let x = buffers.floatInput(0)
        var y = buffers.floatOutput(0)
        let width = shape[rank - 1], columnIndices = indices.table(rank - 1)
        let columnBlends = blends[rank - 1], slots = cacheSlots
        // Scratch on the stack: this row's and the previous row's input rows and weights, and
        // the input row each cache slot holds (−1: none).
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * contributionCapacity + slots) { integers in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * contributionCapacity) { floats in
                guard let rowOffsets = integers.baseAddress, let rowWeights = floats.baseAddress else { return }
                let previousOffsets = rowOffsets + contributionCapacity, previousWeights = rowWeights + contributionCapacity
                let cachedRows = previousOffsets + contributionCapacity
                cachedRows.initialize(repeating: -1, count: slots)
                var previousCount = 0
                rows.forEach { counter in
                    let contributions = contributingRows(counter, offsets: rowOffsets, weights: rowWeights)
                    let repeatsPrevious = contributions == previousCount && (0..<contributions).allSatisfy {
                        rowOffsets[$0] == previousOffsets[$0] && rowWeights[$0] == previousWeights[$0]
                    }
                    if repeatsPrevious {
                        y.update(from: y - width, count: width)
                    } else if contributions == 1 && rowWeights[0] == 1 && !columnBlends {
                        let row = x + rowOffsets[0]
                        for column in 0..<width { y[column] = row[columnIndices[column]] }
                    } else {
                        for entry in 0..<contributions {
                            let offset = rowOffsets[entry]
                            let slot = cacheSlot(for: offset, cachedRows: cachedRows, slots: slots,
                                                 keeping: UnsafePointer(rowOffsets), count: contributions)
                            let resampled = cache + slot * width
                            if cachedRows[slot] != offset {
                                resample(x + offset, into: resampled, width: width, blends: columnBlends)
                                cachedRows[slot] = offset
                            }
                            accumulate(UnsafePointer(resampled), weight: rowWeights[entry], into: y, width: width, first: entry == 0)
                        }
                    }
                    previousCount = contributions
                    previousOffsets.update(from: rowOffsets, count: contributions)
                    previousWeights.update(from: rowWeights, count: contributions)
                    y += width
                }
            }
        }
    }
}
