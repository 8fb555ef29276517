import Testing
import CNNGEMM
import CNNIR
@testable import CNNRuntime

/// The im2col kernel of convs with a width stride of 2 or more, whose B panels are packed
/// straight from a phase-split copy of the input (`StridedConvolutionKernel`), against the
/// reference (bound `KernelHarness.relativeL2Bound`; the epilogue adds one rounding per element
/// at most), on every instruction set and 1 to 3 threads.
@Suite("Strided convs from phase-split input bands")
struct StridedConvolutionTests {
    /// The instruction sets with GEMM kernels that this processor runs.
    static let instructionSets = GEMMInstructionSet.supported.filter { $0 != .generic }

    /// A random strided conv: kernels 1 to 7 tall and wider than the width stride, width strides 2 and 3, height
    /// strides 1 to 3, dilations 1 and 2, uneven pads, output rows 16 to 60 wide (one to several
    /// runs per panel), channel counts that fill no tile, fused activations, and a residual
    /// operand in most.
    static func draw(using generator: inout SeededGenerator) throws -> (operands: [Tensor], attributes: Attributes) {
        let strides = [generator.nextInt(in: 1...3), generator.nextElement(of: [2, 2, 3])]
        let kernel = [generator.nextInt(in: 1...7), generator.nextInt(in: (strides[1] + 1)...7)]
        let dilations = [generator.nextElement(of: [1, 1, 2]), generator.nextElement(of: [1, 1, 2])]
        let pads = (0..<4).map { axis in generator.nextInt(in: 0...min(3, (kernel[axis % 2] - 1) * dilations[axis % 2])) }
        let outputWidth = generator.nextInt(in: 16...60), outputHeight = generator.nextInt(in: 1...9)
        let extent = [(kernel[0] - 1) * dilations[0] + 1, (kernel[1] - 1) * dilations[1] + 1]
        let height = max(1, (outputHeight - 1) * strides[0] + extent[0] - pads[0] - pads[2])
        let width = max(1, (outputWidth - 1) * strides[1] + extent[1] - pads[1] - pads[3] + generator.nextInt(in: 0...(strides[1] - 1)))
        let (inputChannels, outputChannels) = (generator.nextInt(in: 1...19), generator.nextInt(in: 1...70))
        let batch = generator.nextInt(in: 1...2)
        let outputSize = [(height + pads[0] + pads[2] - extent[0]) / strides[0] + 1,
                          (width + pads[1] + pads[3] - extent[1]) / strides[1] + 1]
        var attributes: Attributes = ["strides": .ints(strides), "dilations": .ints(dilations), "pads": .ints(pads),
                                      "algorithm": .string("im2col")]
        FusedConvolutionCases.setActivation(generator.nextElement(of: FusedActivation.allCases), on: &attributes)
        var operands = [try Tensor.random(shape: [batch, inputChannels, height, width], using: &generator),
                        try Tensor.random(shape: [outputChannels, inputChannels] + kernel, using: &generator),
                        try Tensor.random(shape: [outputChannels], using: &generator)]
        if generator.nextChance(0.6) {
            operands.append(try Tensor.random(shape: [batch, outputChannels] + outputSize, using: &generator))
        }
        return (operands, attributes)
    }

    @Test("120 random strided convs with fused epilogues", arguments: instructionSets)
    func randomConvs(instructionSet: GEMMInstructionSet) throws {
        var generator = SeededGenerator(seed: 0x5721 + UInt64(instructionSet.rawValue.utf8.count))
        let family = ConvolutionKernels(instructionSet: instructionSet)
        var tested = 0
        for index in 0..<120 {
            let (operands, attributes) = try Self.draw(using: &generator)
            let configuration = "#\(index) " + KernelHarness.describe(.fusedConv, operands, attributes) + " on \(instructionSet)"
            let request = try KernelHarness.request(.fusedConv, operands: operands, attributes: attributes, constantIndices: [1, 2])
            let geometry = try ConvolutionGeometry(request, transposed: false)
            guard !SmallMapConvolutionKernel.suits(geometry, weightsAreConstant: true) else { continue }
            #expect(try family.makeKernel(for: request) is StridedConvolutionKernel, "\(configuration)")
            try KernelHarness.checkAgainstReference(family, .fusedConv, operands: operands, attributes: attributes,
                                                    constantIndices: [1, 2], expectedKernel: "im2col",
                                                    threadCount: 1 + index % 3, configuration: configuration)
            tested += 1
        }
        #expect(tested >= 100, "only \(tested) of the drawn convs are not small-map ones")
    }

    @Test("the same bits on 1, 2 and 3 threads")
    func threadCountsAgree() throws {
        var generator = SeededGenerator(seed: 0x5722)
        for _ in 0..<10 {
            let (operands, attributes) = try Self.draw(using: &generator)
            let request = try KernelHarness.request(.fusedConv, operands: operands, attributes: attributes, constantIndices: [1, 2])
            guard let kernel = try ConvolutionKernels().makeKernel(for: request) as? StridedConvolutionKernel else { continue }
            let results = try (1...3).map { threads in
                try KernelHarness.run(kernel, operands: operands, resultTypes: request.resultTypes, threadCount: threads)[0]
            }
            #expect(results[1] == results[0] && results[2] == results[0])
        }
    }

    @Test("bands of whole panels that start and end mid-row, on 1 to 3 threads: the reference's values, the same bits whatever the band size")
    func bandsEndMidRow() throws {
        var generator = SeededGenerator(seed: 0x5723)
        var multiBandPlanes = 0
        for index in 0..<14 {
            let (operands, attributes) = try Self.draw(using: &generator)
            let configuration = "#\(index) " + KernelHarness.describe(.fusedConv, operands, attributes)
            let request = try KernelHarness.request(.fusedConv, operands: operands, attributes: attributes, constantIndices: [1, 2])
            let geometry = try ConvolutionGeometry(request, transposed: false)
            guard StridedConvolutionKernel.suits(geometry, weightsAreConstant: true),
                  !SmallMapConvolutionKernel.suits(geometry, weightsAreConstant: true) else { continue }
            let expected = try ReferenceKernels.evaluate(.fusedConv, operands: operands, attributes: attributes)[0]
            // One byte of budget gives bands of one panel each; the others, bands of a few panels.
            var results: [Tensor] = []
            for budget in [1, 6 << 10, 24 << 10, StridedConvolutionKernel.bandBudgetBytes] {
                let kernel = try StridedConvolutionKernel(geometry: geometry, epilogue: ConvolutionEpilogue(request),
                                                          weights: operands[1], bandBudget: budget)
                if budget == 1 {
                    #expect(kernel.bandPanels == 1, "\(configuration)")
                    if geometry.outputPlane > 2 * kernel.product.columns { multiBandPlanes += 1 }
                }
                for threads in 1...3 {
                    let result = try KernelHarness.run(kernel, operands: operands, resultTypes: request.resultTypes, threadCount: threads)[0]
                    let error = KernelHarness.relativeL2Error(result, expected)
                    #expect(error <= KernelHarness.relativeL2Bound,
                            "relative L2 error \(error) with a \(budget)-byte band budget on \(threads) threads for \(configuration)")
                    results.append(result)
                }
            }
            #expect(results.allSatisfy { $0 == results[0] }, "\(configuration)")
        }
        #expect(multiBandPlanes >= 5, "only \(multiBandPlanes) planes of more than two panels")
    }

    @Test("a band holds the padded input, split into column phases, at width strides 2 and 3 and every left pad")
    func phaseSplitFill() throws {
        var generator = SeededGenerator(seed: 0x5724)
        for strideWidth in [2, 3] {
            for padLeft in 0...3 {
                let width = generator.nextInt(in: 40...75), height = generator.nextInt(in: 3...6), channels = 2
                let input = try Tensor.random(shape: [1, channels, height, width], using: &generator)
                let attributes: Attributes = ["strides": .ints([1, strideWidth]), "pads": .ints([1, padLeft, 1, 3])]
                let request = try KernelHarness.request(.conv, operands: [input, try Tensor.zeros(shape: [4, channels, 3, 7])],
                                                        attributes: attributes)
                let image = PhaseSplitImage(try ConvolutionGeometry(request, transposed: false))
                let rows = image.paddedRows(for: 0..<image.outputHeight)
                let values = input.doubles.map(Float.init)
                var band = [Float](repeating: .nan, count: image.bandFloats(paddedRows: rows.count))
                try values.withUnsafeBufferPointer { source in
                    try band.withUnsafeMutableBufferPointer { destination in
                        // Only the image is readable: the ends of the last rows take the scalar path.
                        image.fill(try #require(destination.baseAddress), rows: rows, from: try #require(source.baseAddress),
                                   readable: values.count, bandRows: rows.count)
                    }
                }
                var mismatches = 0
                for channel in 0..<channels {
                    for row in rows {
                        for phase in 0..<strideWidth {
                            for element in 0..<image.phaseWidth {
                                let (imageRow, imageColumn) = (row - 1, element * strideWidth + phase - padLeft)
                                let inside = (0..<height).contains(imageRow) && (0..<width).contains(imageColumn)
                                let wanted = inside ? values[(channel * height + imageRow) * width + imageColumn] : 0
                                let found = band[(channel * rows.count + row - rows.lowerBound) * image.rowStride
                                                 + phase * image.phaseWidth + element]
                                if found != wanted { mismatches += 1 }
                            }
                        }
                    }
                }
                #expect(mismatches == 0, "stride \(strideWidth), left pad \(padLeft), width \(width): \(mismatches) wrong floats")
            }
        }
    }

    @Test("weights known only at run time, narrow output rows, 1x1/2 and stride 1 along the width take the column matrix")
    func otherConvsKeepTheColumnMatrix() throws {
        func kernel(_ shapes: [[Int]], strides: [Int], constant: Set<Int>) throws -> Kernel? {
            let operands = try shapes.map { try Tensor.zeros(shape: $0) }
            let attributes: Attributes = ["strides": .ints(strides), "algorithm": .string("im2col")]
            return try ConvolutionKernels().makeKernel(for: KernelHarness.request(.conv, operands: operands, attributes: attributes,
                                                                                  constantIndices: constant))
        }
        #expect(try kernel([[1, 3, 64, 64], [8, 3, 3, 3]], strides: [2, 2], constant: [1]) is StridedConvolutionKernel)
        #expect(try kernel([[1, 3, 64, 64], [8, 3, 3, 3]], strides: [2, 2], constant: []) is GEMMConvolutionKernel)
        #expect(try kernel([[1, 3, 64, 20], [8, 3, 3, 3]], strides: [2, 2], constant: [1]) is GEMMConvolutionKernel)
        #expect(try kernel([[1, 3, 64, 64], [8, 3, 3, 3]], strides: [2, 1], constant: [1]) is GEMMConvolutionKernel)
        #expect(try kernel([[1, 3, 64, 64], [8, 3, 1, 1]], strides: [2, 2], constant: [1]) is GEMMConvolutionKernel)
    }
}
