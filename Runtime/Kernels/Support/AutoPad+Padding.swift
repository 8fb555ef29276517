import CNNIR

extension AutoPad {
    /// The pads before and after one spatial axis that this mode gives a window of `extent`
    /// moving by `stride` over `input` positions (ONNX rules), or `nil` for notset (the `pads`
    /// attribute holds). valid pads nothing; same_upper and same_lower pad in total what gives
    /// ⌈input / stride⌉ windows — for a conv_transpose (`transposedOutputPadding` given)
    /// input·stride outputs — split evenly, the odd one at the end (upper) or the beginning (lower).
    func pads(input: Int, stride: Int, extent: Int, transposedOutputPadding: Int? = nil) -> (begin: Int, end: Int)? {
        var total = 0
        switch self {
        case .notset: return nil
        case .valid: break
        case .sameUpper, .sameLower:
            if let outputPadding = transposedOutputPadding {
                total = stride * (input - 1) + outputPadding + extent - input * stride
            } else {
                total = max(0, ((input + stride - 1) / stride - 1) * stride + extent - input)
            }
        }
        let begin = self == .sameLower ? total - total / 2 : total / 2
        return (begin, total - begin)
    }
}
