import CNNGEMM
import Testing

/// The packed GEMM on every instruction set this processor supports, against a double-precision
/// reference, with poisoned gaps around every operand.
@Suite("Packed GEMM")
struct PackedGEMMTests {
    /// The number of random cases per instruction set.
    static let randomCaseCount = 220

    @Test("random shapes, layouts, betas, epilogues, packed A and thread counts", arguments: GEMMInstructionSet.supported)
    func randomCases(instructionSet: GEMMInstructionSet) throws {
        var random = TestRandom(seed: 5)
        var worstError = 0.0
        for index in 0..<PackedGEMMTests.randomCaseCount {
            let testCase = GEMMCase.random(using: &random)
            let check = try GEMMCheck(testCase, instructionSet: instructionSet, seed: UInt64(index))
            #expect(check.failures.isEmpty, "case \(index): \(testCase): \(check.failures.joined(separator: "; "))")
            worstError = max(worstError, check.relativeError)
        }
        print("\(instructionSet): worst relative L2 error over \(PackedGEMMTests.randomCaseCount) cases: \(worstError)")
    }

    @Test("a workspace too small for one thread still gives the product (on scratch of the call's own)",
          arguments: GEMMInstructionSet.supported)
    func undersizedWorkspace(instructionSet: GEMMInstructionSet) throws {
        let (rows, columns, depth) = (37, 53, 71)
        var random = TestRandom(seed: 11)
        let a = random.values(rows * depth), b = random.values(depth * columns)
        var c = [Float](repeating: .nan, count: rows * columns)
        let gemm = try PackedGEMM(rows: rows, columns: columns, depth: depth, instructionSet: instructionSet)
        let tooSmall = UnsafeMutableRawBufferPointer.allocate(byteCount: 16, alignment: 64)
        defer { tooSmall.deallocate() }
        gemm.multiply(a: a, b: b, c: &c, workspace: tooSmall, threadCount: 2)
        for row in 0..<rows {
            for column in 0..<columns {
                let expected = (0..<depth).reduce(0.0) { $0 + Double(a[row * depth + $1]) * Double(b[$1 * columns + column]) }
                // 71 products of magnitude ≤ 1 in f32 (ε ≈ 6e-8 per rounding): far below 1e-4.
                #expect(abs(Double(c[row * columns + column]) - expected) < 1e-4, "C[\(row), \(column)]")
            }
        }
    }

    @Test("every edge size around the register tiles, each activation", arguments: GEMMInstructionSet.supported)
    func edgeSizes(instructionSet: GEMMInstructionSet) throws {
        let activations: [GEMMActivation] = [.none, .relu, .relu6, .leakyRelu(slope: 0.2)]
        var index = 0
        for rows in [1, 5, 6, 7, 8, 9, 12, 17] {
            for columns in [1, 4, 8, 15, 16, 17, 31, 47, 48, 49, 97] {
                let testCase = GEMMCase(rows: rows, columns: columns, depth: 1 + index % 11, beta: index % 3 == 0 ? 1 : 0,
                                        rowBias: true, columnBias: index % 2 == 0, residual: index % 4 < 2,
                                        activation: activations[index % activations.count], packedA: index % 2 == 1)
                let check = try GEMMCheck(testCase, instructionSet: instructionSet, seed: UInt64(index))
                #expect(check.failures.isEmpty, "\(testCase): \(check.failures.joined(separator: "; "))")
                index += 1
            }
        }
    }

    @Test("several row, column and depth blocks on two threads", arguments: GEMMInstructionSet.supported)
    func manyBlocks(instructionSet: GEMMInstructionSet) throws {
        let cases = [
            GEMMCase(rows: 200, columns: 70, depth: 800, beta: 0.5, rowBias: true, residual: true, activation: .relu, threadCount: 2),
            GEMMCase(rows: 3, columns: 4200, depth: 5, transposeB: true, rowBias: true, columnBias: true, packedA: true, threadCount: 2),
            GEMMCase(rows: 9, columns: 8300, depth: 150, beta: 1, residual: true, activation: .relu6, packedA: true),
            GEMMCase(rows: 64, columns: 300, depth: 577, transposeA: true, beta: 1, residual: true, packedA: true, threadCount: 2),
        ]
        for (index, testCase) in cases.enumerated() {
            let check = try GEMMCheck(testCase, instructionSet: instructionSet, seed: UInt64(100 + index))
            #expect(check.failures.isEmpty, "\(testCase): \(check.failures.joined(separator: "; "))")
        }
    }

    @Test("depth 0 gives epilogue(beta·C); an empty C is left alone", arguments: GEMMInstructionSet.supported)
    func emptyProducts(instructionSet: GEMMInstructionSet) throws {
        for beta: Float in [0, 1, -2] {
            let testCase = GEMMCase(rows: 9, columns: 50, depth: 0, beta: beta, rowBias: true, residual: true, activation: .relu)
            let check = try GEMMCheck(testCase, instructionSet: instructionSet, seed: 7)
            #expect(check.failures.isEmpty, "\(testCase): \(check.failures.joined(separator: "; "))")
        }
        let gemm = try PackedGEMM(rows: 0, columns: 5, depth: 3, instructionSet: instructionSet)
        var c = [Float](repeating: GEMMOperands.poison, count: 5)
        let workspace = UnsafeMutableRawBufferPointer.allocate(byteCount: gemm.workspaceByteCount(threadCount: 1), alignment: 64)
        defer { workspace.deallocate() }
        let a: [Float] = [], b = [Float](repeating: 1, count: 15)
        gemm.multiply(a: a, b: b, c: &c, workspace: workspace)
        #expect(c.allSatisfy { $0.bitPattern == GEMMOperands.poison.bitPattern })
    }

    @Test("A packed once gives the same bits as A packed during the product", arguments: GEMMInstructionSet.supported)
    func packedAMatchesUnpacked(instructionSet: GEMMInstructionSet) throws {
        var random = TestRandom(seed: 3)
        let (m, n, k) = (37, 101, 450)
        let a = random.values(m * k), b = random.values(k * n)
        let gemm = try PackedGEMM(rows: m, columns: n, depth: k, instructionSet: instructionSet)
        let workspace = UnsafeMutableRawBufferPointer.allocate(byteCount: gemm.workspaceByteCount(threadCount: 2), alignment: 64)
        defer { workspace.deallocate() }
        let packed = UnsafeMutableRawPointer.allocate(byteCount: gemm.packedAByteCount, alignment: 64)
        defer { packed.deallocate() }
        gemm.packA(a, into: packed)
        var unpackedC = [Float](repeating: 0, count: m * n), packedC = unpackedC
        gemm.multiply(a: a, b: b, c: &unpackedC, workspace: workspace, threadCount: 2)
        gemm.multiply(packedA: packed, b: b, c: &packedC, workspace: workspace, threadCount: 2)
        #expect(unpackedC == packedC)
        #expect(unpackedC.contains { $0 != 0 })
    }

    @Test("bands of rows computed one by one give the bits of the whole product", arguments: GEMMInstructionSet.supported)
    func rowBandsMatchWholeProduct(instructionSet: GEMMInstructionSet) throws {
        var random = TestRandom(seed: 4)
        let (m, n, k) = (43, 49, 700)
        let a = random.values(m * k), b = random.values(k * n), bias = random.values(m)
        let gemm = try PackedGEMM(rows: m, columns: n, depth: k, instructionSet: instructionSet)
        let workspace = UnsafeMutableRawBufferPointer.allocate(byteCount: gemm.workspaceByteCount(threadCount: 1), alignment: 64)
        defer { workspace.deallocate() }
        let packed = UnsafeMutableRawPointer.allocate(byteCount: gemm.packedAByteCount, alignment: 64)
        defer { packed.deallocate() }
        gemm.packA(a, into: packed)
        var whole = [Float](repeating: 0, count: m * n), banded = whole
        bias.withUnsafeBufferPointer { bias in
            let epilogue = GEMMEpilogue(rowBias: bias.baseAddress, activation: .relu)
            gemm.multiply(packedA: packed, b: b, c: &whole, epilogue: epilogue, workspace: workspace)
            let step = 2 * gemm.rowAlignment
            banded.withUnsafeMutableBufferPointer { c in
                for first in stride(from: 0, to: m, by: step) {
                    gemm.multiply(packedA: packed, b: b, c: c.baseAddress!, rows: first..<min(m, first + step),
                                  epilogue: epilogue, workspace: workspace)
                }
            }
        }
        #expect(whole == banded)
        #expect(whole.contains { $0 != 0 })
    }

    @Test("B packed once, column bands one by one, A transposed: the bits of the whole product", arguments: GEMMInstructionSet.supported)
    func packedBColumnBands(instructionSet: GEMMInstructionSet) throws {
        var random = TestRandom(seed: 5)
        let (m, n, k) = (49, 150, 800)
        // A stored depth × rows (transposed), B stored columns × depth (transposed), like a
        // conv's column matrix and weights.
        let a = random.values(k * m), b = random.values(n * k), bias = random.values(n)
        let gemm = try PackedGEMM(rows: m, columns: n, depth: k, transposeA: true, transposeB: true, instructionSet: instructionSet)
        let workspace = UnsafeMutableRawBufferPointer.allocate(byteCount: gemm.workspaceByteCount(threadCount: 2), alignment: 64)
        defer { workspace.deallocate() }
        let packed = UnsafeMutableRawPointer.allocate(byteCount: gemm.packedBByteCount, alignment: 64)
        defer { packed.deallocate() }
        gemm.packB(b, into: packed)
        var whole = [Float](repeating: 0, count: m * n), banded = whole
        bias.withUnsafeBufferPointer { bias in
            let epilogue = GEMMEpilogue(columnBias: bias.baseAddress, activation: .relu)
            gemm.multiply(a: a, b: b, c: &whole, epilogue: epilogue, workspace: workspace, threadCount: 2)
            banded.withUnsafeMutableBufferPointer { c in
                for first in stride(from: 0, to: n, by: gemm.columnAlignment) {
                    gemm.multiply(a: a, packedB: packed, c: c.baseAddress!, columns: first..<min(n, first + gemm.columnAlignment),
                                  epilogue: epilogue, workspace: workspace)
                }
            }
        }
        #expect(whole == banded)
        #expect(whole.contains { $0 != 0 })
    }

    @Test("A read in place run by run (windowed) gives the bits of the same A packed, over depth blocks, column edges, runs longer than a tile and rows past C",
          arguments: GEMMInstructionSet.supported)
    func windowedAMatchesPackedA(instructionSet: GEMMInstructionSet) throws {
        var random = TestRandom(seed: 17)
        let (m, n, k) = (45, 150, 800)
        let gemm = try PackedGEMM(rows: m, columns: n, depth: k, transposeB: true, instructionSet: instructionSet)
        // Runs of 1 to 2·MR + 2 rows (longer ones are cut into tiles), at scattered places of the
        // source; every depth step its own offset.
        let source = random.values(4096)
        var runs: [WindowRun] = []
        while runs.reduce(0, { $0 + $1.count }) < m {
            let row = runs.reduce(0) { $0 + $1.count }
            let count = min(m - row, 1 + Int.random(in: 0..<(2 * gemm.rowAlignment + 2), using: &random))
            runs.append(WindowRun(start: Int.random(in: 0..<2048, using: &random), row: row, count: count))
        }
        let offsets = (0..<k).map { _ in Int.random(in: 0..<2032, using: &random) }
        var a = [Float](repeating: 0, count: m * k)
        for run in runs {
            for row in 0..<run.count {
                for step in 0..<k { a[(run.row + row) * k + step] = source[run.start + row + offsets[step]] }
            }
        }
        // A run past C's last row writes nothing (the guard rows after C stay NaN).
        runs.append(WindowRun(start: 100, row: m, count: 3))
        let b = random.values(n * k), bias = random.values(n)
        let initial = random.values(m * n) + [Float](repeating: .nan, count: 3 * n)
        let workspace = UnsafeMutableRawBufferPointer.allocate(byteCount: gemm.workspaceByteCount(threadCount: 1), alignment: 64)
        defer { workspace.deallocate() }
        let packed = UnsafeMutableRawPointer.allocate(byteCount: gemm.packedBByteCount, alignment: 64)
        defer { packed.deallocate() }
        gemm.packB(b, into: packed)
        var fromPacked = initial, fromWindows = initial
        bias.withUnsafeBufferPointer { bias in
            let epilogue = GEMMEpilogue(columnBias: bias.baseAddress, activation: .relu)
            fromPacked.withUnsafeMutableBufferPointer { c in
                gemm.multiply(a: a, packedB: packed, c: c.baseAddress!, columns: 0..<n, beta: 1, epilogue: epilogue,
                              workspace: workspace)
            }
            source.withUnsafeBufferPointer { source in
                offsets.withUnsafeBufferPointer { offsets in
                    runs.withUnsafeBufferPointer { runs in
                        fromWindows.withUnsafeMutableBufferPointer { c in
                            let windowed = WindowedRows(source: source.baseAddress!, depthOffsets: offsets.baseAddress!, runs: runs)
                            gemm.multiply(windowedA: windowed, packedB: packed, c: c.baseAddress!, columns: 0..<n, beta: 1,
                                          epilogue: epilogue, workspace: workspace)
                        }
                    }
                }
            }
        }
        #expect(Array(fromWindows[..<(m * n)]) == Array(fromPacked[..<(m * n)]))
        #expect(fromWindows[(m * n)...].allSatisfy { $0.isNaN })
        #expect(fromPacked != initial)
    }
}
