import CNNIR
import CNNRuntime

/// Integer vectors that may hold named dimensions: made by `Shape`, read back by the ops that
/// take a shape (`Reshape`, `Expand`, ...).
enum SymbolicShapes {
    /// `symbolic` as an imported value: an i64 constant when every element is a size.
    static func value(_ symbolic: SymbolicInts, assembly: GraphAssembly, name: String) -> ImportedValue {
        guard let fixed = symbolic.fixedElements,
              let tensor = try? CNNRuntime.Tensor(shape: symbolic.shape, elements: fixed) else { return .symbolic(symbolic) }
        return .constant(assembly.constant(tensor, name: name))
    }

    /// The elements of a known integer value, as dimensions; nil for a value the graph computes.
    static func dimensions(of value: ImportedValue) throws -> [Dimension]? {
        switch value {
        case .symbolic(let symbolic): return symbolic.elements
        case .constant(let constant):
            guard constant.tensor.dtype == .i64 else {
                throw Diagnostic("expected an integer tensor, found \(constant.tensor.type)")
            }
            return try constant.tensor.elements(as: Int64.self).map { .fixed(Int($0)) }
        case .value, .unavailable, .invalid: return nil
        }
    }
}
