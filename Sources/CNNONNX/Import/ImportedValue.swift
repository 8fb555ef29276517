import CNNIR
import CNNRuntime

/// What an ONNX value name stands for while a model is imported.
///
/// A value is computed by the IR graph, known at import time (an initializer, a `Constant`, or
/// anything computed from those alone), an integer vector that holds named dimensions (a
/// `Shape` of an input with a symbolic batch), unavailable because the node that computes it
/// is unsupported, or invalid (an initializer whose elements cannot be read).
enum ImportedValue {
    /// An IR value, by its name in the graph being built.
    case value(String)
    /// A tensor known at import time.
    case constant(ConstantTensor)
    /// An i64 tensor some of whose elements are named dimensions.
    case symbolic(SymbolicInts)
    /// A value cnnc cannot compute; `reason` says why (`FLOAT16 tensors`), or is nil when the
    /// node computing it is already reported as unsupported.
    case unavailable(reason: String?)
    /// A tensor of the model that cannot be read (malformed elements, or values beyond what
    /// cnnc holds); an error once a node uses it.
    case invalid(Diagnostic)

    /// The constant, if the value is one.
    var constant: ConstantTensor? {
        if case .constant(let constant) = self { return constant }
        return nil
    }
}

/// A tensor known at import time, with the name it takes if it has to become a graph value.
struct ConstantTensor {
    /// Identifies the constant: the same constant used by several nodes becomes one graph value.
    let id: Int
    /// The elements.
    let tensor: CNNRuntime.Tensor
    /// The ONNX name of the value (the initializer's or the computing node's output).
    var name: String
    /// Whether the constant is an initializer of the model (a weight), which always becomes a parameter.
    let isInitializer: Bool
}

/// An integer tensor (usually a shape vector) whose elements are sizes or named dimensions, as
/// `Shape` gives for an input of type `f32[N,3,224,224]`: `[N, 3, 224, 224]`.
struct SymbolicInts {
    /// The elements in row-major order.
    var elements: [Dimension]
    /// The tensor's shape (`[]` for a scalar, `[4]` for a shape vector).
    var shape: [Int]

    /// The elements as integers, when none is named.
    var fixedElements: [Int64]? {
        var values: [Int64] = []
        for element in elements {
            guard let size = element.fixedValue else { return nil }
            values.append(Int64(size))
        }
        return values
    }

    /// The first named dimension among the elements, for messages.
    var firstSymbol: String? {
        for case .named(let name) in elements { return name }
        return nil
    }
}
