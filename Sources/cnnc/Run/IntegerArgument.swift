/// Integer option values (`--threads 4`, `--iterations 20`, `--random-input 7`), checked against
/// the range the option accepts.
enum IntegerArgument {
    /// The value of `spec`, or `defaultValue` when the option is not given; throws a usage error
    /// naming the option and the accepted range when the text is not an integer in `range`.
    static func parse<Value: FixedWidthInteger>(_ spec: OptionSpec, in arguments: ParsedArguments,
                                                range: ClosedRange<Value>, default defaultValue: Value) throws(UsageError) -> Value {
        guard let text = arguments.value(of: spec) else { return defaultValue }
        return try parse(text, spec, range: range)
    }

    /// The value of `spec` if the option is given; `nil` otherwise.
    static func parse<Value: FixedWidthInteger>(_ spec: OptionSpec, in arguments: ParsedArguments,
                                                range: ClosedRange<Value>) throws(UsageError) -> Value? {
        guard let text = arguments.value(of: spec) else { return nil }
        return try parse(text, spec, range: range)
    }

    /// `text` as an integer in `range`.
    private static func parse<Value: FixedWidthInteger>(_ text: String, _ spec: OptionSpec,
                                                        range: ClosedRange<Value>) throws(UsageError) -> Value {
        guard let value = Value(text), range.contains(value) else {
            let upper = range.upperBound == Value.max && Value.bitWidth == 64 && !Value.isSigned ? "2^64-1" : "\(range.upperBound)"
            throw UsageError("\(spec.spelling) \(text): \(spec.valueName ?? "the value") must be an integer from \(range.lowerBound) to \(upper)")
        }
        return value
    }
}
