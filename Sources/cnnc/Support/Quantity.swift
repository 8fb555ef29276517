import Foundation

/// Large counts written for people: `11689512` as `11.69 M`.
enum Quantity {
    /// The decimal units, largest first.
    private static let units: [(scale: Double, suffix: String)] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "K")]

    /// `count` with two decimals in the largest unit it reaches (`11.69 M`, `1.81 G`); counts
    /// below a thousand as they are.
    static func abbreviated(_ count: Int) -> String {
        let value = Double(count)
        guard let unit = units.first(where: { value >= $0.scale }) else { return String(count) }
        return String(format: "%.2f", value / unit.scale) + " " + unit.suffix
    }

    /// A byte count in the same units (`44.59 MB`).
    static func bytes(_ count: Int) -> String {
        count < 1000 ? "\(count) B" : abbreviated(count) + "B"
    }

    /// `count` exactly, then abbreviated in parentheses when that is shorter: `11689512 (11.69 M)`.
    static func exactAndAbbreviated(_ count: Int) -> String {
        count < 1000 ? String(count) : "\(count) (\(abbreviated(count)))"
    }

    /// `count` followed by `noun`, plural unless the count is 1: `1 tensor`, `3 tensors`.
    static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
