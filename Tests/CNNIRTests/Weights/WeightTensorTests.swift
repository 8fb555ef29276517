import Testing
@testable import CNNIR

@Suite struct WeightTensorTests {
    @Test func storesElementsAsLittleEndianBytes() throws {
        let tensor = try WeightTensor(shape: [2], elements: [Float(1), -2])
        #expect(tensor.bytes == [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0])
        #expect(tensor.dtype == .f32)
        #expect(tensor.elementCount == 2)
        #expect(tensor.description == "f32[2]")
        #expect(tensor.floats() == [1, -2])
    }

    @Test func readsElementsBackForEveryDType() throws {
        let doubles = try WeightTensor(shape: [3], elements: [1.5, -0.0, .infinity])
        #expect(doubles.elements(as: Double.self) == [1.5, -0.0, .infinity])
        #expect(doubles.elements(as: Float.self) == nil)
        #expect(doubles.floats() == [1.5, -0.0, .infinity])
        let integers = try WeightTensor(shape: [2, 1], elements: [Int64.min, 7])
        #expect(integers.int64s() == [Int64.min, 7])
        #expect(integers.doubles() == [-9.223372036854775808e18, 7])
        #expect(doubles.int64s() == nil)
    }

    @Test func scalarsHaveOneElementAndZeroSizeTensorsNone() throws {
        let scalar = try WeightTensor(shape: [], elements: [Int64(3)])
        #expect(scalar.elementCount == 1)
        #expect(scalar.type == TensorType(.i64, []))
        let empty = try WeightTensor.zeros(dtype: .f64, shape: [4, 0, 1 << 40])
        #expect(empty.elementCount == 0)
        #expect(empty.bytes.isEmpty)
    }

    @Test func rejectsCountsThatDoNotMatchTheShape() {
        #expect(throws: Diagnostic.self) { try WeightTensor(shape: [2, 2], elements: [Float(1), 2, 3]) }
        #expect(throws: Diagnostic.self) { try WeightTensor(dtype: .f64, shape: [1], bytes: [0, 0, 0, 0]) }
        #expect(throws: Diagnostic.self) { try WeightTensor.zeros(dtype: .f32, shape: [-1]) }
        #expect(throws: Diagnostic.self) { try WeightTensor.zeros(dtype: .f32, shape: [1 << 40, 1 << 40]) }
    }

    @Test func convertsDoublesToEachDType() throws {
        let single = try WeightTensor(dtype: .f32, shape: [2], converting: [0.1, 2])
        #expect(single.floats() == [Float(0.1), 2])
        let integer = try WeightTensor(dtype: .i64, shape: [2], converting: [-3, 4])
        #expect(integer.int64s() == [-3, 4])
        #expect(throws: Diagnostic.self) { try WeightTensor(dtype: .i64, shape: [1], converting: [1.5]) }
        #expect(throws: Diagnostic.self) { try WeightTensor(dtype: .i64, shape: [1], converting: [.nan]) }
    }

    @Test func equalityIsBitwise() throws {
        let nan = try WeightTensor(shape: [1], elements: [Float.nan])
        #expect(nan == (try WeightTensor(shape: [1], elements: [Float.nan])))
        #expect((try WeightTensor(shape: [1], elements: [Float(0)])) != (try WeightTensor(shape: [1], elements: [Float(-0.0)])))
        #expect((try WeightTensor(shape: [2], elements: [Float(1), 2])) != (try WeightTensor(shape: [2, 1], elements: [Float(1), 2])))
    }
}
