extension ModelZoo {
    /// A small VGG for [batch, 3, 32, 32] CIFAR images: 3×3 convolutions ('same', bias, ReLU)
    /// 64, 64, pool, 128, 128, pool, 256, 256, pool, then dense 512 (ReLU), dropout 0.5 and dense
    /// `classes`. Layers are named by kind (`conv1`…`conv6`, `maxpool1`…, `fc1`, `fc2`).
    public static func vggSmall(batch: Dimension = 1, classes: Int = 10) throws -> Graph {
        let configuration: [Int?] = [64, 64, nil, 128, 128, nil, 256, 256, nil]
        let features: [any Layer] = configuration.map { filters in
            guard let filters else { return MaxPool2D(kernel: 2) }
            return Conv2D(filters: filters, kernel: 3, padding: .same, activation: .relu)
        }
        let classifier: [any Layer] = [Flatten(), Dense(units: 512, activation: .relu), Dropout(rate: 0.5), Dense(units: classes)]
        return try Sequential(features + classifier).graph(named: "vgg_small", input: TensorType(.f32, Shape([batch, 3, 32, 32])),
                                                           weightsFile: "vgg_small.safetensors")
    }
}
