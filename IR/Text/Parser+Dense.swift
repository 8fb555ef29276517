/// One element of a dense literal as written: a number, `true` or `false`, or a bracketed list
/// of elements.
indirect enum DenseElement {
    case scalar(DenseScalar, SourceLocation)
    case list([DenseElement], SourceLocation)
}

/// A single element of a dense literal: a number, or a boolean (`true`, `false`).
enum DenseScalar: CustomStringConvertible {
    case number(NumberLiteral)
    case boolean(Bool)

    /// What the element is, for messages: `a number` or `a boolean`.
    var kindName: String {
        if case .boolean = self { return "a boolean" }
        return "a number"
    }

    /// The element as written, for messages.
    var description: String {
        switch self {
        case .number(.integer(let value)): return String(value)
        case .number(.floating(let value)): return IRPrinter.number(value)
        case .boolean(let value): return value ? "true" : "false"
        }
    }
}

/// Dense tensor literals: `dense<[[1.0, 2.0], [3.0, 4.0]]> : f32[2,2]`, a splat `dense<0.5> : f32[4]`,
/// or booleans `dense<[true, false]> : bool[2]`.
extension Parser {
    /// The most elements a dense literal may have (larger tensors belong in the weights file).
    static let maximumDenseElements = 1 << 24

    /// Parses `dense<elements> : type` (current token `dense`) into a literal whose nesting
    /// matches the type's static shape. A single element fills the whole tensor. `i64` literals
    /// hold integers, `bool` literals `true` and `false`, `f32` and `f64` literals numbers.
    mutating func parseDenseLiteral() throws -> TensorLiteral {
        try advance()
        try expect(.leftAngle, "'<' after 'dense'")
        let element = try parseDenseElement(depth: 0)
        try expect(.rightAngle, "'>' to close 'dense<'")
        try expect(.colon, "':' and the literal's type after 'dense<...>'")
        let typeLocation = token.location
        let type = try parseType("after 'dense<...> :'")
        guard let sizes = type.shape.fixedSizes else {
            throw Diagnostic("the type of a dense literal must have a static shape, found \(IRPrinter.type(type))",
                             at: typeLocation)
        }
        guard let count = type.shape.elementCount, count <= Self.maximumDenseElements else {
            throw Diagnostic("a dense literal may have at most \(Self.maximumDenseElements) elements; "
                             + "put larger tensors in the weights file as a param", at: typeLocation)
        }
        let layout = DenseLayout(type: type, sizes: sizes, count: count)
        switch type.dtype {
        case .i64:
            return TensorLiteral(type: type, storage: .integer(try layout.flatten(element) { scalar, location in
                guard case .number(.integer(let value)) = scalar else {
                    throw Diagnostic("expected an integer in an i64 literal, found \(scalar)", at: location)
                }
                return Int64(value)
            }))
        case .bool:
            return TensorLiteral(shape: type.shape, booleans: try layout.flatten(element) { scalar, location in
                guard case .boolean(let value) = scalar else {
                    throw Diagnostic("expected true or false in a bool literal, found \(scalar)", at: location)
                }
                return value
            })
        case .f32, .f64:
            return TensorLiteral(type: type, storage: .floating(try layout.flatten(element) { scalar, location in
                guard case .number(let number) = scalar else {
                    throw Diagnostic("expected a number in a \(type.dtype) literal, found \(scalar)", at: location)
                }
                return number.doubleValue
            }))
        }
    }

    /// Parses a number, `true`, `false` or a bracketed list of elements, at most
    /// `maximumNestingDepth` deep.
    mutating func parseDenseElement(depth: Int) throws -> DenseElement {
        let location = token.location
        if let number = try parseNumberIfPresent() { return .scalar(.number(number), location) }
        for (word, value) in [("true", true), ("false", false)] where token.isIdentifier(word) {
            try advance()
            return .scalar(.boolean(value), location)
        }
        guard token.isPunctuation(.leftBracket) else { throw expected("a number, true, false or '[' in dense literal") }
        guard depth < Self.maximumNestingDepth else {
            throw Diagnostic("dense literal nested more than \(Self.maximumNestingDepth) levels deep", at: location)
        }
        try advance()
        var elements: [DenseElement] = []
        if try consume(.rightBracket) { return .list(elements, location) }
        repeat {
            elements.append(try parseDenseElement(depth: depth + 1))
        } while try consume(.comma)
        try expect(.rightBracket, "',' or ']' in dense literal")
        return .list(elements, location)
    }
}

/// The shape a dense literal's nesting must follow, and its row-major flattening.
struct DenseLayout {
    /// The literal's type (for messages).
    var type: TensorType
    /// The static sizes of the type.
    var sizes: [Int]
    /// The element count of the type.
    var count: Int

    /// The type as written, for messages.
    var typeName: String { IRPrinter.type(type) }

    /// The elements in row-major order, each converted by `convert`; a single element is repeated
    /// `count` times. Throws when the nesting does not match the shape.
    func flatten<Value>(_ element: DenseElement,
                        _ convert: (DenseScalar, SourceLocation) throws -> Value) throws -> [Value] {
        if case .scalar(let scalar, let location) = element {
            return Array(repeating: try convert(scalar, location), count: count)
        }
        var values: [Value] = []
        values.reserveCapacity(count)
        try append(element, depth: 0, to: &values, convert)
        return values
    }

    /// Appends the scalars of `element`, found at nesting `depth`, checking it against the shape.
    private func append<Value>(_ element: DenseElement, depth: Int, to values: inout [Value],
                               _ convert: (DenseScalar, SourceLocation) throws -> Value) throws {
        switch element {
        case .scalar(let scalar, let location):
            guard depth == sizes.count else {
                throw Diagnostic("expected a list of \(sizes[depth]) elements for dimension \(depth) of \(typeName), found \(scalar.kindName)",
                                 at: location)
            }
            values.append(try convert(scalar, location))
        case .list(let elements, let location):
            guard depth < sizes.count else {
                let place = sizes.isEmpty ? "for the scalar type \(typeName)" : "at depth \(depth) of \(typeName)"
                let element = type.dtype == .bool ? "true or false" : "a number"
                throw Diagnostic("expected \(element) \(place), found a list", at: location)
            }
            guard elements.count == sizes[depth] else {
                throw Diagnostic("expected \(sizes[depth]) elements for dimension \(depth) of \(typeName), "
                                 + "found \(elements.count)", at: location)
            }
            for child in elements { try append(child, depth: depth + 1, to: &values, convert) }
        }
    }
}
