/// A strict JSON parser (RFC 8259) for safetensors headers.
///
/// It reads UTF-8 bytes in one pass, rejects invalid UTF-8, lone surrogates, control characters
/// in strings and nesting deeper than `maximumDepth` (so a hostile header cannot exhaust the
/// stack), and allows only whitespace after the top-level value (the padding safetensors writers
/// add). Errors are `Diagnostic`s without a location, naming the byte offset in the header.
struct JSONParser {
    /// The deepest nesting of arrays and objects accepted; safetensors headers need 3.
    static let maximumDepth = 64

    /// The character each one-letter escape (`\n`, `\"`, …) stands for.
    private static let simpleEscapes: [UInt8: UInt8] = [
        UInt8(ascii: "\""): UInt8(ascii: "\""), UInt8(ascii: "\\"): UInt8(ascii: "\\"),
        UInt8(ascii: "/"): UInt8(ascii: "/"), UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C,
        UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
    ]

    private let bytes: [UInt8]
    private var position = 0

    /// Parses `bytes` as one JSON value followed by optional whitespace.
    static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.position < bytes.count {
            throw parser.error("unexpected \(parser.describeCurrent()) after the end of the JSON value")
        }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func parseValue(depth: Int) throws -> JSONValue {
        skipWhitespace()
        guard position < bytes.count else { throw error("expected a value, found the end of the header") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        default: throw error("expected a value, found \(describeCurrent())")
        }
    }

    private mutating func parseObject(depth: Int) throws -> JSONValue {
        try checkDepth(depth)
        position += 1
        var members: [JSONMember] = []
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return .object(members) }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw error("expected a member name in quotes, found \(describeCurrent())")
            }
            let key = try parseString()
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { throw error("expected ':' after \"\(key)\", found \(describeCurrent())") }
            members.append(JSONMember(key: key, value: try parseValue(depth: depth)))
            skipWhitespace()
            if consume(UInt8(ascii: "}")) { return .object(members) }
            guard consume(UInt8(ascii: ",")) else { throw error("expected ',' or '}' in an object, found \(describeCurrent())") }
        }
    }

    private mutating func parseArray(depth: Int) throws -> JSONValue {
        try checkDepth(depth)
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return .array(elements) }
        while true {
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            if consume(UInt8(ascii: "]")) { return .array(elements) }
            guard consume(UInt8(ascii: ",")) else { throw error("expected ',' or ']' in an array, found \(describeCurrent())") }
        }
    }

    /// Parses a string starting at its opening quote.
    private mutating func parseString() throws -> String {
        let start = position
        position += 1
        var unescaped: [UInt8] = []
        var runStart = position
        while true {
            guard position < bytes.count else { throw error("string starting at byte \(start) is not closed", at: start) }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") { break }
            if byte < 0x20 { throw error("control character \(byte) inside a string (it must be escaped)") }
            if byte == UInt8(ascii: "\\") {
                unescaped.append(contentsOf: bytes[runStart..<position])
                try parseEscape(into: &unescaped)
                runStart = position
            } else {
                position += 1
            }
        }
        unescaped.append(contentsOf: bytes[runStart..<position])
        position += 1
        guard let text = String(validating: unescaped, as: UTF8.self) else {
            throw error("string starting at byte \(start) is not valid UTF-8", at: start)
        }
        return text
    }

    /// Parses one escape sequence starting at its backslash and appends its UTF-8 bytes.
    private mutating func parseEscape(into output: inout [UInt8]) throws {
        let escapeStart = position
        position += 1
        guard position < bytes.count else { throw error("unfinished escape sequence", at: escapeStart) }
        let letter = bytes[position]
        position += 1
        if let replacement = JSONParser.simpleEscapes[letter] {
            output.append(replacement)
            return
        }
        guard letter == UInt8(ascii: "u") else { throw error("unknown escape sequence", at: escapeStart) }
        var value = try parseHexQuad(escapeStart: escapeStart)
        if (0xD800...0xDBFF).contains(value) {
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                throw error("lone surrogate in a \\u escape", at: escapeStart)
            }
            position += 2
            let low = try parseHexQuad(escapeStart: escapeStart)
            guard (0xDC00...0xDFFF).contains(low) else { throw error("lone surrogate in a \\u escape", at: escapeStart) }
            value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(value) else { throw error("lone surrogate in a \\u escape", at: escapeStart) }
        UTF8.encode(scalar) { output.append($0) }
    }

    /// Parses the four hex digits of a `\u` escape.
    private mutating func parseHexQuad(escapeStart: Int) throws -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("\\u escape needs four hex digits", at: escapeStart) }
        var value: UInt32 = 0
        for byte in bytes[position..<position + 4] {
            guard let digit = JSONParser.hexDigitValue(byte) else {
                throw error("\\u escape needs four hex digits", at: escapeStart)
            }
            value = value * 16 + digit
        }
        position += 4
        return value
    }

    private static func hexDigitValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// Parses `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, keeping the text.
    private mutating func parseNumber() throws -> JSONNumber {
        let start = position
        _ = consume(UInt8(ascii: "-"))
        if !consume(UInt8(ascii: "0")) {
            guard skipDigits() > 0 else { throw error("malformed number", at: start) }
        }
        if consume(UInt8(ascii: ".")) {
            guard skipDigits() > 0 else { throw error("malformed number (no digits after '.')", at: start) }
        }
        if consume(UInt8(ascii: "e")) || consume(UInt8(ascii: "E")) {
            if !consume(UInt8(ascii: "+")) { _ = consume(UInt8(ascii: "-")) }
            guard skipDigits() > 0 else { throw error("malformed number (no digits in the exponent)", at: start) }
        }
        return JSONNumber(text: String(decoding: bytes[start..<position], as: UTF8.self))
    }

    /// Skips decimal digits and returns how many there were.
    private mutating func skipDigits() -> Int {
        let start = position
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
        return position - start
    }

    private mutating func expectLiteral(_ literal: String) throws {
        let start = position
        for expected in literal.utf8 {
            guard consume(expected) else { throw error("expected a value, found \(describe(at: start))", at: start) }
        }
    }

    private mutating func checkDepth(_ depth: Int) throws {
        if depth > JSONParser.maximumDepth {
            throw error("arrays and objects nested deeper than \(JSONParser.maximumDepth) levels")
        }
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private func describeCurrent() -> String { describe(at: position) }

    private func describe(at offset: Int) -> String {
        guard offset < bytes.count else { return "the end of the header" }
        let byte = bytes[offset]
        if (0x21...0x7E).contains(byte) { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    private func error(_ message: String, at offset: Int? = nil) -> Diagnostic {
        Diagnostic("header is not valid JSON: \(message) (at byte \(offset ?? position) of the header)")
    }
}
