import CNNIR

/// Gradients of the element-wise arithmetic and math ops (broadcasting operands receive their
/// gradient summed over the broadcast axes).
extension VJPRules {
    /// The rule of an arithmetic or math op.
    static func arithmeticRule(for op: OpKind) -> VJPRule? {
        switch op {
        case .add: return { c in try perOperand(c) { try c.emitter.reduce(c.outputGradient, toShapeOf: c.operands[$0]) } }
        case .sub: return subtraction
        case .mul: return product
        case .div: return quotient
        case .pow: return power
        case .neg: return { c in [try c.emitter.apply(.neg, [c.outputGradient], role: "input")] }
        case .exp: return { c in [try c.emitter.apply(.mul, [c.outputGradient, c.results[0]], role: "input")] }
        case .log: return { c in [try c.emitter.apply(.div, [c.outputGradient, c.operands[0]], role: "input")] }
        case .sqrt: return squareRoot
        case .reciprocal: return reciprocal
        case .abs: return absoluteValue
        case .erf: return errorFunction
        case .sum, .mean: return variadicSum
        case .identity, .expand: return { c in [try c.emitter.reduce(c.outputGradient, toShapeOf: c.operands[0])] }
        case .cast: return cast
        case .where: return selection
        default: return nil
        }
    }

    /// a − b: dy and −dy.
    private static func subtraction(_ c: VJPContext) throws -> [GraphValue?] {
        let dy = try c.outputGradient
        return try perOperand(c) { index in
            let signed = index == 0 ? dy : try c.emitter.apply(.neg, [dy], role: "negated")
            return try c.emitter.reduce(signed, toShapeOf: c.operands[index])
        }
    }

    /// a · b: dy·b and dy·a.
    private static func product(_ c: VJPContext) throws -> [GraphValue?] {
        let dy = try c.outputGradient
        return try perOperand(c) { index in
            let other = c.operands[1 - index]
            return try c.emitter.reduce(c.emitter.apply(.mul, [dy, other], role: "operand\(index)"), toShapeOf: c.operands[index])
        }
    }

    /// a / b: dy/b and −dy·y/b.
    private static func quotient(_ c: VJPContext) throws -> [GraphValue?] {
        let dy = try c.outputGradient, e = c.emitter, b = c.operands[1]
        return try perOperand(c) { index in
            if index == 0 { return try e.reduce(e.apply(.div, [dy, b], role: "dividend"), toShapeOf: c.operands[0]) }
            let scaled = try e.apply(.div, [e.apply(.mul, [dy, c.results[0]], role: "quotient"), b], role: "divisor")
            return try e.reduce(e.apply(.neg, [scaled], role: "divisor"), toShapeOf: b)
        }
    }

    /// a^b: dy·b·a^(b−1) and dy·y·ln a.
    private static func power(_ c: VJPContext) throws -> [GraphValue?] {
        let dy = try c.outputGradient, e = c.emitter, a = c.operands[0], b = c.operands[1]
        return try perOperand(c) { index in
            if index == 0 {
                let lowered = try e.apply(.pow, [a, e.apply(.sub, [b, e.scalar(1, b.dtype)], role: "exponent")], role: "power")
                let slope = try e.apply(.mul, [b, lowered], role: "slope")
                return try e.reduce(e.apply(.mul, [dy, slope], role: "base"), toShapeOf: a)
            }
            let logarithm = try e.apply(.log, [a], role: "logarithm")
            return try e.reduce(e.apply(.mul, [e.apply(.mul, [dy, c.results[0]], role: "scaled"), logarithm], role: "exponent"), toShapeOf: b)
        }
    }

    /// √x: dy / (2·y).
    private static func squareRoot(_ c: VJPContext) throws -> [GraphValue?] {
        let e = c.emitter
        let doubled = try e.apply(.mul, [c.results[0], e.scalar(2, c.results[0].dtype)], role: "doubled")
        return [try e.apply(.div, [c.outputGradient, doubled], role: "input")]
    }

    /// 1/x: −dy·y².
    private static func reciprocal(_ c: VJPContext) throws -> [GraphValue?] {
        let e = c.emitter, y = c.results[0]
        let scaled = try e.apply(.mul, [c.outputGradient, e.apply(.mul, [y, y], role: "square")], role: "scaled")
        return [try e.apply(.neg, [scaled], role: "input")]
    }

    /// |x|: −dy where x < 0, dy elsewhere (the subgradient 1 at 0).
    private static func absoluteValue(_ c: VJPContext) throws -> [GraphValue?] {
        let e = c.emitter, x = c.operands[0], dy = try c.outputGradient
        let negative = try e.apply(.less, [x, e.scalar(0, x.dtype)], role: "negative")
        return [try e.apply(.where, [negative, e.apply(.neg, [dy], role: "negated"), dy], role: "input")]
    }

    /// erf(x): dy · 2/√π · e^(−x²).
    private static func errorFunction(_ c: VJPContext) throws -> [GraphValue?] {
        let e = c.emitter, x = c.operands[0]
        let square = try e.apply(.mul, [x, x], role: "square")
        let density = try e.apply(.exp, [e.apply(.neg, [square], role: "exponent")], role: "density")
        let scaled = try e.apply(.mul, [density, e.scalar(2 / Double.pi.squareRoot(), x.dtype)], role: "slope")
        return [try e.apply(.mul, [c.outputGradient, scaled], role: "input")]
    }

    /// sum and mean of several tensors: dy (divided by their count for mean), per operand.
    private static func variadicSum(_ c: VJPContext) throws -> [GraphValue?] {
        var dy = try c.outputGradient
        if c.node.op == .mean {
            dy = try c.emitter.apply(.mul, [dy, c.emitter.scalar(1 / Double(c.operands.count), dy.dtype)], role: "share")
        }
        return try perOperand(c) { try c.emitter.reduce(dy, toShapeOf: c.operands[$0]) }
    }

    /// cast between floating types: the gradient cast back.
    private static func cast(_ c: VJPContext) throws -> [GraphValue?] {
        let x = c.operands[0]
        guard x.dtype.isFloatingPoint, c.results[0].dtype.isFloatingPoint else {
            throw Diagnostic("a cast from \(x.dtype) to \(c.results[0].dtype) has no gradient")
        }
        return [try c.emitter.apply(.cast, [c.outputGradient], ["to": .string(x.dtype.rawValue)], role: "input")]
    }

    /// where(condition, x, y): dy routed to x where the condition holds and to y elsewhere.
    private static func selection(_ c: VJPContext) throws -> [GraphValue?] {
        let e = c.emitter, dy = try c.outputGradient
        let zero = try e.scalar(0, dy.dtype)
        return try perOperand(c) { index in
            guard index > 0 else { return nil }
            let routed = try e.apply(.where, [c.operands[0], index == 1 ? dy : zero, index == 1 ? zero : dy], role: "branch\(index)")
            return try e.reduce(routed, toShapeOf: c.operands[index])
        }
    }
}
