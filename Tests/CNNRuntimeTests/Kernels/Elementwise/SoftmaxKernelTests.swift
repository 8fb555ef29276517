import Testing
import CNNIR
import CNNRuntime

/// softmax and log_softmax against the reference over every axis.
///
/// Bound: `KernelHarness.relativeL2Bound` (1e-5). Each exponential carries ≤ 1.3 ulp (cnnc's
/// vector exp, measured; see `VectorMath`); the f32 sum of L terms in [0, 1] adds at most L·ε/2 relative in the worst
/// case (3e-6 for the L ≤ 48 drawn here, about √L·ε/2 typically), and the final scaling (or,
/// for log_softmax, the subtraction of max + log(sum)) one more rounding: about 4e-6 worst
/// case per element, and well under 1e-6 in relative L2 on random data.
@Suite("Softmax kernels")
struct SoftmaxKernelTests {
    let family = ElementwiseKernels()

    @Test("softmax and log_softmax match the reference on 80 random shapes and axes")
    func randomSoftmax() throws {
        var generator = SeededGenerator(seed: 0x50F7)
        for index in 0..<80 {
            let op: OpKind = index % 2 == 0 ? .softmax : .logSoftmax
            let rank = generator.nextInt(in: 1...4)
            var shape = generator.nextShape(rank: rank, sizes: 1...5)
            let axis = generator.nextInt(in: 0...(rank - 1))
            shape[axis] = generator.nextInt(in: 1...48)
            if index % 5 == 0 { shape[rank - 1] = generator.nextInt(in: 15...35) }
            let x = try generator.nextTensor(shape, .normal(mean: 0, standardDeviation: generator.nextElement(of: [0.5, 4, 20])))
            let attributes: Attributes = ["axis": .int(generator.nextChance(0.5) ? axis : axis - rank)]
            try KernelHarness.checkAgainstReference(family, op, operands: [x], attributes: attributes,
                                                    expectedKernel: op == .softmax ? "softmax" : "log-softmax",
                                                    configuration: "#\(index) " + KernelHarness.describe(op, [x], attributes))
        }
    }
}
