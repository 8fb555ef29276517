/// How a 2-D convolution or pooling layer pads its input.
public enum Padding: Sendable, Equatable {
    /// No padding.
    case valid
    /// Output size ceil(in / stride), as TensorFlow's and ONNX's `same_upper`: the total pad is
    /// split evenly, an odd extra pixel going to the end (bottom, right). Resolved to explicit
    /// pads, so the spatial sizes must be static.
    case same
    /// Pads in IR order: [top, left, bottom, right].
    case explicit([Int])

    /// The same pad on every side.
    public static func symmetric(_ amount: Int) -> Padding {
        .explicit([amount, amount, amount, amount])
    }

    /// The `same_upper` pads, [begin per axis..., end per axis...], for a window of `kernel`
    /// with positive `strides` and `dilations` over an input of `inputSizes` (lists of equal length).
    static func samePads(inputSizes: [Int], kernel: [Int], strides: [Int], dilations: [Int]) -> [Int] {
        var begins: [Int] = []
        var ends: [Int] = []
        for axis in inputSizes.indices {
            let output = (inputSizes[axis] + strides[axis] - 1) / strides[axis]
            let extent = (kernel[axis] - 1) * dilations[axis] + 1
            let total = max(0, (output - 1) * strides[axis] + extent - inputSizes[axis])
            begins.append(total / 2)
            ends.append(total - total / 2)
        }
        return begins + ends
    }

    /// The `pads` argument for an input `x` of layout [N, C, H, W] (`[]` when there is no
    /// padding). `same` needs static spatial sizes; otherwise `layer` throws a diagnostic.
    func pads<L: Layer>(for x: GraphValue, kernel: [Int], strides: [Int], dilations: [Int], layer: L,
                        name: String) throws -> [Int] {
        switch self {
        case .valid:
            return []
        case .explicit(let pads):
            return omittingNeutral(pads, 0)
        case .same:
            guard x.shape.rank == 4, let sizes = Shape(Array(x.shape.dimensions.dropFirst(2))).fixedSizes else {
                throw layer.error("'same' padding needs an input [N, C, H, W] with static H and W, found \(x.type)", name: name)
            }
            return omittingNeutral(Self.samePads(inputSizes: sizes, kernel: kernel, strides: strides, dilations: dilations), 0)
        }
    }
}
