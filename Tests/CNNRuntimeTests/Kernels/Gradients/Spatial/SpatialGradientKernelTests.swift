import Testing
import CNNIR
import CNNRuntime

/// The fast kernels of the spatial gradient ops against the reference, outputs and workspace
/// poisoned with NaN (`KernelHarness`), and the same bits on 1, 2 and 3 threads.
///
/// Bound: `KernelHarness.relativeL2Bound` (1e-5). conv_weight_grad sums N·(output positions)
/// products per weight in f32 (the tests' sums hold up to a few thousand): with random inputs the
/// relative error is about (ε/2)·√(K/2), below 3e-6 here. The pool gradients add at most a few
/// window shares per element, pad_grad copies.
@Suite("Spatial gradient kernels")
struct SpatialGradientKernelTests {
    let family = SpatialGradientKernels()

    @Test("conv_weight_grad matches the reference on 240 random convs (1-D to 3-D, strided, padded, dilated, grouped, depthwise)")
    func randomConvolutions() throws {
        var generator = SeededGenerator(seed: 0xD3)
        var names: Set<String> = []
        for index in 0..<240 {
            let spatialRank = [1, 2, 2, 3][index % 4]
            let sizes = [1: 30, 2: 12, 3: 4][spatialRank] ?? 4
            let testCase = try generator.nextConvolutionGradientCase(spatialRank: spatialRank, sizes: sizes, batch: 4)
            if let name = try check(testCase, &generator, configuration: "#\(index) \(testCase)") { names.insert(name) }
        }
        #expect(names == ["im2col-weight-grad", "depthwise-weight-grad"])
    }

    @Test("conv_weight_grad on shapes that exercise its paths: long and short segments, joined images, few channels, wide depthwise rows")
    func convolutionPaths() throws {
        var generator = SeededGenerator(seed: 0xD4)
        let cases: [([Int], [Int], Attributes, String)] = [
            // 288 columns per group: segments of one image in parts (400 positions each).
            ([2, 32, 20, 20], [8, 32, 3, 3], ["pads": .ints([1, 1, 1, 1])], "im2col-weight-grad"),
            // Small images joined 10 at a time, the last segment holding the 3 left over.
            ([13, 1, 20, 20], [2, 1, 3, 3], ["pads": .ints([1, 1, 1, 1])], "im2col-weight-grad"),
            // Many channels split into chunks, stride 2.
            ([3, 64, 9, 9], [16, 64, 3, 3], ["strides": .ints([2, 2]), "pads": .ints([1, 1, 1, 1])], "im2col-weight-grad"),
            // Three input channels: blocks of output channels.
            ([4, 3, 17, 15], [24, 3, 5, 5], ["strides": .ints([2, 2]), "pads": .ints([2, 2, 2, 2])], "im2col-weight-grad"),
            // 1x1 and grouped.
            ([2, 12, 11, 13], [18, 4, 1, 1], ["groups": .int(3)], "im2col-weight-grad"),
            // Too few columns to cut for the threads: the segments cut into slices summed into partial dWs.
            ([8, 16, 20, 20], [16, 16, 3, 3], ["pads": .ints([1, 1, 1, 1])], "im2col-weight-grad"),
            ([20, 1, 28, 28], [6, 1, 5, 5], ["pads": .ints([2, 2, 2, 2])], "im2col-weight-grad"),
            // Stride 2 along the width (1x1 and 3x3, odd widths), stride 3 (gathered, then transposed).
            ([6, 16, 17, 19], [32, 16, 1, 1], ["strides": .ints([2, 2])], "im2col-weight-grad"),
            ([3, 8, 15, 21], [16, 8, 3, 3], ["strides": .ints([1, 2]), "pads": .ints([1, 1, 1, 1]), "dilations": .ints([1, 2])], "im2col-weight-grad"),
            ([2, 4, 13, 14], [6, 4, 3, 2], ["strides": .ints([2, 3]), "pads": .ints([1, 0, 1, 1])], "im2col-weight-grad"),
            // Depthwise rows of 16 and more at strides 1 and 2, dilated.
            ([2, 5, 9, 45], [5, 1, 3, 3], ["pads": .ints([1, 1, 1, 1]), "groups": .int(5)], "depthwise-weight-grad"),
            ([2, 4, 9, 70], [4, 1, 3, 3], ["strides": .ints([2, 2]), "pads": .ints([1, 1, 1, 1]), "groups": .int(4)], "depthwise-weight-grad"),
            ([1, 3, 6, 40], [3, 1, 3, 3], ["dilations": .ints([2, 2]), "pads": .ints([2, 2, 2, 2]), "groups": .int(3)], "depthwise-weight-grad"),
            ([2, 2, 4, 5, 40], [2, 1, 2, 3, 3], ["strides": .ints([1, 1, 2]), "groups": .int(2)], "depthwise-weight-grad"),
        ]
        for (x, weight, attributes, name) in cases {
            let testCase = try SpatialGradientCase(.convWeightGrad, of: .conv, [x, weight], attributes,
                                                   keeping: ["strides", "pads", "dilations", "groups"], extra: ["kernel": .ints(Array(weight[2...]))])
            let found = try check(testCase, &generator, configuration: "\(testCase)")
            #expect(found == name, "\(testCase)")
        }
    }

    @Test("max_pool_grad and avg_pool_grad match the reference on 210 random pools each")
    func randomPools() throws {
        var generator = SeededGenerator(seed: 0xB00)
        for gradient: OpKind in [.maxPoolGrad, .avgPoolGrad] {
            var names: Set<String> = []
            for index in 0..<210 {
                let spatialRank = [1, 2, 2, 3][index % 4]
                let sizes = [1: 30, 2: 12, 3: 4][spatialRank] ?? 4
                let testCase = try generator.nextPoolGradientCase(gradient, spatialRank: spatialRank, sizes: sizes)
                if let name = try check(testCase, &generator, configuration: "#\(index) \(testCase)") { names.insert(name) }
            }
            let prefix = gradient == .maxPoolGrad ? "maxpool" : "avgpool"
            #expect(names == Set((1...3).map { "\(prefix)\($0)d-grad" }))
        }
    }

    @Test("max_pool_grad passes dy to the first of equal maxima, as the reference, on 60 random pools of inputs with many ties")
    func poolsWithTies() throws {
        var generator = SeededGenerator(seed: 0xB02)
        for index in 0..<60 {
            let spatialRank = [1, 2, 2, 3][index % 4]
            let testCase = try generator.nextPoolGradientCase(.maxPoolGrad, spatialRank: spatialRank, sizes: spatialRank == 3 ? 3 : 8)
            let x = try Tensor(shape: testCase.inputShape, scalars: (0..<elementCount(testCase.inputShape)).map { _ in
                Float(generator.nextInt(in: 0...2)) / 2
            })
            try check(testCase, &generator, configuration: "#\(index) \(testCase)", x: x)
        }
    }

    @Test("pool gradients of common CNN shapes, large enough to run on several threads")
    func commonPools() throws {
        var generator = SeededGenerator(seed: 0xB01)
        let cases: [(OpKind, [Int], Attributes)] = [
            (.maxPoolGrad, [2, 16, 28, 28], ["kernel": .ints([2, 2]), "strides": .ints([2, 2])]),
            (.maxPoolGrad, [1, 8, 56, 56], ["kernel": .ints([3, 3]), "strides": .ints([2, 2]), "pads": .ints([1, 1, 1, 1])]),
            (.avgPoolGrad, [2, 8, 33, 31], ["kernel": .ints([3, 3]), "pads": .ints([1, 1, 1, 1]), "count_include_pad": .bool(true)]),
            (.avgPoolGrad, [2, 16, 15, 15], ["kernel": .ints([2, 2]), "strides": .ints([2, 2]), "ceil_mode": .bool(true)]),
        ]
        for (gradient, x, attributes) in cases {
            let testCase = try SpatialGradientCase(gradient, of: gradient == .maxPoolGrad ? .maxPool : .avgPool, [x], attributes,
                                                   keeping: ["kernel", "strides", "pads", "dilations", "ceil_mode", "count_include_pad"])
            try check(testCase, &generator, configuration: "\(testCase)")
        }
    }

    @Test("pad_grad in constant mode matches the reference on 200 random pads; reflect and edge run on the reference kernels")
    func randomPads() throws {
        var generator = SeededGenerator(seed: 0xCA7)
        for index in 0..<200 {
            let testCase = try generator.nextPadGradientCase(mode: .constant)
            let name = try check(testCase, &generator, configuration: "#\(index) \(testCase)")
            #expect(name == "pad-grad-crop")
        }
        for mode: PadMode in [.reflect, .edge] {
            let testCase = try generator.nextPadGradientCase(mode: mode)
            let operands = [try generator.nextTensor(testCase.inputShape), try generator.nextTensor(testCase.outputShape)]
            let request = try KernelHarness.request(.padGrad, operands: operands, attributes: testCase.gradientAttributes)
            #expect(try family.makeKernel(for: request) == nil)
        }
    }

    @Test("f64 operands and resize_grad are left to the reference kernels")
    func otherNodesAreLeftToTheReference() throws {
        var generator = SeededGenerator(seed: 0xF64)
        let testCase = try generator.nextPoolGradientCase(.maxPoolGrad, spatialRank: 2, sizes: 4)
        let operands = [try Tensor.random(shape: testCase.inputShape, dtype: .f64, seed: 1),
                        try Tensor.random(shape: testCase.outputShape, dtype: .f64, seed: 2)]
        #expect(try family.makeKernel(for: KernelHarness.request(.maxPoolGrad, operands: operands, attributes: testCase.gradientAttributes)) == nil)
        let resize = try generator.nextResizeGradientCase()
        let resizeOperands = [try generator.nextTensor(resize.inputShape), try generator.nextTensor(resize.outputShape)]
        #expect(try family.makeKernel(for: KernelHarness.request(.resizeGrad, operands: resizeOperands, attributes: resize.gradientAttributes)) == nil)
    }

    /// Checks the family's kernel for `testCase` on random f32 dy and x (or the given x): against
    /// the reference (on 2 threads, outputs and workspace poisoned), and for the same bits on 1,
    /// 2 and 3 threads and without a workspace handed over. Returns the kernel's name.
    @discardableResult
    private func check(_ testCase: SpatialGradientCase, _ generator: inout SeededGenerator, configuration: String, x: Tensor? = nil,
                       sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> String? {
        let operands = [try x ?? generator.nextTensor(testCase.inputShape), try generator.nextTensor(testCase.outputShape)]
        let name = try KernelHarness.checkAgainstReference(family, testCase.gradient, operands: operands, attributes: testCase.gradientAttributes,
                                                           threadCount: 2, configuration: configuration, sourceLocation: sourceLocation)
        let request = try KernelHarness.request(testCase.gradient, operands: operands, attributes: testCase.gradientAttributes)
        guard let kernel = try family.makeKernel(for: request) else { return name }
        let runs = try (1...3).map { threads in try KernelHarness.run(kernel, operands: operands, resultTypes: request.resultTypes, threadCount: threads) }
        if runs[1] != runs[0] || runs[2] != runs[0] {
            Issue.record("\(kernel.name) gives different bits on 1, 2 and 3 threads for \(configuration)", sourceLocation: sourceLocation)
        }
        let withoutWorkspace = try KernelHarness.run(kernel, operands: operands, resultTypes: request.resultTypes, givesWorkspace: false)
        if withoutWorkspace != runs[0] {
            Issue.record("\(kernel.name) gives other bits without a workspace for \(configuration)", sourceLocation: sourceLocation)
        }
        return name
    }
}

/// The number of elements of a shape.
private func elementCount(_ shape: [Int]) -> Int { shape.reduce(1, *) }

/// The spatial gradient ops in a compiled plan: the executor picks the fast kernels and gives
/// what the reference executor gives.
@Suite("Spatial gradients in a plan")
struct SpatialGradientPlanTests {
    @Test("a graph of the five gradient ops runs on the fast kernels (resize_grad on the reference) and matches the reference executor")
    func planMatchesTheReference() throws {
        let text = """
        graph @gradients(%x: f32[2,3,9,9], %dy: f32[2,4,5,5], %pooled: f32[2,3,4,4], %averaged: f32[2,3,5,5], %padded: f32[2,3,11,10], %resized: f32[2,3,18,18]) {
          %dw = conv_weight_grad %x, %dy {kernel = [3,3], pads = [1,1,1,1], strides = [2,2]} : f32[4,3,3,3]
          %dmax = max_pool_grad %x, %pooled {kernel = [3,3], strides = [2,2]} : f32[2,3,9,9]
          %davg = avg_pool_grad %x, %averaged {ceil_mode = true, kernel = [2,2], strides = [2,2]} : f32[2,3,9,9]
          %dpad = pad_grad %x, %padded {pads = [0,0,1,0,0,0,1,1]} : f32[2,3,9,9]
          %dresize = resize_grad %x, %resized {mode = "linear", scales = [1.0,1.0,2.0,2.0]} : f32[2,3,9,9]
          return %dw, %dmax, %davg, %dpad, %dresize
        }
        """
        let graph = try IRParser.parse(text, file: "gradients.ir")
        var generator = SeededGenerator(seed: 0x91A)
        var inputs: [String: Tensor] = [:]
        for input in graph.inputs { inputs[input.name] = try generator.nextTensor(input.type.shape.fixedSizes ?? []) }
        let plan = try ExecutionPlan(graph: graph, parameters: [:])
        let kernels = plan.stepDescriptions.map(\.kernel)
        #expect(kernels == ["im2col-weight-grad", "maxpool2d-grad", "avgpool2d-grad", "pad-grad-crop", "reference"])
        let fast = try plan.run(inputs)
        let reference = try ReferenceExecutor.run(graph, inputs: inputs)
        for name in graph.outputs {
            let error = KernelHarness.relativeL2Error(try #require(fast[name]), try #require(reference[name]))
            #expect(error <= KernelHarness.relativeL2Bound, "\(name): relative L2 error \(error)")
        }
    }
}
