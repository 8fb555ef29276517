import CNNIR
import CNNONNX
import Testing

/// `tensors.onnx`: initializers of every element type cnnc reads, in raw_data and in the typed fields.
@Suite struct TensorsFixtureTests {
    let tensors: [String: TensorProto]

    init() throws {
        let model = try ONNXModelReader.read(contentsOf: Fixtures.path("tensors.onnx"))
        let initializers = try #require(model.graph?.initializer)
        tensors = Dictionary(uniqueKeysWithValues: initializers.map { ($0.name, $0) })
        #expect(initializers.count == 26)
    }

    /// The tensor called `name`.
    func tensor(_ name: String) throws -> TensorProto { try #require(tensors[name]) }

    @Test func floatingPointTensors() throws {
        #expect(try tensor("float_raw").dims == [2, 2])
        #expect(try tensor("float_raw").floats() == [1, -2, 3.5, 1e-3])
        #expect(try tensor("float_raw").doubles() == [1, -2, 3.5, Double(Float(1e-3))])
        let floatData = try tensor("float_data").floats()
        #expect(floatData == [0.5, 0, 1e30] && floatData[1].sign == .minus)
        #expect(try tensor("double_raw").doubles() == [1.25, -1e300])
        #expect(try tensor("double_raw").floats() == [1.25, -.infinity])
        #expect(try tensor("double_data").doubles() == [2.5, -3.75])
    }

    @Test func signedIntegerTensors() throws {
        #expect(try tensor("int64_raw").int64s() == [Int64.min, Int64.max, -1])
        #expect(try tensor("int64_data").int64s() == [-5, 1 << 40])
        #expect(try tensor("int64_data").floats() == [-5, 0x1p40])
        #expect(try tensor("int32_raw").int64s() == [Int64(Int32.min), 7])
        #expect(try tensor("int32_data").int64s() == [-3, Int64(Int32.max)])
        #expect(try tensor("int16_raw").int64s() == [-32768, 12])
        #expect(try tensor("int16_data").int64s() == [-4, 300])
        #expect(try tensor("int8_raw").int64s() == [-128, 127, -1])
        #expect(try tensor("int8_data").int64s() == [-8, 9])
        #expect(try tensor("int8_raw").doubles() == [-128, 127, -1])
    }

    @Test func unsignedIntegerAndBoolTensors() throws {
        #expect(try tensor("uint8_raw").int64s() == [0, 255, 17])
        #expect(try tensor("uint8_data").int64s() == [200])
        #expect(try tensor("uint16_raw").int64s() == [65535, 1])
        #expect(try tensor("uint32_raw").int64s() == [4_294_967_295, 2])
        #expect(try tensor("uint64_raw").int64s() == [Int64.max, 3])
        #expect(try tensor("uint64_data").doubles() == [0x1p64, 4])
        let tooLarge = diagnosticMessage { _ = try tensor("uint64_data").int64s() }
        #expect(tooLarge?.hasSuffix("tensor 'uint64_data' has the UINT64 element 18446744073709551615, which is larger than the int64 maximum") == true)
        #expect(try tensor("bool_raw").int64s() == [1, 0, 1])
        #expect(try tensor("bool_raw").floats() == [1, 0, 1])
        #expect(try tensor("bool_data").int64s() == [0, 1])
    }

    @Test func halfPrecisionTensors() throws {
        #expect(try tensor("float16_raw").floats() == [1, -2.5, 65504, 0x1p-14, 0x1p-24, 0])
        #expect(try tensor("float16_data").int32Data == [0xBE00, 0x2E66])
        #expect(try tensor("float16_data").floats() == [-1.5, 0.099975586])
        #expect(try tensor("bfloat16_raw").floats() == [1.5, -10])
    }

    @Test func scalarsEmptyTensorsAndStrings() throws {
        #expect(try tensor("scalar").dims.isEmpty)
        #expect(try tensor("scalar").elementCount() == 1)
        #expect(try tensor("scalar").floats() == [42])
        #expect(try tensor("empty").dims == [2, 0, 3])
        #expect(try tensor("empty").floats().isEmpty)
        let strings = try tensor("strings")
        #expect(strings.dataType == .string && strings.stringData == [Array("ab".utf8), Array("c".utf8)])
        let message = diagnosticMessage { _ = try strings.floats() }
        #expect(message?.hasSuffix("tensor 'strings' has element type STRING; cnnc reads FLOAT, DOUBLE, FLOAT16, BFLOAT16, INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64 and BOOL") == true)
        #expect(message?.hasPrefix(Fixtures.path("tensors.onnx") + ": ModelProto.graph > GraphProto.initializer[25] at byte ") == true)
    }

    @Test func floatingPointElementsAreNotIntegers() throws {
        #expect(diagnosticMessage { _ = try tensor("float_raw").int64s() }?.hasSuffix("tensor 'float_raw' has FLOAT elements, but integers are needed here") == true)
    }
}
