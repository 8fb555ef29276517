extension ModelZoo {
    /// LeNet-5 with ReLU and max pooling for [batch, 1, 28, 28] digits: conv 6@5×5 ('same'),
    /// pool, conv 16@5×5, pool, dense 120, 84, `classes`. Layers are named by kind (`conv1`, `fc3`).
    public static func lenet5(batch: Dimension = 1, classes: Int = 10) throws -> Graph {
        let model = Sequential([
            Conv2D(filters: 6, kernel: 5, padding: .same, activation: .relu),
            MaxPool2D(kernel: 2),
            Conv2D(filters: 16, kernel: 5, activation: .relu),
            MaxPool2D(kernel: 2),
            Flatten(),
            Dense(units: 120, activation: .relu),
            Dense(units: 84, activation: .relu),
            Dense(units: classes),
        ])
        return try model.graph(named: "lenet5", input: TensorType(.f32, Shape([batch, 1, 28, 28])),
                               weightsFile: "lenet5.safetensors")
    }
}
