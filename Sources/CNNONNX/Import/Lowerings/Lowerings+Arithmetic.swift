import CNNIR

extension Lowerings {
    /// Element-wise arithmetic, comparisons, Where, MatMul and Gemm.
    static let arithmetic: [String: Lowering] = [
        "Add": variadic(.add),
        "Sub": variadic(.sub),
        "Mul": variadic(.mul),
        "Div": variadic(.div),
        "Pow": variadic(.pow),
        "Sum": variadic(.sum),
        "Max": variadic(.max),
        "Min": variadic(.min),
        "Mean": variadic(.mean),
        "Equal": variadic(.equal),
        "Less": variadic(.less),
        "Greater": variadic(.greater),
        "Where": variadic(.`where`),
        "Sqrt": unary(.sqrt),
        "Exp": unary(.exp),
        "Log": unary(.log),
        "Neg": unary(.neg),
        "Abs": unary(.abs),
        "Reciprocal": unary(.reciprocal),
        "Erf": unary(.erf),
        "MatMul": variadic(.matmul),
        "Gemm": { lowering in
            let attributes: Attributes = [
                "alpha": .float(try lowering.float("alpha", default: 1)),
                "beta": .float(try lowering.float("beta", default: 1)),
                "trans_a": .bool(try lowering.int("transA", default: 0) != 0),
                "trans_b": .bool(try lowering.int("transB", default: 0) != 0),
            ]
            return [try lowering.emit1(.gemm, try lowering.givenInputs(), attributes)]
        },
    ]
}
