/// The IR value names of an imported graph: ONNX names are kept as they are (the IR printer
/// quotes names with characters other than letters, digits, `_`, `.` and `-`), and values that
/// ONNX does not name (the extra nodes one ONNX node may become) get the ONNX output's name with
/// a suffix, never taking a name that an ONNX value has.
struct ValueNames {
    /// Names reserved for ONNX values, and names already given out.
    private var taken: Set<String> = []

    /// Reserves the ONNX value names so that no derived name takes one of them.
    mutating func reserve<Names: Sequence<String>>(_ names: Names) {
        taken.formUnion(names)
    }

    /// The name of the ONNX value `name`: as it is, or `value` for an empty name.
    func onnxName(_ name: String) -> String {
        name.isEmpty ? "value" : name
    }

    /// A new name derived from `base`: `base.suffix`, with a number added if that is taken.
    mutating func derived(from base: String, _ suffix: String) -> String {
        let stem = onnxName(base) + "." + suffix
        var candidate = stem
        var counter = 1
        while taken.contains(candidate) {
            counter += 1
            candidate = "\(stem)\(counter)"
        }
        taken.insert(candidate)
        return candidate
    }
}
