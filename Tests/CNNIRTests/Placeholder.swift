import Testing

@Test func placeholderCNNIRTests() { #expect(Bool(true)) }
