import Testing
import CNNGEMM
import CNNIR
@testable import CNNRuntime

/// The transposed-product kernel of convs with small maps and many channels
/// (`SmallMapConvolutionKernel`), against the reference (bound `KernelHarness.relativeL2Bound`;
/// the epilogue adds one rounding per element at most), on every instruction set and 1 to 3
/// threads.
@Suite("Small-map convs as transposed products")
struct SmallMapConvolutionTests {
    /// The instruction sets with GEMM kernels that this processor runs.
    static let instructionSets = GEMMInstructionSet.supported.filter { $0 != .generic }

    @Test("120 random small-map convs with fused epilogues, 1x1 and k×k, strides 1 and 2",
          arguments: instructionSets)
    func randomConvs(instructionSet: GEMMInstructionSet) throws {
        var generator = SeededGenerator(seed: 0x5A11 + UInt64(instructionSet.rawValue.utf8.count))
        let family = ConvolutionKernels(instructionSet: instructionSet)
        for index in 0..<120 {
            let pointwise = index.isMultiple(of: 3)
            let kernel = pointwise ? 1 : generator.nextElement(of: [3, 5])
            let stride = generator.nextElement(of: [1, 2])
            let size = generator.nextInt(in: 1...9)
            let pad = pointwise ? 0 : kernel / 2
            let outputSize = (size + 2 * pad - kernel) / stride + 1
            // At least as many output channels as positions, often not a multiple of 16 or 48.
            let outputChannels = outputSize * outputSize + generator.nextInt(in: 0...70)
            let inputChannels = generator.nextInt(in: 1...40)
            let batch = generator.nextInt(in: 1...2)
            var attributes: Attributes = ["strides": .ints([stride, stride]), "pads": .ints([pad, pad, pad, pad])]
            var operands = [try Tensor.random(shape: [batch, inputChannels, size, size], using: &generator),
                            try Tensor.random(shape: [outputChannels, inputChannels, kernel, kernel], using: &generator),
                            try Tensor.random(shape: [outputChannels], using: &generator)]
            if generator.nextChance(0.6) {
                operands.append(try Tensor.random(shape: [batch, outputChannels, outputSize, outputSize], using: &generator))
            }
            FusedConvolutionCases.setActivation(generator.nextElement(of: FusedActivation.allCases), on: &attributes)
            attributes["algorithm"] = .string(pointwise && stride == 1 ? "gemm1x1" : "im2col")
            try KernelHarness.checkAgainstReference(family, .fusedConv, operands: operands, attributes: attributes,
                                                    constantIndices: [1, 2], expectedKernel: pointwise && stride == 1 ? "gemm1x1" : "im2col",
                                                    threadCount: 1 + index % 3,
                                                    configuration: "#\(index) " + KernelHarness.describe(.fusedConv, operands, attributes)
                                                        + " on \(instructionSet)")
            let geometry = try ConvolutionGeometry(try KernelHarness.request(.fusedConv, operands: operands, attributes: attributes,
                                                                             constantIndices: [1, 2]), transposed: false)
            #expect(SmallMapConvolutionKernel.suits(geometry, weightsAreConstant: true), "#\(index)")
        }
    }

    /// Small weights split output channels when the bands are balanced and the columns small
    /// (64→200 at 7x7: 96 and 104 channels, 113 KiB), else positions (64→64 at 7x7: bands of 48
    /// and 16; 128→200 at 14x14: 882 KiB of columns); large weights split output channels
    /// (192→1600 at 5x5: 10.5 MiB).
    @Test("the same bits on 1, 2 and 3 threads, splitting positions or output channels",
          arguments: [(64, 200, 7, false), (64, 64, 7, true), (128, 200, 14, true), (192, 1600, 5, false)])
    func threadCountsAgree(inputChannels: Int, outputChannels: Int, size: Int, splitsPositions: Bool) throws {
        var generator = SeededGenerator(seed: 0x5A12)
        let operands = [try Tensor.random(shape: [1, inputChannels, size, size], using: &generator),
                        try Tensor.random(shape: [outputChannels, inputChannels, 3, 3], using: &generator),
                        try Tensor.random(shape: [outputChannels], using: &generator),
                        try Tensor.random(shape: [1, outputChannels, size, size], using: &generator)]
        var attributes: Attributes = ["pads": .ints([1, 1, 1, 1]), "algorithm": .string("im2col")]
        FusedConvolutionCases.setActivation(.relu, on: &attributes)
        let request = try KernelHarness.request(.fusedConv, operands: operands, attributes: attributes, constantIndices: [1, 2])
        let kernel = try #require(try ConvolutionKernels().makeKernel(for: request) as? SmallMapConvolutionKernel)
        #expect(kernel.splitsPositions == splitsPositions)
        let results = try (1...3).map { threads in
            try KernelHarness.run(kernel, operands: operands, resultTypes: request.resultTypes, threadCount: threads)[0]
        }
        #expect(results[1] == results[0] && results[2] == results[0])
        try KernelHarness.checkAgainstReference(ConvolutionKernels(), .fusedConv, operands: operands, attributes: attributes,
                                                constantIndices: [1, 2], threadCount: 2,
                                                configuration: "\(inputChannels)→\(outputChannels) at \(size)x\(size) on 2 threads")
    }

    @Test("position bands are whole tiles of 8 rows, cover every position once and are balanced")
    func positionBands() {
        for positions in [1, 7, 49, 100, 196] {
            for parts in 1...4 {
                let bands = (0..<parts).map { SmallMapConvolutionKernel.positionBand($0, of: parts, positions: positions) }
                #expect(bands.first?.lowerBound == 0 && bands.last?.upperBound == positions)
                for (band, next) in zip(bands, bands.dropFirst()) { #expect(band.upperBound == next.lowerBound) }
                #expect(bands.allSatisfy { $0.isEmpty || $0.lowerBound % 8 == 0 })
                let share = Double(positions) / Double(parts)
                #expect(bands.allSatisfy { abs(Double($0.count) - share) <= 8 }, "\(positions) on \(parts)")
            }
        }
    }

    @Test("large maps, few channels, run-time weights and groups keep the positions as columns")
    func choice() throws {
        let cases: [([Int], [Int], Attributes, Set<Int>, Bool)] = [
            ([1, 64, 7, 7], [512, 64, 3, 3], ["pads": .ints([1, 1, 1, 1])], [1], true),
            ([1, 256, 14, 14], [1024, 256, 1, 1], [:], [1], true),
            ([1, 64, 56, 56], [256, 64, 1, 1], [:], [1], false),
            ([1, 64, 7, 7], [32, 64, 3, 3], ["pads": .ints([1, 1, 1, 1])], [1], false),
            ([1, 64, 7, 7], [512, 64, 3, 3], ["pads": .ints([1, 1, 1, 1])], [], false),
            ([1, 64, 7, 7], [512, 32, 3, 3], ["pads": .ints([1, 1, 1, 1]), "groups": .int(2)], [1], false),
        ]
        for (input, weight, attributes, constants, expected) in cases {
            let operands = [try Tensor.zeros(shape: input), try Tensor.zeros(shape: weight)]
            let request = try KernelHarness.request(.conv, operands: operands, attributes: attributes, constantIndices: constants)
            let geometry = try ConvolutionGeometry(request, transposed: false)
            #expect(SmallMapConvolutionKernel.suits(geometry, weightsAreConstant: !constants.isEmpty) == expected,
                    "\(input) * \(weight) \(attributes)")
        }
    }

    @Test("channel bands are whole tiles, cover every channel once and are balanced")
    func channelBands() {
        for channels in [1, 47, 48, 200, 512, 1000, 2048] {
            for parts in 1...4 {
                let bands = (0..<parts).map { SmallMapConvolutionKernel.channelBand($0, of: parts, channels: channels, alignment: 48) }
                #expect(bands.first?.lowerBound == 0 && bands.last?.upperBound == channels)
                for (band, next) in zip(bands, bands.dropFirst()) { #expect(band.upperBound == next.lowerBound) }
                #expect(bands.allSatisfy { $0.isEmpty || $0.lowerBound % 48 == 0 })
                if channels >= 48 * parts {
                    let share = Double(channels) / Double(parts)
                    #expect(bands.allSatisfy { abs(Double($0.count) - share) <= 48 }, "\(channels) on \(parts)")
                }
            }
        }
    }

    @Test("1x1 convs of stride 1 read the input in place, 2-D windows wider than their stride a phase-split band, the rest gathered columns")
    func sources() throws {
        let cases: [([Int], [Int], Attributes, String)] = [
            ([1, 64, 7, 7], [512, 64, 1, 1], [:], "image"),
            ([1, 64, 7, 7], [512, 64, 3, 3], ["pads": .ints([1, 1, 1, 1])], "band"),
            ([1, 64, 14, 14], [512, 64, 3, 3], ["pads": .ints([1, 1, 1, 1]), "strides": .ints([2, 2])], "band"),
            ([1, 64, 14, 14], [512, 64, 1, 1], ["strides": .ints([2, 2])], "columns"),
            ([1, 64, 7, 7, 2], [512, 64, 3, 3, 1], ["pads": .ints([1, 1, 0, 1, 1, 0])], "columns"),
        ]
        for (input, weight, attributes, expected) in cases {
            var withAlgorithm = attributes
            withAlgorithm["algorithm"] = .string(weight.dropFirst(2).allSatisfy { $0 == 1 } && attributes["strides"] == nil ? "gemm1x1" : "im2col")
            let operands = [try Tensor.zeros(shape: input), try Tensor.zeros(shape: weight)]
            let request = try KernelHarness.request(.conv, operands: operands, attributes: withAlgorithm, constantIndices: [1])
            let kernel = try #require(try ConvolutionKernels().makeKernel(for: request) as? SmallMapConvolutionKernel)
            let source = switch kernel.source {
            case .image: "image"
            case .band: "band"
            case .columns: "columns"
            }
            #expect(source == expected, "\(input) * \(weight) \(attributes)")
        }
    }

    @Test("position runs cover every position once, in order, at most MR long, within output rows, nearly equal")
    func positionRuns() {
        for (width, rowStep, positions) in [(7, 40, 0..<49), (14, 90, 3..<101), (5, 12, 0..<25), (28, 60, 17..<400)] {
            for maximum in [6, 8] {
                let runs = PositionRuns(rowLength: width, rowStep: rowStep, maximumLength: maximum)
                runs.withRuns(of: positions) { runs in
                    var next = 0
                    for run in runs {
                        #expect(run.row == next && (1...maximum).contains(run.count))
                        let position = positions.lowerBound + run.row
                        let (row, column) = position.quotientAndRemainder(dividingBy: width)
                        #expect(run.start == row * rowStep + column && column + run.count <= width)
                        next += run.count
                    }
                    #expect(next == positions.count)
                    // Each row's stretch is cut into runs differing in length by at most one.
                    let byRow = Dictionary(grouping: runs, by: { (positions.lowerBound + $0.row) / width })
                    for (row, stretch) in byRow {
                        let lengths = stretch.map(\.count)
                        #expect(lengths.max()! - lengths.min()! <= 1, "row \(row) of \(positions) at width \(width)")
                    }
                }
            }
        }
        let flat = PositionRuns(rowLength: nil, rowStep: 0, maximumLength: 8)
        flat.withRuns(of: 5..<54) { runs in
            #expect(runs.map(\.count) == [7, 7, 7, 7, 7, 7, 7])
            #expect(runs.map(\.start) == [5, 12, 19, 26, 33, 40, 47])
            #expect(runs.map(\.row) == [0, 7, 14, 21, 28, 35, 42])
        }
    }
}
