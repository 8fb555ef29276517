import CNNIR

/// Counting helpers that never trap: products and sums of sizes saturate at `Int.max`, so that a
/// hostile model with enormous shapes yields a huge figure instead of an arithmetic overflow.
enum SaturatingCount {
    /// The product of `factors`, or `Int.max` if it does not fit in an `Int`.
    static func product<Factors: Sequence<Int>>(_ factors: Factors) -> Int {
        var result = 1
        for factor in factors {
            let (value, overflow) = result.multipliedReportingOverflow(by: factor)
            if overflow { return Int.max }
            result = value
        }
        return result
    }

    /// The sum of `terms`, or `Int.max` if it does not fit in an `Int`.
    static func sum<Terms: Sequence<Int>>(_ terms: Terms) -> Int {
        var result = 0
        for term in terms {
            let (value, overflow) = result.addingReportingOverflow(term)
            if overflow { return Int.max }
            result = value
        }
        return result
    }

    /// The number of elements of `shape`, counting a named dimension as 1.
    static func elementCount(of shape: Shape) -> Int {
        product(shape.dimensions.map { $0.fixedValue ?? 1 })
    }
}
