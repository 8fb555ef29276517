import CNNIR

/// Damages IR text the way a fuzzer does: byte flips, insertions, deletions and truncations;
/// swaps, duplications and deletions of tokens and lines; numbers replaced by extreme values;
/// identifiers replaced by other ops, keywords and names. One to three damages per input, mostly
/// one, so that many damaged models still parse and reach the verifier.
struct TextMutator {
    /// The kinds of damage.
    enum Mutation: String, CaseIterable {
        case flipByte, insertByte, deleteBytes, truncate
        case swapTokens, duplicateToken, deleteToken, replaceNumber, replaceIdentifier
        case duplicateLine, deleteLine, swapLines
    }

    /// The source of every random choice.
    var random: SeededGenerator

    /// Creates a mutator whose damage is fixed by `seed`.
    init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    /// `text` with one to three damages, and a description of them (for failure messages).
    mutating func mutate(_ text: String) -> (text: String, mutations: [Mutation]) {
        var result = text
        var applied: [Mutation] = []
        for _ in 0..<random.pick([1, 1, 1, 1, 1, 1, 2, 2, 2, 3]) {
            let mutation = random.pick(Mutation.allCases)
            result = apply(mutation, to: result)
            applied.append(mutation)
        }
        return (result, applied)
    }

    /// `text` with the part from line `start` (counted from 0) through `count` lines damaged, the
    /// rest unchanged: big models are damaged in a window so that each input stays cheap to make.
    mutating func mutateWindow(of text: String, lines count: Int) -> (text: String, mutations: [Mutation]) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let start = random.index(below: max(lines.count - count, 1))
        let end = min(start + count, lines.count)
        let damaged = mutate(lines[start..<end].joined(separator: "\n"))
        let text = (lines[..<start] + [Substring(damaged.text)] + lines[end...]).joined(separator: "\n")
        return (text, damaged.mutations)
    }

    /// `text` with one `mutation` applied (unchanged when the text offers nothing to apply it to).
    mutating func apply(_ mutation: Mutation, to text: String) -> String {
        switch mutation {
        case .flipByte, .insertByte, .deleteBytes, .truncate:
            return String(decoding: damagedBytes(Array(text.utf8), mutation), as: UTF8.self)
        case .swapTokens, .duplicateToken, .deleteToken, .replaceNumber, .replaceIdentifier:
            var tokens = IRTokens.split(text)
            damageTokens(&tokens, mutation)
            return tokens.joined()
        case .duplicateLine, .deleteLine, .swapLines:
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            damageLines(&lines, mutation)
            return lines.joined(separator: "\n")
        }
    }

    private mutating func damagedBytes(_ bytes: [UInt8], _ mutation: Mutation) -> [UInt8] {
        var bytes = bytes
        let position = random.int(in: 0...bytes.count)
        switch mutation {
        case .flipByte where !bytes.isEmpty:
            let index = min(position, bytes.count - 1)
            bytes[index] = random.chance(0.5) ? bytes[index] ^ (1 << UInt8(random.int(in: 0...7))) : UInt8(random.int(in: 0...255))
        case .insertByte:
            let byte = random.chance(0.6) ? random.pick(Self.interestingBytes) : UInt8(random.int(in: 0...255))
            bytes.insert(contentsOf: Array(repeating: byte, count: random.chance(0.1) ? random.int(in: 2...300) : 1), at: position)
        case .deleteBytes where position < bytes.count:
            bytes.removeSubrange(position..<min(bytes.count, position + random.int(in: 1...16)))
        case .truncate:
            bytes.removeSubrange(position...)
        default:
            break
        }
        return bytes
    }

    private mutating func damageTokens(_ tokens: inout [String], _ mutation: Mutation) {
        let words = tokens.indices.filter { !IRTokens.isSpace(tokens[$0]) }
        guard !words.isEmpty else { return }
        let index = random.pick(words)
        switch mutation {
        case .swapTokens:
            tokens.swapAt(index, random.pick(words))
        case .duplicateToken:
            tokens.insert(contentsOf: [" ", tokens[index]], at: index)
        case .deleteToken:
            tokens.remove(at: index)
        case .replaceNumber:
            let numbers = words.filter { IRTokens.isNumber(tokens[$0]) }
            if !numbers.isEmpty { tokens[random.pick(numbers)] = random.pick(Self.numberReplacements) }
        default:
            let identifiers = words.filter { IRTokens.isIdentifierOrName(tokens[$0]) }
            let names = identifiers.map { tokens[$0] }.filter { $0.hasPrefix("%") }
            let replacement = random.chance(0.3) && !names.isEmpty ? random.pick(names) : random.pick(Self.identifierReplacements)
            if !identifiers.isEmpty { tokens[random.pick(identifiers)] = replacement }
        }
    }

    private mutating func damageLines(_ lines: inout [String], _ mutation: Mutation) {
        guard !lines.isEmpty else { return }
        let index = random.index(below: lines.count)
        switch mutation {
        case .duplicateLine: lines.insert(lines[index], at: random.int(in: 0...lines.count))
        case .deleteLine: lines.remove(at: index)
        default: lines.swapAt(index, random.index(below: lines.count))
        }
    }

    /// Bytes that mean something to the lexer, and some that never may.
    private static let interestingBytes: [UInt8] = Array("{}[]()<>,:=%@\"\\-+.#/\n\t 0123456789eE_".utf8) + [0, 0x7F, 0xC3, 0xE2, 0xFF, 0xFE]

    /// Numbers at and beyond the limits of every type the parser reads.
    static let numberReplacements = [
        "0", "-1", "-0", "1", "2", "-2147483649", "2147483648", "4294967296", "9223372036854775807",
        "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "99999999999999999999999999",
        "1e999", "-1e999", "1e-400", "1.5", "-0.0", "0.0", "4.9e-324", "1.7976931348623157e308", "nan", "-nan",
        "inf", "-inf", "0x10", "1_000", "00", "1.", ".5", "1e", "1e+", "--1", "+1", "1.2.3", "3000000000",
    ]

    /// Ops, keywords, types, attribute names and names to put where an identifier was.
    static let identifierReplacements: [String] = OpKind.allCases.map(\.rawValue)
        + OpKind.allCases.flatMap { $0.schema.attributes.map(\.name) }
        + ["graph", "param", "weights", "return", "dense", "true", "false", "f32", "f64", "i64", "f16", "N",
           "%x", "%undefined", "%\"quoted name\"", "@g", "%", "@", "%0", "inf", "nan", "conv2d", "RELU"]
}

/// A coarse tokenizer for the mutator: runs of whitespace, quoted strings, runs of name
/// characters (which covers numbers, `%names`, identifiers), and single other characters.
enum IRTokens {
    /// `text` split into tokens whose concatenation is `text`.
    static func split(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        var currentClass: Int?
        var inString = false
        var escaped = false
        for scalar in text.unicodeScalars {
            if inString {
                current.append(scalar)
                if escaped { escaped = false } else if scalar == "\\" { escaped = true } else if scalar == "\"" { inString = false }
                continue
            }
            let scalarClass = characterClass(scalar)
            if scalarClass != currentClass || scalarClass == 2 || scalar == "\"" {
                if !current.isEmpty { tokens.append(String(current)) }
                current = String.UnicodeScalarView()
            }
            current.append(scalar)
            currentClass = scalarClass
            if scalar == "\"" { inString = true }
        }
        if !current.isEmpty { tokens.append(String(current)) }
        return tokens
    }

    /// Whether the token is whitespace.
    static func isSpace(_ token: String) -> Bool { token.unicodeScalars.allSatisfy { characterClass($0) == 0 } }

    /// Whether the token is a number (it starts with a digit, or a sign and a digit).
    static func isNumber(_ token: String) -> Bool {
        let scalars = Array(token.unicodeScalars.prefix(2))
        guard let first = scalars.first else { return false }
        if ("0"..."9").contains(first) { return true }
        return (first == "-" || first == "+") && scalars.count == 2 && ("0"..."9").contains(scalars[1])
    }

    /// Whether the token is an identifier or a `%`/`@` name.
    static func isIdentifierOrName(_ token: String) -> Bool {
        guard let first = token.unicodeScalars.first else { return false }
        return first == "%" || first == "@" || first == "_" || ("a"..."z").contains(first) || ("A"..."Z").contains(first)
    }

    /// 0 for whitespace, 1 for name characters, 2 for anything else (each its own token).
    private static func characterClass(_ scalar: Unicode.Scalar) -> Int {
        switch scalar {
        case " ", "\t", "\n", "\r": return 0
        case "a"..."z", "A"..."Z", "0"..."9", "_", ".", "%", "@", "+", "-": return 1
        default: return 2
        }
    }
}
