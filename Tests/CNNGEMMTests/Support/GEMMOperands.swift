import CNNGEMM

/// The stored operands of one `GEMMCase`: random values inside each matrix, NaN in the gaps
/// between rows and after the bias vectors, so that any read or write outside shows.
struct GEMMOperands {
    /// The value of every element outside the matrices (a quiet NaN with a payload).
    static let poison = Float(bitPattern: 0x7FC0_1234)

    var a: [Float]
    var b: [Float]
    var c: [Float]
    var rowBias: [Float]
    var columnBias: [Float]
    var residual: [Float]
    var leadingA: Int
    var leadingB: Int
    var leadingC: Int
    var leadingResidual: Int

    init(_ testCase: GEMMCase, random: inout TestRandom) {
        let (m, n, k) = (testCase.rows, testCase.columns, testCase.depth)
        leadingA = (testCase.transposeA ? m : k) + testCase.padding
        leadingB = (testCase.transposeB ? k : n) + testCase.padding
        leadingC = n + testCase.padding
        leadingResidual = n + 2 * testCase.padding + 1
        a = GEMMOperands.matrix(testCase.transposeA ? k : m, testCase.transposeA ? m : k, leading: leadingA, random: &random)
        b = GEMMOperands.matrix(testCase.transposeB ? n : k, testCase.transposeB ? k : n, leading: leadingB, random: &random)
        // With beta 0 C is never read: its inside is poisoned too, so that a read shows.
        c = GEMMOperands.matrix(m, n, leading: leadingC, random: &random)
        if testCase.beta == 0 { c = c.map { _ in GEMMOperands.poison } }
        residual = GEMMOperands.matrix(m, n, leading: leadingResidual, random: &random)
        rowBias = random.values(m) + [Float](repeating: GEMMOperands.poison, count: 16)
        columnBias = random.values(n) + [Float](repeating: GEMMOperands.poison, count: 16)
    }

    /// A `rows × columns` matrix of random values with poisoned gaps and one poisoned row after it.
    static func matrix(_ rows: Int, _ columns: Int, leading: Int, random: inout TestRandom) -> [Float] {
        var values = [Float](repeating: poison, count: (rows + 1) * leading)
        for row in 0..<rows {
            for column in 0..<columns { values[row * leading + column] = Float.random(in: -1..<1, using: &random) }
        }
        return values
    }

    /// The bytes after the workspace and after packed A that must keep their fill value.
    static let guardBytes = 4096

    /// Runs the product into `c` (packing A first when the case asks for it); returns whether
    /// the bytes after the workspace and after packed A were left alone.
    func run(_ gemm: PackedGEMM, _ testCase: GEMMCase, c: inout [Float]) -> Bool {
        let workspaceBytes = gemm.workspaceByteCount(threadCount: testCase.threadCount)
        let workspaceStorage = UnsafeMutableRawBufferPointer.allocate(byteCount: workspaceBytes + GEMMOperands.guardBytes,
                                                                      alignment: 64)
        defer { workspaceStorage.deallocate() }
        let packedStorage = UnsafeMutableRawBufferPointer.allocate(byteCount: gemm.packedAByteCount + GEMMOperands.guardBytes,
                                                                   alignment: 64)
        defer { packedStorage.deallocate() }
        workspaceStorage.initializeMemory(as: UInt8.self, repeating: 0xA5)
        packedStorage.initializeMemory(as: UInt8.self, repeating: 0xA5)
        let workspace = UnsafeMutableRawBufferPointer(rebasing: workspaceStorage[..<workspaceBytes])
        let packed = packedStorage.baseAddress!
        rowBias.withUnsafeBufferPointer { rowBias in
            columnBias.withUnsafeBufferPointer { columnBias in
                residual.withUnsafeBufferPointer { residual in
                    let epilogue = GEMMEpilogue(
                        rowBias: testCase.rowBias ? rowBias.baseAddress : nil,
                        columnBias: testCase.columnBias ? columnBias.baseAddress : nil,
                        residual: testCase.residual ? residual.baseAddress : nil,
                        residualLeadingDimension: leadingResidual, activation: testCase.activation)
                    a.withUnsafeBufferPointer { a in
                        b.withUnsafeBufferPointer { b in
                            c.withUnsafeMutableBufferPointer { c in
                                if testCase.packedA {
                                    gemm.packA(a.baseAddress!, into: packed)
                                    gemm.multiply(packedA: packed, b: b.baseAddress!, c: c.baseAddress!, beta: testCase.beta,
                                                  epilogue: epilogue, workspace: workspace, threadCount: testCase.threadCount)
                                } else {
                                    gemm.multiply(a: a.baseAddress!, b: b.baseAddress!, c: c.baseAddress!, beta: testCase.beta,
                                                  epilogue: epilogue, workspace: workspace, threadCount: testCase.threadCount)
                                }
                            }
                        }
                    }
                }
            }
        }
        return workspaceStorage[workspaceBytes...].allSatisfy { $0 == 0xA5 }
            && packedStorage[gemm.packedAByteCount...].allSatisfy { $0 == 0xA5 }
    }

    /// The expected C in double precision (dense, `rows × columns`), and for each element the
    /// sum of the magnitudes of its terms (the scale of its rounding error).
    func reference(_ testCase: GEMMCase) -> (values: [Double], magnitudes: [Double]) {
        let (m, n, k) = (testCase.rows, testCase.columns, testCase.depth)
        var values = [Double](repeating: 0, count: m * n)
        var magnitudes = [Double](repeating: 0, count: m * n)
        for row in 0..<m {
            for column in 0..<n {
                var sum = 0.0, magnitude = 0.0
                for step in 0..<k {
                    let left = Double(testCase.transposeA ? a[step * leadingA + row] : a[row * leadingA + step])
                    let right = Double(testCase.transposeB ? b[column * leadingB + step] : b[step * leadingB + column])
                    sum += left * right
                    magnitude += abs(left * right)
                }
                var extras: [Double] = []
                if testCase.beta != 0 { extras.append(Double(testCase.beta) * Double(c[row * leadingC + column])) }
                if testCase.rowBias { extras.append(Double(rowBias[row])) }
                if testCase.columnBias { extras.append(Double(columnBias[column])) }
                if testCase.residual { extras.append(Double(residual[row * leadingResidual + column])) }
                for extra in extras {
                    sum += extra
                    magnitude += abs(extra)
                }
                values[row * n + column] = GEMMOperands.activate(sum, testCase.activation)
                magnitudes[row * n + column] = magnitude
            }
        }
        return (values, magnitudes)
    }

    /// The activation in double precision, written out independently of the kernels.
    static func activate(_ value: Double, _ activation: GEMMActivation) -> Double {
        switch activation {
        case .none: value
        case .relu: max(value, 0)
        case .clip(let lower, let upper): min(max(value, Double(lower)), Double(upper))
        case .leakyRelu(let slope): value >= 0 ? value : Double(slope) * value
        }
    }
}
