import CNNIR

/// An f32 tensor type from dimensions: `f32(1, 3, 224, 224)`, `f32(.named("N"), 3)`.
func f32(_ dimensions: Dimension...) -> TensorType { TensorType(.f32, Shape(dimensions)) }

/// An f64 tensor type from dimensions.
func f64(_ dimensions: Dimension...) -> TensorType { TensorType(.f64, Shape(dimensions)) }

/// An i64 tensor type from dimensions.
func i64(_ dimensions: Dimension...) -> TensorType { TensorType(.i64, Shape(dimensions)) }

/// A bool tensor type from dimensions.
func boolean(_ dimensions: Dimension...) -> TensorType { TensorType(.bool, Shape(dimensions)) }

/// The single result type `op` infers for the operands and attributes.
func infer(_ op: OpKind, _ operands: [TensorType], _ attributes: Attributes = [:]) throws -> TensorType? {
    try op.schema.inferResultTypes(operands: operands, attributes: attributes).first
}

/// The message of the diagnostic `op` throws for the operands and attributes (and a node of
/// `resultCount` results), or `nil` if inference succeeds.
func inferenceError(_ op: OpKind, _ operands: [TensorType], _ attributes: Attributes = [:], resultCount: Int = 1) -> String? {
    do {
        _ = try op.schema.inferResultTypes(operands: operands, attributes: attributes, resultCount: resultCount)
        return nil
    } catch let diagnostic as Diagnostic {
        return diagnostic.message
    } catch {
        return "unexpected error: \(error)"
    }
}
