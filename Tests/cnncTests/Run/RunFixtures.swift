import CNNIR
import CNNRuntime
import Foundation

/// Files and figures the `cnnc run` and `cnnc bench` tests share.
enum RunFixtures {
    /// The LeNet-5 example, relative to the package root.
    static let lenet5 = CNNC.packageRoot.appendingPathComponent("Examples/lenet5.ir").path

    /// Writes seeded weights for the model at `model` into `folder` and returns their path.
    static func weights(for model: String, in folder: TemporaryFolder, seed: Int = 0) throws -> String {
        let path = folder.path("weights-\(seed).safetensors")
        let result = try CNNC.run(["init-weights", model, "--seed", String(seed), "-o", path])
        guard result.status == 0 else { throw FixtureError(description: "init-weights failed: \(result)") }
        return path
    }

    /// The relative L2 distance ‖a − b‖ / ‖b‖ of two tensors of the same shape; infinity otherwise.
    static func relativeDistance(_ a: Tensor, _ b: Tensor) -> Double {
        guard a.shape == b.shape else { return .infinity }
        let difference = zip(a.doubles, b.doubles).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        let norm = b.doubles.reduce(0) { $0 + $1 * $1 }
        return norm > 0 ? (difference / norm).squareRoot() : difference.squareRoot()
    }

    /// A fixture could not be made.
    struct FixtureError: Error, CustomStringConvertible {
        var description: String
    }
}
