import Foundation
import Testing

@Suite("cnnc on the example models")
struct ExampleModelTests {
    /// The example models shipped in Examples/.
    static let examples = ["lenet5", "resnet_block", "resnet18", "resnet50", "mobilenet_v2", "vgg_small"]

    @Test("every example model checks", arguments: ExampleModelTests.examples)
    func example(name: String) throws {
        let result = try CNNC.run(["check", "Examples/\(name).ir"], in: CNNC.packageRoot)
        #expect(result.status == 0, "\(result)")
        #expect(result.output.hasPrefix("graph       @\(name) (Examples/\(name).ir), verified"))
    }

    @Test("ResNet-18: 11.69 M parameters, 1.81 G MACs")
    func resnet18() throws {
        let result = try CNNC.run(["check", "Examples/resnet18.ir"], in: CNNC.packageRoot)
        #expect(result.status == 0, "\(result)")
        // Conv and fc weights, batch-norm scales and biases; the 9600 running statistics apart.
        #expect(result.output.contains("\nparameters  11689512 (11.69 M) + 9600 (9.60 K) batch-norm statistics in 102 tensors\n"))
        // Σ over the 20 convs of outputs × (C_in·k·k), plus 512·1000 for the classifier.
        #expect(result.output.contains("\nMACs        1814073344 (1.81 G)\n"))
    }
}
