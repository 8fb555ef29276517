import CNNIR

/// The NumPy broadcast of two shapes: aligned at the right, each pair of sizes equal or one of
/// them 1. Throws a `Diagnostic` naming both shapes when they do not broadcast.
func broadcastShape(_ a: [Int], _ b: [Int]) throws -> [Int] {
    let rank = max(a.count, b.count)
    let paddedA = Array(repeating: 1, count: rank - a.count) + a
    let paddedB = Array(repeating: 1, count: rank - b.count) + b
    return try zip(paddedA, paddedB).map { sizeA, sizeB in
        if sizeA == sizeB || sizeB == 1 { return sizeA }
        if sizeA == 1 { return sizeB }
        throw Diagnostic("shapes \(describe(a)) and \(describe(b)) do not broadcast")
    }
}

/// `source` expanded to `target` by unidirectional broadcasting (see `IndexMapping.broadcast`).
func broadcast<Element>(_ source: ShapedArray<Element>, to target: [Int]) throws -> ShapedArray<Element> {
    source.gathering(try IndexMapping.broadcast(from: source.shape, to: target), shape: target)
}

/// `combine` applied element by element to `a` and `b` broadcast to their common shape.
func broadcastCombination<Element, Result>(_ a: ShapedArray<Element>, _ b: ShapedArray<Element>,
                                           _ combine: (Element, Element) -> Result) throws -> ShapedArray<Result> {
    let shape = try broadcastShape(a.shape, b.shape)
    let expandedA = try broadcast(a, to: shape), expandedB = try broadcast(b, to: shape)
    return ShapedArray(shape: shape, values: zip(expandedA.values, expandedB.values).map(combine))
}

/// `combine` folded over `operands` (at least one) from the left, element by element, every
/// step broadcasting as NumPy does.
func broadcastCombination<Element>(_ operands: [ShapedArray<Element>],
                                   _ combine: (Element, Element) -> Element) throws -> ShapedArray<Element> {
    guard var result = operands.first else { throw Diagnostic("the op needs at least one operand") }
    for operand in operands.dropFirst() { result = try broadcastCombination(result, operand, combine) }
    return result
}
