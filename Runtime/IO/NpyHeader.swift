import CNNIR

/// The header of a NumPy `.npy` file: a Python dict literal such as
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`.
struct NpyHeader: Equatable {
    /// The NumPy type string (`<f4`, `<i8`, `|u1`, ...).
    var descr: String
    /// Whether the data is stored in Fortran (column-major) order.
    var fortranOrder: Bool
    /// The array's shape; empty for a scalar.
    var shape: [Int]

    /// Creates a header.
    init(descr: String, fortranOrder: Bool = false, shape: [Int]) {
        self.descr = descr
        self.fortranOrder = fortranOrder
        self.shape = shape
    }

    /// Parses the dict literal; throws a `Diagnostic` saying what is wrong with it.
    init(parsing text: String) throws {
        var scanner = LiteralScanner(text)
        let entries = try scanner.dictionary()
        for key in entries.keys where !["descr", "fortran_order", "shape"].contains(key) {
            throw Diagnostic("the header has an unexpected key '\(key)'")
        }
        guard case .string(let descr)? = entries["descr"] else { throw Diagnostic("the header's 'descr' is missing or not a string") }
        guard case .bool(let fortranOrder)? = entries["fortran_order"] else {
            throw Diagnostic("the header's 'fortran_order' is missing or not True/False")
        }
        guard case .tuple(let shape)? = entries["shape"] else { throw Diagnostic("the header's 'shape' is missing or not a tuple") }
        self.init(descr: descr, fortranOrder: fortranOrder, shape: shape)
    }

    /// The dict literal as NumPy writes it (without the padding).
    var text: String {
        let shapeText: String
        switch shape.count {
        case 0: shapeText = "()"
        case 1: shapeText = "(\(shape[0]),)"
        default: shapeText = "(" + shape.map(String.init).joined(separator: ", ") + ")"
        }
        return "{'descr': '\(descr)', 'fortran_order': \(fortranOrder ? "True" : "False"), 'shape': \(shapeText), }"
    }
}

/// A value of the header dict.
private enum Literal {
    case string(String)
    case bool(Bool)
    case tuple([Int])
    case int(Int)
}

/// Reads the small subset of Python literal syntax that `.npy` headers use: a dict with string
/// keys whose values are strings, True/False, integers, or tuples of non-negative integers.
private struct LiteralScanner {
    private let characters: [Unicode.Scalar]
    private var position = 0

    init(_ text: String) { characters = Array(text.unicodeScalars) }

    /// The whole text as a dict; only whitespace may follow it.
    mutating func dictionary() throws -> [String: Literal] {
        try expect("{")
        var entries: [String: Literal] = [:]
        while try peek() != "}" {
            guard try peek() == "'" || peek() == "\"" else { throw unexpected("a string key") }
            let key = try string()
            try expect(":")
            guard entries[key] == nil else { throw Diagnostic("the header repeats the key '\(key)'") }
            entries[key] = try value()
            if try peek() == "," { position += 1 } else if try peek() != "}" { throw unexpected("',' or '}'") }
        }
        position += 1
        skipWhitespace()
        guard position == characters.count else { throw unexpected("the end of the header") }
        return entries
    }

    private mutating func value() throws -> Literal {
        switch try peek() {
        case "'", "\"": return .string(try string())
        case "(": return .tuple(try tuple())
        case "T", "F":
            if keyword("True") { return .bool(true) }
            if keyword("False") { return .bool(false) }
            throw unexpected("True or False")
        case "[": throw Diagnostic("structured (record) arrays are not supported")
        default: return .int(try integer())
        }
    }

    private mutating func tuple() throws -> [Int] {
        try expect("(")
        var elements: [Int] = []
        while try peek() != ")" {
            let element = try integer()
            guard element >= 0 else { throw Diagnostic("the header's shape has a negative dimension \(element)") }
            elements.append(element)
            if try peek() == "," { position += 1 } else if try peek() != ")" { throw unexpected("',' or ')'") }
        }
        position += 1
        return elements
    }

    private mutating func string() throws -> String {
        let quote = characters[position]
        position += 1
        var text = String.UnicodeScalarView()
        while position < characters.count, characters[position] != quote {
            guard characters[position] != "\\" else { throw Diagnostic("escapes in header strings are not supported") }
            text.append(characters[position])
            position += 1
        }
        guard position < characters.count else { throw Diagnostic("the header dict cannot be parsed: it ends inside a string") }
        position += 1
        return String(text)
    }

    /// A decimal integer (an optional `-`, at most 18 digits, and Python 2's optional `L`).
    private mutating func integer() throws -> Int {
        _ = try peek()
        let negative = characters[position] == "-"
        if negative { position += 1 }
        var value = 0, digits = 0
        while position < characters.count, ("0"..."9").contains(characters[position]) {
            guard digits < 18 else { throw Diagnostic("the header holds an integer too large to be a dimension") }
            value = value * 10 + Int(characters[position].value - 48)
            digits += 1
            position += 1
        }
        guard digits > 0 else { throw unexpected("an integer") }
        if position < characters.count, characters[position] == "L" { position += 1 }
        return negative ? -value : value
    }

    private mutating func keyword(_ word: String) -> Bool {
        let scalars = Array(word.unicodeScalars)
        guard position + scalars.count <= characters.count,
              Array(characters[position..<(position + scalars.count)]) == scalars else { return false }
        position += scalars.count
        return true
    }

    private mutating func expect(_ character: Unicode.Scalar) throws {
        guard try peek() == character else { throw unexpected("'\(character)'") }
        position += 1
    }

    /// The next non-whitespace character; throws at the end of the text.
    private mutating func peek() throws -> Unicode.Scalar {
        skipWhitespace()
        guard position < characters.count else { throw Diagnostic("the header dict cannot be parsed: it ends too early") }
        return characters[position]
    }

    private mutating func skipWhitespace() {
        while position < characters.count, [" ", "\t", "\n", "\r"].contains(characters[position]) { position += 1 }
    }

    private func unexpected(_ expected: String) -> Diagnostic {
        let found = position < characters.count ? "'\(characters[position])'" : "the end"
        return Diagnostic("the header dict cannot be parsed: expected \(expected) at character \(position + 1), found \(found)")
    }
}
