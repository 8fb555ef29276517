import CNNIR
import CNNONNX
import CNNRuntime
import Foundation

/// The format `cnnc run` writes outputs in (`--output-format`): NumPy `.npy` or ONNX `TensorProto` `.pb`.
enum OutputFormat: String, Sendable, CaseIterable {
    case npy
    case pb

    /// The format named by `--output-format` (npy when not given); throws a usage error for another name.
    init(parsing text: String?) throws(UsageError) {
        guard let text else { self = .npy; return }
        guard let format = OutputFormat(rawValue: text) else {
            throw UsageError("--output-format \(text): the format must be npy or pb")
        }
        self = format
    }

    /// Writes `tensor`, the output `name`, to `path`.
    func write(_ tensor: Tensor, named name: String, to path: String) throws {
        switch self {
        case .npy:
            try Npy.write(tensor, to: path)
        case .pb:
            let bytes = try TensorProto(tensor, name: name).serialized()
            do {
                try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw Diagnostic("cannot write \(path): \(error.localizedDescription)")
            }
        }
    }
}
