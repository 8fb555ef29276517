/// Checks and arithmetic shared by the shape rules: dtypes, ranks, axes, static sizes.
///
/// Every check throws a `Diagnostic` (without location) that says what was expected and what
/// was found; named dimensions pass through wherever no arithmetic on them is needed.
enum ShapeRules {
    /// Throws unless `type` has a floating-point element type.
    static func requireFloating(_ type: TensorType, _ name: String) throws {
        try require(type, name, .floating)
    }

    /// Throws unless the element type of `type` is one of `accepted`.
    static func require(_ type: TensorType, _ name: String, _ accepted: ElementTypes) throws {
        guard accepted.admits(type.dtype) else {
            throw Diagnostic("\(name) must have \(accepted), found \(type)")
        }
    }

    /// Throws unless `type` has the element type of `reference`.
    static func requireDType(_ type: TensorType, _ name: String, like reference: TensorType, _ referenceName: String) throws {
        guard type.dtype == reference.dtype else {
            throw Diagnostic("\(name) must be \(reference.dtype) like \(referenceName), found \(type)")
        }
    }

    /// Throws unless `type` is exactly `expected`; `reason` says why it is expected.
    static func requireType(_ type: TensorType, _ name: String, _ expected: TensorType, _ reason: String) throws {
        guard type == expected else { throw Diagnostic("\(name) must be \(expected) (\(reason)), found \(type)") }
    }

    /// Throws unless the rank of `type` lies in `ranks`; `meaning` names the axes.
    static func requireRank(_ type: TensorType, _ name: String, _ ranks: ClosedRange<Int>, _ meaning: String) throws {
        guard !ranks.contains(type.rank) else { return }
        let expected: String
        if ranks.lowerBound == ranks.upperBound {
            expected = "rank \(ranks.lowerBound)"
        } else if ranks.upperBound == Int.max {
            expected = "rank at least \(ranks.lowerBound)"
        } else {
            expected = "rank \(ranks.lowerBound) to \(ranks.upperBound)"
        }
        throw Diagnostic("\(name) must have \(expected) (\(meaning)), found \(type)")
    }

    /// `axis` in `0..<rank` (negative axes count from the end); with `allowingEnd`, `rank`
    /// itself is valid too.
    static func normalizeAxis(_ axis: Int, rank: Int, name: String = "axis", allowingEnd: Bool = false) throws -> Int {
        let upper = allowingEnd ? rank : rank - 1
        guard axis >= -rank && axis <= upper else {
            let valid = upper < 0 ? "a scalar has no axes" : "valid: \(-rank) to \(upper)"
            throw Diagnostic("\(name) \(axis) out of range for rank \(rank) (\(valid))")
        }
        return axis < 0 ? axis + rank : axis
    }

    /// Every axis of `axes` normalized against `rank`, with duplicates rejected.
    static func normalizeAxes(_ axes: [Int], rank: Int, name: String = "axes") throws -> [Int] {
        var normalized: [Int] = []
        for axis in axes {
            let value = try normalizeAxis(axis, rank: rank, name: "axis")
            guard !normalized.contains(value) else {
                throw Diagnostic("\(name) \(axes) name axis \(value) twice")
            }
            normalized.append(value)
        }
        return normalized
    }

    /// The static size of `dimension`, or a diagnostic asking the user to bind it.
    static func staticSize(_ dimension: Dimension, axis: Int, of name: String, _ purpose: String) throws -> Int {
        switch dimension {
        case .fixed(let size): return size
        case .named(let symbol): throw namedDimension(symbol, axis: axis, of: name, purpose)
        }
    }

    /// The static sizes of `axes` of `type`.
    static func staticSizes(_ type: TensorType, axes: Range<Int>, of name: String, _ purpose: String) throws -> [Int] {
        try axes.map { try staticSize(type.shape[$0], axis: $0, of: name, purpose) }
    }

    /// The diagnostic for a named dimension where a static size is needed.
    static func namedDimension(_ symbol: String, axis: Int, of name: String, _ purpose: String) -> Diagnostic {
        Diagnostic("dimension \(symbol) (axis \(axis) of \(name)) must be static \(purpose); bind it with --set \(symbol)=…")
    }

    /// The product of `dimensions`: static when all are, or the one named dimension when every
    /// other factor is 1 (so a batch `N` passes through flattening).
    static func product(_ dimensions: [Dimension], of name: String, axes: Range<Int>) throws -> Dimension {
        var product = 1
        var named: [(axis: Int, symbol: String)] = []
        for (offset, dimension) in dimensions.enumerated() {
            switch dimension {
            case .fixed(let size):
                let (result, overflow) = product.multipliedReportingOverflow(by: size)
                guard !overflow else { throw Diagnostic("the product of \(name)'s dimensions \(Shape(dimensions)) overflows") }
                product = result
            case .named(let symbol):
                named.append((axes.lowerBound + offset, symbol))
            }
        }
        guard let first = named.first else { return .fixed(product) }
        guard named.count == 1, product == 1 else {
            throw namedDimension(first.symbol, axis: first.axis, of: name, "to multiply it with other dimensions")
        }
        return .named(first.symbol)
    }

    /// Throws unless the two dimensions are the same (a named one only matches itself).
    static func requireEqual(_ first: Dimension, _ second: Dimension, _ message: @autoclosure () -> String) throws {
        guard first == second else {
            let hint = first.fixedValue == nil || second.fixedValue == nil ? " (a named dimension only matches itself; bind it with --set)" : ""
            throw Diagnostic(message() + hint)
        }
    }
}

extension ShapeRules {
    /// The largest size or attribute value window arithmetic accepts, so that no product of two
    /// such values overflows.
    static let sizeLimit = 1 << 31

    /// `values` written as in the text format: `[2,0]`.
    static func text(_ values: [Int]) -> String { "[" + values.map(String.init).joined(separator: ",") + "]" }

    /// Throws unless every value is below `sizeLimit`.
    static func requireBelowLimit(_ values: [Int], _ name: String) throws {
        guard values.allSatisfy({ $0 < sizeLimit }) else {
            throw Diagnostic("\(name) must be below \(sizeLimit), found \(text(values))")
        }
    }
}

/// The element types an operand may have, for the rules that accept more than the floating types.
enum ElementTypes: CustomStringConvertible {
    /// f32 or f64.
    case floating
    /// f32, f64 or i64: the types arithmetic applies to.
    case numeric
    /// Every element type, bool included.
    case any

    /// Whether `dtype` is one of these types.
    func admits(_ dtype: DType) -> Bool {
        switch self {
        case .floating: return dtype.isFloatingPoint
        case .numeric: return dtype.isNumeric
        case .any: return true
        }
    }

    /// The types for messages: `a floating type (f32 or f64)`.
    var description: String {
        switch self {
        case .floating: return "a floating type (f32 or f64)"
        case .numeric: return "a numeric type (f32, f64 or i64)"
        case .any: return "any element type"
        }
    }
}
