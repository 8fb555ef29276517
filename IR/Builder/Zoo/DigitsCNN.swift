extension ModelZoo {
    /// A small CNN for [batch, 1, 8, 8] digits (scikit-learn's 8×8 handwritten digits), the model
    /// `cnnc train` is shown with: conv 16@3×3 ('same', no bias) → batch norm → ReLU, conv 32@3×3
    /// ('same', bias, ReLU), max pool 2×2, dense `classes`. Layers are named by kind (`conv1`,
    /// `bn1`, `relu1`, `conv2`, `maxpool1`, `flatten1`, `fc1`).
    public static func digitsCNN(batch: Dimension = 1, classes: Int = 10) throws -> Graph {
        let model = Sequential([
            Conv2D(filters: 16, kernel: 3, padding: .same, useBias: false),
            BatchNorm(),
            Activation.relu,
            Conv2D(filters: 32, kernel: 3, padding: .same, activation: .relu),
            MaxPool2D(kernel: 2),
            Flatten(),
            Dense(units: classes),
        ])
        return try model.graph(named: "digits_cnn", input: TensorType(.f32, Shape([batch, 1, 8, 8])),
                               weightsFile: "digits_cnn.safetensors")
    }
}
