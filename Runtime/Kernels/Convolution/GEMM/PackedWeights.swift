import CNNGEMM
import CNNIR

/// A conv's weights packed once, when the plan is prepared, into the panel order of the packed
/// GEMM, one packed operand per channel group (`C_out/g × K`, K = C_in/g · kernel volume), so
/// that runs multiply without repacking them: as A (the weights are the product's rows,
/// `GEMMConvolutionKernel`) or as B stored transposed (the output channels are the product's
/// columns, `SmallMapConvolutionKernel`).
final class PackedWeights: @unchecked Sendable {
    /// Which operand of the product the weights are.
    enum Operand {
        /// A, `C_out/g` rows by K.
        case a
        /// B stored transposed: K by `C_out/g` columns.
        case b
    }

    /// The packed panels of every group, back to back, 64-byte aligned.
    private let storage: UnsafeMutableRawPointer
    /// The bytes of one group's panels (a multiple of 64).
    private let bytesPerGroup: Int

    /// Packs `weights` (`[C_out, C_in/g, k...]`, f32) as `operand` of `product` (one group's
    /// product, of depth K). Throws a `Diagnostic` when the weights are not f32.
    init(_ weights: Tensor, product: PackedGEMM, groups: Int, as operand: Operand = .a) throws {
        let packedBytes = operand == .a ? product.packedAByteCount : product.packedBByteCount
        bytesPerGroup = (packedBytes + 63) / 64 * 64
        storage = UnsafeMutableRawPointer.allocate(byteCount: max(bytesPerGroup * groups, 64), alignment: 64)
        let groupFloats = (operand == .a ? product.rows : product.columns) * product.depth
        try weights.withUnsafeBufferPointer(of: Float.self) { elements in
            guard let base = elements.baseAddress, elements.count >= groupFloats * groups else {
                throw Diagnostic("the weights hold \(elements.count) elements, expected \(groupFloats * groups)")
            }
            for group in 0..<groups {
                switch operand {
                case .a: product.packA(base + group * groupFloats, into: storage + group * bytesPerGroup)
                case .b: product.packB(base + group * groupFloats, into: storage + group * bytesPerGroup)
                }
            }
        }
    }

    deinit { storage.deallocate() }

    /// The packed panels of `group`.
    func panels(ofGroup group: Int) -> UnsafeRawPointer {
        UnsafeRawPointer(storage + group * bytesPerGroup)
    }
}
