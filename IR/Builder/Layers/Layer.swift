/// A building block of a model written in code (Keras-like): it adds its nodes to a
/// `GraphBuilder`, creating its own parameters from the type of its input.
///
/// `name` is the layer's name in the graph: its main node is called `name` and its parameters
/// `name.weight`, `name.bias`, …; a container (`Sequential`, `Residual`, the ResNet and MobileNet
/// blocks) uses it as the prefix of its children's names (`layer1.0.conv1`), where the empty
/// name means no prefix.
public protocol Layer: Sendable {
    /// The stem `Sequential` uses to number unnamed layers of this kind (`conv` → `conv1`, `conv2`).
    var kind: String { get }

    /// Adds the layer to `b` applied to `x` and returns its output.
    func apply(_ x: GraphValue, in b: GraphBuilder, name: String) throws -> GraphValue
}

extension Layer {
    /// A diagnostic about this layer, naming it and its Swift type.
    func error(_ message: String, name: String) -> Diagnostic {
        Diagnostic(message, node: name, op: String(describing: Self.self))
    }

    /// The static size of axis 1 (channels of [N, C, ...], features of [N, F]) of an input
    /// whose rank lies in `ranks`: it sizes the layer's parameters.
    func channelCount(of x: GraphValue, name: String, ranks: ClosedRange<Int>) throws -> Int {
        guard ranks.contains(x.shape.rank), let channels = x.shape[1].fixedValue else {
            let rank = ranks.lowerBound == ranks.upperBound ? "rank \(ranks.lowerBound)" : "rank \(ranks.lowerBound) or more"
            throw error("needs an input of \(rank) with a static size on axis 1 (channels), found \(x.type)", name: name)
        }
        return channels
    }
}

/// The name of a child layer `child` inside the container called `parent`: `parent.child`, or
/// `child` alone at the top level (empty `parent`).
func childName(_ parent: String, _ child: String) -> String {
    parent.isEmpty ? child : parent + "." + child
}

/// `values` unchanged, or `[]` (the schema's "neutral on every axis") when every value equals
/// `neutral`, so that printed IR shows only what differs from the default.
func omittingNeutral(_ values: [Int], _ neutral: Int) -> [Int] {
    values.allSatisfy { $0 == neutral } ? [] : values
}
