import CNNIR

/// Draws the names of a random graph: value names in every style users write (numbers, plain
/// words, dotted paths such as `layer1.0.conv.weight`, and names the printer must quote), named
/// dimensions, graph names and weights file names.
struct RandomNames {
    /// The value names handed out so far; a name is never handed out twice.
    private var used: Set<String> = []
    /// The next number for `%0`-style names.
    private var nextNumber = 0

    /// A value name not handed out before.
    mutating func freshValueName(using random: inout SeededGenerator) -> String {
        while true {
            let name = Self.valueName(number: &nextNumber, using: &random)
            if used.insert(name).inserted { return name }
        }
    }

    /// A graph name: plain, dotted, or one that must be quoted.
    static func graphName(using random: inout SeededGenerator) -> String {
        random.pick(["model", "lenet5", "resnet.block-1", "graph_0", "my model", "модель", "a\"b\\c"])
    }

    /// A weights file name, or `nil` for a graph without one.
    static func weightsFile(using random: inout SeededGenerator) -> String? {
        random.chance(0.4) ? nil : random.pick(["model.safetensors", "dir with space/w.safetensors", "quote\"d.safetensors", "ü.safetensors"])
    }

    /// Names for dimensions bound at compile time.
    static let dimensionNames = ["N", "batch", "B", "seq_len", "H2", "batch size", "n.1"]

    private static let words = ["x", "y", "conv", "bn", "relu", "fc", "logits", "w", "b", "weight", "bias", "pool", "input", "out", "loss", "graph", "param", "f32", "conv2d_1"]
    private static let oddPieces = ["odd name", "a/b", "x:y", "tab\there", "new\nline", "quote\"", "back\\slash", "é", "e\u{301}", "→", "#hash", "{brace}", "%pct", "@at", "", "\u{7F}", "\u{1}", "+1"]

    private static func valueName(number: inout Int, using random: inout SeededGenerator) -> String {
        switch random.int(in: 0...9) {
        case 0...2:
            defer { number += 1 }
            return String(number)
        case 3...5:
            return random.pick(words) + (random.chance(0.5) ? String(random.int(in: 0...99)) : "")
        case 6...7:
            let depth = random.int(in: 2...4)
            return (0..<depth).map { _ in random.chance(0.3) ? String(random.int(in: 0...12)) : random.pick(words) }.joined(separator: ".")
        default:
            let piece = random.pick(oddPieces)
            return random.chance(0.5) ? piece + String(random.int(in: 0...9)) : random.pick(words) + piece
        }
    }
}
