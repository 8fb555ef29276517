import CNNIR

/// The `shape` attribute of a `reshape` that turns one type into another.
enum ReshapeAttribute {
    /// A `shape` for which `reshape` of a value of type `input` infers exactly `output`, or nil
    /// when there is none: static sizes are written out, a named dimension at the same position
    /// in the input is copied with 0, and one other named dimension is inferred with -1.
    static func shape(from input: TensorType, to output: TensorType) -> [Int]? {
        var shape: [Int] = []
        var inferred = 0
        for (position, dimension) in output.shape.dimensions.enumerated() {
            switch dimension {
            case .fixed(let size):
                shape.append(size)
            case .named:
                if position < input.rank && input.shape[position] == dimension {
                    shape.append(0)
                } else {
                    shape.append(-1)
                    inferred += 1
                }
            }
        }
        guard inferred <= 1 else { return nil }
        let types = try? OpKind.reshape.schema.inferResultTypes(operands: [input], attributes: ["shape": .ints(shape)])
        return types == [output] ? shape : nil
    }
}
