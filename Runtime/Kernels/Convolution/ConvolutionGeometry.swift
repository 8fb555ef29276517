import CNNIR

/// The static shape of one conv or conv_transpose node, with `auto_pad` resolved and the spatial
/// axes widened to three (leading axes of size 1, kernel 1, stride 1, dilation 1, no padding), so
/// that one piece of code serves 1-D, 2-D and 3-D convolutions.
///
/// For conv the *image* is the input and the *windows* are the output positions; for
/// conv_transpose (the adjoint of conv) the image is the output and the windows are the input
/// positions. Window position `o` and kernel position `k` meet image position
/// `o·stride − padBegin + k·dilation` on every axis.
struct ConvolutionGeometry: Sendable {
    /// The number of spatial axes of the node (1, 2 or 3).
    var spatialRank: Int
    /// Whether the node is a conv_transpose.
    var transposed: Bool
    /// N.
    var batch: Int
    /// The channels of operand x.
    var inputChannels: Int
    /// The channels of the result.
    var outputChannels: Int
    /// The number of channel groups.
    var groups: Int
    /// The spatial sizes of x (three axes).
    var inputSize: [Int]
    /// The spatial sizes of the result (three axes).
    var outputSize: [Int]
    /// The kernel size per axis (three axes).
    var kernel: [Int]
    /// The stride per axis (three axes).
    var strides: [Int]
    /// The dilation per axis (three axes).
    var dilations: [Int]
    /// The padding before each axis (three axes).
    var padsBegin: [Int]
    /// The padding after each axis (three axes).
    var padsEnd: [Int]

    /// The spatial sizes of the image side (three axes).
    var imageSize: [Int] { transposed ? outputSize : inputSize }
    /// The number of window positions per axis (three axes).
    var windowCounts: [Int] { transposed ? inputSize : outputSize }
    /// The channels of the image side.
    var imageChannels: Int { transposed ? outputChannels : inputChannels }
    /// Elements in one spatial plane of x.
    var inputPlane: Int { inputSize.reduce(1, *) }
    /// Elements in one spatial plane of the result.
    var outputPlane: Int { outputSize.reduce(1, *) }
    /// Elements in one kernel (the product of the kernel sizes).
    var kernelVolume: Int { kernel.reduce(1, *) }
    /// Input channels per group.
    var inputChannelsPerGroup: Int { inputChannels / groups }
    /// Output channels per group.
    var outputChannelsPerGroup: Int { outputChannels / groups }
    /// The rows of the column matrix of one group: image channels per group times the kernel volume.
    var columnRows: Int { imageChannels / groups * kernelVolume }

    /// The largest element count of any operand or result (for index-range checks).
    var largestTensor: Int {
        max(batch * inputChannels * inputPlane, batch * outputChannels * outputPlane,
            outputChannels * inputChannels / groups * kernelVolume)
    }

    /// The geometry of `request`'s conv (or conv_transpose when `transposed`) node. Throws a
    /// diagnostic at the node when the shapes and attributes do not describe a valid convolution.
    init(_ request: KernelRequest, transposed: Bool) throws {
        let x = request.operandShape(0), weight = request.operandShape(1), y = request.resultShape(0)
        guard (3...5).contains(x.count), weight.count == x.count, y.count == x.count, request.resultTypes.count == 1 else {
            throw request.error("expected x, weight and result of one rank from 3 to 5, found \(x), \(weight) and \(y)")
        }
        let rank = x.count - 2
        let groups = try request.intAttribute("groups")
        let kernel = Array(weight[2...])
        var strides = try request.axisListAttribute("strides", count: rank, default: 1, minimum: 1)
        var dilations = try request.axisListAttribute("dilations", count: rank, default: 1, minimum: 1)
        let pads = try request.axisListAttribute("pads", count: 2 * rank, default: 0, minimum: 0)
        let outputPadding = transposed
            ? try request.axisListAttribute("output_padding", count: rank, default: 0, minimum: 0)
            : Array(repeating: 0, count: rank)
        var padsBegin = Array(pads[..<rank]), padsEnd = Array(pads[rank...])
        let autoPad = try request.choiceAttribute("auto_pad", as: AutoPad.self)
        var expectedOutput: [Int] = []
        for axis in 0..<rank {
            let extent = (kernel[axis] - 1) * dilations[axis] + 1
            let (input, stride) = (x[axis + 2], strides[axis])
            if let automatic = autoPad.pads(input: input, stride: stride, extent: extent,
                                            transposedOutputPadding: transposed ? outputPadding[axis] : nil) {
                (padsBegin[axis], padsEnd[axis]) = (automatic.begin, automatic.end)
            }
            let padded = padsBegin[axis] + padsEnd[axis]
            expectedOutput.append(transposed ? stride * (input - 1) + outputPadding[axis] + extent - padded
                                             : (input + padded - extent) / stride + 1)
        }
        let inputChannels = x[1], outputChannels = y[1]
        let channelsFit = transposed
            ? weight[0] == inputChannels && weight[1] * groups == outputChannels
            : weight[0] == outputChannels && weight[1] * groups == inputChannels
        guard groups >= 1, inputChannels % groups == 0, outputChannels % groups == 0, channelsFit,
              y[0] == x[0], Array(y[2...]) == expectedOutput, kernel.allSatisfy({ $0 >= 1 }),
              expectedOutput.allSatisfy({ $0 >= 1 }) else {
            throw request.error("x \(x), weight \(weight) and groups \(groups) give result [\(x[0]), \(outputChannels), \(expectedOutput.map(String.init).joined(separator: ", "))], found \(y)")
        }
        if request.operandTypes.count > 2, request.operandShape(2) != [outputChannels] {
            throw request.error("bias must have shape [\(outputChannels)], found \(request.operandShape(2))")
        }
        let widening = 3 - rank
        func widened(_ values: [Int], _ fill: Int) -> [Int] { Array(repeating: fill, count: widening) + values }
        strides = widened(strides, 1)
        dilations = widened(dilations, 1)
        self.spatialRank = rank
        self.transposed = transposed
        self.batch = x[0]
        self.inputChannels = inputChannels
        self.outputChannels = outputChannels
        self.groups = groups
        self.inputSize = widened(Array(x[2...]), 1)
        self.outputSize = widened(expectedOutput, 1)
        self.kernel = widened(kernel, 1)
        self.strides = strides
        self.dilations = dilations
        self.padsBegin = widened(padsBegin, 0)
        self.padsEnd = widened(padsEnd, 0)
    }

    /// The conv's shape in the IR's terms (the node's own spatial axes), for the algorithms'
    /// requirements (`ConvolutionAlgorithm.requirementUnmet(by:)`).
    var shape: ConvolutionShape {
        let axes = (3 - spatialRank)..<3
        return ConvolutionShape(spatialRank: spatialRank, kernel: Array(kernel[axes]), strides: Array(strides[axes]),
                                dilations: Array(dilations[axes]), padsBegin: Array(padsBegin[axes]),
                                padsEnd: Array(padsEnd[axes]), groups: groups, inputChannels: inputChannels,
                                outputChannels: outputChannels)
    }

    /// Whether every image position is one column entry: kernel 1, stride 1 and no padding on
    /// every axis (the dilation then does not matter), so the column matrix is the image itself.
    var isPointwise: Bool { shape.isPointwise }

    /// Whether this is a 2-D depthwise conv: one input and one output channel per group.
    var isDepthwise2D: Bool { !transposed && shape.isDepthwise2D }
}
