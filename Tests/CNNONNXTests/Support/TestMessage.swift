import CNNIR
import CNNONNX

/// A message with a field of every kind the reader supports, for wire-format tests:
/// 1 int64, 2 int32, 3 uint64, 4 sint32, 5 sint64, 6 bool, 7 float, 8 double, 9 string, 10 bytes,
/// 11 repeated int64, 12 repeated float, 13 repeated Scalars (nested), 14 repeated double, 15 repeated sint32.
struct Scalars: ProtobufMessage, Equatable {
    var int64: Int64 = 0
    var int32: Int32 = 0
    var uint64: UInt64 = 0
    var sint32: Int32 = 0
    var sint64: Int64 = 0
    var bool = false
    var float: Float = 0
    var double: Double = 0
    var string = ""
    var bytes: [UInt8] = []
    var int64s: [Int64] = []
    var floats: [Float] = []
    var children: [Scalars] = []
    var doubles: [Double] = []
    var sint32s: [Int32] = []

    static let protobufName = "Scalars"

    mutating func decode(_ field: ProtobufField, from reader: inout ProtobufReader) throws {
        switch field.number {
        case 1: int64 = try reader.read(.int64, field, "int64")
        case 2: int32 = try reader.read(.int32, field, "int32")
        case 3: uint64 = try reader.read(.uint64, field, "uint64")
        case 4: sint32 = try reader.read(.sint32, field, "sint32")
        case 5: sint64 = try reader.read(.sint64, field, "sint64")
        case 6: bool = try reader.read(.bool, field, "bool")
        case 7: float = try reader.read(.float, field, "float")
        case 8: double = try reader.read(.double, field, "double")
        case 9: string = try reader.read(.string, field, "string")
        case 10: bytes = try reader.read(.bytes, field, "bytes")
        case 11: try reader.append(.int64, field, "int64s", to: &int64s)
        case 12: try reader.append(.float, field, "floats", to: &floats)
        case 13: try reader.append(.message(Scalars.self), field, "children", to: &children)
        case 14: try reader.append(.double, field, "doubles", to: &doubles)
        case 15: try reader.append(.sint32, field, "sint32s", to: &sint32s)
        default: try reader.skip(field)
        }
    }

    /// Decodes `bytes` as a `Scalars` message from the file `test.bin`.
    static func decode(_ bytes: [UInt8]) throws -> Scalars {
        try ProtobufReader.decode(Scalars.self, from: bytes, file: "test.bin")
    }
}

/// The message of the diagnostic `body` throws (nil when it throws none or something else).
func diagnosticMessage(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let diagnostic as Diagnostic {
        return diagnostic.message
    } catch {
        return "not a Diagnostic: \(error)"
    }
}
