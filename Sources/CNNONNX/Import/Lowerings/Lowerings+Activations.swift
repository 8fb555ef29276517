import CNNIR
import CNNRuntime

extension Lowerings {
    /// Activations, Softmax and LogSoftmax, Dropout and Identity.
    static let activations: [String: Lowering] = [
        "Relu": unary(.relu),
        "Sigmoid": unary(.sigmoid),
        "Tanh": unary(.tanh),
        "HardSwish": unary(.hardSwish),
        "LeakyRelu": unary(.leakyRelu) { ["alpha": .float(try $0.float("alpha", default: 0.01))] },
        "Elu": unary(.elu) { ["alpha": .float(try $0.float("alpha", default: 1.0))] },
        "HardSigmoid": unary(.hardSigmoid) {
            ["alpha": .float(try $0.float("alpha", default: 0.2)), "beta": .float(try $0.float("beta", default: 0.5))]
        },
        "PRelu": variadic(.prelu),
        "Softplus": unary(.softplus),
        "Gelu": unary(.gelu) { ["approximate": .string(try $0.string("approximate", default: "none"))] },
        "Clip": clip,
        "Softmax": softmax(.softmax),
        "LogSoftmax": softmax(.logSoftmax),
        "Dropout": dropout,
        "Identity": { lowering in [try lowering.input(0)] },
    ]

    /// Clip: bounds from attributes up to opset 6, from constant inputs from opset 11 (either may
    /// be left out). When min exceeds max, ONNX gives max everywhere, which clip {min = max, max = max} does.
    private static let clip: Lowering = { lowering in
        var lower = -Double.infinity, upper = Double.infinity
        if lowering.opset < 11 {
            lower = try lowering.float("min", default: lower)
            upper = try lowering.float("max", default: upper)
        } else {
            if let bound = try lowering.doublesInput(1, "min") { lower = try singleValue(bound, "min", lowering) }
            if let bound = try lowering.doublesInput(2, "max") { upper = try singleValue(bound, "max", lowering) }
        }
        if lower > upper { lower = upper }
        return [try lowering.emit1(.clip, [try lowering.input(0)], ["min": .float(lower), "max": .float(upper)])]
    }

    /// The one element of a scalar input.
    static func singleValue(_ values: [Double], _ role: String, _ lowering: NodeLowering) throws -> Double {
        guard values.count == 1, let value = values.first else {
            throw lowering.error("input \(role) must hold one value, found \(values.count)")
        }
        return value
    }

    /// Softmax and LogSoftmax. From opset 13 they normalize along one axis (default -1); before,
    /// the input is seen as a matrix split at `axis` (default 1), normalized along its rows:
    /// flatten at axis, normalize along axis 1, reshape back. On the last axis both agree.
    private static func softmax(_ kind: OpKind) -> Lowering {
        { lowering in
            let x = try lowering.input(0)
            let type = try lowering.type(of: x)
            if lowering.opset >= 13 {
                return [try lowering.emit1(kind, [x], ["axis": .int(try lowering.int("axis", default: -1))])]
            }
            let given = try lowering.int("axis", default: 1)
            let axis = given < 0 ? given + type.rank : given
            guard (0...max(type.rank - 1, 0)).contains(axis) else {
                throw lowering.error("axis \(given) is out of range for an input of rank \(type.rank)")
            }
            if axis == type.rank - 1 {
                return [try lowering.emit1(kind, [x], ["axis": .int(-1)])]
            }
            let matrix = try lowering.emit1(.flatten, [x], ["axis": .int(axis)])
            let normalized = try lowering.emit1(kind, [matrix], ["axis": .int(1)])
            return [try lowering.emit1(.reshape, [normalized], ["shape": .ints(try restoringShape(type.shape, lowering))])]
        }
    }

    /// A `reshape` shape that gives back `shape`: its sizes, with -1 for its one named dimension.
    static func restoringShape(_ shape: Shape, _ lowering: NodeLowering) throws -> [Int] {
        let named = shape.dimensions.filter { $0.fixedValue == nil }
        guard named.count <= 1 else {
            throw lowering.error("the input \(shape) has more than one named dimension; give the input shapes with --input-shape")
        }
        return shape.dimensions.map { $0.fixedValue ?? -1 }
    }

    /// Dropout: the identity at inference (and in training mode with ratio 0), its mask all
    /// true (ones before opset 10); training mode with another ratio is unsupported.
    private static let dropout: Lowering = { lowering in
        let x = try lowering.input(0)
        if lowering.opset >= 12, let training = try lowering.constantInput(2, "training_mode"), training.doubles.contains(where: { $0 != 0 }) {
            let ratio = try lowering.doublesInput(1, "ratio") ?? [0.5]
            guard ratio.allSatisfy({ $0 == 0 }) else { throw UnsupportedFeature(detail: "in training mode") }
        }
        guard lowering.isOutputUsed(1) else { return [x] }
        let type = try lowering.type(of: x)
        guard let shape = type.shape.fixedSizes else {
            throw lowering.error("the mask of x \(type) needs a static shape; give the input shapes with --input-shape")
        }
        let one = lowering.opset >= 10 ? CNNRuntime.Tensor(scalar: true) : try ConstantCast.cast(CNNRuntime.Tensor(scalar: Float(1)), to: type.dtype)
        let count = try GraphAssembly.foldedElementCount(shape)
        return [x, lowering.constant(try ElementShuffle.gather([one], positions: Array(repeating: 0, count: count), shape: shape), "mask")]
    }
}
