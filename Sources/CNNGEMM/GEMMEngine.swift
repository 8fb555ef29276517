import CNNGEMMAVX2
import CNNGEMMAVX512

/// The packed-GEMM entry points of one instruction set.
struct GEMMEngine {
    /// The instruction set whose kernels run.
    var instructionSet: GEMMInstructionSet

    /// Its register tile and cache blocks.
    var blocking: GEMMBlocking {
        switch instructionSet {
        case .generic: GenericArchitecture.blocking
        case .avx2: AVX2GEMM.blocking
        case .avx512: AVX512GEMM.blocking
        }
    }

    /// Packs all of A for products with packed A.
    func packA(_ a: UnsafePointer<Float>, leading: Int, transposed: Bool, rows: Int, depth: Int,
               into packed: UnsafeMutablePointer<Float>) {
        switch instructionSet {
        case .generic:
            GEMMDriver<GenericArchitecture>.packA(a, leading: leading, transposed: transposed, rows: rows, depth: depth, into: packed)
        case .avx2:
            AVX2GEMM.packA(a, leading: leading, transposed: transposed, rows: rows, depth: depth, into: packed)
        case .avx512:
            AVX512GEMM.packA(a, leading: leading, transposed: transposed, rows: rows, depth: depth, into: packed)
        }
    }

    /// Packs all of B for operations with `packedB`.
    func packB(_ b: UnsafePointer<Float>, leading: Int, transposed: Bool, columns: Int, depth: Int,
               into packed: UnsafeMutablePointer<Float>) {
        switch instructionSet {
        case .generic:
            GEMMDriver<GenericArchitecture>.packB(b, leading: leading, transposed: transposed, columns: columns, depth: depth,
                                                  into: packed)
        case .avx2:
            AVX2GEMM.packB(b, leading: leading, transposed: transposed, columns: columns, depth: depth, into: packed)
        case .avx512:
            AVX512GEMM.packB(b, leading: leading, transposed: transposed, columns: columns, depth: depth, into: packed)
        }
    }

    /// Computes the block `rows × columns` of the operation's C with one thread's workspace.
    func multiply(_ operation: GEMMOperation, rows: Range<Int>, columns: Range<Int>, workspace: UnsafeMutablePointer<Float>) {
        switch instructionSet {
        case .generic:
            GEMMDriver<GenericArchitecture>.multiply(operation, rows: rows, columns: columns, workspace: workspace)
        case .avx2:
            AVX2GEMM.multiply(operation, rows: rows, columns: columns, workspace: workspace)
        case .avx512:
            AVX512GEMM.multiply(operation, rows: rows, columns: columns, workspace: workspace)
        }
    }
}
