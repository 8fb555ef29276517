/// One tensor as a safetensors header describes it, after validation.
struct SafeTensorsEntry {
    /// The tensor's name (the header key).
    var name: String
    /// The stored element type.
    var dtype: SafeTensorsDType
    /// The sizes of the axes.
    var shape: [Int]
    /// Where the tensor's bytes are, relative to the start of the data buffer.
    var range: Range<Int>
}

/// The validated header of a safetensors file: its tensors in data order and its metadata.
///
/// Validation follows the format's rules: the header is one JSON object; `__metadata__`, if
/// present, maps strings to strings; every other key names a tensor with a known `dtype`, a
/// `shape` of non-negative integers and `data_offsets` `[begin, end]` whose span is exactly the
/// tensor's byte size; names are unique; and the tensors, ordered by offset, cover the data
/// buffer from its first byte to its last without holes or overlaps. The order of the keys in
/// the header does not matter. Errors are `Diagnostic`s without a location.
struct SafeTensorsHeader {
    /// The header key that holds the file's metadata instead of a tensor.
    static let metadataKey = "__metadata__"

    /// The tensors, ordered by their place in the data buffer.
    var entries: [SafeTensorsEntry] = []
    /// The string-to-string metadata.
    var metadata: [String: String] = [:]

    /// Parses and validates a header for a data buffer of `dataSize` bytes.
    init(json: [UInt8], dataSize: Int) throws {
        let root = try JSONParser.parse(json)
        guard case .object(let members) = root else {
            throw Diagnostic("the header must be a JSON object, found \(root.kindDescription)")
        }
        var names = Set<String>()
        for member in members {
            guard names.insert(member.key).inserted else {
                throw Diagnostic("\(SafeTensorsHeader.describe(member.key)) appears more than once in the header")
            }
            if member.key == SafeTensorsHeader.metadataKey {
                metadata = try SafeTensorsHeader.parseMetadata(member.value)
            } else {
                entries.append(try SafeTensorsHeader.parseEntry(name: member.key, value: member.value, dataSize: dataSize))
            }
        }
        entries.sort { ($0.range.lowerBound, $0.range.upperBound, $0.name) < ($1.range.lowerBound, $1.range.upperBound, $1.name) }
        try checkCoverage(dataSize: dataSize)
    }

    /// Checks that the tensors, in offset order, tile the data buffer exactly.
    private func checkCoverage(dataSize: Int) throws {
        var covered = 0
        var previous: SafeTensorsEntry?
        for entry in entries {
            if entry.range.lowerBound > covered {
                let after = previous.map { ", after tensor '\($0.name)'" } ?? ""
                throw Diagnostic("bytes \(covered)..<\(entry.range.lowerBound) of the data buffer belong to no tensor (a hole before tensor '\(entry.name)'\(after))")
            }
            if entry.range.lowerBound < covered, let previous {
                throw Diagnostic("tensor '\(entry.name)' \(SafeTensorsHeader.describe(entry.range)) overlaps tensor '\(previous.name)' \(SafeTensorsHeader.describe(previous.range))")
            }
            covered = entry.range.upperBound
            previous = entry
        }
        if covered < dataSize {
            throw Diagnostic("the data buffer has \(dataSize) bytes but the tensors end at byte \(covered): \(dataSize - covered) trailing bytes belong to no tensor")
        }
    }

    private static func parseMetadata(_ value: JSONValue) throws -> [String: String] {
        guard case .object(let members) = value else {
            throw Diagnostic("\(metadataKey) must be an object of strings, found \(value.kindDescription)")
        }
        var metadata: [String: String] = [:]
        for member in members {
            guard case .string(let text) = member.value else {
                throw Diagnostic("\(metadataKey) entry '\(member.key)' must be a string, found \(member.value.kindDescription)")
            }
            guard metadata.updateValue(text, forKey: member.key) == nil else {
                throw Diagnostic("\(metadataKey) entry '\(member.key)' appears more than once")
            }
        }
        return metadata
    }

    private static func parseEntry(name: String, value: JSONValue, dataSize: Int) throws -> SafeTensorsEntry {
        let prefix = "tensor '\(name)'"
        guard case .object(let members) = value else {
            throw Diagnostic("\(prefix) must be an object with dtype, shape and data_offsets, found \(value.kindDescription)")
        }
        var fields: [String: JSONValue] = [:]
        for member in members {
            guard fields.updateValue(member.value, forKey: member.key) == nil else {
                throw Diagnostic("\(prefix) gives \"\(member.key)\" more than once")
            }
        }
        func field(_ key: String) throws -> JSONValue {
            guard let value = fields[key] else { throw Diagnostic("\(prefix) has no \"\(key)\"") }
            return value
        }

        let dtypeValue = try field("dtype")
        guard case .string(let dtypeName) = dtypeValue else {
            throw Diagnostic("\(prefix): dtype must be a string, found \(dtypeValue.kindDescription)")
        }
        guard let dtype = SafeTensorsDType(rawValue: dtypeName) else {
            throw Diagnostic("\(prefix) has dtype \(dtypeName), which cnnc cannot read (\(SafeTensorsDType.supportedDescription))")
        }
        let shape = try integers(try field("shape"), field: "shape", prefix: prefix)
        let offsets = try integers(try field("data_offsets"), field: "data_offsets", prefix: prefix)
        guard offsets.count == 2 else {
            throw Diagnostic("\(prefix): data_offsets must be [begin, end], found \(offsets.count) number\(offsets.count == 1 ? "" : "s")")
        }
        let (begin, end) = (offsets[0], offsets[1])
        guard begin <= end else {
            throw Diagnostic("\(prefix): data_offsets [\(begin), \(end)] end before they begin")
        }
        guard let byteCount = WeightTensor.byteCount(elementSize: dtype.elementSize, shape: shape) else {
            throw Diagnostic("\(prefix): shape \(WeightTensor.describe(shape)) of \(dtype) has more bytes than this machine can address")
        }
        guard byteCount == end - begin else {
            throw Diagnostic("\(prefix): shape \(WeightTensor.describe(shape)) of \(dtype) needs \(byteCount) bytes, but data_offsets [\(begin), \(end)] span \(end - begin)")
        }
        guard end <= dataSize else {
            throw Diagnostic("\(prefix): data_offsets [\(begin), \(end)] run past the end of the \(dataSize)-byte data buffer (is the file truncated?)")
        }
        return SafeTensorsEntry(name: name, dtype: dtype, shape: shape, range: begin..<end)
    }

    /// The elements of a JSON array of non-negative integers that fit `Int`.
    private static func integers(_ value: JSONValue, field: String, prefix: String) throws -> [Int] {
        guard case .array(let elements) = value else {
            throw Diagnostic("\(prefix): \(field) must be an array of non-negative integers, found \(value.kindDescription)")
        }
        return try elements.map { element in
            guard case .number(let number) = element else {
                throw Diagnostic("\(prefix): \(field) must hold non-negative integers, found \(element.kindDescription)")
            }
            guard let integer = number.integer else {
                let reason = number.isIntegerLiteral ? "too large" : "not an integer"
                throw Diagnostic("\(prefix): \(field) entry \(number.text) is \(reason)")
            }
            guard integer >= 0 else {
                throw Diagnostic("\(prefix): \(field) entry \(number.text) is negative")
            }
            return integer
        }
    }

    private static func describe(_ key: String) -> String {
        key == metadataKey ? metadataKey : "tensor '\(key)'"
    }

    private static func describe(_ range: Range<Int>) -> String {
        "[\(range.lowerBound), \(range.upperBound)]"
    }
}
