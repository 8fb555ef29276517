import CNNIR

/// Builds random graphs that the verifier accepts, for property tests of the text format.
///
/// A graph gets one or two inputs, then up to two dozen nodes whose ops are drawn from every case
/// of `OpKind`. For each node an op recipe proposes operands (existing values, or new inputs,
/// parameters and constants of fitting shapes) and random attributes; the op's own schema
/// normalizes the attributes and infers the result types, and a proposal it rejects is drawn
/// again (at most `attemptsPerNode` times, then the node is skipped). Everything comes from one
/// `SeededGenerator`, so a seed names a graph.
struct RandomGraphGenerator {
    /// The source of every random choice.
    var random: SeededGenerator
    /// The named dimensions this graph draws from.
    let dimensionNames: [String]
    /// The graph built so far.
    private(set) var graph: Graph
    /// Hands out unique value names.
    private var names = RandomNames()

    /// How often a node's proposal is redrawn before the node is skipped.
    static let attemptsPerNode = 12

    /// The graph for `seed`.
    static func graph(seed: UInt64) -> Graph {
        var generator = RandomGraphGenerator(seed: seed)
        return generator.makeGraph()
    }

    /// Creates a generator whose graph is fixed by `seed`.
    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
        dimensionNames = Array(RandomNames.dimensionNames.shuffled(using: &random).prefix(random.int(in: 1...2)))
        graph = Graph(name: RandomNames.graphName(using: &random), weightsFile: RandomNames.weightsFile(using: &random))
    }

    /// Draws the whole graph: inputs, nodes and outputs.
    mutating func makeGraph() -> Graph {
        for _ in 0..<random.int(in: 1...2) {
            let dtype = random.pick([DType.f32, .f32, .f32, .f64, .i64, .bool])
            declareInput(TensorType(dtype, shape(rank: random.int(in: 1...5))))
        }
        for _ in 0..<random.int(in: 1...24) { addNode(random.pick(OpKind.allCases)) }
        if graph.nodes.isEmpty { addNode(.identity) }
        chooseOutputs()
        return canonical(graph)
    }

    /// `graph` as the parser would produce it: `auto_pad` replaced by explicit pads. A graph the
    /// resolution rejects is returned as it is, so that the property test reports it.
    private func canonical(_ graph: Graph) -> Graph {
        (try? graph.resolvingAutoPads()) ?? graph
    }

    /// Every value defined so far: inputs, parameters and node results.
    var definedValues: [ValueDeclaration] {
        graph.inputs + graph.parameters + graph.nodes.flatMap(\.results)
    }

    /// Proposes nodes of `op` until its schema accepts one, and appends it (with any new
    /// inputs, parameters and constants it needs).
    mutating func addNode(_ op: OpKind) {
        let schema = op.schema
        for _ in 0..<Self.attemptsPerNode {
            let candidate = candidate(for: op)
            guard let attributes = try? schema.normalize(candidate.attributes),
                  let types = try? schema.inferResultTypes(operands: candidate.operands.map(\.type), attributes: attributes,
                                                           resultCount: candidate.resultCount),
                  !types.isEmpty else { continue }
            let operandNames = candidate.operands.map { materialize($0) }
            appendNode(op, operands: operandNames, attributes: attributes, resultTypes: types)
            return
        }
    }

    /// The proposal of the recipe for `op`. Ops without attributes and with one operand of any
    /// floating type (relu, sigmoid, tanh, silu, hard_swish, sqrt, exp, log, reciprocal, erf,
    /// softplus) share the last recipe; an
    /// op added to `OpKind` later falls there too, and the coverage test reports it if that
    /// recipe never fits it.
    private mutating func candidate(for op: OpKind) -> NodeCandidate {
        switch op {
        case .constant: return constantCandidate()
        case .conv, .convTranspose, .fusedConv: return convolutionCandidate(op)
        case .maxPool, .avgPool: return poolCandidate(isMax: op == .maxPool)
        case .globalAvgPool, .globalMaxPool: return NodeCandidate([image(dtype: floatingDType(), spatialRank: random.int(in: 1...3))])
        case .batchNorm, .instanceNorm: return normalizationCandidate(isBatch: op == .batchNorm)
        case .lrn: return localResponseNormalizationCandidate()
        case .leakyRelu, .elu, .hardSigmoid, .clip, .dropout: return activationCandidate(op)
        case .prelu: return preluCandidate()
        case .softmax, .logSoftmax: return softmaxCandidate()
        case .gemm: return gemmCandidate()
        case .matmul: return matmulCandidate()
        case .add, .sub, .mul, .div: return broadcastingCandidate()
        case .concat: return concatCandidate()
        case .flatten: return flattenCandidate()
        case .reshape: return reshapeCandidate()
        case .transpose: return transposeCandidate()
        case .pad: return padCandidate()
        case .resize: return resizeCandidate()
        case .squeeze: return squeezeCandidate()
        case .unsqueeze: return unsqueezeCandidate()
        case .softmaxCrossEntropy, .hinge: return classificationLossCandidate(isHinge: op == .hinge)
        case .mse: return meanSquaredErrorCandidate()
        case .slice: return sliceCandidate()
        case .split: return splitCandidate()
        case .reduceL2: return reductionCandidate(.floating)
        case .reduceMean, .reduceSum: return reductionCandidate(.numeric)
        case .reduceMax, .reduceMin: return reductionCandidate(.any)
        case .argmax, .argmin: return indexReductionCandidate()
        case .pow: return powerCandidate()
        case .neg, .abs: return NodeCandidate([data(dtype: numericDType(), ranks: 0...5)])
        case .gelu: return NodeCandidate([data(dtype: floatingDType(), ranks: 0...5)], ["approximate": .string(random.pick(["none", "tanh"]))])
        case .sum, .max, .min, .mean: return variadicCandidate(floatingOnly: op == .sum || op == .mean)
        case .equal, .less, .greater: return comparisonCandidate(anyDType: op == .equal)
        case .where: return selectionCandidate()
        case .expand: return expandCandidate()
        case .tile: return tileCandidate()
        case .cast: return NodeCandidate([data(dtype: anyDType(), ranks: 0...5)], ["to": .string(random.pick(DType.allCases).rawValue)])
        case .depthToSpace, .spaceToDepth: return spaceDepthCandidate(intoSpace: op == .depthToSpace)
        case .identity: return NodeCandidate([data(dtype: anyDType(), ranks: 0...5)])
        case .convWeightGrad, .maxPoolGrad, .avgPoolGrad, .padGrad, .resizeGrad: return spatialGradientCandidate(op)
        case .nllLoss, .nllLossGrad: return negativeLogLikelihoodCandidate(isGradient: op == .nllLossGrad)
        case .sgdUpdate, .momentumUpdate, .adagradUpdate, .adamUpdate, .rmspropUpdate: return parameterUpdateCandidate(op)
        case .learningRate: return learningRateCandidate()
        case .globalNormScale: return globalNormScaleCandidate()
        case .batchNormTrain, .batchNormGrad, .instanceNormGrad, .activationGrad, .softmaxCrossEntropyGrad, .hingeGrad: return pointwiseGradientCandidate(op)
        default: return NodeCandidate([data(dtype: floatingDType(), ranks: 0...5)])
        }
    }

    /// Declares the operand in the graph if it is new, and returns its name.
    private mutating func materialize(_ choice: OperandChoice) -> String {
        switch choice {
        case .existing(let value):
            return value.name
        case .newInput(let type):
            return declareInput(type).name
        case .newParameter(let type):
            let parameter = ValueDeclaration(name: names.freshValueName(using: &random), type: type)
            graph.parameters.append(parameter)
            return parameter.name
        case .newConstant(let type):
            let literal = literal(of: type)
            return appendNode(.constant, operands: [], attributes: ["value": .tensor(literal)], resultTypes: [type])
        }
    }

    /// Appends a graph input of `type`.
    @discardableResult
    private mutating func declareInput(_ type: TensorType) -> ValueDeclaration {
        let input = ValueDeclaration(name: names.freshValueName(using: &random), type: type)
        graph.inputs.append(input)
        return input
    }

    /// Appends a node with freshly named results and returns the name of its first result.
    @discardableResult
    private mutating func appendNode(_ op: OpKind, operands: [String], attributes: Attributes, resultTypes: [TensorType]) -> String {
        let results = resultTypes.map { ValueDeclaration(name: names.freshValueName(using: &random), type: $0) }
        graph.nodes.append(Node(op: op, operands: operands, attributes: attributes, results: results))
        return results[0].name
    }

    /// Returns the last node's first result and up to two other node results.
    private mutating func chooseOutputs() {
        let results = graph.nodes.flatMap(\.results).map(\.name)
        var outputs = [graph.nodes[graph.nodes.count - 1].name]
        for _ in 0..<random.int(in: 0...2) {
            let name = random.pick(results)
            if !outputs.contains(name) { outputs.append(name) }
        }
        graph.outputs = outputs
    }
}

/// How a recipe supplies one operand of a node.
enum OperandChoice {
    /// A value already defined in the graph.
    case existing(ValueDeclaration)
    /// A new graph input of this type.
    case newInput(TensorType)
    /// A new parameter of this type.
    case newParameter(TensorType)
    /// A new `constant` node with random elements of this static type.
    case newConstant(TensorType)

    /// The operand's type.
    var type: TensorType {
        switch self {
        case .existing(let value): return value.type
        case .newInput(let type), .newParameter(let type), .newConstant(let type): return type
        }
    }
}

/// What an op recipe proposes for one node: its operands, attributes and number of results.
/// The schema infers the result types.
struct NodeCandidate {
    /// The operands, in order.
    var operands: [OperandChoice]
    /// The attributes, possibly including values equal to the defaults (normalization drops them).
    var attributes: Attributes
    /// How many results the node declares (more than one only for split and max_pool with indices).
    var resultCount: Int

    /// Creates a proposal.
    init(_ operands: [OperandChoice], _ attributes: Attributes = Attributes(), resultCount: Int = 1) {
        self.operands = operands
        self.attributes = attributes
        self.resultCount = resultCount
    }
}

/// The element types a recipe's operand may take.
enum ElementKinds {
    /// f32 or f64.
    case floating
    /// f32, f64 or i64.
    case numeric
    /// Every element type, bool included.
    case any
}
