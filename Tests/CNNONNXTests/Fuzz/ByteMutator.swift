import CNNIR

/// Mutates valid encodings into (mostly) invalid ones: byte flips, truncations, corrupted
/// lengths and tags, inserted, deleted or repeated chunks, and scalar values rewritten in place
/// (which keeps the framing intact, so the mutated file reaches the checks on decoded values:
/// dims, data types, element counts).
struct ByteMutator {
    /// The kinds of mutation, drawn in turn.
    enum Kind: CaseIterable {
        case flipBytes, truncate, corruptLength, corruptTag, insertBytes, deleteChunk, repeatChunk, rewriteValue
    }

    /// Lengths that hit limits: empty, off by one, twice, just below the message, 32-bit and 64-bit extremes.
    private static func hostileLengths(_ original: Int, using random: inout SeededGenerator) -> [UInt64] {
        let base = UInt64(original)
        return [0, base &+ 1, base &- 1, base &* 2, 0x7F, 0xFFFF_FFFF, 0x7FFF_FFFF_FFFF_FFFF, UInt64.max,
                UInt64.random(in: 0...(1 << 40), using: &random), UInt64.random(in: 0...(base + 16), using: &random)]
    }

    /// `bytes` mutated by `kind`, with `fields` the scan of `bytes`.
    static func mutate(_ bytes: [UInt8], fields: [WireScanner.Field], kind: Kind, using random: inout SeededGenerator) -> [UInt8] {
        guard !bytes.isEmpty else { return bytes }
        var result = bytes
        switch kind {
        case .flipBytes:
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let index = Int.random(in: 0..<result.count, using: &random)
                if Bool.random(using: &random) {
                    result[index] ^= 1 << UInt8.random(in: 0...7, using: &random)
                } else {
                    result[index] = UInt8.random(in: 0...255, using: &random)
                }
            }
        case .truncate:
            result.removeLast(Int.random(in: 1...result.count, using: &random))
        case .corruptLength:
            let delimited = fields.filter { $0.length != nil }
            guard let field = delimited.randomElement(using: &random), let length = field.length, let payload = field.payload else { break }
            var replacement = WireScanner.encode(hostileLengths(payload.count, using: &random).randomElement(using: &random) ?? 0)
            if Int.random(in: 0..<8, using: &random) == 0 { replacement = Array(repeating: 0xFF, count: 11) }
            result.replaceSubrange(length, with: replacement)
        case .corruptTag:
            guard let field = fields.randomElement(using: &random) else { break }
            let number = UInt64.random(in: 0...40, using: &random)
            let wireType = UInt64.random(in: 0...7, using: &random)
            result.replaceSubrange(field.tag, with: WireScanner.encode(number << 3 | wireType))
        case .rewriteValue:
            let scalars = fields.compactMap(\.value)
            guard let value = scalars.randomElement(using: &random) else { break }
            if value.count == 4 || value.count == 8 && bytes[value.lowerBound - 1] & 7 == 1 {
                for index in value { result[index] = UInt8.random(in: 0...255, using: &random) }
            } else {
                let candidates: [UInt64] = [0, 1, 2, 3, 7, 9, 10, 11, 13, 16, 99, 127, UInt64.max, 1 << 63, 1 << 31, 0xFFFF_FFFF]
                let replacement = WireScanner.encode(candidates.randomElement(using: &random) ?? 0, minimumSize: value.count)
                if replacement.count == value.count { result.replaceSubrange(value, with: replacement) }
            }
        case .insertBytes:
            let index = Int.random(in: 0...result.count, using: &random)
            let inserted = (0..<Int.random(in: 1...8, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            result.insert(contentsOf: inserted, at: index)
        case .deleteChunk:
            let start = Int.random(in: 0..<result.count, using: &random)
            result.removeSubrange(start..<min(result.count, start + Int.random(in: 1...16, using: &random)))
        case .repeatChunk:
            let start = Int.random(in: 0..<result.count, using: &random)
            let chunk = result[start..<min(result.count, start + Int.random(in: 1...32, using: &random))]
            result.insert(contentsOf: chunk, at: Int.random(in: 0...result.count, using: &random))
        }
        return result
    }
}
