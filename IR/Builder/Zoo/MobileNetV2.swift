extension ModelZoo {
    /// MobileNetV2 with width 1.0 as in torchvision, for [batch, 3, 224, 224]: `features.0`
    /// (3×3/2 conv to 32, batch_norm, relu6), the inverted residual blocks `features.1`…`17` of
    /// the (t, c, n, s) table, `features.18` (1×1 conv to 1280, batch_norm, relu6), `avgpool`,
    /// `flatten`, `classifier.0` (dropout 0.2) and `classifier.1` (dense).
    public static func mobilenetV2(batch: Dimension = 1, classes: Int = 1000) throws -> Graph {
        let table: [(expansion: Int, filters: Int, repeats: Int, stride: Int)] = [
            (1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1),
        ]
        var features: [any Layer] = [ConvNormActivation(filters: 32, stride: 2, activation: .relu6)]
        for row in table {
            for index in 0..<row.repeats {
                features.append(InvertedResidual(filters: row.filters, stride: index == 0 ? row.stride : 1,
                                                 expansion: row.expansion))
            }
        }
        features.append(ConvNormActivation(filters: 1280, kernel: 1, activation: .relu6))
        let model = Sequential(named: [
            ("features", Sequential(numbered: features)),
            ("avgpool", GlobalAveragePool()),
            ("flatten", Flatten()),
            ("classifier", Sequential(numbered: [Dropout(rate: 0.2), Dense(units: classes)])),
        ])
        return try model.graph(named: "mobilenet_v2", input: TensorType(.f32, Shape([batch, 3, 224, 224])),
                               weightsFile: "mobilenet_v2.safetensors")
    }
}
