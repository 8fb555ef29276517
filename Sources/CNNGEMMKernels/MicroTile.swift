/// The register-blocked micro-kernel: a `Rows × (Vectors · lanes)` tile of C computed from a
/// packed panel of A (MR floats per step of the depth) and a packed panel of B (NR floats per
/// step), with the accumulators held in registers for the whole depth, then finished (beta,
/// bias, residual, activation) and stored.
///
/// Full tiles use `Rows = MR` and `Vectors = NR / lanes`; edge tiles use fewer rows or vectors,
/// reading the same packed panels.
package enum MicroTile<let Rows: Int, let Vectors: Int, Architecture: GEMMArchitecture> {
    /// The vector type of the architecture.
    package typealias Vector = Architecture.Vector

    /// Computes the tile `a-panel · b-panel` over `depth` steps into `target`.
    @inlinable @inline(__always)
    package static func run(depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, target: TileTarget) {
        let blocking = Architecture.blocking
        let vectorBytes = MemoryLayout<Vector>.stride
        var sums = InlineArray<Rows, InlineArray<Vectors, Vector>>(repeating: InlineArray(repeating: Vector()))
        var aStep = a
        var bStep = UnsafeRawPointer(b)
        for _ in 0..<depth {
            var bRow = InlineArray<Vectors, Vector>(repeating: Vector())
            for column in 0..<Vectors {
                bRow[unchecked: column] = bStep.loadUnaligned(fromByteOffset: column * vectorBytes, as: Vector.self)
            }
            for row in 0..<Rows {
                let aValue = Vector(repeating: aStep[row])
                for column in 0..<Vectors {
                    sums[unchecked: row][unchecked: column] = Architecture.multiplyAdd(
                        sums[unchecked: row][unchecked: column], aValue, bRow[unchecked: column])
                }
            }
            aStep += blocking.tileRows
            bStep += blocking.tileColumns * MemoryLayout<Float>.stride
        }
        store(sums, into: target)
    }

    /// Finishes the sums and stores them.
    @inlinable @inline(__always)
    package static func store(_ sums: InlineArray<Rows, InlineArray<Vectors, Vector>>, into target: TileTarget) {
        let lanes = Vector.scalarCount
        let beta = Vector(repeating: target.beta)
        for row in 0..<Rows {
            let cRow = UnsafeMutableRawPointer(target.c + row * target.leadingC)
            for column in 0..<Vectors {
                let offset = column * MemoryLayout<Vector>.stride
                var value = sums[unchecked: row][unchecked: column]
                if target.beta == 1 {
                    value += cRow.loadUnaligned(fromByteOffset: offset, as: Vector.self)
                } else if target.beta != 0 {
                    value = Architecture.multiplyAdd(value, beta, cRow.loadUnaligned(fromByteOffset: offset, as: Vector.self))
                }
                if let epilogue = target.epilogue {
                    if let rowBias = epilogue.rowBias { value += Vector(repeating: rowBias[row]) }
                    if let columnBias = epilogue.columnBias {
                        value += UnsafeRawPointer(columnBias + column * lanes).loadUnaligned(as: Vector.self)
                    }
                    if let residual = epilogue.residual {
                        let residualRow = residual + row * epilogue.residualLeadingDimension + column * lanes
                        value += UnsafeRawPointer(residualRow).loadUnaligned(as: Vector.self)
                    }
                    value = epilogue.activation.apply(value)
                }
                cRow.storeBytes(of: value, toByteOffset: offset, as: Vector.self)
            }
        }
    }
}
