import CNNIR
import Foundation
import Testing

/// The committed files in `Examples/` are exactly what the builder prints for the model zoo.
/// With `CNNC_UPDATE_EXAMPLES=1` the test rewrites them instead (that is how they are made).
@Suite struct ExampleFileTests {
    @Test(arguments: ModelZoo.all.map(\.name))
    func committedFileIsTheBuilderOutput(name: String) throws {
        let entry = try #require(ModelZoo.all.first { $0.name == name })
        let expected = try entry.exampleText()
        let path = ExampleModels.path(name)
        if ProcessInfo.processInfo.environment["CNNC_UPDATE_EXAMPLES"] == "1" {
            try expected.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOfFile: path, encoding: .utf8)
        #expect(committed == expected, "\(path) is stale: regenerate with CNNC_UPDATE_EXAMPLES=1")
    }

    @Test func everyZooModelHasAnExampleFileAndNoOtherFileIsThere() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: ExampleModels.directory.path)
            .filter { $0.hasSuffix(".ir") }
        #expect(Set(files) == Set(ModelZoo.all.map { $0.name + ".ir" }))
    }

    @Test func headerSaysWhatTheModelIsAndHowItWasGenerated() throws {
        let text = try String(contentsOfFile: ExampleModels.path("resnet18"), encoding: .utf8)
        let header = text.split(separator: "\n").prefix { $0.hasPrefix("//") }
        #expect(header.count == 4)
        #expect(header.contains { $0.contains("ResNet-18") })
        #expect(header.contains { $0.contains("ModelZoo.resnet18") })
        #expect(header.contains { $0.contains("CNNC_UPDATE_EXAMPLES=1") })
        #expect(text.contains("weights \"resnet18.safetensors\""))
    }
}
