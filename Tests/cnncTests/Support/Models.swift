/// Small models in IR text for the command-line tests, with their figures computed by hand.
enum Models {
    /// conv 3→4 (3x3, pad 1) → relu → flatten → gemm 256→10, batch 1, weights in "tiny.safetensors".
    ///
    /// Parameters: 4·3·3·3 + 4 + 10·256 + 10 = 2682. MACs: conv 4·8·8 outputs × 27 = 6912, gemm
    /// 10 × 256 = 2560; 9472 in all.
    static let tiny = batched.replacingOccurrences(of: "[N,", with: "[1,")

    /// `tiny` with a named batch dimension `N`.
    static let batched = """
        graph @tiny(%x: f32[N,3,8,8]) -> f32[N,10] {
          weights "tiny.safetensors"
          %conv.w = param f32[4,3,3,3]
          %conv.b = param f32[4]
          %fc.w = param f32[10,256]
          %fc.b = param f32[10]
          %0 = conv %x, %conv.w, %conv.b {pads = [1,1,1,1]} : f32[N,4,8,8]
          %1 = relu %0 : f32[N,4,8,8]
          %2 = flatten %1 : f32[N,256]
          %3 = gemm %2, %fc.w, %fc.b {trans_b = true} : f32[N,10]
          return %3
        }
        """

    /// `tiny` with `fc.w` stored transposed, [256,10]: same names, one tensor of another shape.
    static let transposedDense = tiny
        .replacingOccurrences(of: "%fc.w = param f32[10,256]", with: "%fc.w = param f32[256,10]")
        .replacingOccurrences(of: " {trans_b = true}", with: "")

    /// `tiny` with a misspelled op on line 8 (column 8 is where the op name starts).
    static let misspelledOp = tiny.replacingOccurrences(of: "= relu %0", with: "= rleu %0")

    /// `tiny` with conv and relu declaring 9x9 outputs (line 7: conv infers 8x8; line 8: relu agrees
    /// with its operand) and flatten still declaring 256 values (line 9: it infers 4·9·9 = 324):
    /// two verification errors.
    static let wrongTypes = tiny.replacingOccurrences(of: "f32[1,4,8,8]", with: "f32[1,4,9,9]")

    /// A model with no parameters and no weights file.
    static let parameterFree = """
        graph @activation(%x: f32[2,3]) -> f32[2,3] {
          %0 = relu %x : f32[2,3]
          return %0
        }
        """
}
