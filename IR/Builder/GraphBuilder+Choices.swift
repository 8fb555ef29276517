extension GraphBuilder {
    /// How a convolution or pool derives its pads from the input size (`auto_pad`).
    public enum AutoPad: String, CaseIterable, Sendable {
        /// The pads are the `pads` argument.
        case notset
        /// Output size ceil(in / stride); an odd total pad puts the extra at the end.
        case sameUpper = "same_upper"
        /// As `sameUpper`, with the extra pad at the beginning.
        case sameLower = "same_lower"
        /// No padding.
        case valid
    }

    /// How `pad` fills the border (`mode`).
    public enum PadMode: String, CaseIterable, Sendable {
        /// A constant value.
        case constant
        /// Mirrored without repeating the edge.
        case reflect
        /// The edge value repeated.
        case edge
    }

    /// How `resize` interpolates (`mode`).
    public enum ResizeMode: String, CaseIterable, Sendable {
        /// Nearest neighbour.
        case nearest
        /// Linear (bilinear on two spatial axes).
        case linear
    }

    /// How `resize` maps output coordinates to input coordinates
    /// (`coordinate_transformation_mode`).
    public enum CoordinateTransformation: String, CaseIterable, Sendable {
        case halfPixel = "half_pixel"
        case pytorchHalfPixel = "pytorch_half_pixel"
        case alignCorners = "align_corners"
        case asymmetric
    }

    /// How `resize` rounds a coordinate in nearest mode (`nearest_mode`).
    public enum NearestMode: String, CaseIterable, Sendable {
        case roundPreferFloor = "round_prefer_floor"
        case roundPreferCeil = "round_prefer_ceil"
        case floor
        case ceil
    }

    /// How a loss combines the per-sample values (`reduction`).
    public enum Reduction: String, CaseIterable, Sendable {
        /// The mean over samples: a scalar.
        case mean
        /// The sum over samples: a scalar.
        case sum
        /// One value per sample.
        case none
    }
}
