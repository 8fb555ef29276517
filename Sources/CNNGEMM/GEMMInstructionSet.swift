import CCPU
import Foundation

/// The instruction sets the packed GEMM has kernels for, from the most portable to the fastest.
///
/// The fastest one the processor supports is used unless the environment variable `CNNC_ISA`
/// (`generic`, `avx2` or `avx512`) asks for a slower one, which lets tests and benchmarks
/// exercise every path on one machine.
public enum GEMMInstructionSet: String, Sendable, CaseIterable, Comparable {
    /// The columns of the packed GEMM's register tile on this instruction set (NR): products
    /// whose column count is a multiple of it end in no partial tile.
    public var columnTile: Int { GEMMEngine(instructionSet: self).blocking.tileColumns }

    /// Portable SIMD4 code without fused multiply-adds (any processor).
    case generic
    /// SIMD8 with fused multiply-adds (x86-64 with AVX2 and FMA).
    case avx2
    /// SIMD16 with fused multiply-adds (x86-64 with AVX-512F).
    case avx512

    /// The environment variable that forces an instruction set.
    public static let environmentVariable = "CNNC_ISA"

    /// The fastest instruction set this processor supports.
    public static let best: GEMMInstructionSet = {
        let hasAVX2 = ccpu_has_avx2_fma() != 0
        if hasAVX2 && ccpu_has_avx512f() != 0 { return .avx512 }
        return hasAVX2 ? .avx2 : .generic
    }()

    /// The instruction sets this processor supports, slowest first.
    public static var supported: [GEMMInstructionSet] { allCases.filter(\.isSupported) }

    /// Whether this processor supports the instruction set.
    public var isSupported: Bool { self <= GEMMInstructionSet.best }

    /// The instruction set to use now: `CNNC_ISA` if it names a supported one, else the best
    /// one (a request for an unsupported or unknown one falls back to the best).
    public static func selected() -> GEMMInstructionSet {
        guard let value = getenv(environmentVariable),
              let requested = GEMMInstructionSet(rawValue: String(cString: value).lowercased()),
              requested.isSupported else { return best }
        return requested
    }

    /// Orders the instruction sets from the most portable to the fastest.
    public static func < (left: GEMMInstructionSet, right: GEMMInstructionSet) -> Bool {
        left.rank < right.rank
    }

    /// The position in the order.
    private var rank: Int {
        switch self {
        case .generic: 0
        case .avx2: 1
        case .avx512: 2
        }
    }
}
