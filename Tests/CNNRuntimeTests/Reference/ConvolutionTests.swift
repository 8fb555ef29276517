import Testing
import CNNIR
import CNNRuntime

@Suite("Reference conv and conv_transpose")
struct ConvolutionTests: RuntimeTestHelpers {
    @Test("1-D conv with stride 2, pads and bias (by hand)")
    func conv1D() throws {
        // Padded x = [0, 1, 2, 3, 4, 5, 0]; windows start at 0, 2, 4; w = [1, 0, -1]:
        // 0 - 2 = -2, 2 - 4 = -2, 4 - 0 = 4; plus bias 0.5.
        let y = try evaluate(.conv, [try tensor([1, 1, 5], [1, 2, 3, 4, 5]), try tensor([1, 1, 3], [1, 0, -1]), try tensor([1], [0.5])],
                             ["strides": .ints([2]), "pads": .ints([1, 1])])
        expectValues(y, [1, 1, 3], [-1.5, -1.5, 4.5])
    }

    @Test("2-D conv with dilation 2 and asymmetric pads (by hand)")
    func conv2DDilatedAsymmetric() throws {
        // x = 1...9 as 3x3, a 2x2 kernel of ones dilated to extent 3, one row and column of end padding.
        // (0,0) sums x at (0,0),(0,2),(2,0),(2,2) = 1+3+7+9; (0,1) at (0,1),(2,1) = 2+8;
        // (1,0) at (1,0),(1,2) = 4+6; (1,1) at (1,1) = 5.
        let y = try evaluate(.conv, [try iota([1, 1, 3, 3], from: 1), try tensor([1, 1, 2, 2], [1, 1, 1, 1])],
                             ["dilations": .ints([2, 2]), "pads": .ints([0, 0, 1, 1])])
        expectValues(y, [1, 1, 2, 2], [20, 10, 10, 5])
    }

    @Test("conv sums over input channels; depthwise conv keeps them apart (by hand)")
    func channels() throws {
        let x = try iota([1, 2, 2, 2], from: 1)  // channel 0: 1...4, channel 1: 5...8
        let difference = try evaluate(.conv, [x, try tensor([1, 2, 1, 1], [1, -1])])
        expectValues(difference, [1, 1, 2, 2], [-4, -4, -4, -4])
        let depthwise = try evaluate(.conv, [x, try tensor([2, 1, 1, 1], [10, 100])], ["groups": .int(2)])
        expectValues(depthwise, [1, 2, 2, 2], [10, 20, 30, 40, 500, 600, 700, 800])
    }

    @Test("3-D conv (by hand)")
    func conv3D() throws {
        let y = try evaluate(.conv, [try iota([1, 1, 2, 2, 3], from: 1), try tensor([1, 1, 2, 2, 2], Array(repeating: 1, count: 8))])
        // Window at w = 0 sums 1,2,4,5,7,8,10,11 = 48; at w = 1 every element is one larger.
        expectValues(y, [1, 1, 1, 1, 2], [48, 56])
    }

    @Test("conv auto_pad same_upper, same_lower and valid (by hand)")
    func convAutoPad() throws {
        let x = try tensor([1, 1, 4], [1, 2, 3, 4]), pair = try tensor([1, 1, 2], [1, 1])
        // One unit of padding in total: at the end (upper) or the beginning (lower).
        expectValues(try evaluate(.conv, [x, pair], ["auto_pad": .string("same_upper")]), [1, 1, 4], [3, 5, 7, 4])
        expectValues(try evaluate(.conv, [x, pair], ["auto_pad": .string("same_lower")]), [1, 1, 4], [1, 3, 5, 7])
        let five = try tensor([1, 1, 5], [1, 2, 3, 4, 5]), triple = try tensor([1, 1, 3], [1, 1, 1])
        // Stride 2: output ceil(5/2) = 3, total pad (3-1)*2 + 3 - 5 = 2, one on each side.
        expectValues(try evaluate(.conv, [five, triple], ["auto_pad": .string("same_upper"), "strides": .ints([2])]), [1, 1, 3], [3, 9, 9])
        expectValues(try evaluate(.conv, [five, triple], ["auto_pad": .string("valid"), "strides": .ints([2])]), [1, 1, 2], [6, 12])
    }

    @Test("conv_transpose scatters each input through the kernel (by hand)")
    func transposedHand() throws {
        let x = try tensor([1, 1, 2], [1, 2]), ones = try tensor([1, 1, 3], [1, 1, 1])
        // Stride 2: x0 adds 1 at 0,1,2 and x1 adds 2 at 2,3,4; size 2*(2-1) + 3 = 5.
        expectValues(try evaluate(.convTranspose, [x, ones], ["strides": .ints([2])]), [1, 1, 5], [1, 1, 3, 2, 2])
        expectValues(try evaluate(.convTranspose, [x, ones], ["strides": .ints([2]), "pads": .ints([1, 0])]), [1, 1, 4], [1, 3, 2, 2])
        expectValues(try evaluate(.convTranspose, [x, ones, try tensor([1], [1])], ["strides": .ints([2]), "output_padding": .ints([1])]),
                     [1, 1, 6], [2, 2, 4, 3, 3, 1])
        // Dilation 2 with a 2-tap kernel: x0 lands on 0 and 2, x1 on 1 and 3.
        expectValues(try evaluate(.convTranspose, [x, try tensor([1, 1, 2], [1, 1])], ["dilations": .ints([2])]), [1, 1, 4], [1, 2, 1, 2])
        // Auto pad: the full size 5 is cut to 2*2 = 4, dropping the end (upper) or the beginning (lower).
        expectValues(try evaluate(.convTranspose, [x, ones], ["strides": .ints([2]), "auto_pad": .string("same_upper")]), [1, 1, 4], [1, 1, 3, 2])
        expectValues(try evaluate(.convTranspose, [x, ones], ["strides": .ints([2]), "auto_pad": .string("same_lower")]), [1, 1, 4], [1, 3, 2, 2])
        // Groups: each input channel feeds only its own output channel.
        let grouped = try evaluate(.convTranspose, [try tensor([1, 2, 1], [1, 2]), try tensor([2, 1, 1], [3, 4])], ["groups": .int(2)])
        expectValues(grouped, [1, 2, 1], [3, 8])
    }

    @Test("a 1x1 conv equals a matrix product over channels")
    func pointwiseIsMatmul() throws {
        let x = try randomTensor([2, 3, 4, 5], seed: 1), weight = try randomTensor([6, 3, 1, 1], seed: 2)
        let y = try evaluate(.conv, [x, weight])
        let product = try evaluate(.matmul, [try weight.reshaped(to: [6, 3]), try x.reshaped(to: [2, 3, 20])])
        expectClose(try y.reshaped(to: [2, 6, 20]), product)
    }

    @Test("a grouped conv equals separate convs on channel slices")
    func groupedIsSlicedConvs() throws {
        let x = try randomTensor([2, 4, 5, 6], seed: 3), weight = try randomTensor([6, 2, 3, 3], seed: 4)
        let bias = try randomTensor([6], seed: 5)
        let attributes: Attributes = ["strides": .ints([2, 1]), "pads": .ints([1, 0, 0, 2])]
        var grouped = attributes
        grouped["groups"] = .int(2)
        let y = try evaluate(.conv, [x, weight, bias], grouped)
        let halves = try (0..<2).map { group in
            try evaluate(.conv, [try slice(x, axis: 1, (2 * group)..<(2 * group + 2)), try slice(weight, axis: 0, (3 * group)..<(3 * group + 3)),
                                 try slice(bias, axis: 0, (3 * group)..<(3 * group + 3))], attributes)
        }
        expectClose(y, try evaluate(.concat, halves, ["axis": .int(1)]))
    }

    @Test("conv_transpose is the adjoint of conv: <conv(x), y> = <x, conv_transpose(y)>")
    func transposeIsAdjoint() throws {
        // Height: extent 3, (7 + 1 - 3) / 2 + 1 = 3 outputs, transposed back 2*2 + 1 + 3 - 1 = 7.
        // Width: extent 3 (dilation 2), (8 + 1 - 3) / 2 + 1 = 4 outputs, transposed back 2*3 + 0 + 3 - 1 = 8.
        let x = try randomTensor([2, 4, 7, 8], seed: 6), weight = try randomTensor([6, 2, 3, 2], seed: 7)
        var attributes: Attributes = ["strides": .ints([2, 2]), "pads": .ints([1, 0, 0, 1]), "dilations": .ints([1, 2]), "groups": .int(2)]
        let forward = try evaluate(.conv, [x, weight], attributes)
        #expect(forward.shape == [2, 6, 3, 4])
        let y = try randomTensor(forward.shape, seed: 8)
        attributes["output_padding"] = .ints([1, 0])
        let backward = try evaluate(.convTranspose, [y, weight], attributes)
        #expect(backward.shape == x.shape)
        #expect(abs(dot(forward, y) - dot(x, backward)) < 1e-9)
    }

    @Test("conv rejects a weight whose channels do not fit the groups")
    func rejectsBadGroups() throws {
        expectDiagnostic(containing: "groups") {
            _ = try evaluate(.conv, [try iota([1, 4, 3, 3]), try iota([2, 3, 1, 1])], ["groups": .int(2)])
        }
    }
}
