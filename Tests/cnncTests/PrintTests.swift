import Testing

@Suite("cnnc print")
struct PrintTests {
    @Test("prints canonical text that prints back to itself")
    func canonical() throws {
        try TemporaryFolder.with { folder in
            let first = try CNNC.run(["print", try folder.write("tiny.ir", Models.tiny)])
            #expect(first.status == 0, "\(first)")
            #expect(first.errors.isEmpty)
            #expect(first.output.hasPrefix("graph @tiny(%x: f32[1,3,8,8])"))
            #expect(first.output.contains("%3 = gemm %2, %fc.w, %fc.b {trans_b = true} : f32[1,10]"))
            let second = try CNNC.run(["print", try folder.write("printed.ir", first.output)])
            #expect(second.output == first.output)
        }
    }

    @Test("--set replaces the named dimension everywhere")
    func binding() throws {
        try TemporaryFolder.with { folder in
            let result = try CNNC.run(["print", try folder.write("batched.ir", Models.batched), "--set", "N=4"])
            #expect(result.status == 0, "\(result)")
            #expect(result.output.contains("%x: f32[4,3,8,8]"))
            #expect(result.output.contains(": f32[4,10]"))
            #expect(!result.output.contains("N,"))
        }
    }

    @Test("a model that does not verify still prints; one that does not parse does not")
    func unverified() throws {
        try TemporaryFolder.with { folder in
            #expect(try CNNC.run(["print", try folder.write("wrong.ir", Models.wrongTypes)]).status == 0)
            let typo = try CNNC.run(["print", try folder.write("typo.ir", Models.misspelledOp)])
            #expect(typo.status == 1)
            #expect(typo.output.isEmpty)
        }
    }

    @Test("after --, an argument starting with - is a file name")
    func endOfOptions() throws {
        try TemporaryFolder.with { folder in
            try folder.write("-odd.ir", Models.tiny)
            let result = try CNNC.run(["print", "--", "-odd.ir"], in: folder.url)
            #expect(result.status == 0, "\(result)")
            #expect(result.output.hasPrefix("graph @tiny"))
        }
    }
}
