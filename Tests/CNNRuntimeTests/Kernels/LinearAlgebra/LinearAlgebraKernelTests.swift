import Testing
import CNNIR
import CNNRuntime

/// gemm and matmul kernels against the reference on random configurations (bound:
/// `KernelHarness.relativeL2Bound`), and the family's choices.
@Suite("Fast gemm and matmul kernels")
struct LinearAlgebraKernelTests {
    /// The number of configurations per op.
    static let configurationCount = 200

    @Test("gemm: 200 random shapes, transposes, alpha, beta and broadcast c")
    func gemm() throws {
        var generator = SeededGenerator(seed: 0x6E33)
        for _ in 0..<Self.configurationCount {
            let (rows, inner, columns) = (generator.nextInt(in: 1...13), generator.nextInt(in: 1...17), generator.nextInt(in: 1...13))
            let (transposeA, transposeB) = (generator.nextChance(0.5), generator.nextChance(0.5))
            var attributes: Attributes = ["trans_a": .bool(transposeA), "trans_b": .bool(transposeB)]
            if generator.nextChance(0.5) { attributes["alpha"] = .float(generator.nextUnitDouble() * 4 - 2) }
            if generator.nextChance(0.5) { attributes["beta"] = .float(generator.nextUnitDouble() * 4 - 2) }
            var operands = [try Tensor.random(shape: transposeA ? [inner, rows] : [rows, inner], using: &generator),
                            try Tensor.random(shape: transposeB ? [columns, inner] : [inner, columns], using: &generator)]
            let cShapes: [[Int]?] = [nil, [], [1], [columns], [1, columns], [rows, 1], [rows, columns], [1, 1]]
            if let cShape = generator.nextElement(of: cShapes) {
                operands.append(try Tensor.random(shape: cShape, using: &generator))
            }
            let constants: Set<Int> = generator.nextChance(0.5) ? [1] : []
            try KernelHarness.checkAgainstReference(LinearAlgebraKernels(), .gemm, operands: operands, attributes: attributes,
                                                    constantIndices: constants,
                                                    expectedKernel: rows == 1 && transposeB && !transposeA ? "gemv" : "sgemm",
                                                    configuration: KernelHarness.describe(.gemm, operands, attributes))
        }
    }

    @Test("gemv: 200 random one-row gemms with a transposed b, long rows, 1 to 3 threads, bit-identical across threads")
    func rowVector() throws {
        var generator = SeededGenerator(seed: 0x6E3F)
        for index in 0..<Self.configurationCount {
            let (inner, columns) = (generator.nextInt(in: 1...300), generator.nextInt(in: 1...400))
            var attributes: Attributes = ["trans_b": .bool(true)]
            if generator.nextChance(0.5) { attributes["alpha"] = .float(generator.nextUnitDouble() * 4 - 2) }
            var operands = [try Tensor.random(shape: [1, inner], using: &generator),
                            try Tensor.random(shape: [columns, inner], using: &generator)]
            if generator.nextChance(0.7) { operands.append(try Tensor.random(shape: [columns], using: &generator)) }
            let configuration = KernelHarness.describe(.gemm, operands, attributes)
            try KernelHarness.checkAgainstReference(LinearAlgebraKernels(), .gemm, operands: operands, attributes: attributes,
                                                    constantIndices: [1], expectedKernel: "gemv", threadCount: 1 + index % 3,
                                                    configuration: configuration)
            let request = try KernelHarness.request(.gemm, operands: operands, attributes: attributes)
            let kernel = try #require(try LinearAlgebraKernels().makeKernel(for: request))
            let results = try (1...3).map { threads in
                try KernelHarness.run(kernel, operands: operands, resultTypes: request.resultTypes, threadCount: threads)[0]
            }
            #expect(results[1] == results[0] && results[2] == results[0], "\(configuration)")
        }
    }

    @Test("matmul: 200 random ranks 1 to 4 with broadcast batch axes")
    func matmul() throws {
        var generator = SeededGenerator(seed: 0x3A73)
        for _ in 0..<Self.configurationCount {
            let (rows, inner, columns) = (generator.nextInt(in: 1...9), generator.nextInt(in: 1...11), generator.nextInt(in: 1...9))
            let batch = (0..<generator.nextInt(in: 0...2)).map { _ in generator.nextInt(in: 2...3) }
            // Each operand keeps a suffix of the batch axes, each axis either full or broadcast (1).
            func batchAxes(_ generator: inout SeededGenerator) -> [Int] {
                batch.suffix(generator.nextInt(in: 0...batch.count)).map { generator.nextChance(0.3) ? 1 : $0 }
            }
            let leftShape = generator.nextChance(0.15) ? [inner] : batchAxes(&generator) + [rows, inner]
            let rightShape = generator.nextChance(0.15) ? [inner] : batchAxes(&generator) + [inner, columns]
            let operands = [try Tensor.random(shape: leftShape, using: &generator), try Tensor.random(shape: rightShape, using: &generator)]
            try KernelHarness.checkAgainstReference(LinearAlgebraKernels(), .matmul, operands: operands, attributes: [:],
                                                    constantIndices: generator.nextChance(0.5) ? [1] : [],
                                                    expectedKernel: "sgemm", configuration: KernelHarness.describe(.matmul, operands, [:]))
        }
    }

    @Test("gemm with an empty inner dimension gives beta·c")
    func emptyInner() throws {
        let operands = [try Tensor.zeros(shape: [3, 0]), try Tensor.zeros(shape: [0, 2]), try Tensor(shape: [2], scalars: [1, -2])]
        let request = try KernelHarness.request(.gemm, operands: operands, attributes: ["beta": .float(3)])
        let kernel = try #require(try LinearAlgebraKernels().makeKernel(for: request))
        let y = try KernelHarness.run(kernel, operands: operands, resultTypes: request.resultTypes)[0]
        #expect(y.scalars == [3, -6, 3, -6, 3, -6])
    }

    @Test("Only f32 gemm and matmul get a kernel")
    func choices() throws {
        func name(_ op: OpKind, _ shapes: [[Int]], dtype: DType = .f32) throws -> String? {
            let operands = try shapes.map { try Tensor.zeros(shape: $0, dtype: dtype) }
            return try LinearAlgebraKernels().makeKernel(for: KernelHarness.request(op, operands: operands, attributes: [:]))?.name
        }
        #expect(try name(.gemm, [[3, 4], [4, 5], [5]]) == "sgemm")
        #expect(try name(.matmul, [[2, 3, 4], [4, 5]]) == "sgemm")
        #expect(try name(.gemm, [[3, 4], [4, 5]], dtype: .f64) == nil)
        #expect(try name(.matmul, [[3, 4], [4, 5]], dtype: .f64) == nil)
        #expect(try name(.conv, [[1, 4, 8, 8], [8, 4, 3, 3]]) == nil)
    }
}
