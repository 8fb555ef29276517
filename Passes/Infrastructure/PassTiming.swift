/// How long each pass of one pipeline run took, and the time spent verifying.
public struct PassTimingReport: Sendable {
    /// The time of one pass.
    public struct Entry: Sendable {
        /// The pass name.
        public var pass: String
        /// How long it ran.
        public var duration: Duration

        /// Creates an entry.
        public init(pass: String, duration: Duration) {
            self.pass = pass
            self.duration = duration
        }
    }

    /// One entry per pass run, in pipeline order.
    public var entries: [Entry] = []
    /// The time spent verifying the unit (input, after passes, result).
    public var verification: Duration = .zero

    /// An empty report.
    public init() {}

    /// The total of the passes and the verification.
    public var total: Duration { entries.reduce(verification) { $0 + $1.duration } }

    /// A table of milliseconds and shares of the total, one line per pass, then the verification:
    ///
    /// ```
    /// pass timing (total 1.234 ms)
    ///         ms  share  pass
    ///      0.400  32.4%  canonicalize
    ///      0.100   8.1%  (verification)
    /// ```
    public var table: String {
        let total = Self.milliseconds(self.total)
        var lines = ["pass timing (total \(Self.format(total, decimals: 3)) ms)", "        ms  share  pass"]
        let rows = entries.map { ($0.pass, $0.duration) } + [("(verification)", verification)]
        for (name, duration) in rows {
            let time = Self.milliseconds(duration)
            let share = total > 0 ? 100 * time / total : 0
            lines.append(Self.padded(Self.format(time, decimals: 3), 10) + " " + Self.padded(Self.format(share, decimals: 1) + "%", 6)
                         + "  " + name)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A duration in milliseconds.
    static func milliseconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) * 1000 + Double(parts.attoseconds) / 1e15
    }

    /// `value` with `decimals` digits after the point.
    static func format(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((value * scale).rounded())
        let whole = String(scaled / Int(scale))
        let fraction = String(scaled % Int(scale))
        return whole + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// `text` right-aligned in `width` characters.
    static func padded(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
