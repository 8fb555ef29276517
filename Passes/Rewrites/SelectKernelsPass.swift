import CNNIR
import Foundation

/// `select-kernels`: annotates every conv and fused_conv whose `algorithm` is `auto` with the
/// algorithm its cost model estimates fastest among those that can run it, and the reason
/// (`algorithm_reason`: the estimates compared). An algorithm a user wrote is kept.
///
/// Runs last in `-O2`: fusion does not change a conv's algorithm, but other passes may change
/// its shape (fold-pad adds pads).
public struct SelectKernelsPass: Pass {
    public let name = "select-kernels"
    public let summary = "choose each conv's kernel (im2col, gemm1x1, Winograd, depthwise) by estimated time"

    /// The estimates compared.
    public var costModel: any ConvolutionCostModel

    /// The algorithms considered, in the order ties are broken.
    static let candidates: [ConvolutionAlgorithm] = [.depthwise, .gemm1x1, .im2col, .winograd2x2, .winograd4x4]

    /// Creates the pass with a cost model (by default the measured rates).
    public init(costModel: any ConvolutionCostModel = RateCostModel()) {
        self.costModel = costModel
    }

    public func run(on unit: inout CompilationUnit) throws {
        let types = unit.graph.valueTypes
        for index in unit.graph.nodes.indices {
            let node = unit.graph.nodes[index]
            guard node.op == .conv || node.op == .fusedConv, ResolvedAttributes(node)?.string("algorithm") == "auto",
                  let workload = ConvolutionWorkload(node, types: types),
                  let choice = choose(for: workload) else { continue }
            unit.graph.nodes[index].attributes["algorithm"] = .string(choice.algorithm.rawValue)
            unit.graph.nodes[index].attributes["algorithm_reason"] = .string(choice.reason)
        }
    }

    /// The fastest estimated algorithm for `workload`, with the estimates as the reason; `nil`
    /// when the model estimates none.
    public func choose(for workload: ConvolutionWorkload) -> (algorithm: ConvolutionAlgorithm, reason: String)? {
        let estimates = Self.candidates.compactMap { algorithm -> (ConvolutionAlgorithm, Double)? in
            guard algorithm.requirementUnmet(by: workload.shape) == nil,
                  let seconds = costModel.estimatedSeconds(algorithm, on: workload) else { return nil }
            return (algorithm, seconds)
        }
        guard let best = estimates.min(by: { $0.1 < $1.1 }) else { return nil }
        let compared = estimates.sorted { $0.1 < $1.1 }
            .map { "\($0.0.rawValue) \(Self.microseconds($0.1))" }.joined(separator: ", ")
        return (best.0, "fastest by \(costModel.name): \(compared)")
    }

    /// `seconds` in microseconds with one decimal and a unit, such as `1234.5 us`.
    static func microseconds(_ seconds: Double) -> String {
        String(format: "%.1f us", seconds * 1e6)
    }
}
