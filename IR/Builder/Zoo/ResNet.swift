extension ModelZoo {
    /// ResNet-18 as in torchvision: basic blocks in stages of [2, 2, 2, 2], for [batch, 3, 224, 224].
    public static func resnet18(batch: Dimension = 1, classes: Int = 1000) throws -> Graph {
        try resnet(name: "resnet18", stages: [2, 2, 2, 2], batch: batch, classes: classes) { filters, stride in
            ResidualBlock(filters: filters, stride: stride)
        }
    }

    /// ResNet-50 as in torchvision (v1.5: the stride is on the 3×3 convolution): bottleneck blocks
    /// in stages of [3, 4, 6, 3], for [batch, 3, 224, 224].
    public static func resnet50(batch: Dimension = 1, classes: Int = 1000) throws -> Graph {
        try resnet(name: "resnet50", stages: [3, 4, 6, 3], batch: batch, classes: classes) { filters, stride in
            Bottleneck(filters: filters, stride: stride)
        }
    }

    /// One ResNet basic block (64 channels, stride 1, identity shortcut) on [batch, 64, 56, 56],
    /// named `block`.
    public static func resnetBlock(batch: Dimension = 1) throws -> Graph {
        try Sequential(named: [("block", ResidualBlock(filters: 64))])
            .graph(named: "resnet_block", input: TensorType(.f32, Shape([batch, 64, 56, 56])),
                   weightsFile: "resnet_block.safetensors")
    }

    /// The torchvision ResNet: stem `conv1` (7×7/2, no bias), `bn1`, `relu`, `maxpool` (3×3/2);
    /// stages `layer1`…`layer4` of `stages[i]` blocks with 64·2^i filters, the first block of
    /// every stage after the first with stride 2; `avgpool`, `flatten`, `fc`.
    private static func resnet(name: String, stages: [Int], batch: Dimension, classes: Int,
                               block: (_ filters: Int, _ stride: Int) -> any Layer) throws -> Graph {
        var layers: [(String, any Layer)] = [
            ("conv1", Conv2D(filters: 64, kernel: 7, stride: 2, padding: .symmetric(3), useBias: false)),
            ("bn1", BatchNorm()),
            ("relu", Activation.relu),
            ("maxpool", MaxPool2D(kernel: 3, stride: 2, padding: .symmetric(1))),
        ]
        for (stage, count) in stages.enumerated() {
            let blocks = (0..<count).map { index in block(64 << stage, index == 0 && stage > 0 ? 2 : 1) }
            layers.append(("layer\(stage + 1)", Sequential(numbered: blocks)))
        }
        layers += [("avgpool", GlobalAveragePool()), ("flatten", Flatten()), ("fc", Dense(units: classes))]
        return try Sequential(named: layers).graph(named: name, input: TensorType(.f32, Shape([batch, 3, 224, 224])),
                                                   weightsFile: "\(name).safetensors")
    }
}
