import Foundation
import Testing
import CNNIR
@testable import CNNRuntime

/// Which convolution kernel the family chooses, the segmented column buffer, and what it refuses.
@Suite("Fast conv kernel choice and segmentation")
struct ConvolutionPathTests {
    /// The name of the kernel `family` offers for `op` on operands of these shapes, or `nil`.
    private func kernelName(_ op: OpKind, _ shapes: [[Int]], _ attributes: Attributes = [:],
                            dtype: DType = .f32, family: ConvolutionKernels = ConvolutionKernels()) throws -> String? {
        let operands = try shapes.map { try Tensor.zeros(shape: $0, dtype: dtype) }
        return try family.makeKernel(for: KernelHarness.request(op, operands: operands, attributes: attributes))?.name
    }

    @Test("1x1 stride-1 unpadded convs of every rank and group count use gemm1x1")
    func pointwiseChoice() throws {
        #expect(try kernelName(.conv, [[1, 64, 56, 56], [128, 64, 1, 1]]) == "gemm1x1")
        #expect(try kernelName(.conv, [[2, 6, 9], [4, 3, 1], [4]], ["groups": .int(2), "dilations": .ints([3])]) == "gemm1x1")
        #expect(try kernelName(.conv, [[1, 4, 3, 5, 7], [8, 4, 1, 1, 1]]) == "gemm1x1")
        // Padding or a stride makes the columns differ from the input.
        #expect(try kernelName(.conv, [[1, 4, 8, 8], [8, 4, 1, 1]], ["pads": .ints([0, 0, 1, 0])]) == "im2col")
        #expect(try kernelName(.conv, [[1, 4, 8, 8], [8, 4, 1, 1]], ["strides": .ints([2, 2])]) == "im2col")
    }

    @Test("auto runs the general kernel: 3x3 and depthwise convs use im2col until a pass chooses")
    func automaticChoice() throws {
        let depthwise: Attributes = ["groups": .int(32), "pads": .ints([1, 1, 1, 1])]
        #expect(try kernelName(.conv, [[1, 32, 112, 112], [32, 1, 3, 3], [32]], depthwise) == "im2col")
        #expect(try kernelName(.conv, [[1, 64, 56, 56], [64, 64, 3, 3]], ["pads": .ints([1, 1, 1, 1])]) == "im2col")
        #expect(try kernelName(.conv, [[1, 8, 9, 9], [8, 1, 1, 1]], ["groups": .int(8)]) == "gemm1x1")
        var chosen = depthwise
        chosen["algorithm"] = .string("depthwise")
        #expect(try kernelName(.conv, [[1, 32, 112, 112], [32, 1, 3, 3], [32]], chosen) == "depthwise")
        #expect(try kernelName(.conv, [[1, 64, 56, 56], [64, 64, 3, 3]], ["pads": .ints([1, 1, 1, 1]), "algorithm": .string("winograd4x4")]) == "winograd4x4")
    }

    @Test("depthwise runs 2-D depthwise convs only: multipliers, 1-D and 3-D are refused")
    func depthwiseChoice() throws {
        let depthwise = AttributeValue.string("depthwise")
        #expect(try kernelName(.conv, [[1, 8, 9, 9], [8, 1, 1, 1]], ["groups": .int(8), "algorithm": depthwise]) == "depthwise")
        for (shapes, groups) in [([[1, 8, 9, 9], [16, 1, 3, 3]], 8), ([[1, 8, 9], [8, 1, 3]], 8), ([[1, 8, 5, 5, 5], [8, 1, 3, 3, 3]], 8)] {
            #expect(throws: Diagnostic.self) {
                try kernelName(.conv, shapes, ["groups": .int(groups), "algorithm": depthwise])
            }
        }
    }

    @Test("conv_transpose uses col2im+sgemm; other dtypes and ops get no kernel")
    func otherChoices() throws {
        #expect(try kernelName(.convTranspose, [[1, 4, 5, 5], [4, 2, 3, 3]], ["strides": .ints([2, 2])]) == "col2im+sgemm")
        #expect(try kernelName(.conv, [[1, 4, 8, 8], [8, 4, 3, 3]], dtype: .f64) == nil)
        #expect(try kernelName(.convTranspose, [[1, 4, 5, 5], [4, 2, 3, 3]], dtype: .f64) == nil)
        #expect(try kernelName(.relu, [[1, 4, 8, 8]]) == nil)
        #expect(try kernelName(.gemm, [[3, 4], [4, 5]]) == nil)
    }

    @Test("A node whose result type does not fit its operands is a diagnostic naming the node")
    func inconsistentNode() throws {
        var request = try KernelHarness.request(.conv, operands: [try Tensor.zeros(shape: [1, 2, 6, 6]), try Tensor.zeros(shape: [3, 2, 3, 3])],
                                                attributes: [:])
        request.resultTypes = [TensorType(.f32, [1, 3, 6, 6])]
        #expect(throws: Diagnostic.self) { try ConvolutionKernels().makeKernel(for: request) }
        do {
            _ = try ConvolutionKernels().makeKernel(for: request)
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.node == "result0")
            #expect(diagnostic.message.contains("[1, 3, 4, 4]"))
        }
    }

    @Test("Segmented col2im gives the same results as one segment, down to one position per segment")
    func segmentation() throws {
        var generator = SeededGenerator(seed: 0x5E6)
        var segmentedRuns = 0
        for _ in 0..<40 {
            let drawn = try ConvolutionCases.draw(.transposed(ranks: [1, 2, 3]), using: &generator)
            let request = try KernelHarness.request(drawn.op, operands: drawn.operands, attributes: drawn.attributes)
            let whole = try #require(try ConvolutionKernels().makeKernel(for: request))
            let expected = try KernelHarness.run(whole, operands: drawn.operands, resultTypes: request.resultTypes)[0]
            // The column matrix has C_out/groups · kernel volume rows: the weight's sizes after axis 0.
            let rowBytes = drawn.operands[1].shape.dropFirst().reduce(1, *) * 4
            for positions in [1, 2, 5] {
                let segmented = ConvolutionKernels(columnBufferBytes: positions * rowBytes)
                let kernel = try #require(try segmented.makeKernel(for: request))
                let groups: Int
                if case .int(let count)? = drawn.attributes["groups"] { groups = count } else { groups = 1 }
                // One column matrix per thread that may run (images and groups are split over the pool).
                let threads = min(ProcessInfo.processInfo.activeProcessorCount, drawn.operands[0].shape[0] * groups)
                #expect(kernel.workspaceBytes <= threads * ((positions * rowBytes + 63) / 64 * 64))
                let actual = try KernelHarness.run(kernel, operands: drawn.operands, resultTypes: request.resultTypes)[0]
                let error = KernelHarness.relativeL2Error(actual, expected)
                // Not bit-identical: OpenBLAS picks other inner kernels (and summation orders)
                // for narrow products, so the two agree to rounding, far inside the reference bound.
                #expect(error <= 1e-6, "\(positions) positions per segment: error \(error) for \(drawn)")
                segmentedRuns += 1
            }
        }
        #expect(segmentedRuns == 120)
    }

    @Test("A conv whose column matrix exceeds one thread's budget runs in segments and matches the reference")
    func budgetedSegments() throws {
        // 64 input channels and a 5x5 kernel give 1600 column rows (6400 bytes per position), so
        // one thread's budget holds fewer than the 40·40 output positions.
        let operands = [try Tensor.random(shape: [2, 64, 40, 40], seed: 1), try Tensor.random(shape: [3, 64, 5, 5], seed: 2),
                        try Tensor.random(shape: [3], seed: 3)]
        let attributes: Attributes = ["pads": .ints([2, 2, 2, 2])]
        #expect(ConvolutionWork.columnBudgetBytes / 6400 < 1600)
        for threads in [1, 2] {
            try KernelHarness.checkAgainstReference(ConvolutionKernels(), .conv, operands: operands, attributes: attributes,
                                                    expectedKernel: "im2col", threadCount: threads,
                                                    configuration: "conv [2,64,40,40] * [3,64,5,5] on \(threads) threads")
        }
    }
}
