import Testing
import CNNGEMM
import CNNIR
@testable import CNNRuntime

/// The conv kernels on cnnc's packed GEMM (`im2col`, `gemm1x1`) with fused epilogues, on every
/// instruction set this processor supports and on 1 to 3 threads, against the reference (bound
/// `KernelHarness.relativeL2Bound`; the epilogue adds one rounding per element at most).
@Suite("Packed-GEMM convs with fused epilogues")
struct GEMMConvolutionTests {
    /// The instruction sets with GEMM kernels that this processor runs (generic is the portable
    /// fallback, tested in the GEMM's own tests).
    static let instructionSets = GEMMInstructionSet.supported.filter { $0 != .generic }

    @Test("fused_conv on im2col and gemm1x1: 200 random configurations per instruction set",
          arguments: instructionSets)
    func fusedEpilogues(instructionSet: GEMMInstructionSet) throws {
        var generator = SeededGenerator(seed: 0xF05E + UInt64(instructionSet.rawValue.utf8.count))
        let family = ConvolutionKernels(instructionSet: instructionSet)
        var names: [String: Int] = [:]
        for index in 0..<200 {
            let kind: ConvolutionCases.Kind = index.isMultiple(of: 3) ? .pointwise : .general(ranks: [1, 2, 3])
            let drawn = try FusedConvolutionCases.fuse(try ConvolutionCases.draw(kind, using: &generator), using: &generator)
            var attributes = drawn.attributes
            // Depthwise draws take the GEMM path here too.
            attributes["algorithm"] = .string(kind.isPointwise ? "gemm1x1" : "im2col")
            let name = try KernelHarness.checkAgainstReference(family, drawn.op, operands: drawn.operands, attributes: attributes,
                                                               constantIndices: drawn.constantIndices,
                                                               threadCount: 1 + index % 3,
                                                               configuration: "\(drawn) on \(instructionSet)")
            names[name ?? "none", default: 0] += 1
        }
        #expect(names["im2col", default: 0] >= 100 && names["gemm1x1", default: 0] >= 60, "kernels: \(names)")
    }

    @Test("Results are bit-identical on 1, 2 and 3 threads")
    func threadCountsAgree() throws {
        var generator = SeededGenerator(seed: 0x7EAD)
        let shapes: [([Int], [Int], Attributes)] = [
            ([1, 16, 20, 20], [24, 16, 3, 3], ["pads": .ints([1, 1, 1, 1])]),
            ([3, 8, 9, 9], [8, 8, 1, 1], [:]),
            ([1, 64, 7, 7], [32, 64, 3, 3], ["pads": .ints([1, 1, 1, 1])]),
            ([2, 6, 33, 17], [4, 3, 5, 3], ["groups": .int(2), "strides": .ints([2, 1])]),
            // Stride 2 with rows of 36 windows: im2col gathers 16 entries at a time.
            ([1, 3, 45, 71], [8, 3, 7, 7], ["pads": .ints([3, 3, 3, 3]), "strides": .ints([2, 2])]),
            // More output channels than positions: threads split the output channels.
            ([1, 24, 6, 6], [40, 24, 3, 3], ["pads": .ints([1, 1, 1, 1])]),
            ([1, 32, 8, 8], [64, 32, 1, 1], ["strides": .ints([2, 2])]),
        ]
        for (input, weight, attributes) in shapes {
            let operands = [try Tensor.random(shape: input, using: &generator), try Tensor.random(shape: weight, using: &generator),
                            try Tensor.random(shape: [weight[0]], using: &generator)]
            for constants in [Set<Int>(), [1, 2]] {
                let request = try KernelHarness.request(.conv, operands: operands, attributes: attributes, constantIndices: constants)
                let kernel = try #require(try ConvolutionKernels().makeKernel(for: request))
                let results = try (1...3).map { threads in
                    try KernelHarness.run(kernel, operands: operands, resultTypes: request.resultTypes, threadCount: threads)[0]
                }
                #expect(results[1] == results[0] && results[2] == results[0], "\(input) * \(weight) \(attributes)")
                try KernelHarness.checkAgainstReference(ConvolutionKernels(), .conv, operands: operands, attributes: attributes,
                                                        constantIndices: constants, threadCount: 2,
                                                        configuration: "\(input) * \(weight) \(attributes) on 2 threads")
            }
        }
    }

    @Test("Work items cover every position once; threads get equal shares of whole column tiles, in chunks within the column budget, unless they split the output channels")
    func workDivision() throws {
        let cases: [([Int], [Int], Attributes)] = [
            ([1, 64, 56, 56], [64, 64, 3, 3], ["pads": .ints([1, 1, 1, 1])]),
            ([1, 512, 7, 7], [512, 512, 3, 3], ["pads": .ints([1, 1, 1, 1])]),
            ([1, 3, 224, 224], [64, 3, 7, 7], ["pads": .ints([3, 3, 3, 3]), "strides": .ints([2, 2])]),
            ([4, 8, 5, 5], [8, 8, 3, 3], [:]),
            ([1, 2, 3], [2, 2, 1], [:]),
            ([1, 256, 28, 28], [256, 256, 3, 3], ["pads": .ints([1, 1, 1, 1]), "strides": .ints([2, 2])]),
            ([1, 128, 56, 56], [128, 128, 3, 3], ["pads": .ints([1, 1, 1, 1]), "strides": .ints([2, 2])]),
        ]
        let tile = 48
        for (input, weight, attributes) in cases {
            let operands = [try Tensor.zeros(shape: input), try Tensor.zeros(shape: weight)]
            let geometry = try ConvolutionGeometry(try KernelHarness.request(.conv, operands: operands, attributes: attributes),
                                                   transposed: false)
            for threads in [1, 2, 4] {
                let label = "\(input) * \(weight) on \(threads) threads"
                let work = ConvolutionWork(geometry, columnRows: geometry.columnRows, threadCount: threads, columnTile: tile)
                var covered = Array(repeating: 0, count: work.groupImages * work.positions)
                for item in 0..<work.itemCount {
                    let (groupImage, positions) = work.item(item)
                    for position in positions { covered[groupImage * work.positions + position] += 1 }
                }
                #expect(covered.allSatisfy { $0 == 1 }, "\(label)")
                let budget = max(1, ConvolutionWork.columnBudgetBytes / (geometry.columnRows * 4))
                let splits = threads > 1 && work.groupImages < threads && geometry.outputChannelsPerGroup >= work.positions
                #expect(work.splitsOutputChannels == splits, "\(label)")
                if work.splitsOutputChannels {
                    #expect(work.itemCount == work.groupImages)
                    continue
                }
                #expect(work.chunksPerShare == 1 || (work.chunkLength % tile == 0 && work.chunkLength <= max(tile, budget)), "\(label)")
                #expect(work.sharesPerGroup == 1 || work.shareLength % tile == 0, "\(label)")
                if work.groupImages < threads && work.positions >= 64 * threads {
                    // One share per thread, equal to within a column tile per share.
                    let shares = (threads + work.groupImages - 1) / work.groupImages
                    #expect(work.sharesPerGroup == shares, "\(label)")
                    let last = work.positions - (work.sharesPerGroup - 1) * work.shareLength
                    #expect(abs(last - work.shareLength) <= shares * tile, "\(label)")
                }
                let parts = (0..<threads).map { work.items(ofPart: $0, parts: threads) }
                #expect(parts.map(\.count).reduce(0, +) == work.itemCount)
            }
        }
    }

    @Test("An algorithm that cannot run the conv is a diagnostic; direct leaves it to the reference")
    func forcedAlgorithms() throws {
        let operands = [try Tensor.zeros(shape: [1, 4, 8, 8]), try Tensor.zeros(shape: [8, 4, 3, 3])]
        for algorithm in ["gemm1x1", "depthwise", "winograd4x4"] {
            let attributes: Attributes = ["algorithm": .string(algorithm), "strides": .ints([2, 2])]
            // The shape rule already refuses the node, and the family refuses a request built anyway.
            #expect(throws: Diagnostic.self) { try KernelHarness.request(.conv, operands: operands, attributes: attributes) }
            var request = try KernelHarness.request(.conv, operands: operands, attributes: ["strides": .ints([2, 2])])
            request.attributes["algorithm"] = .string(algorithm)
            #expect(throws: Diagnostic.self) { try ConvolutionKernels().makeKernel(for: request) }
        }
        let direct = try KernelHarness.request(.conv, operands: operands, attributes: ["algorithm": .string("direct")])
        #expect(try ConvolutionKernels().makeKernel(for: direct) == nil)
        let pointwise = [try Tensor.zeros(shape: [1, 4, 8, 8]), try Tensor.zeros(shape: [8, 4, 1, 1])]
        let forced = try KernelHarness.request(.conv, operands: pointwise, attributes: ["algorithm": .string("im2col")])
        #expect(try ConvolutionKernels().makeKernel(for: forced)?.name == "im2col")
    }
}
