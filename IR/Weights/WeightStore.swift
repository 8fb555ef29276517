/// The named tensors of a model (its parameters, by value name without `%`) and the file's
/// string metadata, as read from or written to a safetensors file.
public struct WeightStore: Sendable, Equatable {
    /// The tensors by name.
    public var tensors: [String: WeightTensor]
    /// The file's `__metadata__` (free-form string pairs).
    public var metadata: [String: String]
    /// The file the store was read from, if any; diagnostics about its tensors point there.
    /// It takes no part in equality.
    public var source: String?

    /// Creates a store.
    public init(tensors: [String: WeightTensor] = [:], metadata: [String: String] = [:], source: String? = nil) {
        self.tensors = tensors
        self.metadata = metadata
        self.source = source
    }

    /// Reads the safetensors file at `path` (see `SafeTensors.read(contentsOf:)`).
    public init(contentsOf path: String) throws {
        self = try SafeTensors.read(contentsOf: path)
    }

    /// Writes the store to `path` as a safetensors file, atomically and deterministically.
    public func write(to path: String) throws {
        try SafeTensors.write(self, to: path)
    }

    /// The tensor named `name`, if any.
    public subscript(name: String) -> WeightTensor? {
        get { tensors[name] }
        set { tensors[name] = newValue }
    }

    /// The tensor names, sorted.
    public var names: [String] { tensors.keys.sorted() }

    /// Equality compares tensors and metadata, not where they came from.
    public static func == (lhs: WeightStore, rhs: WeightStore) -> Bool {
        lhs.tensors == rhs.tensors && lhs.metadata == rhs.metadata
    }
}
