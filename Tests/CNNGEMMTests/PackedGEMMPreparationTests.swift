import CNNGEMM
import Foundation
import Testing

/// Preparing a product: sizes and leading dimensions are checked, workspace and packed sizes
/// follow the thread count and the register tile. Serialized: one test sets `CNNC_ISA`, which
/// the others read when they prepare products with the default instruction set.
@Suite("Packed GEMM preparation", .serialized)
struct PackedGEMMPreparationTests {
    @Test("negative sizes and short leading dimensions are rejected with what was expected")
    func rejectsBadShapes() {
        #expect(throws: GEMMError("matrix sizes must not be negative; found rows -1, columns 2, depth 3")) {
            try PackedGEMM(rows: -1, columns: 2, depth: 3)
        }
        #expect(throws: GEMMError("the leading dimension of A must be at least 3; found 2")) {
            try PackedGEMM(rows: 4, columns: 2, depth: 3, leadingA: 2)
        }
        #expect(throws: GEMMError("the leading dimension of B must be at least 3; found 2")) {
            try PackedGEMM(rows: 4, columns: 5, depth: 3, transposeB: true, leadingB: 2)
        }
        #expect(throws: GEMMError("the leading dimension of C must be at least 5; found 4")) {
            try PackedGEMM(rows: 4, columns: 5, depth: 3, leadingC: 4)
        }
    }

    @Test("dense leading dimensions by default, transposes included")
    func defaultLeadingDimensions() throws {
        let gemm = try PackedGEMM(rows: 4, columns: 5, depth: 3, transposeA: true, transposeB: true)
        #expect((gemm.leadingA, gemm.leadingB, gemm.leadingC) == (4, 3, 5))
    }

    @Test("the workspace grows with the thread count only when the product is shared", arguments: GEMMInstructionSet.supported)
    func workspaceSizes(instructionSet: GEMMInstructionSet) throws {
        let large = try PackedGEMM(rows: 64, columns: 3136, depth: 576, instructionSet: instructionSet)
        let oneThread = large.workspaceByteCount(threadCount: 1)
        #expect(oneThread > 0)
        #expect(large.workspaceByteCount(threadCount: 2) > oneThread)
        let tiny = try PackedGEMM(rows: 2, columns: 3, depth: 4, instructionSet: instructionSet)
        #expect(tiny.workspaceByteCount(threadCount: 8) == tiny.workspaceByteCount(threadCount: 1))
        #expect(large.packedAByteCount >= 64 * 576 * MemoryLayout<Float>.stride)
    }

    @Test("CNNC_ISA selects a slower instruction set, never an unsupported or unknown one")
    func environmentSelection() throws {
        defer { unsetenv(GEMMInstructionSet.environmentVariable) }
        #expect(GEMMInstructionSet.allCases.sorted() == [.generic, .avx2, .avx512])
        #expect(GEMMInstructionSet.supported.last == GEMMInstructionSet.best)
        for instructionSet in GEMMInstructionSet.supported {
            setenv(GEMMInstructionSet.environmentVariable, instructionSet.rawValue.uppercased(), 1)
            #expect(GEMMInstructionSet.selected() == instructionSet)
            #expect(try PackedGEMM(rows: 1, columns: 1, depth: 1).instructionSet == instructionSet)
        }
        setenv(GEMMInstructionSet.environmentVariable, "sse9", 1)
        #expect(GEMMInstructionSet.selected() == GEMMInstructionSet.best)
        for unsupported in GEMMInstructionSet.allCases where !unsupported.isSupported {
            setenv(GEMMInstructionSet.environmentVariable, unsupported.rawValue, 1)
            #expect(GEMMInstructionSet.selected() == GEMMInstructionSet.best)
            #expect(throws: GEMMError.self) { try PackedGEMM(rows: 1, columns: 1, depth: 1, instructionSet: unsupported) }
        }
    }
}
