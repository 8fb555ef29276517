import CNNIR

extension ReferenceKernels {
    /// pad over every axis, exact in every element type.
    static let padKernels: [OpKind: ReferenceKernel] = [
        .pad: ReferenceKernel(results: { invocation in [try pad(invocation)] }),
    ]
}

/// pad: `pads` is `[begin per axis..., end per axis...]` over all axes (negative entries crop).
/// Output position `o` reads input position `i = o - begin` on every axis; where `i` is outside
/// the input, mode constant gives `value` (converted to x's dtype as `cast` does), edge the
/// nearest border element, and reflect the mirror image without repeating the border (NumPy's
/// "reflect", period `2 * (n - 1)`). Elements are copied, not converted.
private func pad(_ invocation: ReferenceInvocation) throws -> Tensor {
    let x = try invocation.tensor(0)
    let pads = try invocation.ints("pads")
    guard pads.count == 2 * x.rank else {
        throw Diagnostic("attribute 'pads' needs \(2 * x.rank) entries (begin and end for each axis), found \(pads.count)")
    }
    let mode = try invocation.choice("mode", PadMode.allCases.map(\.rawValue))
    let begins = Array(pads[..<x.rank])
    let shape = try x.shape.indices.map { axis in
        let size = x.shape[axis] + pads[axis] + pads[x.rank + axis]
        guard size >= 0 else { throw Diagnostic("pads \(describe(pads)) crop axis \(axis) of size \(x.shape[axis]) below zero") }
        guard mode == PadMode.constant.rawValue || x.shape[axis] > 0 || size == 0 else {
            throw Diagnostic("\(mode) padding needs a non-empty axis \(axis) to copy from")
        }
        return size
    }
    let strides = rowMajorStrides(x.shape)
    let fillOffset = x.count
    var offsets: [Int] = []
    offsets.reserveCapacity(shape.reduce(1, *))
    forEachIndex(in: shape) { index in
        var offset = 0
        for axis in index.indices {
            let size = x.shape[axis]
            var source = index[axis] - begins[axis]
            if source < 0 || source >= size {
                switch mode {
                case PadMode.edge.rawValue: source = min(max(source, 0), size - 1)
                case PadMode.reflect.rawValue: source = reflected(source, size: size)
                default:
                    offsets.append(fillOffset)
                    return
                }
            }
            offset += source * strides[axis]
        }
        offsets.append(offset)
    }
    let fill = cast(try Tensor(shape: [], storage: .f64([try invocation.double("value")])), to: x.dtype)
    return try Tensor(shape: shape, storage: TensorStorage.joined([x.storage, fill]).gathering(offsets))
}

/// The index mirrored into `0..<size` about the borders, the border itself not repeated.
private func reflected(_ index: Int, size: Int) -> Int {
    guard size > 1 else { return 0 }
    let period = 2 * (size - 1)
    let position = ((index % period) + period) % period
    return position < size ? position : period - position
}
