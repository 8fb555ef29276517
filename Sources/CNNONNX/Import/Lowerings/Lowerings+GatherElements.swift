import CNNIR
import CNNRuntime

extension Lowerings {
    /// GatherElements (what NegativeLogLikelihoodLoss's function body gathers with).
    static let elementGathering: [String: Lowering] = ["GatherElements": gatherElements]

    /// GatherElements: out[i] = data[i with axis a replaced by indices[i]], out shaped like the
    /// indices (of data's rank; along the other axes no larger than data). With K indices and
    /// C = data's size along a, it becomes a one-hot selection (`oneHotSelection`) over an extra
    /// axis after a: the indices unsqueezed there, data unsqueezed at a. This costs K·C elements
    /// per position of the other axes; an index out of range selects nothing and gives 0.
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
        let wrapped = try wrappedIndices(indices, classes: classes, lowering)
        return [try oneHotSelection(of: try lowering.emit1(.unsqueeze, [cropped], ["axes": .ints([axis])]),
                                    by: try lowering.emit1(.unsqueeze, [wrapped], ["axes": .ints([axis + 1])]),
                                    classes: classes, axis: axis + 1, lowering)]
    }

    /// Integer `indices` into `classes` candidates with the negative ones counted from the end
    /// (index + classes where index < 0), computed in the graph.
    static func wrappedIndices(_ indices: ImportedValue, classes: Int, _ lowering: NodeLowering) throws -> ImportedValue {
        let size = try scalar(Double(classes), like: indices, lowering)
        let negative = try lowering.emit1(.less, [indices, try scalar(0, like: indices, lowering)])
        return try lowering.emit1(.where, [negative, try lowering.emit1(.add, [indices, size]), indices])
    }

    /// The one-hot selection the gathers lower to: `data` holds `classes` candidates along
    /// `axis`; `indices` (in 0..<classes) has size 1 along `axis` and data's rank, the other
    /// axes broadcasting against data's. Each index is compared with 0..<classes; where that
    /// matches data is kept and other entries are 0; reduce_sum over `axis` (removed) leaves the
    /// one kept entry. The selection costs the broadcast size times `classes` elements; an index
    /// out of range selects nothing and gives 0.
    static func oneHotSelection(of data: ImportedValue, by indices: ImportedValue, classes: Int, axis: Int,
                                _ lowering: NodeLowering) throws -> ImportedValue {
        var candidateShape = Array(repeating: 1, count: try lowering.type(of: indices).rank)
        candidateShape[axis] = classes
        let candidates = lowering.constant(try CNNRuntime.Tensor(shape: candidateShape, elements: (0..<Int64(classes)).map { $0 }), "candidates")
        let matches = try lowering.emit1(.equal, [indices, candidates])
        let kept = try lowering.emit1(.where, [matches, data, try scalar(0, like: data, lowering)])
        return try lowering.emit1(.reduceSum, [kept], ["axes": .ints([axis]), "keepdims": .bool(false)])
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
