import CNNIR

/// One convolution layer to time: its shape, the algorithms to time it with, and the GEMM an
/// im2col conv of that shape performs.
struct ConvolutionCase {
    /// A label such as `3x3 64→64 56x56`.
    var label: String
    var inputChannels: Int
    var outputChannels: Int
    var size: Int
    var kernel: Int
    var stride: Int
    var groups: Int

    /// The algorithms that can run the layer (the values of the conv's `algorithm` attribute).
    var algorithms: [String] {
        if groups > 1 && groups == inputChannels && groups == outputChannels { return ["depthwise"] }
        if kernel == 1 && stride == 1 { return ["gemm1x1"] }
        if kernel == 3 && stride == 1 && groups == 1 { return ["im2col", "winograd2x2", "winograd4x4"] }
        return ["im2col"]
    }

    /// The padding that keeps "same" geometry for odd kernels.
    var pad: Int { kernel / 2 }
    /// The output height and width.
    var outputSize: Int { (size + 2 * pad - kernel) / stride + 1 }
    /// Rows, columns and depth of the product W[C_out × K] · columns[K × HW_out] (per group).
    var gemmShape: (m: Int, n: Int, k: Int) {
        (outputChannels / groups, outputSize * outputSize, inputChannels / groups * kernel * kernel)
    }
    /// Multiply-accumulates of the whole layer.
    var multiplyAccumulates: Int {
        let (m, n, k) = gemmShape
        return m * n * k * groups
    }

    /// A one-node graph computing this conv (with bias) on a batch of one with `algorithm`.
    func graph(algorithm: String) throws -> Graph {
        let builder = GraphBuilder(name: "bench")
        let x = try builder.input("x", TensorType(.f32, [1, inputChannels, size, size]))
        let weight = try builder.parameter("w", TensorType(.f32, [outputChannels, inputChannels / groups, kernel, kernel]))
        let bias = try builder.parameter("b", TensorType(.f32, [outputChannels]))
        let y = try builder.conv(x, weight: weight, bias: bias, strides: [stride, stride],
                                 pads: [pad, pad, pad, pad], groups: groups, name: "conv")
        try builder.output(y)
        var graph = try builder.build()
        graph.nodes[0].attributes["algorithm"] = .string(algorithm)
        return graph
    }

    /// The layers timed by default: ResNet-18's 3x3 stages, a strided conv, the stem, ResNet-50's
    /// 1x1 reduction, and depthwise convs of MobileNetV2 and EfficientNet.
    static let defaults: [ConvolutionCase] = [
        ConvolutionCase(label: "3x3 64→64 56x56", inputChannels: 64, outputChannels: 64, size: 56, kernel: 3, stride: 1, groups: 1),
        ConvolutionCase(label: "3x3 128→128 28x28", inputChannels: 128, outputChannels: 128, size: 28, kernel: 3, stride: 1, groups: 1),
        ConvolutionCase(label: "3x3 256→256 14x14", inputChannels: 256, outputChannels: 256, size: 14, kernel: 3, stride: 1, groups: 1),
        ConvolutionCase(label: "3x3 512→512 7x7", inputChannels: 512, outputChannels: 512, size: 7, kernel: 3, stride: 1, groups: 1),
        ConvolutionCase(label: "3x3/2 64→128 56x56", inputChannels: 64, outputChannels: 128, size: 56, kernel: 3, stride: 2, groups: 1),
        ConvolutionCase(label: "7x7/2 3→64 224x224", inputChannels: 3, outputChannels: 64, size: 224, kernel: 7, stride: 2, groups: 1),
        ConvolutionCase(label: "1x1 256→64 56x56", inputChannels: 256, outputChannels: 64, size: 56, kernel: 1, stride: 1, groups: 1),
        ConvolutionCase(label: "dw 3x3 144 56x56", inputChannels: 144, outputChannels: 144, size: 56, kernel: 3, stride: 1, groups: 144),
        ConvolutionCase(label: "dw 3x3/2 144 56x56", inputChannels: 144, outputChannels: 144, size: 56, kernel: 3, stride: 2, groups: 144),
        ConvolutionCase(label: "dw 3x3 32 112x112", inputChannels: 32, outputChannels: 32, size: 112, kernel: 3, stride: 1, groups: 32),
        ConvolutionCase(label: "dw 3x3 960 7x7", inputChannels: 960, outputChannels: 960, size: 7, kernel: 3, stride: 1, groups: 960),
        ConvolutionCase(label: "dw 5x5 240 14x14", inputChannels: 240, outputChannels: 240, size: 14, kernel: 5, stride: 1, groups: 240),
        ConvolutionCase(label: "dw 3x3 576 14x14", inputChannels: 576, outputChannels: 576, size: 14, kernel: 3, stride: 1, groups: 576),
        ConvolutionCase(label: "dw 3x3 384 14x14", inputChannels: 384, outputChannels: 384, size: 14, kernel: 3, stride: 1, groups: 384),
        ConvolutionCase(label: "dw 3x3/2 96 112x112", inputChannels: 96, outputChannels: 96, size: 112, kernel: 3, stride: 2, groups: 96),
    ]
}
