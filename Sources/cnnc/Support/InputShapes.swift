/// The shapes given with `--input-shape NAME=1x3x224x224`: the full shape of an ONNX model's
/// input, freezing its symbolic dimensions at import.
struct InputShapes: Sendable {
    /// The largest size accepted for one dimension.
    static let largestSize = Int(Int32.max)

    /// The shapes by input name.
    var shapes: [String: [Int]] = [:]

    /// No shapes.
    init() {}

    /// Parses `NAME=AxBxC` values; throws a usage error for a malformed value or a name given twice.
    init(parsing values: [String]) throws(UsageError) {
        for value in values {
            guard let separator = value.lastIndex(of: "="), separator != value.startIndex else {
                throw UsageError("--input-shape expects NAME=1x3x224x224, found '\(value)'")
            }
            let name = String(value[..<separator])
            let sizes = value[value.index(after: separator)...].split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
            guard !sizes.isEmpty, sizes.allSatisfy({ $0.map { (1...InputShapes.largestSize).contains($0) } ?? false }) else {
                throw UsageError("--input-shape \(value): the shape must be sizes from 1 to \(InputShapes.largestSize) joined by 'x', such as 1x3x224x224")
            }
            guard shapes[name] == nil else { throw UsageError("--input-shape gives the input \(name) twice") }
            shapes[name] = sizes.compactMap { $0 }
        }
    }
}

extension OptionSpec {
    /// `--input-shape NAME=1x3x224x224`: freezes the shape of an ONNX model's input.
    static let inputShape = OptionSpec.option(
        "input-shape", value: "NAME=1x3x224x224", repeatable: true,
        "the full shape of the ONNX model's input NAME, fixing its symbolic dimensions at import; repeat for several")
}
