import Testing

@Test func placeholderCNNRuntimeTests() { #expect(Bool(true)) }
