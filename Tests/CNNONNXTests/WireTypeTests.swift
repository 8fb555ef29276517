import CNNONNX
import Testing

@Test func wireTypesHaveTheirProtobufNumbers() {
    #expect(WireType.lengthDelimited.rawValue == 2)
    #expect(WireType.fixed32.rawValue == 5)
}
