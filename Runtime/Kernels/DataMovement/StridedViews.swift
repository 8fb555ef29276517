import CNNIR

/// The strided views of the input that slice, split, expand and tile results are (see
/// `StridedCopyKernel`), and the six-axis transposes that depth_to_space and space_to_depth
/// are, computed from a node's attributes and checked against its result shapes.
enum StridedViews {
    /// The views of `request`'s results (of shapes `results`) in an input of shape `input`;
    /// throws a `Diagnostic` at the node when the attributes do not give those shapes.
    static func views(_ request: KernelRequest, input: [Int], results: [[Int]]) throws -> [StridedCopyKernel.View] {
        let strides = rowMajorStrides(input)
        let views: [StridedCopyKernel.View]
        switch request.node.op {
        case .slice: views = [try slice(request, input: input, strides: strides)]
        case .split: views = try split(request, input: input, strides: strides, parts: results.count)
        case .expand:
            let output = results.first ?? []
            views = [.init(sizes: output, strides: try BroadcastPlan.strides(of: input, to: output, node: request.node), base: 0)]
        default: views = [try tile(request, input: input, strides: strides)]
        }
        let sizes = views.map { view in view.walk.sizes.reduce(1, *) }
        guard views.count == results.count, zip(sizes, results).allSatisfy({ $0 == elementCount($1) }) else {
            throw request.error("\(request.node.op) of \(input) does not give the results \(results)")
        }
        return views
    }

    /// slice: per sliced axis the first index and the step (`SliceRange`), the others whole.
    private static func slice(_ request: KernelRequest, input: [Int], strides: [Int]) throws -> StridedCopyKernel.View {
        let starts = try request.intsAttribute("starts"), ends = try request.intsAttribute("ends")
        let givenAxes = try request.intsAttribute("axes"), givenSteps = try request.intsAttribute("steps")
        let axes = givenAxes.isEmpty ? Array(0..<starts.count) : givenAxes
        let steps = givenSteps.isEmpty ? Array(repeating: 1, count: starts.count) : givenSteps
        guard ends.count == starts.count, axes.count == starts.count, steps.count == starts.count, !steps.contains(0) else {
            throw request.error("starts, ends, axes and steps must have one value per sliced axis and no step 0")
        }
        var sizes = input, steppedStrides = strides, base = 0
        for (index, given) in axes.enumerated() {
            let axis = given < 0 ? given + input.count : given
            guard (0..<input.count).contains(axis) else { throw request.error("slice axis \(given) is out of range for rank \(input.count)") }
            let range = SliceRange(start: starts[index], end: ends[index], step: steps[index], size: input[axis])
            sizes[axis] = range.count
            steppedStrides[axis] = strides[axis] * range.step
            base += range.first * strides[axis]
        }
        return .init(sizes: sizes, strides: steppedStrides, base: base)
    }

    /// split: consecutive parts along the axis.
    private static func split(_ request: KernelRequest, input: [Int], strides: [Int], parts: Int) throws -> [StridedCopyKernel.View] {
        let axis = try request.axisAttribute("axis", rank: input.count)
        let sizes: [Int]
        do {
            sizes = try SplitSizes.sizes(axisSize: input[axis], split: try request.intsAttribute("split"), parts: parts)
        } catch let diagnostic as Diagnostic {
            throw request.error(diagnostic.message)
        }
        var start = 0
        return sizes.map { size in
            var shape = input
            shape[axis] = size
            defer { start += size }
            return .init(sizes: shape, strides: strides, base: start * strides[axis])
        }
    }

    /// tile: every axis of size s repeated r times seen as two axes [r, s] with strides
    /// [0, stride].
    private static func tile(_ request: KernelRequest, input: [Int], strides: [Int]) throws -> StridedCopyKernel.View {
        let repeats = try request.intsAttribute("repeats")
        guard repeats.count == input.count, repeats.allSatisfy({ $0 >= 0 }) else {
            throw request.error("repeats must hold one non-negative count per axis of \(input), found \(repeats)")
        }
        return .init(sizes: input.indices.flatMap { [repeats[$0], input[$0]] },
                     strides: input.indices.flatMap { [0, strides[$0]] }, base: 0)
    }

    /// depth_to_space (DCR or CRD) and space_to_depth as ONNX defines them: the input
    /// `[N, C, H, W]` viewed with six axes and transposed; the result is that transpose read
    /// back with four axes.
    static func spaceDepthTranspose(_ request: KernelRequest, input: [Int], output: [Int]) throws -> (view: [Int], permutation: [Int]) {
        let block = try request.intAttribute("blocksize")
        guard input.count == 4, block > 0 else {
            throw request.error("\(request.node.op) needs x [N, C, H, W] and a positive blocksize, found \(input) and \(block)")
        }
        let (batch, channels, height, width) = (input[0], input[1], input[2], input[3])
        let result: (view: [Int], permutation: [Int], shape: [Int])
        if request.node.op == .depthToSpace {
            let depth = channels / (block * block)
            if try request.choiceAttribute("mode", as: DepthToSpaceMode.self) == .crd {
                result = ([batch, depth, block, block, height, width], [0, 1, 4, 2, 5, 3], [batch, depth, height * block, width * block])
            } else {
                result = ([batch, block, block, depth, height, width], [0, 3, 4, 1, 5, 2], [batch, depth, height * block, width * block])
            }
        } else {
            result = ([batch, channels, height / block, block, width / block, block], [0, 3, 5, 1, 2, 4],
                      [batch, channels * block * block, height / block, width / block])
        }
        guard result.shape == output, elementCount(result.view) == elementCount(input) else {
            throw request.error("\(request.node.op) with blocksize \(block) cannot take \(input) to \(output)")
        }
        return (result.view, result.permutation)
    }
}
