import Testing
import CNNGEMM
import CNNIR
@testable import CNNRuntime

/// The depthwise kernel against the reference (bound `KernelHarness.relativeL2Bound`; each
/// output sums at most 25 products), with poisoned outputs and workspace: the unrolled 3x3 and
/// 5x5 windows at strides 1 and 2, small maps read in place with masks, the fused epilogue,
/// other windows, and thread counts; each conv on the AVX2 row kernels and, when the processor
/// has AVX-512, on the AVX-512 ones too.
@Suite("Depthwise conv kernel")
struct DepthwiseKernelTests {
    /// The instruction sets whose row kernels the tests run.
    static let instructionSets: [GEMMInstructionSet] = GEMMInstructionSet.avx512.isSupported ? [.avx2, .avx512] : [.avx2]

    @Test("3x3 and 5x5 windows at strides 1 and 2: 240 random convs, every sweep")
    func specializedWindows() throws {
        var generator = SeededGenerator(seed: 0xD3A7_0001)
        var sweeps: [Int: Int] = [:], stacked = 0
        for index in 0..<240 {
            let size = index % 2 == 0 ? 3 : 5
            let strides = [[1, 1], [2, 2], [1, 2], [2, 1]][index / 2 % 4]
            let drawn = try DepthwiseCases.draw(kernel: [size, size], strides: strides, using: &generator)
            let kernel = try check(drawn, threadCount: 1 + index % 3)
            sweeps[kernel.sweep.rowsPerBlock, default: 0] += 1
            if kernel.sweep.rowsPerBlock == 4 && kernel.sweep.stacksRows { stacked += 1 }
        }
        // Narrow maps take the flat sweep (0); wider ones blocks of 1, 2 or 4 rows, the latter
        // often stacked on AVX-512 (vertical stride 1).
        #expect(sweeps.keys.sorted() == [0, 1, 2, 4] && sweeps.values.allSatisfy { $0 >= 10 }, "sweeps: \(sweeps)")
        if GEMMInstructionSet.avx512.isSupported {
            #expect(stacked >= 10 && stacked < sweeps[4, default: 0], "stacked blocks: \(stacked) of \(sweeps[4, default: 0])")
        }
    }

    @Test("fused_conv: every activation, with and without a residual, narrow and wide maps", arguments: FusedActivation.allCases)
    func fusedEpilogue(activation: FusedActivation) throws {
        var generator = SeededGenerator(seed: 0xD3A7_0002 + UInt64(activation.rawValue.utf8.count))
        for index in 0..<16 {
            let size = index % 2 == 0 ? 3 : 5
            let drawn = try DepthwiseCases.draw(kernel: [size, size], strides: [1 + index / 2 % 2, 1 + index / 2 % 2],
                                                using: &generator)
            let fused = try DepthwiseCases.fuse(drawn, activation: activation, residual: index % 4 != 3, using: &generator)
            try check(fused, threadCount: 1 + index % 3)
        }
    }

    @Test("Large maps: activations after storing run over several pieces of each plane")
    func largeMaps() throws {
        var generator = SeededGenerator(seed: 0xD3A7_0005)
        let shapes: [(input: [Int], kernel: Int, stride: Int, activation: FusedActivation)] = [
            ([1, 2, 45, 70], 3, 1, .silu), ([2, 1, 70, 90], 5, 2, .tanh), ([1, 3, 33, 120], 3, 2, .hardSwish),
        ]
        for shape in shapes {
            let channels = shape.input[1], pad = shape.kernel / 2
            let drawn = DepthwiseCase(op: .conv,
                                      operands: [try generator.nextTensor(shape.input),
                                                 try generator.nextTensor([channels, 1, shape.kernel, shape.kernel])],
                                      attributes: ["groups": .int(channels), "pads": .ints([pad, pad, pad, pad]),
                                                   "strides": .ints([shape.stride, shape.stride])])
            try check(try DepthwiseCases.fuse(drawn, activation: shape.activation, residual: true, using: &generator), threadCount: 2)
        }
    }

    @Test("Stride 1 on AVX-512 reads the input in place: 60 random convs, pads 0 to 20, narrow and wide rows")
    func directSweep() throws {
        var generator = SeededGenerator(seed: 0xD3A7_0006)
        var direct = 0
        for index in 0..<60 {
            let size = index % 2 == 0 ? 3 : 5
            // Every fifth conv has a vertical stride and dilation 2: stacked blocks over a phase
            // of the copy, which are not the input's rows.
            let (strides, dilations) = index % 5 == 4 ? ([2, 1], [2, 1]) : ([1, 1], [1, 1])
            var drawn = try DepthwiseCases.draw(kernel: [size, size], strides: strides, dilations: dilations, heights: 4...24,
                                                widths: 12...70, pads: index % 3 == 0 ? 0...20 : 0...3, using: &generator)
            if index % 4 == 0 {
                drawn = try DepthwiseCases.fuse(drawn, activation: generator.nextElement(of: FusedActivation.allCases),
                                                residual: index % 8 == 0, using: &generator)
            }
            if try check(drawn, threadCount: 1 + index % 3).sweep.readsInput { direct += 1 }
        }
        // Rows of 16 or more columns with at most 16 padding columns a side, when the kernel
        // takes stacked blocks; pads past 16 and narrow rows go through the copy.
        if GEMMInstructionSet.avx512.isSupported {
            #expect(direct >= 20 && direct < 48, "direct sweeps: \(direct) of 60")
        }
    }

    @Test("3x3 at stride 2 on AVX-512 reads the input in place: 80 random convs, rows of 4 to 45 outputs, every epilogue")
    func strideTwoDirectSweep() throws {
        var generator = SeededGenerator(seed: 0xD3A7_0008)
        var direct = 0, narrow = 0, pairs = 0
        for index in 0..<80 {
            // Heights and widths odd and even, from rows too narrow for the direct sweep to
            // several vectors; pads up to 20 (past 16 go through the copy).
            var drawn = try DepthwiseCases.draw(kernel: [3, 3], strides: [2, 2], heights: 7...30,
                                                widths: index % 2 == 0 ? 9...40 : 30...90,
                                                pads: index % 7 == 0 ? 0...20 : 0...2, using: &generator)
            if index % 3 == 0 {
                drawn = try DepthwiseCases.fuse(drawn, activation: FusedActivation.allCases[index / 3 % FusedActivation.allCases.count],
                                                residual: index % 2 == 0, using: &generator)
            }
            let kernel = try check(drawn, threadCount: 1 + index % 3)
            if kernel.sweep.readsInput {
                direct += 1
                if kernel.sweep.outputWidth < 16 { narrow += 1 }
                if kernel.sweep.outputWidth <= 8 { pairs += 1 }
            }
        }
        if GEMMInstructionSet.avx512.isSupported {
            // Rows under 16 outputs take one vector per row, or half of one up to 8 outputs.
            #expect(direct >= 40 && direct < 80 && narrow >= 10 && pairs >= 5 && pairs < narrow,
                    "direct sweeps: \(direct) of 80, \(narrow) with rows under 16, \(pairs) of at most 8")
        }
    }

    @Test("Stacked blocks with an activation after storing: the last block, moved up, is activated too",
          arguments: [[1, 1], [1, 2]])
    func lastStackedBlockActivated(strides: [Int]) throws {
        var generator = SeededGenerator(seed: 0xD3A7_0007)
        for (height, width) in [(23, 56 * strides[1]), (15, 100 * strides[1]), (7, 300 * strides[1])] {
            let drawn = DepthwiseCase(op: .conv,
                                      operands: [try generator.nextTensor([1, 2, height, width]), try generator.nextTensor([2, 1, 3, 3])],
                                      attributes: ["groups": .int(2), "pads": .ints([1, 1, 1, 1]), "strides": .ints(strides)])
            try check(try DepthwiseCases.fuse(drawn, activation: .silu, residual: false, using: &generator), threadCount: 1)
        }
    }

    @Test("Small maps at stride 1 with rows as wide as the input's read in place with masks: 80 random convs")
    func maskedPlanes() throws {
        var generator = SeededGenerator(seed: 0xD3A7_0008)
        var masked = 0
        for index in 0..<80 {
            let kernel = [[3, 3], [5, 5], [3, 1], [1, 5], [2, 3]][index % 5]
            let dilations = index % 7 == 6 ? [2, 2] : [1, 1]
            let channels = generator.nextInt(in: 1...20), batch = generator.nextInt(in: 1...3)
            let (height, width) = (generator.nextInt(in: 1...13), generator.nextInt(in: 1...13))
            // Left and right pads that keep the width (split unevenly at times); any top and
            // bottom pads, so that the output's height may differ from the input's.
            let widthPad = (kernel[1] - 1) * dilations[1], left = generator.nextInt(in: 0...widthPad)
            let (top, bottom) = (generator.nextInt(in: 0...2), generator.nextInt(in: 0...2))
            guard height + top + bottom >= (kernel[0] - 1) * dilations[0] + 1 else { continue }
            var operands = [try generator.nextTensor([batch, channels, height, width]), try generator.nextTensor([channels, 1] + kernel)]
            if index % 3 != 0 { operands.append(try generator.nextTensor([channels])) }
            var drawn = DepthwiseCase(op: .conv, operands: operands,
                                      attributes: ["groups": .int(channels), "pads": .ints([top, left, bottom, widthPad - left]),
                                                   "strides": .ints([1, 1]), "dilations": .ints(dilations)])
            if index % 2 == 0 {
                drawn = try DepthwiseCases.fuse(drawn, activation: FusedActivation.allCases[index / 2 % FusedActivation.allCases.count],
                                                residual: index % 4 == 0, using: &generator)
            }
            if try check(drawn, threadCount: 1 + index % 3).masked != nil { masked += 1 }
        }
        // Maps of 16 to 128 outputs take the masked path; smaller ones the flat sweep.
        #expect(masked >= 25 && masked < 75, "masked planes: \(masked) of 80")
    }

    @Test("Other windows, strides and dilations: 80 random convs")
    func generalWindows() throws {
        var generator = SeededGenerator(seed: 0xD3A7_0003)
        let kernels = [[1, 1], [2, 2], [1, 3], [3, 5], [4, 1], [7, 7], [3, 3], [5, 5]]
        for index in 0..<80 {
            let kernel = kernels[index % kernels.count]
            let strides = [generator.nextInt(in: 1...3), generator.nextInt(in: 1...3)]
            var dilations = [generator.nextInt(in: 1...3), generator.nextInt(in: 1...3)]
            // The 3x3 and 5x5 windows here take a dilation or stride 3, outside the ranges above.
            if kernel[0] == kernel[1] && (kernel[0] == 3 || kernel[0] == 5) && dilations == [1, 1] { dilations[0] = 2 }
            var drawn = try DepthwiseCases.draw(kernel: kernel, strides: strides, dilations: dilations, using: &generator)
            if index % 5 == 0 {
                drawn = try DepthwiseCases.fuse(drawn, activation: generator.nextElement(of: FusedActivation.allCases),
                                                residual: true, using: &generator)
            }
            try check(drawn, threadCount: 1 + index % 3)
        }
    }

    @Test("Results are bit-identical on 1, 2 and 3 threads and on every instruction set")
    func threadCountsAgree() throws {
        var generator = SeededGenerator(seed: 0xD3A7_0004)
        let shapes: [(input: [Int], kernel: Int, strides: [Int])] = [
            ([1, 7, 20, 37], 3, [1, 1]), ([2, 5, 9, 9], 3, [1, 1]), ([3, 3, 14, 14], 5, [2, 2]),
            ([1, 11, 13, 7], 5, [1, 1]), ([1, 4, 17, 33], 7, [2, 1]), ([2, 3, 9, 40], 5, [1, 1]), ([2, 21, 7, 7], 3, [1, 1]),
            ([2, 5, 23, 71], 3, [2, 2]), ([1, 9, 15, 14], 3, [2, 2]),
        ]
        for shape in shapes {
            let channels = shape.input[1], pad = shape.kernel / 2
            let drawn = DepthwiseCase(op: .conv,
                                      operands: [try generator.nextTensor(shape.input),
                                                 try generator.nextTensor([channels, 1, shape.kernel, shape.kernel]),
                                                 try generator.nextTensor([channels])],
                                      attributes: ["groups": .int(channels), "pads": .ints([pad, pad, pad, pad]),
                                                   "strides": .ints(shape.strides)])
            for fused in [drawn, try DepthwiseCases.fuse(drawn, activation: .silu, residual: true, using: &generator)] {
                let request = try KernelHarness.request(fused.op, operands: fused.operands, attributes: fused.attributes)
                let results = try Self.instructionSets.flatMap { instructionSet in
                    let kernel = DepthwiseConvolutionKernel(try ConvolutionGeometry(request, transposed: false),
                                                            epilogue: try ConvolutionEpilogue(request), instructionSet: instructionSet)
                    return try (1...3).map { threads in
                        try KernelHarness.run(kernel, operands: fused.operands, resultTypes: request.resultTypes, threadCount: threads)[0]
                    }
                }
                #expect(results.allSatisfy { $0 == results[0] }, "\(fused)")
            }
        }
    }

    /// Runs the depthwise kernel built directly for `drawn` on `threadCount` threads, with the
    /// row kernels of every instruction set of `instructionSets`, and compares each result with
    /// the reference; returns the kernel of the last (fastest) instruction set.
    @discardableResult
    private func check(_ drawn: DepthwiseCase, threadCount: Int,
                       sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> DepthwiseConvolutionKernel {
        let request = try KernelHarness.request(drawn.op, operands: drawn.operands, attributes: drawn.attributes)
        let expected = try ReferenceKernels.evaluate(drawn.op, operands: drawn.operands, attributes: drawn.attributes)[0]
        var kernels: [DepthwiseConvolutionKernel] = []
        for instructionSet in Self.instructionSets {
            let kernel = DepthwiseConvolutionKernel(try ConvolutionGeometry(request, transposed: false),
                                                    epilogue: try ConvolutionEpilogue(request), instructionSet: instructionSet)
            let actual = try KernelHarness.run(kernel, operands: drawn.operands, resultTypes: request.resultTypes,
                                               threadCount: threadCount)[0]
            let error = KernelHarness.relativeL2Error(actual, expected)
            #expect(error <= KernelHarness.relativeL2Bound,
                    "relative L2 error \(error) on \(threadCount) threads (\(instructionSet)) for \(drawn)",
                    sourceLocation: sourceLocation)
            kernels.append(kernel)
        }
        return kernels[kernels.count - 1]
    }
}

/// Kernels that declare a workspace still compute when a hand-built `KernelBuffers` passes none.
@Suite("Kernels without the workspace they declared")
struct MissingWorkspaceTests {
    @Test("depthwise, im2col and Winograd convs, conv_transpose and argmax fall back to scratch of their own")
    func scratchOfTheirOwn() throws {
        let cases: [(OpKind, [Tensor], Attributes)] = [
            (.conv, [try Tensor.random(shape: [1, 4, 9, 9], seed: 1), try Tensor.random(shape: [4, 1, 3, 3], seed: 2)],
             ["groups": .int(4), "pads": .ints([1, 1, 1, 1])]),
            (.conv, [try Tensor.random(shape: [1, 5, 9, 9], seed: 6), try Tensor.random(shape: [6, 5, 3, 3], seed: 7)],
             ["pads": .ints([1, 1, 1, 1]), "algorithm": .string("im2col")]),
            (.conv, [try Tensor.random(shape: [1, 5, 9, 9], seed: 8), try Tensor.random(shape: [6, 5, 3, 3], seed: 9)],
             ["pads": .ints([1, 1, 1, 1]), "algorithm": .string("winograd4x4")]),
            (.convTranspose, [try Tensor.random(shape: [1, 3, 5, 5], seed: 3), try Tensor.random(shape: [3, 2, 3, 3], seed: 4)],
             ["strides": .ints([2, 2])]),
            (.argmax, [try Tensor.random(shape: [3, 7, 5], seed: 5)], ["axis": .int(1)]),
        ]
        for (op, operands, attributes) in cases {
            let request = try KernelHarness.request(op, operands: operands, attributes: attributes)
            let kernel = try #require(try KernelRegistry.fastFamilies.lazy.compactMap { try $0.makeKernel(for: request) }.first)
            #expect(kernel.workspaceBytes > 0, "\(op)")
            let actual = try KernelHarness.run(kernel, operands: operands, resultTypes: request.resultTypes, threadCount: 2,
                                               givesWorkspace: false)[0]
            let expected = try ReferenceKernels.evaluate(op, operands: operands, attributes: attributes)[0]
            if actual.dtype == .f32 {
                #expect(KernelHarness.relativeL2Error(actual, expected) <= KernelHarness.relativeL2Bound, "\(op)")
            } else {
                #expect(actual == expected, "\(op)")
            }
        }
    }
}
