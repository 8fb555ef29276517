import CNNIR
import CNNRuntime

extension Lowerings {
    /// GatherElements (what NegativeLogLikelihoodLoss's function body gathers with).
    static let elementGathering: [String: Lowering] = ["GatherElements": gatherElements]

    /// GatherElements: out[i] = data[i with axis a replaced by indices[i]], out shaped like the
    /// indices (of data's rank; along the other axes no larger than data). With K indices and
    /// C = data's size along a, it becomes a one-hot selection, an extra axis holding the C
    /// candidates: indices (negative ones counted from the end) unsqueezed after a are compared
    /// with 0..<C; where that matches data (unsqueezed at a) is kept and other entries are 0;
    /// reduce_sum over the extra axis leaves the one kept entry. This costs K·C elements per
    /// position of the other axes; an index out of range selects nothing and gives 0.
    private static let gatherElements: Lowering = { lowering in
        let data = try lowering.input(0), indices = try lowering.input(1)
        let dataType = try lowering.type(of: data), indicesType = try lowering.type(of: indices)
        let rank = dataType.rank
        guard indicesType.dtype == .i64 else { throw UnsupportedFeature(detail: "with \(indicesType.dtype) indices") }
        guard dataType.dtype.isNumeric else { throw UnsupportedFeature(detail: "on \(dataType.dtype) data") }
        guard indicesType.rank == rank, rank >= 1 else {
            throw lowering.error("indices must have data's rank \(rank), found \(indicesType)")
        }
        let given = try lowering.int("axis", default: 0)
        let axis = given < 0 ? given + rank : given
        guard (0..<rank).contains(axis) else { throw lowering.error("axis \(given) is out of range for data \(dataType)") }
        guard let classes = dataType.shape[axis].fixedValue else {
            throw lowering.error("axis \(axis) of data \(dataType) must have a static size; give the input shapes with --input-shape")
        }
        let cropped = try cropped(data, dataType, to: indicesType, except: axis, lowering)
        let size = try scalar(Double(classes), like: indices, lowering)
        let negative = try lowering.emit1(.less, [indices, try scalar(0, like: indices, lowering)])
        let wrapped = try lowering.emit1(.where, [negative, try lowering.emit1(.add, [indices, size]), indices])
        var candidateShape = Array(repeating: 1, count: rank + 1)
        candidateShape[axis + 1] = classes
        let candidates = lowering.constant(try CNNRuntime.Tensor(shape: candidateShape, elements: (0..<Int64(classes)).map { $0 }), "candidates")
        let matches = try lowering.emit1(.equal, [try lowering.emit1(.unsqueeze, [wrapped], ["axes": .ints([axis + 1])]), candidates])
        let spread = try lowering.emit1(.unsqueeze, [cropped], ["axes": .ints([axis])])
        let kept = try lowering.emit1(.where, [matches, spread, try scalar(0, like: data, lowering)])
        return [try lowering.emit1(.reduceSum, [kept], ["axes": .ints([axis + 1]), "keepdims": .bool(false)])]
    }

    /// `data` sliced to the indices' sizes along every axis but `axis`, where they are smaller.
    private static func cropped(_ data: ImportedValue, _ dataType: TensorType, to indicesType: TensorType, except axis: Int,
                                _ lowering: NodeLowering) throws -> ImportedValue {
        var axes: [Int] = [], ends: [Int] = []
        for position in 0..<dataType.rank where position != axis && dataType.shape[position] != indicesType.shape[position] {
            guard let have = dataType.shape[position].fixedValue, let want = indicesType.shape[position].fixedValue, want <= have else {
                throw lowering.error("indices \(indicesType) must not be larger than data \(dataType) along axis \(position)")
            }
            axes.append(position)
            ends.append(want)
        }
        if axes.isEmpty { return data }
        return try lowering.emit1(.slice, [data], ["starts": .ints(Array(repeating: 0, count: axes.count)), "ends": .ints(ends), "axes": .ints(axes)])
    }
}
