import CNNIR

/// A list of pass names run in order: `canonicalize,fold-batchnorm,dce`.
///
/// The standard pipelines are `o0` (no pass: the input is only verified) and `o2` (the default
/// optimizations). The names are checked against a `PassRegistry` when the pipeline runs.
public struct PassPipeline: Equatable, Sendable, CustomStringConvertible {
    /// The pass names, in order.
    public var passNames: [String]

    /// A pipeline of the named passes.
    public init(_ passNames: [String]) {
        self.passNames = passNames
    }

    /// Parses a comma-separated list of pass names (spaces around names are ignored; an empty
    /// text is the empty pipeline); throws a `Diagnostic` for an empty name such as in `a,,b`.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else {
            self.init([])
            return
        }
        let names = trimmed.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
        guard !names.contains(where: \.isEmpty) else {
            throw Diagnostic("the pass list '\(text)' has an empty name; write names separated by single commas, such as canonicalize,dce")
        }
        self.init(names)
    }

    /// `-O0`: no pass; the input is verified only.
    public static let o0 = PassPipeline([])

    /// `-O2`, the default: simplify, fold constants, BatchNorm and pads, merge duplicates (so
    /// that one conv feeding two equal activations becomes one use), fuse residual adds and
    /// activations into the convs, remove duplicate and dead nodes, and choose every conv's kernel.
    public static let o2 = PassPipeline([
        "canonicalize", "constant-fold", "fold-batchnorm", "fold-pad", "cse", "fuse-residual-add", "fuse-activation",
        "cse", "dce", "select-kernels",
    ])

    /// The standard pipelines by optimization level (`0`, `2`).
    public static let levels: [String: PassPipeline] = ["0": o0, "2": o2]

    /// The pipeline of optimization level `level` (`0` or `2`); throws a `Diagnostic` naming the
    /// levels for anything else.
    public static func level(_ level: String) throws -> PassPipeline {
        guard let pipeline = levels[level] else {
            let known = levels.keys.sorted().joined(separator: ", ")
            throw Diagnostic("unknown optimization level '\(level)'; the levels are \(known)")
        }
        return pipeline
    }

    /// The names joined by commas, as `--passes` takes them.
    public var description: String { passNames.joined(separator: ",") }
}

extension String {
    /// This text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
