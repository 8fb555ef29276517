/// The dimensions of a tensor, outermost first (NCHW for images).
public struct Shape: Hashable, Sendable, CustomStringConvertible, ExpressibleByArrayLiteral {
    /// The dimensions, outermost first. Empty for a scalar.
    public var dimensions: [Dimension]

    /// Creates a shape from its dimensions.
    public init(_ dimensions: [Dimension]) { self.dimensions = dimensions }

    /// Creates a fully static shape.
    public init(_ sizes: [Int]) { self.dimensions = sizes.map(Dimension.fixed) }

    public init(arrayLiteral elements: Dimension...) { self.dimensions = elements }

    /// The number of dimensions.
    public var rank: Int { dimensions.count }

    /// The static sizes, or `nil` if any dimension is named.
    public var fixedSizes: [Int]? {
        var sizes: [Int] = []
        sizes.reserveCapacity(dimensions.count)
        for dimension in dimensions {
            guard let size = dimension.fixedValue else { return nil }
            sizes.append(size)
        }
        return sizes
    }

    /// The number of elements, or `nil` if a dimension is named or the count overflows `Int`.
    public var elementCount: Int? {
        guard let sizes = fixedSizes else { return nil }
        var count = 1
        for size in sizes {
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            if overflow { return nil }
            count = product
        }
        return count
    }

    /// The named dimensions that occur in this shape, in order of first appearance.
    public var symbolNames: [String] {
        var names: [String] = []
        for case .named(let name) in dimensions where !names.contains(name) { names.append(name) }
        return names
    }

    /// This shape with every named dimension found in `bindings` replaced by its size.
    public func binding(_ bindings: [String: Int]) -> Shape {
        Shape(dimensions.map { dimension in
            if case .named(let name) = dimension, let size = bindings[name] { return .fixed(size) }
            return dimension
        })
    }

    /// The dimension at `axis` (outermost is 0).
    public subscript(axis: Int) -> Dimension {
        get { dimensions[axis] }
        set { dimensions[axis] = newValue }
    }

    public var description: String { "[" + dimensions.map(\.description).joined(separator: ",") + "]" }
}
