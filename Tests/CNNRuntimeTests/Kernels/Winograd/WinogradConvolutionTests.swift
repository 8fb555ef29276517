import Testing
import CNNGEMM
import CNNIR
@testable import CNNRuntime

/// The Winograd conv kernels (F(2x2,3x3), F(4x4,3x3), F(6x6,3x3)) against the reference
/// computed in f64, on both instruction sets of the packed GEMM, with poisoned outputs and
/// workspace (`KernelHarness.run`).
@Suite("Winograd convs against the f64 reference")
struct WinogradConvolutionTests {
    /// The instruction sets this processor runs the packed GEMM's vector kernels on.
    static let instructionSets = GEMMInstructionSet.supported.filter { $0 != .generic }

    /// The relative L2 error bound of a tile size and input channel count.
    ///
    /// Origin: the error was measured on random N(0,1) inputs and weights
    /// (`[1, C_in, s, s]` with s = 9, 16 and 23 in turn, 16 output channels, pads 1, no bias),
    /// 30 convs per cell, against `ReferenceKernels` evaluated on the f64 operands, on
    /// AVX-512 and AVX2 (the two agree to within 10%); mean / worst:
    ///
    /// | C_in | F(2x2,3x3)      | F(4x4,3x3)      | F(6x6,3x3)      |
    /// |------|-----------------|-----------------|-----------------|
    /// | 1    | 1.0e-7 / 1.1e-7 | 6.7e-7 / 1.2e-6 | 1.3e-6 / 1.9e-6 |
    /// | 3    | 1.1e-7 / 1.2e-7 | 6.9e-7 / 9.2e-7 | 1.4e-6 / 1.7e-6 |
    /// | 7    | 1.2e-7 / 1.3e-7 | 8.1e-7 / 1.0e-6 | 1.5e-6 / 1.8e-6 |
    /// | 16   | 1.5e-7 / 1.7e-7 | 9.9e-7 / 1.2e-6 | 1.9e-6 / 2.2e-6 |
    /// | 33   | 2.0e-7 / 2.1e-7 | 1.3e-6 / 1.5e-6 | 2.3e-6 / 2.8e-6 |
    /// | 64   | 2.6e-7 / 2.7e-7 | 1.6e-6 / 2.0e-6 | 3.1e-6 / 3.5e-6 |
    /// | 128  | 3.5e-7 / 3.8e-7 | 2.2e-6 / 2.5e-6 | 4.2e-6 / 4.7e-6 |
    /// | 256  | 4.9e-7 / 5.1e-7 | 3.1e-6 / 3.5e-6 | 5.7e-6 / 6.4e-6 |
    ///
    /// The error grows with the tile (the transforms' entries grow with the interpolation
    /// points) and with C_in (the products sum C_in terms). Each bound is 5× the worst measured
    /// at that C_in, times 1.5 for the activation (see `error(of:…)`); any wrong element (a
    /// misplaced tile, a missed bias) gives errors above 1e-3.
    static func bound(_ tile: WinogradTile, inputChannels: Int) -> Double {
        let worst: [Int: [WinogradTile: Double]] = [
            1: [.f2x2: 1.1e-7, .f4x4: 1.2e-6, .f6x6: 1.9e-6],
            3: [.f2x2: 1.2e-7, .f4x4: 9.2e-7, .f6x6: 1.7e-6],
            7: [.f2x2: 1.3e-7, .f4x4: 1.0e-6, .f6x6: 1.8e-6],
            16: [.f2x2: 1.7e-7, .f4x4: 1.2e-6, .f6x6: 2.2e-6],
            33: [.f2x2: 2.1e-7, .f4x4: 1.5e-6, .f6x6: 2.8e-6],
            64: [.f2x2: 2.7e-7, .f4x4: 2.0e-6, .f6x6: 3.5e-6],
        ]
        return 1.5 * 5 * (worst[inputChannels]?[tile] ?? 0)
    }

    @Test("conv and fused_conv within the measured bound: 200 random configurations",
          arguments: WinogradTile.allCases, instructionSets)
    func randomConfigurations(tile: WinogradTile, instructionSet: GEMMInstructionSet) throws {
        var generator = SeededGenerator(seed: 0x3196AD + UInt64(tile.outputSize) * 17 + UInt64(instructionSet.rawValue.utf8.count))
        var activations = Set<String>(), residuals = 0, runTimeWeights = 0
        for index in 0..<200 {
            let drawn = try WinogradConvolutionCases.draw(using: &generator)
            let inputChannels = drawn.operands[0].shape[1]
            let error = try Self.error(of: drawn, tile: tile, instructionSet: instructionSet, threadCount: 1 + index % 3)
            let bound = Self.bound(tile, inputChannels: inputChannels)
            #expect(error <= bound, "relative L2 error \(error) > \(bound) for \(drawn) on \(instructionSet), \(1 + index % 3) threads")
            if case .string(let activation) = drawn.attributes["activation"] { activations.insert(activation) }
            if drawn.operands.count > 3 { residuals += 1 }
            if drawn.constantIndices.isEmpty { runTimeWeights += 1 }
        }
        #expect(activations.count == FusedActivation.allCases.count, "activations drawn: \(activations.sorted())")
        #expect(residuals >= 40 && runTimeWeights >= 60, "residuals \(residuals), weights at run time \(runTimeWeights)")
    }

    @Test("Results are bit-identical on 1, 2 and 3 threads and with constant or run-time weights",
          arguments: WinogradTile.allCases)
    func threadsAndWeightsAgree(tile: WinogradTile) throws {
        var generator = SeededGenerator(seed: 0x7EAD + UInt64(tile.outputSize))
        // Many tiles (threads take blocks of their own), few tiles (threads share each block by
        // channels and bands of output channels), and one tile.
        let shapes: [([Int], [Int], [Int])] = [
            ([2, 16, 23, 21], [24, 16, 3, 3], [1, 1, 1, 1]),
            ([1, 33, 5, 6], [40, 33, 3, 3], [1, 0, 2, 1]),
            ([1, 7, 3, 3], [16, 7, 3, 3], [0, 0, 0, 0]),
        ]
        for (input, weight, pads) in shapes {
            let operands = [try generator.nextTensor(input), try generator.nextTensor(weight), try generator.nextTensor([weight[0]])]
            var results: [Tensor] = []
            for constants in [Set<Int>([1, 2]), []] {
                let request = try KernelHarness.request(.conv, operands: operands, attributes: ["pads": .ints(pads)],
                                                        constantIndices: constants)
                let kernel = try WinogradConvolutionKernel(
                    geometry: try ConvolutionGeometry(request, transposed: false), epilogue: try ConvolutionEpilogue(request),
                    tile: tile, weights: request.constantOperands[1], instructionSet: .selected())
                for threads in 1...3 {
                    results.append(try KernelHarness.run(kernel, operands: operands, resultTypes: request.resultTypes,
                                                         threadCount: threads)[0])
                }
            }
            #expect(results.allSatisfy { $0 == results[0] }, "\(input) * \(weight) pads \(pads)")
            let expected = try ReferenceKernels.evaluate(.conv, operands: operands.map { try $0.converted(to: .f64) },
                                                         attributes: ["pads": .ints(pads)])[0]
            #expect(KernelHarness.relativeL2Error(results[0], expected) <= Self.bound(tile, inputChannels: input[1]))
        }
    }

    @Test("Only 2-D 3x3 convs with stride 1, dilation 1 and one group are supported")
    func supportedGeometries() throws {
        var generator = SeededGenerator(seed: 0x5099)
        let x2 = try generator.nextTensor([1, 4, 8, 8])
        let cases: [(Tensor, [Int], Attributes, Bool)] = [
            (x2, [6, 4, 3, 3], ["pads": .ints([1, 1, 1, 1])], true),
            (x2, [6, 4, 3, 3], ["strides": .ints([2, 2])], false),
            (x2, [6, 4, 3, 3], ["dilations": .ints([2, 1])], false),
            (x2, [6, 2, 3, 3], ["groups": .int(2)], false),
            (x2, [6, 4, 5, 5], [:], false),
            (x2, [6, 4, 3, 1], [:], false),
            (try generator.nextTensor([1, 4, 8]), [6, 4, 3], [:], false),
            (try generator.nextTensor([1, 4, 5, 5, 5]), [6, 4, 3, 3, 3], [:], false),
        ]
        for (x, weightShape, attributes, supported) in cases {
            let request = try KernelHarness.request(.conv, operands: [x, try generator.nextTensor(weightShape)], attributes: attributes)
            let geometry = try ConvolutionGeometry(request, transposed: false)
            #expect(WinogradConvolutionKernel.supports(geometry) == supported, "\(x.shape) * \(weightShape) \(attributes)")
            if !supported {
                #expect(throws: Diagnostic.self) {
                    try WinogradConvolutionKernel(geometry: geometry, epilogue: try ConvolutionEpilogue(request), tile: .f4x4,
                                                  weights: nil, instructionSet: .selected())
                }
            }
        }
    }

    /// The error of `tile`'s kernel on `drawn` against the reference on f64 operands:
    /// ‖y − y_ref‖₂ / ‖z_ref‖₂, where z is y before the activation (the conv plus bias and
    /// residual; z = y for a conv). Dividing by the norm before the activation keeps the
    /// measured conv error's scale: a clip or sigmoid that flattens most outputs shrinks y's
    /// norm but not the error of the outputs it leaves alone. The activations are at most
    /// 1.5-Lipschitz (hard_swish's slope reaches 1.5), so the result is within 1.5× the error
    /// of z, which `bound` allows for.
    static func error(of drawn: ConvolutionCase, tile: WinogradTile, instructionSet: GEMMInstructionSet,
                      threadCount: Int) throws -> Double {
        let request = try KernelHarness.request(drawn.op, operands: drawn.operands, attributes: drawn.attributes,
                                                constantIndices: drawn.constantIndices)
        let kernel = try WinogradConvolutionKernel(geometry: try ConvolutionGeometry(request, transposed: false),
                                                   epilogue: try ConvolutionEpilogue(request), tile: tile,
                                                   weights: request.constantOperands[1], instructionSet: instructionSet)
        let actual = try KernelHarness.run(kernel, operands: drawn.operands, resultTypes: request.resultTypes,
                                           threadCount: threadCount)[0].doubles
        let operands = try drawn.operands.map { try $0.converted(to: .f64) }
        let expected = try ReferenceKernels.evaluate(drawn.op, operands: operands, attributes: drawn.attributes)[0].doubles
        var linear = drawn.attributes
        if drawn.op == .fusedConv { linear["activation"] = .string(FusedActivation.none.rawValue) }
        let beforeActivation = try ReferenceKernels.evaluate(drawn.op, operands: operands, attributes: linear)[0].doubles
        guard actual.count == expected.count else { return .infinity }
        let difference = zip(actual, expected).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        let norm = beforeActivation.reduce(0.0) { $0 + $1 * $1 }
        return (difference / max(norm, .leastNormalMagnitude)).squareRoot()
    }
}
