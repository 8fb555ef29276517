import Testing

/// The CHECK matcher the fixtures rely on fails when it should.
@Suite struct FileCheckTests {
    static let output = """
        graph @g(%x: f32[2]) -> f32[2] {
          %0 = relu %x : f32[2]
          %1 = tanh %0 : f32[2]
          return %1
        }
        """

    static func check(_ kind: CheckDirective.Kind, _ pattern: String, line: Int = 1) -> CheckDirective {
        CheckDirective(kind: kind, pattern: pattern, line: line)
    }

    @Test func patternsMatchInOrder() {
        let directives = [Self.check(.check, "relu %x"), Self.check(.next, "tanh %0"), Self.check(.not, "sigmoid"),
                          Self.check(.check, "return %1")]
        #expect(FileCheck.failures(of: directives, in: Self.output).isEmpty)
    }

    @Test func aMissingOrOutOfOrderPatternFails() {
        #expect(FileCheck.failures(of: [Self.check(.check, "sigmoid", line: 4)], in: Self.output)
            == ["line 4: CHECK: 'sigmoid' not found in the output"])
        #expect(FileCheck.failures(of: [Self.check(.check, "tanh", line: 2), Self.check(.check, "relu", line: 3)], in: Self.output)
            == ["line 3: CHECK: 'relu' not found after output line 3"])
    }

    @Test func checkNextMustBeOnTheFollowingLine() {
        let failures = FileCheck.failures(of: [Self.check(.check, "graph @g"), Self.check(.next, "tanh", line: 7)], in: Self.output)
        #expect(failures == ["line 7: CHECK-NEXT: 'tanh' found on output line 3, expected on output line 2"])
        #expect(FileCheck.failures(of: [Self.check(.next, "graph", line: 1)], in: Self.output)
            == ["line 1: CHECK-NEXT: 'graph' found on output line 1, expected after a previous match"])
    }

    @Test func checkNotFailsOnlyBetweenItsNeighbours() {
        let between = [Self.check(.check, "relu"), Self.check(.not, "tanh", line: 5), Self.check(.check, "return")]
        #expect(FileCheck.failures(of: between, in: Self.output) == ["line 5: CHECK-NOT: 'tanh' occurs in the output"])
        let before = [Self.check(.check, "tanh"), Self.check(.not, "relu")]
        #expect(FileCheck.failures(of: before, in: Self.output).isEmpty)
    }

    @Test func fixtureFilesSplitIntoCasesWithTheirOwnLines() throws {
        let text = """
            // RUN: dce
            graph @a(%x: f32[1]) -> f32[1] {
              return %x
            }
            // CHECK: graph @a
            // -----
            graph @b(%x: f32[1]) -> f32[1] {
              return %x
            }
            // CHECK-NOT: graph @a
            """
        let cases = try PassFixture.cases(in: text, fileName: "split.ir")
        #expect(cases.map(\.line) == [1, 7])
        #expect(cases.map(\.pipeline.passNames) == [["dce"], ["dce"]])
        #expect(cases[1].checks == [CheckDirective(kind: .not, pattern: "graph @a", line: 10)])
        #expect(!cases[1].text.contains("graph @a("))
        #expect(cases[1].text.split(separator: "\n", omittingEmptySubsequences: false)[6] == "graph @b(%x: f32[1]) -> f32[1] {")
        #expect(throws: FixtureProblem.self) { try PassFixture.cases(in: "// RUN: dce\n// CHEK: x\n", fileName: "typo.ir") }
        #expect(throws: FixtureProblem.self) { try PassFixture.cases(in: "// RUN: dce\ngraph @a() -> f32[1] {}\n", fileName: "none.ir") }
    }
}
