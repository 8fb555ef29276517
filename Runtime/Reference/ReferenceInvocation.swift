import CNNIR

/// One evaluation of an op as a reference kernel sees it: the operands, every attribute of the
/// op's schema (given or defaulted), and how many results the node has.
///
/// Accessors throw a `Diagnostic` (without location: the executor adds the node's) when an
/// operand or attribute is missing or has the wrong kind.
struct ReferenceInvocation {
    /// The op being evaluated.
    let op: OpKind
    /// The operands, in order.
    let operands: [Tensor]
    /// Every attribute of the schema: given values, or defaults (`OpSchema.resolve`).
    let attributes: [String: AttributeValue]
    /// The number of results the node declares (how many parts `split` makes).
    let resultCount: Int

    /// The element type of a result computed in `Double`: that of the floating operands (which
    /// must agree), else that of the first operand, else f32. Throws a `Diagnostic` when the
    /// floating operands have different element types.
    func resultDType() throws -> DType {
        let floating = operands.map(\.dtype).filter(\.isFloatingPoint)
        if let first = floating.first {
            guard floating.allSatisfy({ $0 == first }) else {
                throw Diagnostic("floating operands must share one element type, found \(floating.map(\.rawValue).joined(separator: ", "))")
            }
            return first
        }
        return operands.first?.dtype ?? .f32
    }

    /// The operand at `index`; throws if it is absent.
    func tensor(_ index: Int) throws -> Tensor {
        guard index < operands.count else {
            throw Diagnostic("missing operand \(operandName(index)) (operand \(index + 1))")
        }
        return operands[index]
    }

    /// The operand at `index` as a working array; throws if it is absent.
    func array(_ index: Int) throws -> ReferenceArray {
        ReferenceArray(try tensor(index))
    }

    /// The operand at `index` as an array of `Number`s (see `ReferenceNumber.elements(of:)`);
    /// throws if it is absent.
    func numbers<Number: ReferenceNumber>(_ index: Int, as type: Number.Type) throws -> ShapedArray<Number> {
        let operand = try tensor(index)
        return ShapedArray(shape: operand.shape, values: Number.elements(of: operand))
    }

    /// The operand at `index` as a working array, or `nil` if it was left out.
    func optionalArray(_ index: Int) -> ReferenceArray? {
        index < operands.count ? ReferenceArray(operands[index]) : nil
    }

    /// The operand's name in the op's schema, for messages.
    func operandName(_ index: Int) -> String {
        let specs = op.schema.operands
        if index < specs.count { return "'\(specs[index].name)'" }
        if let last = specs.last, last.isVariadic { return "'\(last.name)'" }
        return "#\(index + 1)"
    }

    /// An integer attribute.
    func int(_ name: String) throws -> Int {
        let value = try attribute(name)
        guard case .int(let integer) = value else { throw mismatch(name, .int, value) }
        return integer
    }

    /// A number attribute (an integer is accepted).
    func double(_ name: String) throws -> Double {
        let value = try attribute(name)
        switch value {
        case .float(let number): return number
        case .int(let integer): return Double(integer)
        default: throw mismatch(name, .float, value)
        }
    }

    /// A boolean attribute.
    func bool(_ name: String) throws -> Bool {
        let value = try attribute(name)
        guard case .bool(let flag) = value else { throw mismatch(name, .bool, value) }
        return flag
    }

    /// A list-of-integers attribute.
    func ints(_ name: String) throws -> [Int] {
        let value = try attribute(name)
        switch value {
        case .ints(let integers): return integers
        case .floats(let numbers) where numbers.isEmpty: return []
        default: throw mismatch(name, .ints, value)
        }
    }

    /// A list-of-numbers attribute (a list of integers is accepted).
    func doubles(_ name: String) throws -> [Double] {
        let value = try attribute(name)
        switch value {
        case .floats(let numbers): return numbers
        case .ints(let integers): return integers.map(Double.init)
        default: throw mismatch(name, .floats, value)
        }
    }

    /// A tensor-literal attribute.
    func tensorLiteral(_ name: String) throws -> TensorLiteral {
        let value = try attribute(name)
        guard case .tensor(let literal) = value else { throw mismatch(name, .tensor, value) }
        return literal
    }

    /// A string attribute that must be one of `allowed`.
    func choice(_ name: String, _ allowed: [String]) throws -> String {
        let value = try attribute(name)
        guard case .string(let text) = value else { throw mismatch(name, .string, value) }
        guard allowed.contains(text) else {
            throw Diagnostic("attribute '\(name)' must be one of \(allowed.map { "\"\($0)\"" }.joined(separator: ", ")), found \"\(text)\"")
        }
        return text
    }

    /// The named attribute; throws if the schema neither has it nor gave a default.
    private func attribute(_ name: String) throws -> AttributeValue {
        guard let value = attributes[name] else { throw Diagnostic("missing attribute '\(name)'") }
        return value
    }

    /// The error for an attribute of the wrong kind.
    private func mismatch(_ name: String, _ expected: AttributeKind, _ found: AttributeValue) -> Diagnostic {
        Diagnostic("attribute '\(name)' must be \(expected), found \(found.kind)")
    }
}
