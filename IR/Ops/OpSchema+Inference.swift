extension OpSchema {
    /// The operand list for messages and docs: `x, weight, bias?` or `inputs...`.
    public var operandSignature: String {
        operands.map { $0.name + ($0.isVariadic ? "..." : $0.isOptional ? "?" : "") }.joined(separator: ", ")
    }

    /// What is wrong with giving this op `count` operands, or `nil` if the count fits:
    /// `conv takes 2 or 3 operands (x, weight, bias?), found 1`.
    public func operandCountProblem(_ count: Int) -> String? {
        guard !acceptsOperandCount(count) else { return nil }
        let required = operands.filter { !$0.isOptional }.count
        let expected: String
        if operands.isEmpty {
            expected = "no operands"
        } else if operands.last?.isVariadic == true {
            expected = "at least \(required) operand\(required == 1 ? "" : "s") (\(operandSignature))"
        } else if required == operands.count {
            expected = "\(required) operand\(required == 1 ? "" : "s") (\(operandSignature))"
        } else {
            let range = operands.count == required + 1 ? "\(required) or \(operands.count)" : "\(required) to \(operands.count)"
            expected = "\(range) operands (\(operandSignature))"
        }
        return "\(kind) takes \(expected), found \(count)"
    }

    /// The result types of this op applied to operands of `operandTypes` with `attributes`
    /// (normalized and defaulted here). Throws a `Diagnostic` (without location) when the
    /// operand count, an attribute, or a shape does not fit.
    public func inferResultTypes(operands operandTypes: [TensorType], attributes: Attributes = Attributes(),
                                 resultCount: Int = 1) throws -> [TensorType] {
        if let problem = operandCountProblem(operandTypes.count) { throw Diagnostic(problem) }
        let resolved = try resolve(normalize(attributes))
        return try inferTypes(InferenceContext(op: kind, operands: operandTypes, attributes: resolved, resultCount: resultCount))
    }
}
