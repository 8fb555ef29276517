extension ModelZoo {
    /// ResNet-20 for [batch, 3, 32, 32] CIFAR-10 images (He et al. 2016, §4.2): a 3×3 stem `conv1`
    /// to 16 channels (no bias), `bn1`, `relu`; stages `layer1`…`layer3` of three basic blocks
    /// with 16, 32 and 64 filters, the first block of the second and third stages with stride 2
    /// and a 1×1 convolution + batch norm shortcut (`downsample`, torchvision's option B) where
    /// the shape changes; `avgpool`, `flatten`, `fc` to `classes`. Same names as ResNet-18.
    public static func resnet20CIFAR(batch: Dimension = 1, classes: Int = 10) throws -> Graph {
        var layers: [(String, any Layer)] = [
            ("conv1", Conv2D(filters: 16, kernel: 3, padding: .symmetric(1), useBias: false)),
            ("bn1", BatchNorm()),
            ("relu", Activation.relu),
        ]
        for (stage, filters) in [16, 32, 64].enumerated() {
            let blocks: [any Layer] = (0..<3).map { index in ResidualBlock(filters: filters, stride: index == 0 && stage > 0 ? 2 : 1) }
            layers.append(("layer\(stage + 1)", Sequential(numbered: blocks)))
        }
        layers += [("avgpool", GlobalAveragePool()), ("flatten", Flatten()), ("fc", Dense(units: classes))]
        return try Sequential(named: layers).graph(named: "resnet20_cifar", input: TensorType(.f32, Shape([batch, 3, 32, 32])),
                                                   weightsFile: "resnet20_cifar.safetensors")
    }
}
