import CNNIR
import CNNPasses
import Testing

/// A pass that breaks the graph: it declares a wrong type for the first node's result.
private struct BreakingPass: Pass {
    let name = "break-types"
    let summary = "declares a wrong result type (for tests)"

    func run(on unit: inout CompilationUnit) throws {
        unit.graph.nodes[0].results[0].type = TensorType(.f32, [7])
    }
}

/// A pass that replaces the tensor of the first parameter by one of another shape.
private struct WeightReshapingPass: Pass {
    let name = "reshape-weight"
    let summary = "gives the first parameter a tensor of the wrong shape (for tests)"

    func run(on unit: inout CompilationUnit) throws {
        if let first = unit.graph.parameters.first { unit.weights[first.name] = try WeightTensor(shape: [1], elements: [Float(0)]) }
    }
}

/// A pass that fails.
private struct FailingPass: Pass {
    let name = "fail"
    let summary = "throws (for tests)"

    func run(on unit: inout CompilationUnit) throws {
        unit.graph.nodes.removeAll()
        throw Diagnostic("cannot go on")
    }
}

@Suite struct PassManagerTests {
    static let model = """
        graph @model(%x: f32[1,4]) -> f32[1,3] {
          %w = param f32[3,4]
          %0 = identity %x : f32[1,4]
          %1 = gemm %0, %w {trans_b = true} : f32[1,3]
          %2 = relu %1 : f32[1,3]
          %3 = sigmoid %1 : f32[1,3]
          return %2
        }
        """

    /// The standard passes plus the test passes.
    static func registry() throws -> PassRegistry {
        var registry = PassRegistry.standard
        for pass in [BreakingPass(), WeightReshapingPass(), FailingPass()] as [any Pass] { try registry.register(pass) }
        return registry
    }

    @Test func unknownPassIsADiagnosticListingTheKnownPasses() throws {
        var unit = try TestUnits.unit(Self.model)
        let error = #expect(throws: Diagnostic.self) { try PassManager().run(PassPipeline(["canonicalise"]), on: &unit) }
        #expect(error?.message == "unknown pass 'canonicalise'; known passes: canonicalize, constant-fold, dce, cse, fold-batchnorm, fold-pad, fuse-residual-add, fuse-activation, select-kernels, differentiate")
    }

    @Test func registryHasOneEntryPerNameAndEveryStandardPipelinePass() throws {
        let names = PassRegistry.standard.names
        #expect(Set(names).count == names.count)
        for name in PassPipeline.o2.passNames { #expect(names.contains(name)) }
        #expect(throws: Diagnostic.self) { try PassRegistry([CanonicalizePass(), CanonicalizePass()]) }
    }

    @Test func verifyEachNamesThePassThatBrokeTheGraph() throws {
        var unit = try TestUnits.unit(Self.model)
        let checking = PassManager(registry: try Self.registry(), options: PassManagerOptions(verifyEach: true))
        do {
            try checking.run(PassPipeline(["canonicalize", "break-types", "dce"]), on: &unit)
            Issue.record("the broken graph was accepted")
        } catch {
            let messages = TestUnits.messages(of: error)
            #expect(messages.first?.hasPrefix("after pass 'break-types': declared f32[7], inferred") == true, "\(messages)")
        }
        var other = try TestUnits.unit(Self.model)
        do {
            try PassManager(registry: try Self.registry()).run(PassPipeline(["break-types", "dce"]), on: &other)
            Issue.record("the broken graph was accepted")
        } catch {
            #expect(TestUnits.messages(of: error).first?.hasPrefix("after the pipeline (run with verify-each to find the pass)") == true)
        }
    }

    @Test func theIRABrokenPassLeftIsPrintedBeforeTheFailure() throws {
        let collected = CollectedOutput()
        var unit = try TestUnits.unit(Self.model)
        let options = PassManagerOptions(verifyEach: true, printAfter: ["break-types"], output: collected.append)
        #expect(throws: DiagnosticList.self) {
            try PassManager(registry: try Self.registry(), options: options).run(PassPipeline(["break-types"]), on: &unit)
        }
        #expect(collected.texts.count == 1)
        #expect(collected.texts.first?.contains("%0 = identity %x : f32[7]") == true)
    }

    @Test func verificationChecksTheWeightsToo() throws {
        var unit = try TestUnits.unit(Self.model)
        let checking = PassManager(registry: try Self.registry(), options: PassManagerOptions(verifyEach: true))
        do {
            try checking.run(PassPipeline(["reshape-weight"]), on: &unit)
            Issue.record("the mismatched tensor was accepted")
        } catch {
            #expect(TestUnits.messages(of: error) == ["after pass 'reshape-weight': parameter %w: declared f32[3,4], file has f32[1]"])
        }
    }

    @Test func anInvalidInputIsReportedAsItIs() throws {
        var unit = CompilationUnit(graph: try IRParser.parse(Self.model.replacingOccurrences(of: "f32[1,3] {", with: "f32[1,3] {\n  %bad = relu %x : f32[2]"), file: "bad.ir"))
        do {
            try PassManager().run(.o2, on: &unit)
            Issue.record("the invalid input was accepted")
        } catch {
            #expect(TestUnits.messages(of: error) == ["declared f32[2], inferred f32[1,4]"])
        }
    }

    @Test func aFailingPassLeavesTheUnitAsTheLastPassMadeIt() throws {
        let original = try TestUnits.unit(Self.model)
        var unit = original
        let manager = PassManager(registry: try Self.registry())
        #expect(throws: Diagnostic("pass 'fail': cannot go on")) { try manager.run(PassPipeline(["canonicalize", "fail"]), on: &unit) }
        #expect(unit == (try TestUnits.run(PassPipeline(["canonicalize"]), on: original)))
    }

    @Test func printAfterAllWritesTheIRAfterEachPass() throws {
        let collected = CollectedOutput()
        var unit = try TestUnits.unit(Self.model)
        let options = PassManagerOptions(printAfterAll: true, output: collected.append)
        try PassManager(options: options).run(PassPipeline(["canonicalize", "dce"]), on: &unit)
        let dumps = collected.texts
        #expect(dumps.count == 2)
        #expect(dumps.first?.hasPrefix("// *** IR after canonicalize ***\ngraph @model") == true)
        #expect(dumps.first?.contains("sigmoid") == true)
        #expect(dumps.last?.hasPrefix("// *** IR after dce ***\n") == true)
        #expect(dumps.last?.contains("sigmoid") == false)
        #expect(try IRParser.parse(dumps.last ?? "", file: "dump.ir") == unit.graph)
    }

    @Test func printAfterOneNamedPass() throws {
        let collected = CollectedOutput()
        var unit = try TestUnits.unit(Self.model)
        let options = PassManagerOptions(printAfter: ["canonicalize"], output: collected.append)
        try PassManager(options: options).run(.o2, on: &unit)
        #expect(collected.texts.count == 1)
        #expect(collected.texts.first?.contains("identity") == false)
        var other = try TestUnits.unit(Self.model)
        #expect(throws: Diagnostic("cannot print after pass 'cse': the pipeline (canonicalize) does not run it")) {
            try PassManager(options: PassManagerOptions(printAfter: ["cse"])).run(PassPipeline(["canonicalize"]), on: &other)
        }
    }

    @Test func timePassesReportsEveryPass() throws {
        let collected = CollectedOutput()
        var unit = try TestUnits.unit(Self.model)
        let report = try PassManager(options: PassManagerOptions(timePasses: true, output: collected.append)).run(.o2, on: &unit)
        #expect(report.entries.map(\.pass) == PassPipeline.o2.passNames)
        let table = try #require(collected.texts.last)
        #expect(table.hasPrefix("pass timing (total "))
        let lines = table.split(separator: "\n")
        #expect(lines.count == 2 + PassPipeline.o2.passNames.count + 1)
        #expect(lines.last?.hasSuffix("  (verification)") == true)
    }

    @Test func levelZeroOnlyVerifies() throws {
        let original = try TestUnits.unit(Self.model)
        var unit = original
        let report = try PassManager().run(.o0, on: &unit)
        #expect(unit == original)
        #expect(report.entries.isEmpty)
    }

    @Test func levelTwoSimplifiesAndRemovesDeadNodes() throws {
        let unit = try TestUnits.run(.o2, on: try TestUnits.unit(Self.model))
        #expect(unit.graph.nodes.map(\.op) == [.gemm, .relu])
        #expect(unit.graph.nodes[0].operands == ["x", "w"])
    }

    @Test func pipelinesParseFromText() throws {
        #expect(try PassPipeline(parsing: " canonicalize, dce ,cse") == PassPipeline(["canonicalize", "dce", "cse"]))
        #expect(try PassPipeline(parsing: "") == .o0)
        #expect(throws: Diagnostic.self) { try PassPipeline(parsing: "dce,,cse") }
        #expect(try PassPipeline.level("2") == .o2)
        #expect(try PassPipeline.level("0") == .o0)
        #expect(throws: Diagnostic("unknown optimization level '3'; the levels are 0, 2")) { try PassPipeline.level("3") }
        #expect(PassPipeline.o2.description == "canonicalize,constant-fold,fold-batchnorm,fold-pad,cse,fuse-residual-add,fuse-activation,cse,dce,select-kernels")
    }

    @Test func timingTableFormatsMilliseconds() {
        var report = PassTimingReport()
        report.entries = [.init(pass: "a", duration: .milliseconds(3)), .init(pass: "b", duration: .microseconds(500))]
        report.verification = .microseconds(500)
        #expect(report.table == """
            pass timing (total 4.000 ms)
                    ms  share  pass
                 3.000  75.0%  a
                 0.500  12.5%  b
                 0.500  12.5%  (verification)

            """)
    }
}
