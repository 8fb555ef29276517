/// A JSON value as the safetensors header reader sees it.
///
/// Objects keep their members in file order with duplicates (so that a repeated tensor name can
/// be reported), and numbers keep their text (so that integers are read exactly and a fraction,
/// a sign or an overflow can be named in a message).
enum JSONValue {
    case object([JSONMember])
    case array([JSONValue])
    case string(String)
    case number(JSONNumber)
    case bool(Bool)
    case null

    /// What the value is, for messages: "an object", "a string", ….
    var kindDescription: String {
        switch self {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number(let number): return "the number \(number.text)"
        case .bool(let value): return "\(value)"
        case .null: return "null"
        }
    }
}

/// One `"key": value` member of a JSON object.
struct JSONMember {
    /// The member's name.
    var key: String
    /// The member's value.
    var value: JSONValue
}

/// A JSON number, kept as written.
struct JSONNumber {
    /// The number's text, as in the file.
    var text: String

    /// Whether the text has neither a fraction nor an exponent.
    var isIntegerLiteral: Bool { !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) }

    /// The value, when the text is an integer literal that fits `Int`.
    var integer: Int? { isIntegerLiteral ? Int(text) : nil }
}
