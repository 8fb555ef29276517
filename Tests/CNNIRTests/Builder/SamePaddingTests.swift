import CNNIR
import Testing

/// 'same' padding is resolved to explicit pads (same_upper: the odd pixel goes to the end) and
/// keeps the output at ceil(input / stride).
@Suite struct SamePaddingTests {
    /// A window over a square input and the pads 'same' must give.
    struct Case: Sendable, CustomTestStringConvertible {
        var input: Int
        var kernel: Size2D
        var stride: Int
        var dilation: Int = 1
        var pads: [Int]

        var testDescription: String { "in \(input) kernel \(kernel.values) stride \(stride) dilation \(dilation)" }
    }

    static let cases: [Case] = [
        Case(input: 10, kernel: 3, stride: 1, pads: [1, 1, 1, 1]),
        Case(input: 10, kernel: 2, stride: 1, pads: [0, 0, 1, 1]),
        Case(input: 10, kernel: 4, stride: 1, pads: [1, 1, 2, 2]),
        Case(input: 10, kernel: 3, stride: 2, pads: [0, 0, 1, 1]),
        Case(input: 11, kernel: 3, stride: 2, pads: [1, 1, 1, 1]),
        Case(input: 224, kernel: 7, stride: 2, pads: [2, 2, 3, 3]),
        Case(input: 9, kernel: 4, stride: 2, pads: [1, 1, 2, 2]),
        Case(input: 8, kernel: 1, stride: 2, pads: []),
        Case(input: 9, kernel: [1, 5], stride: 1, pads: [0, 2, 0, 2]),
        Case(input: 10, kernel: 3, stride: 1, dilation: 2, pads: [2, 2, 2, 2]),
    ]

    @Test(arguments: cases)
    func convolutionPads(_ testCase: Case) throws {
        let layer = Conv2D(filters: 2, kernel: testCase.kernel, stride: Size2D(testCase.stride, testCase.stride),
                           padding: .same, dilation: Size2D(testCase.dilation, testCase.dilation), useBias: false)
        let lowering = try LayerLowering(layer, input: TensorType(.f32, [1, 1, testCase.input, testCase.input]))
        #expect(lowering.node("l")?.attributes["pads"] == (testCase.pads.isEmpty ? nil : .ints(testCase.pads)))
        #expect(lowering.node("l")?.attributes["auto_pad"] == nil)
        let output = (testCase.input + testCase.stride - 1) / testCase.stride
        #expect(lowering.output.type == TensorType(.f32, [1, 2, output, output]))
    }

    @Test func poolingPadsToo() throws {
        let lowering = try LayerLowering(MaxPool2D(kernel: 3, stride: 2, padding: .same), input: TensorType(.f32, [1, 1, 7, 8]))
        #expect(lowering.node("l")?.attributes["pads"] == .ints([1, 0, 1, 1]))
        #expect(lowering.output.type == TensorType(.f32, [1, 1, 4, 4]))
    }

    @Test func namedSpatialSizesAreRejectedNamingTheLayer() throws {
        let input = TensorType(.f32, Shape([1, 1, .named("H"), .named("W")]))
        let error = #expect(throws: Diagnostic.self) {
            try LayerLowering(Conv2D(filters: 2, kernel: 3, stride: 2, padding: .same), input: input, name: "conv")
        }
        #expect(error?.node == "conv")
        #expect(error?.message.contains("static H and W") == true)
    }

    @Test func explicitAndValidPadding() throws {
        let valid = try LayerLowering(Conv2D(filters: 1, kernel: 3), input: TensorType(.f32, [1, 1, 6, 6]))
        #expect(valid.node("l")?.attributes == [:])
        #expect(valid.output.type == TensorType(.f32, [1, 1, 4, 4]))
        let explicit = try LayerLowering(Conv2D(filters: 1, kernel: 3, padding: .explicit([0, 1, 2, 3])),
                                         input: TensorType(.f32, [1, 1, 6, 6]))
        #expect(explicit.node("l")?.attributes == ["pads": .ints([0, 1, 2, 3])])
        #expect(explicit.output.type == TensorType(.f32, [1, 1, 6, 8]))
        let zero = try LayerLowering(Conv2D(filters: 1, kernel: 3, padding: .symmetric(0)), input: TensorType(.f32, [1, 1, 6, 6]))
        #expect(zero.node("l")?.attributes == [:])
    }
}
