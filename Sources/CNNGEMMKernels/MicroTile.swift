import CCPU

/// The register-blocked micro-kernel: a `Rows × (Vectors · lanes)` tile of C computed from A's
/// values for its rows (a packed panel, MR floats per step of the depth, or read in place:
/// `TileLeftOperand`) and a panel of B (`RightPanel`: NR floats per step), with the accumulators held
/// in registers for the whole depth, then finished (beta, bias, residual, activation) and stored.
///
/// Full tiles use `Rows = MR` and `Vectors = NR / lanes`; edge tiles use fewer rows or vectors,
/// reading the same packed panels.
public enum MicroTile<let Rows: Int, let Vectors: Int, Architecture: GEMMArchitecture> {
    /// The vector type of the architecture.
    public typealias Vector = Architecture.Vector
    /// The accumulators of one tile.
    public typealias Sums = InlineArray<Rows, InlineArray<Vectors, Vector>>

    /// Computes the tile `a · b-panel` over `depth` steps into `target`.
    @inlinable @inline(__always)
    public static func run<Left: TileLeftOperand>(depth: Int, a: Left, b: RightPanel, target: TileTarget) {
        let vectorBytes = MemoryLayout<Vector>.stride
        // B read in place (rows `stride` floats apart, wider than a panel) over fewer steps than
        // the prefetch distance: ask for the panel after next along the same rows instead.
        let panelBytes = Architecture.blocking.tileColumns * MemoryLayout<Float>.stride
        let prefetchOffset = b.stride > Architecture.blocking.tileColumns && depth < Self.prefetchSteps
            ? 2 * panelBytes : Self.prefetchSteps * b.stride * MemoryLayout<Float>.stride
        var sums = Sums(repeating: InlineArray(repeating: Vector()))
        var aStep = a
        var bStep = UnsafeRawPointer(b.start)
        let bStride = b.stride * MemoryLayout<Float>.stride
        for _ in 0..<depth {
            var bRow = InlineArray<Vectors, Vector>(repeating: Vector())
            for column in 0..<Vectors {
                bRow[unchecked: column] = bStep.loadUnaligned(fromByteOffset: column * vectorBytes, as: Vector.self)
            }
            for row in 0..<Rows {
                let aValue = Vector(repeating: aStep.value(row: row))
                for column in 0..<Vectors {
                    sums[unchecked: row][unchecked: column] = Architecture.multiplyAdd(
                        sums[unchecked: row][unchecked: column], aValue, bRow[unchecked: column])
                }
            }
            // Weights come from memory on a layer's first tiles (the layers before evicted
            // them): ask for B's lines `prefetchOffset` ahead, and A's when packed
            // `prefetchSteps` steps ahead.
            let ahead = bStep + prefetchOffset
            for column in 0..<Vectors { ccpu_prefetch(ahead + column * vectorBytes) }
            aStep.prefetch(stepsAhead: Self.prefetchSteps)
            aStep.advance()
            bStep += bStride
        }
        store(sums, into: target)
    }

    /// How many depth steps ahead the micro-kernel prefetches its operands: 64 for a full tile
    /// (measured on ResNet-50 and MobileNetV2, whose deep layers' weights and Winograd's
    /// transformed filters come from memory: 24 steps made the whole models 1–5% faster, 64 a
    /// further 1%), more for narrower tiles, whose steps take less time, so that a prefetch is
    /// always about as far ahead in time (Winograd's 16-tile products of 7x7 maps run tiles of
    /// one vector).
    @inlinable
    static var prefetchSteps: Int { 64 * (Architecture.blocking.tileColumns / Architecture.lanes) / Vectors }

    /// Finishes the sums (beta, then the epilogue) and stores them. Each step is a loop over the
    /// whole tile with its condition outside, so that the unrolled code keeps the tile in
    /// registers and tests each condition once per tile.
    @inlinable @inline(__always)
    public static func store(_ sums: Sums, into target: TileTarget) {
        var values = sums
        if target.beta == 1 {
            forEachVector(target.c, leading: target.leadingC) { row, column, previous in
                values[unchecked: row][unchecked: column] += previous
            }
        } else if target.beta != 0 {
            let beta = Vector(repeating: target.beta)
            forEachVector(target.c, leading: target.leadingC) { row, column, previous in
                values[unchecked: row][unchecked: column] = Architecture.multiplyAdd(
                    values[unchecked: row][unchecked: column], beta, previous)
            }
        }
        if let epilogue = target.epilogue {
            finish(&values, epilogue)
        }
        for row in 0..<Rows {
            let cRow = UnsafeMutableRawPointer(target.c + row * target.leadingC)
            for column in 0..<Vectors {
                cRow.storeBytes(of: values[unchecked: row][unchecked: column],
                                toByteOffset: column * MemoryLayout<Vector>.stride, as: Vector.self)
            }
        }
    }

    /// Adds the biases and the residual, then applies the activation.
    @inlinable @inline(__always)
    public static func finish(_ values: inout Sums, _ epilogue: GEMMEpilogue) {
        if let rowBias = epilogue.rowBias {
            for row in 0..<Rows {
                let bias = Vector(repeating: rowBias[row])
                for column in 0..<Vectors { values[unchecked: row][unchecked: column] += bias }
            }
        }
        if let columnBias = epilogue.columnBias {
            for column in 0..<Vectors {
                let bias = UnsafeRawPointer(columnBias).loadUnaligned(fromByteOffset: column * MemoryLayout<Vector>.stride,
                                                                     as: Vector.self)
                for row in 0..<Rows { values[unchecked: row][unchecked: column] += bias }
            }
        }
        if let residual = epilogue.residual {
            forEachVector(residual, leading: epilogue.residualLeadingDimension) { row, column, addend in
                values[unchecked: row][unchecked: column] += addend
            }
        }
        let zero = Vector()
        switch epilogue.activation {
        case .none:
            break
        case .relu:
            forEachValue(&values) { $0.replacing(with: zero, where: $0.lanes(below: zero)) }
        case .clip(let lower, let upper):
            let lowerVector = Vector(repeating: lower), upperVector = Vector(repeating: upper)
            forEachValue(&values) { value in
                let raised = value.replacing(with: lowerVector, where: value.lanes(below: lowerVector))
                return raised.replacing(with: upperVector, where: upperVector.lanes(below: raised))
            }
        case .leakyRelu(let slope):
            forEachValue(&values) { $0.replacing(with: $0 * slope, where: $0.lanes(below: zero)) }
        }
    }

    /// Calls `body(row, column, vector)` with each vector of a tile-shaped block of a matrix.
    @inlinable @inline(__always)
    public static func forEachVector(_ matrix: UnsafePointer<Float>, leading: Int,
                                     _ body: (Int, Int, Vector) -> Void) {
        for row in 0..<Rows {
            let matrixRow = UnsafeRawPointer(matrix + row * leading)
            for column in 0..<Vectors {
                body(row, column, matrixRow.loadUnaligned(fromByteOffset: column * MemoryLayout<Vector>.stride, as: Vector.self))
            }
        }
    }

    /// Replaces each vector of the tile by `transform` of it.
    @inlinable @inline(__always)
    public static func forEachValue(_ values: inout Sums, _ transform: (Vector) -> Vector) {
        for row in 0..<Rows {
            for column in 0..<Vectors {
                values[unchecked: row][unchecked: column] = transform(values[unchecked: row][unchecked: column])
            }
        }
    }
}
