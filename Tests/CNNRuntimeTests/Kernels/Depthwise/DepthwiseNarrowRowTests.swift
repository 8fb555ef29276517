import Testing
import CNNGEMM
import CNNIR
@testable import CNNRuntime

/// The direct sweep at stride 1 for output rows narrower than a vector (8 to 15 outputs, one
/// vector per row whose lanes run into the rows after it): against the reference, and the
/// same bits on 1, 2 and 3 threads (which split the planes differently, so that a plane's
/// last row runs into the next plane of its thread or ends the thread's outputs) and on
/// AVX2 and AVX-512.
@Suite("Depthwise direct sweep: rows of 8 to 15 outputs at stride 1")
struct DepthwiseNarrowRowTests {
    @Test("48 random 3x3 and 5x5 convs with rows of 8 to 15 outputs, pads 0 to 2, every epilogue")
    func narrowRows() throws {
        var generator = SeededGenerator(seed: 0xD3A7_0009)
        var direct = 0
        for index in 0..<48 {
            let size = index % 2 == 0 ? 3 : 5
            let outputWidth = generator.nextInt(in: 8...15), outputHeight = 2 * generator.nextInt(in: 2...10) + 1
            let pads = (0..<4).map { _ in generator.nextInt(in: 0...2) }
            let (height, width) = (outputHeight + size - 1 - pads[0] - pads[2], outputWidth + size - 1 - pads[1] - pads[3])
            let channels = generator.nextInt(in: 1...9), batch = generator.nextInt(in: 1...2)
            let drawn = DepthwiseCase(op: .conv,
                                      operands: [try generator.nextTensor([batch, channels, height, width]),
                                                 try generator.nextTensor([channels, 1, size, size])],
                                      attributes: ["groups": .int(channels), "pads": .ints(pads), "strides": .ints([1, 1])])
            let activation = FusedActivation.allCases[index % FusedActivation.allCases.count]
            let fused = index % 9 == 8 ? drawn
                : try DepthwiseCases.fuse(drawn, activation: activation, residual: index % 3 != 2, using: &generator)
            let request = try KernelHarness.request(fused.op, operands: fused.operands, attributes: fused.attributes)
            let expected = try ReferenceKernels.evaluate(fused.op, operands: fused.operands, attributes: fused.attributes)[0]
            var results: [Tensor] = []
            for instructionSet in DepthwiseKernelTests.instructionSets {
                let kernel = DepthwiseConvolutionKernel(try ConvolutionGeometry(request, transposed: false),
                                                        epilogue: try ConvolutionEpilogue(request), instructionSet: instructionSet)
                for threads in 1...3 {
                    results.append(try KernelHarness.run(kernel, operands: fused.operands, resultTypes: request.resultTypes,
                                                         threadCount: threads)[0])
                }
                // Maps of at most 128 outputs with rows as wide as the input's take the masked path.
                if instructionSet == .avx512 && kernel.masked == nil {
                    #expect(kernel.sweep.readsInput && kernel.sweep.rowsPerBlock == 4, "not the direct sweep: \(fused)")
                    if kernel.sweep.readsInput { direct += 1 }
                }
            }
            let error = KernelHarness.relativeL2Error(results[0], expected)
            #expect(error <= KernelHarness.relativeL2Bound, "relative L2 error \(error) for \(fused)")
            #expect(results.allSatisfy { $0 == results[0] }, "results differ across threads or instruction sets for \(fused)")
        }
        if GEMMInstructionSet.avx512.isSupported {
            #expect(direct >= 36, "direct sweeps: \(direct) of 48")
        }
    }
}
