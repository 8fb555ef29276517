import Testing
import CNNIR
import CNNRuntime

/// Every convolution kernel against the reference on random configurations (see
/// `ConvolutionCases` for what is drawn and `KernelHarness.relativeL2Bound` for the bound).
@Suite("Fast conv kernels against the reference")
struct ConvolutionKernelTests {
    /// The number of configurations per kernel.
    static let configurationCount = 200

    @Test("im2col: 200 random 1-D, 2-D and 3-D convs")
    func im2col() throws {
        var generator = SeededGenerator(seed: 0x1A2C01)
        var perRank = [1: 0, 2: 0, 3: 0]
        var checked = 0
        while checked < Self.configurationCount {
            let drawn = try ConvolutionCases.draw(.general(ranks: [1, 2, 3]), using: &generator)
            let request = try KernelHarness.request(drawn.op, operands: drawn.operands, attributes: drawn.attributes)
            // Pointwise and depthwise draws belong to the other kernels' tests.
            guard try ConvolutionKernels().makeKernel(for: request)?.name == "im2col" else { continue }
            try check(drawn, expectedKernel: "im2col")
            perRank[drawn.operands[0].rank - 2, default: 0] += 1
            checked += 1
        }
        #expect(perRank.values.allSatisfy { $0 >= 30 }, "configurations per spatial rank: \(perRank)")
    }

    @Test("gemm1x1: 200 random pointwise convs of every rank")
    func pointwise() throws {
        var generator = SeededGenerator(seed: 0x1A2C02)
        for _ in 0..<Self.configurationCount {
            try check(try ConvolutionCases.draw(.pointwise, using: &generator), expectedKernel: "gemm1x1")
        }
    }

    @Test("depthwise: 200 random 2-D depthwise convs")
    func depthwise() throws {
        var generator = SeededGenerator(seed: 0x1A2C03)
        for _ in 0..<Self.configurationCount {
            try check(try ConvolutionCases.draw(.depthwise, using: &generator), expectedKernel: "depthwise")
        }
    }

    @Test("col2im+sgemm: 200 random 1-D, 2-D and 3-D conv_transposes")
    func transposed() throws {
        var generator = SeededGenerator(seed: 0x1A2C04)
        for _ in 0..<Self.configurationCount {
            try check(try ConvolutionCases.draw(.transposed(ranks: [1, 2, 3]), using: &generator), expectedKernel: "col2im+sgemm")
        }
    }

    @Test("col2im+sgemm: the same bits on 1, 2 and 3 threads (images and groups split over the pool)")
    func transposedOnSeveralThreads() throws {
        var generator = SeededGenerator(seed: 0x1A2C05)
        for _ in 0..<50 {
            let drawn = try ConvolutionCases.draw(.transposed(ranks: [1, 2]), using: &generator)
            let request = try KernelHarness.request(drawn.op, operands: drawn.operands, attributes: drawn.attributes,
                                                    constantIndices: drawn.constantIndices, resultCount: 1)
            let kernel = try #require(try ConvolutionKernels().makeKernel(for: request))
            let results = try [1, 2, 3].map { threads in
                try KernelHarness.run(kernel, operands: drawn.operands, resultTypes: request.resultTypes, threadCount: threads)
            }
            #expect(results[1] == results[0] && results[2] == results[0], "\(drawn.description)")
        }
    }

    /// Checks one drawn configuration against the reference.
    private func check(_ drawn: ConvolutionCase, expectedKernel: String,
                       sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        try KernelHarness.checkAgainstReference(ConvolutionKernels(), drawn.op, operands: drawn.operands,
                                                attributes: drawn.attributes, constantIndices: drawn.constantIndices,
                                                expectedKernel: expectedKernel, configuration: drawn.description,
                                                sourceLocation: sourceLocation)
    }
}
