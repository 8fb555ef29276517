/// The values a string attribute may take, as Swift enums: the op schemas check attributes
/// against them, and the builder takes them as typed arguments. The raw value is the text form.

/// How a convolution or pool derives its pads from the input size (`auto_pad`, ONNX rules).
public enum AutoPad: String, CaseIterable, Sendable {
    /// The pads are the `pads` attribute.
    case notset
    /// Output size ceil(in/stride) (in·stride when transposed); an odd total pad puts the extra at the end.
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

/// How `resize` maps an output coordinate to an input coordinate (`coordinate_transformation_mode`).
/// `target` is in·scale, the output length before rounding.
public enum CoordinateTransformation: String, CaseIterable, Sendable {
    /// (out + 0.5) / scale − 0.5.
    case halfPixel = "half_pixel"
    /// As `halfPixel`, shifted by in/2·(1 − outSize/target) so that the centres of input and
    /// output coincide when the output length was rounded.
    case halfPixelSymmetric = "half_pixel_symmetric"
    /// As `halfPixel`, but −0.5 when the output length is 1.
    case pytorchHalfPixel = "pytorch_half_pixel"
    /// out · (in − 1) / (target − 1): corners map to corners.
    case alignCorners = "align_corners"
    /// out / scale.
    case asymmetric
    /// out · (end − start)·(in − 1) / (target − 1) + start·(in − 1), for the region of interest
    /// `roi` (fractions start and end of the axis); outputs outside the input take the
    /// extrapolation value.
    case tfCropAndResize = "tf_crop_and_resize"
}

/// How `resize` rounds an input coordinate in nearest mode (`nearest_mode`).
public enum NearestMode: String, CaseIterable, Sendable {
    /// Round half down.
    case roundPreferFloor = "round_prefer_floor"
    /// Round half up.
    case roundPreferCeil = "round_prefer_ceil"
    /// Round down.
    case floor
    /// Round up.
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

/// Which form of GELU `gelu` computes (`approximate`).
public enum GeluApproximation: String, CaseIterable, Sendable {
    /// The exact form x·Φ(x), with Φ from the error function.
    case none
    /// The tanh approximation 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
    case tanh
}

/// How `depth_to_space` orders the channels it moves into space (`mode`).
public enum DepthToSpaceMode: String, CaseIterable, Sendable {
    /// Depth-column-row: output (c, h·b + i, w·b + j) reads input channel (i·b + j)·C/b² + c.
    case dcr = "DCR"
    /// Column-row-depth: output (c, h·b + i, w·b + j) reads input channel c·b² + i·b + j
    /// (PyTorch's pixel_shuffle).
    case crd = "CRD"
}

/// The kernel a conv or fused_conv runs on (`algorithm`), chosen by the select-kernels pass.
public enum ConvolutionAlgorithm: String, CaseIterable, Sendable {
    /// The runtime chooses by its own rule when the plan is prepared.
    case auto
    /// Gathered columns (im2col) times the weights, on the packed GEMM.
    case im2col
    /// A 1x1, stride-1, unpadded conv as one GEMM of weights and input.
    case gemm1x1
    /// Winograd F(2x2, 3x3) for 3x3, stride-1, dilation-1 convs.
    case winograd2x2
    /// Winograd F(4x4, 3x3) for 3x3, stride-1, dilation-1 convs.
    case winograd4x4
    /// The direct SIMD kernel of depthwise convs (groups = C_in = C_out).
    case depthwise
    /// The reference loops (any conv; slow).
    case direct
}

/// The activation a fused_conv applies after its bias and residual (`activation`); the two
/// parameters are `activation_alpha` and `activation_beta`.
public enum FusedActivation: String, CaseIterable, Sendable {
    /// The identity.
    case none
    /// max(x, 0).
    case relu
    /// x where x ≥ 0, alpha·x elsewhere.
    case leakyRelu = "leaky_relu"
    /// min(max(x, alpha), beta) (relu6: alpha 0, beta 6).
    case clip
    /// 1 / (1 + e^−x).
    case sigmoid
    /// tanh(x).
    case tanh
    /// max(0, min(1, alpha·x + beta)).
    case hardSigmoid = "hard_sigmoid"
    /// x·max(0, min(1, x/6 + 1/2)).
    case hardSwish = "hard_swish"
    /// x·sigmoid(x).
    case silu
}
