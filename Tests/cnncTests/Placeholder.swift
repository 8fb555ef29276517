import Testing

@Test func placeholdercnncTests() { #expect(Bool(true)) }
