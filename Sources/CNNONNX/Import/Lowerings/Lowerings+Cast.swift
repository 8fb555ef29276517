import CNNIR
import CNNRuntime

extension Lowerings {
    /// Cast and CastLike.
    static let casts: [String: Lowering] = [
        "Cast": { lowering in
            guard let to = try lowering.int("to") else { throw lowering.error("attribute 'to' is required") }
            return [try cast(lowering, to: TensorProto.DataType(rawValue: Int32(truncatingIfNeeded: to)))]
        },
        "CastLike": { lowering in
            [try cast(lowering, to: ElementTypes.dataType(try lowering.inputType(1).dtype))]
        },
    ]

    /// The node's first input cast to `dataType`: computed at import when the input is known
    /// (narrow integer types held as i64), kept as is for vectors of named dimensions cast to an
    /// integer type, else the IR's cast.
    private static func cast(_ lowering: NodeLowering, to dataType: TensorProto.DataType) throws -> ImportedValue {
        let x = try lowering.input(0)
        switch x {
        case .constant(let constant):
            guard let dtype = ElementTypes.constantDType(dataType) else { throw UnsupportedFeature(detail: "to \(dataType)") }
            return lowering.constant(try ConstantCast.cast(constant.tensor, to: dtype), "cast")
        case .symbolic:
            guard ElementTypes.constantDType(dataType) == .i64 else { throw UnsupportedFeature(detail: "of a shape to \(dataType)") }
            return x
        case .value, .unavailable, .invalid:
            guard let dtype = ElementTypes.valueDType(dataType) else { throw UnsupportedFeature(detail: "to \(dataType)") }
            if try lowering.type(of: x).dtype == dtype { return x }
            return try lowering.emit1(.cast, [x], ["to": .string(dtype.rawValue)])
        }
    }
}
