import Testing
import CNNIR
import CNNRuntime

@Suite("Tensor")
struct TensorTests: RuntimeTestHelpers {
    @Test("initializers check the element count against the shape")
    func validation() throws {
        let tensor = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect(tensor.dtype == .f32 && tensor.rank == 2 && tensor.count == 6 && tensor.type == TensorType(.f32, [2, 3]))
        expectDiagnostic(containing: "a tensor of shape [2,3] holds 6 elements, found 5") {
            _ = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5])
        }
        expectDiagnostic(containing: "negative dimension") { _ = try Tensor.zeros(shape: [2, -1]) }
        expectDiagnostic(containing: "too many elements") { _ = try Tensor.zeros(shape: [1 << 40, 1 << 40]) }
        #expect(try Tensor.zeros(shape: [0, 1 << 40, 1 << 40]).count == 0)
        #expect(Tensor(scalar: Int64(7)).shape == [] && Tensor(scalar: Int64(7)).dtype == .i64)
    }

    @Test("zeros and element access for every dtype")
    func zerosAndAccess() throws {
        for dtype in DType.allCases {
            var tensor = try Tensor.zeros(shape: [2, 3], dtype: dtype)
            #expect(tensor.dtype == dtype && tensor.doubles == Array(repeating: 0, count: 6))
            let value: Double = dtype == .bool ? 1 : 5
            try tensor.setValue(value, at: [1, 2])
            #expect(try tensor.value(at: [1, 2]) == value)
            #expect(tensor.doubles == [0, 0, 0, 0, 0, value])
        }
        let tensor = try Tensor.zeros(shape: [2, 3])
        expectDiagnostic(containing: "out of bounds") { _ = try tensor.value(at: [2, 0]) }
        expectDiagnostic(containing: "has 1 components") { _ = try tensor.value(at: [0]) }
        var integers = try Tensor.zeros(shape: [1], dtype: .i64)
        expectDiagnostic(containing: "not an integer") { try integers.setValue(0.5, at: [0]) }
        var flags = try Tensor.zeros(shape: [1], dtype: .bool)
        expectDiagnostic(containing: "neither 0 nor 1") { try flags.setValue(2, at: [0]) }
    }

    @Test("bool tensors: one byte per element, truth values, conversion and random draws")
    func bools() throws {
        let flags = try Tensor(shape: [3], elements: [true, false, true])
        #expect(flags.dtype == .bool && flags.type == TensorType(.bool, [3]) && DType.bool.byteSize == MemoryLayout<Bool>.stride)
        #expect(flags.scalars == [1, 0, 1] && flags.booleans == [true, false, true])
        #expect(try Tensor(shape: [3], scalars: [0, -0.5, .nan]).booleans == [false, true, true])
        #expect(try flags.converted(to: .i64) == Tensor(shape: [3], elements: [1, 0, 1] as [Int64]))
        #expect(try Tensor(shape: [2], scalars: [1, 0]).converted(to: .bool) == Tensor(shape: [2], elements: [true, false]))
        expectDiagnostic(containing: "cannot convert f32[1] to bool") { _ = try Tensor(shape: [1], scalars: [0.5]).converted(to: .bool) }
        let coin = try Tensor.random(shape: [1000], dtype: .bool, seed: 5).booleans
        #expect((400...600).contains(coin.filter { $0 }.count))
        #expect(try Tensor(TensorLiteral(shape: Shape([2]), booleans: [false, true])) == Tensor(shape: [2], elements: [false, true]))
        #expect(try Tensor(WeightTensor(flags)) == flags)
        #expect(flags.description == "bool[3] [true, false, true]")
    }

    @Test("a copy keeps its values when the original is written through a pointer")
    func valueSemantics() throws {
        var original = try Tensor(shape: [3], scalars: [1, 2, 3])
        let copy = original
        try original.withUnsafeMutableBufferPointer(of: Float.self) { buffer in
            for index in buffer.indices { buffer[index] *= 10 }
        }
        #expect(original.scalars == [10, 20, 30])
        #expect(copy.scalars == [1, 2, 3])
        #expect(try original.withUnsafeBufferPointer(of: Float.self) { $0.reduce(0, +) } == 60)
        expectDiagnostic(containing: "expected a tensor of f64, found f32[3]") {
            try original.withUnsafeMutableBufferPointer(of: Double.self) { _ in }
        }
        #expect(original.dtype == .f32 && original.scalars == [10, 20, 30])
    }

    @Test("conversion between dtypes; floats become i64 only when they are integers")
    func conversion() throws {
        let tensor = try Tensor(shape: [3], scalars: [1, -2, 3])
        let integers = try tensor.converted(to: .i64)
        #expect(try integers.elements(as: Int64.self) == [1, -2, 3])
        #expect(try integers.converted(to: .f64).elements(as: Double.self) == [1, -2, 3])
        expectDiagnostic(containing: "cannot convert f32[1] to i64") { _ = try Tensor(shape: [1], scalars: [0.5]).converted(to: .i64) }
        expectDiagnostic(containing: "cannot convert f32[1] to i64") { _ = try Tensor(shape: [1], scalars: [.nan]).converted(to: .i64) }
        #expect(try tensor.reshaped(to: [3, 1]).shape == [3, 1])
        expectDiagnostic(containing: "a tensor of shape [2,2] holds 4 elements, found 3") { _ = try tensor.reshaped(to: [2, 2]) }
    }

    @Test("seeded random tensors repeat exactly and respect their distribution")
    func random() throws {
        let first = try Tensor.random(shape: [1000], seed: 42), second = try Tensor.random(shape: [1000], seed: 42)
        #expect(first == second)
        #expect(first != (try Tensor.random(shape: [1000], seed: 43)))
        #expect(first.scalars.allSatisfy { (-1...1).contains($0) })
        let labels = try Tensor.random(shape: [1000], dtype: .i64, distribution: .uniform(0...9), seed: 1)
        let classes = Set(try labels.elements(as: Int64.self))
        #expect(classes == Set(0...9))
        let normal = try Tensor.random(shape: [4000], dtype: .f64, distribution: .normal(mean: 3, standardDeviation: 2), seed: 2).doubles
        let mean = normal.reduce(0, +) / Double(normal.count)
        let variance = normal.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(normal.count)
        #expect(abs(mean - 3) < 0.15 && abs(variance.squareRoot() - 2) < 0.15)
        expectDiagnostic(containing: "no i64 values") { _ = try Tensor.random(shape: [1], dtype: .i64, distribution: .uniform(0.2...0.8), seed: 3) }
    }

    @Test("closeness and differences")
    func closeness() throws {
        let a = try Tensor(shape: [2], scalars: [1, 2]), b = try Tensor(shape: [2], scalars: [1, 2.00001])
        #expect(a.isClose(to: b, absoluteTolerance: 1e-4))
        #expect(!a.isClose(to: b, absoluteTolerance: 0, relativeTolerance: 1e-7))
        #expect(!a.isClose(to: try a.reshaped(to: [2, 1])))
        #expect(abs(try #require(a.maximumAbsoluteDifference(from: b)) - 1e-5) < 1e-6)
    }

    @Test("WeightTensor conversion round-trips every dtype")
    func weights() throws {
        let tensors = [try Tensor(shape: [2], scalars: [1.5, -2]), try Tensor(shape: [1, 2], elements: [0.1, 1e300]),
                       try Tensor(shape: [3], elements: [Int64.min, 0, Int64.max])]
        for tensor in tensors {
            let weight = try WeightTensor(tensor)
            #expect(weight.type == tensor.type)
            #expect(try Tensor(weight) == tensor)
        }
    }

    @Test("a constant literal becomes a tensor of its type")
    func literal() throws {
        let literal = TensorLiteral(type: TensorType(.i64, [2]), storage: .integer([4, 5]))
        #expect(try Tensor(literal) == Tensor(shape: [2], elements: [4, 5] as [Int64]))
        let named = TensorLiteral(type: TensorType(.f32, Shape([.named("N")])), storage: .floating([1]))
        expectDiagnostic(containing: "static shape") { _ = try Tensor(named) }
    }

    @Test("the description shows the type and the first elements")
    func description() throws {
        #expect(try Tensor(shape: [2], scalars: [1, 2]).description == "f32[2] [1.0, 2.0]")
        #expect(try iota([10], from: 0, .i64).description == "i64[10] [0, 1, 2, 3, 4, 5, 6, 7, …]")
    }
}
