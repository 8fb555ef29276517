import Testing
@testable import CNNIR

/// The exact bytes cnnc writes, and files written by other tools.
@Suite struct SafeTensorsFormatTests {
    @Test func writesTheExpectedBytes() throws {
        let store = WeightStore(tensors: [
            "b": try WeightTensor(shape: [2], elements: [Float(1), -2]),
            "a": try WeightTensor(shape: [], elements: [Int64(7)]),
        ], metadata: ["k": "v"])
        let header = #"{"__metadata__":{"k":"v"},"a":{"dtype":"I64","shape":[],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}"#
        #expect(header.utf8.count == 132)
        let padded = Array(header.utf8) + [UInt8](repeating: 0x20, count: 4)
        let expected: [UInt8] = [136, 0, 0, 0, 0, 0, 0, 0] + padded
            + [7, 0, 0, 0, 0, 0, 0, 0]
            + [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0]
        #expect(try SafeTensors.encode(store) == expected)
    }

    @Test func writesAnEmptyStoreAsAnEmptyObject() throws {
        #expect(try SafeTensors.encode(WeightStore()) == [8, 0, 0, 0, 0, 0, 0, 0] + Array("{}      ".utf8))
        #expect(try SafeTensors.decode(Array(WeightsFixture.file(header: "{}"))) == WeightStore())
    }

    @Test func readsHeadersInAnyKeyOrderWithWhitespaceAndEscapes() throws {
        let header = """
         { "second" : {"shape":[1],"data_offsets":[4,8],"dtype":"F32"},
           "__metadata__": {"by": "caf\\u00e9 \\ud83d\\ude00"},
           "first": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4], "extra": null} }\t\r\n
        """
        let data: [UInt8] = [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0x40]
        let store = try SafeTensors.decode(WeightsFixture.file(header: header, data: data))
        #expect(store["first"]?.floats() == [1])
        #expect(store["second"]?.floats() == [2])
        #expect(store.metadata["by"] == "café 😀")
    }

    @Test func widensHalfPrecisionFloatsExactly() throws {
        let halves: [UInt16] = [0x3C00, 0xC000, 0x7BFF, 0x0001, 0x8000, 0x7C00, 0x3555]
        let data = halves.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let header = #"{"h":{"dtype":"F16","shape":[7],"data_offsets":[0,14]}}"#
        let values = try #require(try SafeTensors.decode(WeightsFixture.file(header: header, data: data))["h"]?.elements(as: Float.self))
        #expect(values == [1, -2, 65504, 0x1.0p-24, -0.0, .infinity, 0x1.554p-2])
        #expect(values[4].sign == .minus)
        #expect(SafeTensorsDType.halfToFloat(0x7E00).isNaN)
    }

    @Test func widensBFloat16AndNarrowIntegers() throws {
        let header = """
        {"bf":{"dtype":"BF16","shape":[2],"data_offsets":[0,4]},
         "i32":{"dtype":"I32","shape":[2],"data_offsets":[4,12]},
         "u8":{"dtype":"U8","shape":[2],"data_offsets":[12,14]},
         "i8":{"dtype":"I8","shape":[2],"data_offsets":[14,16]},
         "u16":{"dtype":"U16","shape":[1],"data_offsets":[16,18]},
         "i16":{"dtype":"I16","shape":[1],"data_offsets":[18,20]},
         "u32":{"dtype":"U32","shape":[1],"data_offsets":[20,24]}}
        """
        let data: [UInt8] = [0x80, 0x3F, 0x40, 0xC0,  0xFB, 0xFF, 0xFF, 0xFF, 0x07, 0, 0, 0,  0xFF, 0x01,  0x80, 0x7F,
                             0xFF, 0xFF,  0x00, 0x80,  0xFF, 0xFF, 0xFF, 0xFF]
        let store = try SafeTensors.decode(WeightsFixture.file(header: header, data: data))
        #expect(store["bf"]?.elements(as: Float.self) == [1, -3])
        #expect(store["i32"]?.int64s() == [-5, 7])
        #expect(store["u8"]?.int64s() == [255, 1])
        #expect(store["i8"]?.int64s() == [-128, 127])
        #expect(store["u16"]?.int64s() == [65535])
        #expect(store["i16"]?.int64s() == [-32768])
        #expect(store["u32"]?.int64s() == [4_294_967_295])
    }
}
