import CBLAS
import CNNGEMM
import CNNIR
import Foundation

/// Times cnnc's packed GEMM against `cblas_sgemm` on the same operands, on 1 and 2 threads:
/// each instruction set cnnc has kernels for, with A packed during the product and beforehand
/// (as a convolution's weights are), and with the epilogue a convolution uses.
struct GEMMBenchmark {
    /// The shapes timed: the square reference, the im2col GEMM of a 3x3 64→64 conv at 56x56,
    /// and a sub-millisecond one (the same conv at 28x28), where starting threads must be cheap.
    static let shapes: [(m: Int, n: Int, k: Int)] = [(1024, 1024, 1024), (64, 3136, 576), (64, 784, 576)]

    var repetitions: Int
    var threadCounts: [Int]

    /// One timed variant of a product.
    struct Variant {
        var label: String
        var run: () -> Void
    }

    /// Prints one table row per shape, thread count and variant.
    func printTable() throws {
        print("GEMM (row-major C = A·B, f32), GFLOP/s = 2·M·N·K / median time; AVX-512 FMA peak \(Int(fmaPeakPerCore)) per core")
        let header = ["M×N×K", "threads", "kernel", "ms", "GFLOP/s", "vs cblas_sgemm"]
        print(header.joined(separator: " | "))
        print(header.map { _ in "---" }.joined(separator: " | "))
        for shape in GEMMBenchmark.shapes {
            for threads in threadCounts {
                try printRows(m: shape.m, n: shape.n, k: shape.k, threads: threads)
            }
        }
        print("")
    }

    /// Times every variant of one shape on `threads` threads: cnnc's first (OpenBLAS's idle
    /// threads spin after a call and would take a core from cnnc's workers), then OpenBLAS.
    private func printRows(m: Int, n: Int, k: Int, threads: Int) throws {
        var generator = SeededGenerator(seed: 3)
        let a = UnsafeMutableBufferPointer<Float>.allocate(capacity: m * k)
        let b = UnsafeMutableBufferPointer<Float>.allocate(capacity: k * n)
        let c = UnsafeMutableBufferPointer<Float>.allocate(capacity: m * n)
        let bias = UnsafeMutableBufferPointer<Float>.allocate(capacity: m)
        defer { [a, b, c, bias].forEach { $0.deallocate() } }
        for buffer in [a, b, bias] {
            for index in buffer.indices { buffer[index] = Float(generator.nextUnitDouble() * 2 - 1) }
        }
        var variants: [Variant] = []
        var storage: [UnsafeMutableRawBufferPointer] = []
        defer { storage.forEach { $0.deallocate() } }
        for instructionSet in GEMMInstructionSet.supported.reversed() where instructionSet != .generic {
            let gemm = try PackedGEMM(rows: m, columns: n, depth: k, instructionSet: instructionSet)
            let workspace = UnsafeMutableRawBufferPointer.allocate(byteCount: gemm.workspaceByteCount(threadCount: threads), alignment: 64)
            let packed = UnsafeMutableRawBufferPointer.allocate(byteCount: gemm.packedAByteCount, alignment: 64)
            storage += [workspace, packed]
            gemm.packA(a.baseAddress!, into: packed.baseAddress!)
            let epilogue = GEMMEpilogue(rowBias: UnsafePointer(bias.baseAddress), activation: .relu)
            variants.append(Variant(label: "cnnc \(instructionSet.rawValue)") {
                gemm.multiply(a: a.baseAddress!, b: b.baseAddress!, c: c.baseAddress!, workspace: workspace, threadCount: threads)
            })
            variants.append(Variant(label: "cnnc \(instructionSet.rawValue), packed A") {
                gemm.multiply(packedA: packed.baseAddress!, b: b.baseAddress!, c: c.baseAddress!, workspace: workspace,
                              threadCount: threads)
            })
            variants.append(Variant(label: "cnnc \(instructionSet.rawValue), packed A, bias+relu") {
                gemm.multiply(packedA: packed.baseAddress!, b: b.baseAddress!, c: c.baseAddress!, epilogue: epilogue,
                              workspace: workspace, threadCount: threads)
            })
        }
        variants.append(Variant(label: "cblas_sgemm") {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k), 1, a.baseAddress, Int32(k),
                        b.baseAddress, Int32(n), 0, c.baseAddress, Int32(n))
        })
        openblas_set_num_threads(Int32(threads))
        let flops = 2 * Double(m) * Double(n) * Double(k)
        let seconds = variants.map { medianSeconds(repetitions: repetitions, warmup: 3, $0.run) }
        let sgemmSeconds = seconds[seconds.count - 1]
        for (variant, time) in zip(variants, seconds) {
            print(["\(m)×\(n)×\(k)", String(threads), variant.label, String(format: "%.3f", time * 1e3),
                   String(format: "%.1f", flops / time / 1e9), String(format: "%.2f×", sgemmSeconds / time)]
                .joined(separator: " | "))
        }
    }
}
