import Testing
import CNNIR
import CNNRuntime

/// The harness itself: an output element a kernel leaves unwritten, or a wrong one, must fail
/// the relative-L2 check.
@Suite("Kernel test harness")
struct KernelTestHarnessTests {
    /// A kernel that copies its input to its output except the last `skipped` elements.
    private struct PartialCopy: Kernel {
        let name = "partial-copy"
        let workspaceBytes = 0
        let count: Int
        let skipped: Int

        func run(_ buffers: KernelBuffers, context: KernelContext) {
            let input = buffers.inputs[0].assumingMemoryBound(to: Float.self)
            let output = buffers.outputs[0].assumingMemoryBound(to: Float.self)
            for index in 0..<(count - skipped) { output[index] = input[index] }
        }
    }

    @Test("Unwritten outputs come back as NaN and fail the bound; written ones pass")
    func poisoning() throws {
        let x = try Tensor.random(shape: [2, 5], seed: 7)
        let complete = try KernelHarness.run(PartialCopy(count: 10, skipped: 0), operands: [x], resultTypes: [x.type])[0]
        #expect(KernelHarness.relativeL2Error(complete, x) == 0)
        let partial = try KernelHarness.run(PartialCopy(count: 10, skipped: 1), operands: [x], resultTypes: [x.type])[0]
        #expect(partial.scalars[9].isNaN)
        #expect(!(KernelHarness.relativeL2Error(partial, x) <= KernelHarness.relativeL2Bound))
    }

    @Test("Relative L2 error: scale-free, infinite for other shapes, absolute against zeros")
    func relativeError() throws {
        let expected = try Tensor(shape: [4], scalars: [3, 0, 0, 4])
        let actual = try Tensor(shape: [4], scalars: [3, 0, 0.05, 4])
        #expect(abs(KernelHarness.relativeL2Error(actual, expected) - 0.01) < 1e-7)
        #expect(KernelHarness.relativeL2Error(actual, try Tensor(shape: [2, 2], scalars: [3, 0, 0, 4])) == .infinity)
        #expect(abs(KernelHarness.relativeL2Error(try Tensor(shape: [2], scalars: [0, 0.5]), try Tensor.zeros(shape: [2])) - 0.5) < 1e-9)
    }

    /// A kernel that writes nothing.
    private struct Idle: Kernel {
        let name = "idle"
        let workspaceBytes = 0
        func run(_ buffers: KernelBuffers, context: KernelContext) {}
    }

    @Test("Unwritten i64 outputs come back as Int64.min, unwritten bool outputs as a thrown error")
    func integerAndBoolPoisoning() throws {
        let x = try Tensor.random(shape: [3], seed: 3)
        let integers = try KernelHarness.run(Idle(), operands: [x], resultTypes: [TensorType(.i64, [3])])[0]
        #expect(try integers.elements(as: Int64.self) == [.min, .min, .min])
        #expect(throws: Diagnostic.self) { try KernelHarness.run(Idle(), operands: [x], resultTypes: [TensorType(.bool, [3])]) }
    }
}
