import Testing
import CNNIR
import CNNRuntime

@Suite("Reference pad")
struct PadTests: RuntimeTestHelpers {
    /// The input of the examples in the ONNX Pad documentation.
    func onnxExample() throws -> Tensor { try tensor([3, 2], [1.0, 1.2, 2.3, 3.4, 4.5, 5.7], .f64) }

    @Test("the three ONNX documentation examples: constant, reflect and edge with pads [0, 2, 0, 0]")
    func onnxDocumentationExamples() throws {
        let pads: AttributeValue = .ints([0, 2, 0, 0])
        expectValues(try evaluate(.pad, [try onnxExample()], ["pads": pads]), [3, 4],
                     [0.0, 0.0, 1.0, 1.2, 0.0, 0.0, 2.3, 3.4, 0.0, 0.0, 4.5, 5.7])
        expectValues(try evaluate(.pad, [try onnxExample()], ["pads": pads, "mode": .string("reflect")]), [3, 4],
                     [1.0, 1.2, 1.0, 1.2, 2.3, 3.4, 2.3, 3.4, 4.5, 5.7, 4.5, 5.7])
        expectValues(try evaluate(.pad, [try onnxExample()], ["pads": pads, "mode": .string("edge")]), [3, 4],
                     [1.0, 1.0, 1.0, 1.2, 2.3, 2.3, 2.3, 3.4, 4.5, 4.5, 4.5, 5.7])
    }

    @Test("constant padding with a value on every side; edge padding fills the corners")
    func bothAxes() throws {
        let x = try tensor([2, 2], [1, 2, 3, 4])
        expectValues(try evaluate(.pad, [x], ["pads": .ints([1, 0, 0, 1]), "value": .float(9)]), [3, 3], [9, 9, 9, 1, 2, 9, 3, 4, 9])
        expectValues(try evaluate(.pad, [x], ["pads": .ints([1, 1, 1, 1]), "mode": .string("edge")]), [4, 4],
                     [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4])
    }

    @Test("reflect padding wider than the axis keeps mirroring (as NumPy's reflect)")
    func wideReflect() throws {
        let y = try evaluate(.pad, [try tensor([3], [1, 2, 3])], ["pads": .ints([5, 5]), "mode": .string("reflect")])
        expectValues(y, [13], [2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2])
    }

    @Test("negative pads crop")
    func negativePads() throws {
        expectValues(try evaluate(.pad, [try tensor([4], [1, 2, 3, 4])], ["pads": .ints([-1, 1])]), [4], [2, 3, 4, 0])
    }

    @Test("pad rejects a pads list of the wrong length")
    func rejectsWrongLength() throws {
        expectDiagnostic(containing: "needs 4 entries") { _ = try evaluate(.pad, [try iota([2, 2])], ["pads": .ints([1, 1])]) }
    }
}
