/// A single-precision matrix product `C = epilogue(A·B + beta·C)` on cnnc's packed GEMM,
/// prepared once for its sizes and layouts and then run many times.
///
/// - A is `rows × depth` (M × K), stored row-major with leading dimension `leadingA`, or stored
///   `depth × rows` when `transposeA`; B is `depth × columns` (K × N), or stored `columns ×
///   depth` when `transposeB`; C is `rows × columns` with leading dimension `leadingC`, and
///   only its `rows × columns` elements are written.
/// - `beta` 0 overwrites C without reading it; other values scale and add its contents.
/// - The epilogue (row bias, column bias, residual, activation) is applied to each tile of C
///   in registers after its last block of the inner dimension.
/// - A convolution passes its weights `[C_out × K]` as A and its im2col columns `[K × HW]`
///   (or, for a 1x1 convolution, the input `[C_in × HW]`) as B, and can pack the weights
///   once with `packA` and multiply with `multiply(packedA:…)`.
///
/// Nothing is allocated while it runs: the caller provides the workspace
/// (`workspaceByteCount(threadCount:)`) and, for packed A, its storage (`packedAByteCount`). A
/// workspace too small for even one thread is replaced by scratch allocated for that call.
/// The kernels are those of `instructionSet`, chosen when the product is prepared.
public struct PackedGEMM: Sendable, Equatable {
    /// Rows of A and C (M).
    public let rows: Int
    /// Columns of B and C (N).
    public let columns: Int
    /// Columns of A and rows of B (K).
    public let depth: Int
    /// Whether A is stored `depth × rows`.
    public let transposeA: Bool
    /// Whether B is stored `columns × depth`.
    public let transposeB: Bool
    /// The distance between consecutive stored rows of A.
    public let leadingA: Int
    /// The distance between consecutive stored rows of B.
    public let leadingB: Int
    /// The distance between consecutive rows of C.
    public let leadingC: Int
    /// The instruction set whose kernels compute the product.
    public let instructionSet: GEMMInstructionSet

    /// Prepares a product. Leading dimensions default to the stored row lengths (dense
    /// matrices); the instruction set defaults to `GEMMInstructionSet.selected()`.
    public init(rows: Int, columns: Int, depth: Int, transposeA: Bool = false, transposeB: Bool = false,
                leadingA: Int? = nil, leadingB: Int? = nil, leadingC: Int? = nil,
                instructionSet: GEMMInstructionSet = .selected()) throws(GEMMError) {
        guard rows >= 0, columns >= 0, depth >= 0 else {
            throw GEMMError("matrix sizes must not be negative; found rows \(rows), columns \(columns), depth \(depth)")
        }
        guard instructionSet.isSupported else {
            throw GEMMError("this processor does not support \(instructionSet.rawValue); best is \(GEMMInstructionSet.best.rawValue)")
        }
        self.rows = rows
        self.columns = columns
        self.depth = depth
        self.transposeA = transposeA
        self.transposeB = transposeB
        self.leadingA = leadingA ?? (transposeA ? rows : depth)
        self.leadingB = leadingB ?? (transposeB ? depth : columns)
        self.leadingC = leadingC ?? columns
        self.instructionSet = instructionSet
        try check(leading: self.leadingA, of: "A", rowLength: transposeA ? rows : depth)
        try check(leading: self.leadingB, of: "B", rowLength: transposeB ? depth : columns)
        try check(leading: self.leadingC, of: "C", rowLength: columns)
    }

    /// Throws unless a leading dimension covers the stored row length.
    private func check(leading: Int, of matrix: String, rowLength: Int) throws(GEMMError) {
        guard leading >= max(rowLength, 1) else {
            throw GEMMError("the leading dimension of \(matrix) must be at least \(max(rowLength, 1)); found \(leading)")
        }
    }

    /// The kernels of the instruction set.
    private var engine: GEMMEngine { GEMMEngine(instructionSet: instructionSet) }

    /// The bytes of A packed by `packA` (64-byte aligned storage recommended).
    public var packedAByteCount: Int {
        engine.blocking.packedAFloatCount(rows: rows, depth: depth) * MemoryLayout<Float>.stride
    }

    /// The workspace bytes a product on `threadCount` threads needs (any alignment).
    public func workspaceByteCount(threadCount: Int) -> Int {
        let partition = partition(threadCount: threadCount)
        return partition.parts * workspaceFloatsPerThread * MemoryLayout<Float>.stride + Self.workspaceAlignment
    }

    /// Packs A (stored as this product describes) into `packed`, `packedAByteCount` bytes, for
    /// `multiply(packedA:…)` of this product.
    public func packA(_ a: UnsafePointer<Float>, into packed: UnsafeMutableRawPointer) {
        let floats = packed.bindMemory(to: Float.self, capacity: max(1, packedAByteCount / MemoryLayout<Float>.stride))
        engine.packA(a, leading: leadingA, transposed: transposeA, rows: rows, depth: depth, into: floats)
    }

    /// Computes `C = epilogue(A·B + beta·C)` on up to `threadCount` threads (fewer if the
    /// workspace holds fewer threads' scratch, or the product is too small to share).
    public func multiply(a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>,
                         beta: Float = 0, epilogue: GEMMEpilogue = .none,
                         workspace: UnsafeMutableRawBufferPointer, threadCount: Int = 1) {
        run(.unpacked(a, leadingDimension: leadingA, transposed: transposeA), b: b, c: c, beta: beta,
            epilogue: epilogue, workspace: workspace, threadCount: threadCount)
    }

    /// Computes `C = epilogue(A·B + beta·C)` with A packed beforehand by `packA` of this
    /// product, on up to `threadCount` threads.
    public func multiply(packedA: UnsafeRawPointer, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>,
                         beta: Float = 0, epilogue: GEMMEpilogue = .none,
                         workspace: UnsafeMutableRawBufferPointer, threadCount: Int = 1) {
        let floats = packedA.assumingMemoryBound(to: Float.self)
        run(.packed(floats), b: b, c: c, beta: beta, epilogue: epilogue, workspace: workspace, threadCount: threadCount)
    }

    /// The granularity of `multiply(packedA:…rows:…)`'s row bands: the register tile's rows (MR).
    public var rowAlignment: Int { engine.blocking.tileRows }

    /// The granularity of `multiply(a:packedB:…columns:…)`'s column bands: the register tile's
    /// columns (NR).
    public var columnAlignment: Int { engine.blocking.tileColumns }

    /// The bytes of B packed by `packB` (64-byte aligned storage recommended).
    public var packedBByteCount: Int {
        engine.blocking.packedBFloatCount(columns: columns, depth: depth) * MemoryLayout<Float>.stride
    }

    /// Packs B (stored as this product describes) into `packed`, `packedBByteCount` bytes, for
    /// `multiply(a:packedB:…)` of this product.
    public func packB(_ b: UnsafePointer<Float>, into packed: UnsafeMutableRawPointer) {
        let floats = packed.bindMemory(to: Float.self, capacity: max(1, packedBByteCount / MemoryLayout<Float>.stride))
        engine.packB(b, leading: leadingB, transposed: transposeB, columns: columns, depth: depth, into: floats)
    }

    /// Computes the rows `rows` of `C = epilogue(A·B + beta·C)` on the calling thread alone,
    /// with A packed beforehand by `packA`; `rows.lowerBound` must be a multiple of
    /// `rowAlignment`, and `workspace` hold `workspaceByteCount(threadCount: 1)` bytes. Threads
    /// that split a product by rows this way each pack B for themselves.
    public func multiply(packedA: UnsafeRawPointer, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>,
                         rows: Range<Int>, beta: Float = 0, epilogue: GEMMEpilogue = .none,
                         workspace: UnsafeMutableRawBufferPointer) {
        let operation = GEMMOperation(rows: self.rows, columns: columns, depth: depth,
                                      a: .packed(packedA.assumingMemoryBound(to: Float.self)), b: b, leadingB: leadingB,
                                      transposeB: transposeB, c: c, leadingC: leadingC, beta: beta, epilogue: epilogue)
        runBand(operation, rows: rows, columns: 0..<columns, workspace: workspace)
    }

    /// Computes the columns `columns` of `C = epilogue(A·B + beta·C)` on the calling thread
    /// alone, with B packed beforehand by `packB`; `columns.lowerBound` must be a multiple of
    /// `columnAlignment`, and `workspace` hold `workspaceByteCount(threadCount: 1)` bytes.
    /// Threads that split a product by columns this way each pack A for themselves.
    public func multiply(a: UnsafePointer<Float>, packedB: UnsafeRawPointer, c: UnsafeMutablePointer<Float>,
                         columns: Range<Int>, beta: Float = 0, epilogue: GEMMEpilogue = .none,
                         workspace: UnsafeMutableRawBufferPointer) {
        runColumnBand(.unpacked(a, leadingDimension: leadingA, transposed: transposeA), packedB: packedB, c: c,
                      columns: columns, beta: beta, epilogue: epilogue, workspace: workspace)
    }

    /// Computes the columns `columns` of `C = epilogue(A·B + beta·C)` on the calling thread
    /// alone, with A packed beforehand by `packA` and B given as packed panels (`packB`'s
    /// layout: for each depth step, NR floats per column tile); `columns.lowerBound` must be a
    /// multiple of `columnAlignment`, and `workspace` hold `workspaceByteCount(threadCount: 1)`
    /// bytes. For products whose B is built panel by panel straight in packed form.
    public func multiply(packedA: UnsafeRawPointer, packedB: UnsafeRawPointer, c: UnsafeMutablePointer<Float>,
                         columns: Range<Int>, beta: Float = 0, epilogue: GEMMEpilogue = .none,
                         workspace: UnsafeMutableRawBufferPointer) {
        runColumnBand(.packed(packedA.assumingMemoryBound(to: Float.self)), packedB: packedB, c: c, columns: columns,
                      beta: beta, epilogue: epilogue, workspace: workspace)
    }

    /// Computes the columns `columns` of `C = epilogue(A·B + beta·C)` on the calling thread
    /// alone, with A read in place from `windowedA` (its runs' rows of C are computed) and B
    /// packed beforehand by `packB`; `columns.lowerBound` must be a multiple of
    /// `columnAlignment`, and `workspace` hold `workspaceByteCount(threadCount: 1)` bytes. For
    /// convs whose output positions are the rows, read from their input without a column matrix.
    public func multiply(windowedA: WindowedRows, packedB: UnsafeRawPointer, c: UnsafeMutablePointer<Float>,
                         columns: Range<Int>, beta: Float = 0, epilogue: GEMMEpilogue = .none,
                         workspace: UnsafeMutableRawBufferPointer) {
        runColumnBand(.windowed(windowedA), packedB: packedB, c: c, columns: columns, beta: beta, epilogue: epilogue,
                      workspace: workspace)
    }

    /// Computes the columns `columns` of `C = epilogue(A·B + beta·C)` on the calling thread,
    /// with A as `a` gives it and B packed beforehand (the `multiply(…packedB:…)` variants).
    private func runColumnBand(_ a: GEMMOperandA, packedB: UnsafeRawPointer, c: UnsafeMutablePointer<Float>,
                               columns: Range<Int>, beta: Float, epilogue: GEMMEpilogue,
                               workspace: UnsafeMutableRawBufferPointer) {
        let packed = packedB.assumingMemoryBound(to: Float.self)
        let operation = GEMMOperation(rows: rows, columns: self.columns, depth: depth, a: a, b: packed,
                                      leadingB: leadingB, transposeB: transposeB, c: c, leadingC: leadingC, beta: beta,
                                      epilogue: epilogue, packedB: packed)
        runBand(operation, rows: 0..<rows, columns: columns, workspace: workspace)
    }

    /// Computes one band of `operation` on the calling thread, on `workspace` (or on scratch of
    /// its own when that is too small).
    private func runBand(_ operation: GEMMOperation, rows: Range<Int>, columns: Range<Int>,
                         workspace: UnsafeMutableRawBufferPointer) {
        let rowBand = rows.clamped(to: 0..<self.rows), columnBand = columns.clamped(to: 0..<self.columns)
        guard !rowBand.isEmpty, !columnBand.isEmpty else { return }
        let (scratch, threadsThatFit) = threadScratch(workspace, floatsPerThread: workspaceFloatsPerThread)
        guard let scratch, threadsThatFit >= 1 else {
            let own = UnsafeMutableRawBufferPointer.allocate(byteCount: workspaceByteCount(threadCount: 1),
                                                              alignment: Self.workspaceAlignment)
            defer { own.deallocate() }
            runBand(operation, rows: rows, columns: columns, workspace: own)
            return
        }
        engine.multiply(operation, rows: rowBand, columns: columnBand, workspace: scratch)
    }

    /// The alignment the workspace is rounded up to, and the slack reserved for it.
    private static let workspaceAlignment = 64

    /// One thread's scratch floats.
    private var workspaceFloatsPerThread: Int {
        engine.blocking.workspaceLayout(rows: rows, columns: columns, depth: depth).floats
    }

    /// The split of this product among `threadCount` threads.
    private func partition(threadCount: Int) -> GEMMPartition {
        GEMMPartition(rows: rows, columns: columns, depth: depth, blocking: engine.blocking,
                      threadCount: max(1, threadCount))
    }

    /// Splits the product into bands and computes them on the shared worker pool.
    private func run(_ a: GEMMOperandA, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>, beta: Float,
                     epilogue: GEMMEpilogue, workspace: UnsafeMutableRawBufferPointer, threadCount: Int) {
        guard rows > 0, columns > 0 else { return }
        let perThreadFloats = workspaceFloatsPerThread
        let (scratch, threadsThatFit) = threadScratch(workspace, floatsPerThread: perThreadFloats)
        guard let scratch, threadsThatFit >= 1 else {
            // A workspace smaller than one thread's scratch: compute on scratch of this call's own.
            let own = UnsafeMutableRawBufferPointer.allocate(byteCount: workspaceByteCount(threadCount: 1),
                                                              alignment: Self.workspaceAlignment)
            defer { own.deallocate() }
            run(a, b: b, c: c, beta: beta, epilogue: epilogue, workspace: own, threadCount: 1)
            return
        }
        let partition = partition(threadCount: min(threadCount, threadsThatFit))
        let operation = GEMMOperation(rows: rows, columns: columns, depth: depth, a: a, b: b, leadingB: leadingB,
                                      transposeB: transposeB, c: c, leadingC: leadingC, beta: beta, epilogue: epilogue)
        let engine = engine
        WorkerPool.shared.run(parts: partition.parts) { part in
            let (bandRows, bandColumns) = partition.ranges(of: part)
            engine.multiply(operation, rows: bandRows, columns: bandColumns, workspace: scratch + part * perThreadFloats)
        }
    }

    /// The workspace's first 64-byte boundary as floats, and how many threads' scratch fits.
    private func threadScratch(_ workspace: UnsafeMutableRawBufferPointer,
                               floatsPerThread: Int) -> (UnsafeMutablePointer<Float>?, Int) {
        guard let base = workspace.baseAddress else { return (nil, 0) }
        let aligned = base.alignedUp(toMultipleOf: Self.workspaceAlignment)
        let threads = (workspace.count - (aligned - base)) / (floatsPerThread * MemoryLayout<Float>.stride)
        return (aligned.bindMemory(to: Float.self, capacity: max(threads, 1) * floatsPerThread), threads)
    }
}
