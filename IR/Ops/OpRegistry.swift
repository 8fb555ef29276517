// TEMPORARY (replaced by the op-set work): every op passes its first operand's type through.
extension OpKind {
    /// The declarative definition of this op.
    public var schema: OpSchema {
        OpSchema(self, "", operands: [.variadic("x")]) { context in [context.operands[0]] }
    }
}
