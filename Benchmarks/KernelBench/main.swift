import CBLAS
import CNNIR
import CNNRuntime
import Foundation

// cnnc-kernel-bench: times cnnc's packed GEMM next to `cblas_sgemm`, and single convolution
// layers on cnnc's fast kernels next to `cblas_sgemm` alone on the GEMM an im2col conv of the
// same shape performs, on 1 and 2 threads.
// Usage: cnnc-kernel-bench [--repetitions N] [--threads 1,2] [--only gemm|conv|pool]

/// The command-line settings.
struct Settings {
    var repetitions = 20
    var threadCounts = [1, 2]
    /// The tables to print (all by default).
    var sections: Set<String> = ["gemm", "conv", "pool"]

    init(_ arguments: [String]) throws {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard index + 1 < arguments.count else { throw Diagnostic("\(argument) needs a value") }
            let value = arguments[index + 1]
            switch argument {
            case "--repetitions":
                guard let count = Int(value), count > 0 else { throw Diagnostic("--repetitions takes a positive integer") }
                repetitions = count
            case "--threads":
                let counts = value.split(separator: ",").compactMap { Int($0) }
                guard !counts.isEmpty, counts.allSatisfy({ $0 > 0 }) else { throw Diagnostic("--threads takes a list such as 1,2") }
                threadCounts = counts
            case "--only":
                guard ["gemm", "conv", "pool"].contains(value) else { throw Diagnostic("--only takes gemm, conv or pool") }
                sections = [value]
            default:
                throw Diagnostic("unknown option \(argument); usage: cnnc-kernel-bench [--repetitions N] [--threads 1,2] [--only gemm|conv|pool]")
            }
            index += 2
        }
    }
}

/// The median seconds of the conv node of `layer` on the fast kernel of `algorithm`, and the kernel's name.
func timeConvolution(_ layer: ConvolutionCase, algorithm: String, threads: Int,
                     repetitions: Int) throws -> (seconds: Double, kernel: String) {
    let graph = try layer.graph(algorithm: algorithm)
    var generator = SeededGenerator(seed: 1)
    var parameters: [String: Tensor] = [:]
    for parameter in graph.parameters {
        parameters[parameter.name] = try Tensor.random(shape: parameter.type.shape.fixedSizes ?? [], using: &generator)
    }
    let model = try Model(graph: graph, parameters: parameters, options: ExecutionOptions(threadCount: threads))
    let input = try Tensor.random(shape: graph.inputs[0].type.shape.fixedSizes ?? [], using: &generator)
    var times: [Double] = []
    var kernel = ""
    for iteration in 0..<(repetitions + 3) {
        let (_, layers) = try model.runProfiled(["x": input])
        guard let conv = layers.first(where: { $0.op == .conv }) else { throw Diagnostic("no conv layer was timed") }
        kernel = conv.kernel
        if iteration >= 3 { times.append(conv.seconds) }
    }
    return (median(times), kernel)
}

/// The median seconds of one `cblas_sgemm` of shape M×N×K (row-major, C = A·B).
func timeSgemm(m: Int, n: Int, k: Int, threads: Int, repetitions: Int) -> Double {
    openblas_set_num_threads(Int32(threads))
    var generator = SeededGenerator(seed: 2)
    let a = (0..<(m * k)).map { _ in Float(generator.nextUnitDouble()) }
    let b = (0..<(k * n)).map { _ in Float(generator.nextUnitDouble()) }
    var c = [Float](repeating: 0, count: m * n)
    return medianSeconds(repetitions: repetitions, warmup: 3) {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k),
                    1, a, Int32(k), b, Int32(n), 0, &c, Int32(n))
    }
}

/// The AVX-512 FMA peak of one core of the reference machine, GFLOP/s (measured by a
/// register-only FMA loop; see docs/PERFORMANCE.md).
let fmaPeakPerCore = 287.0

func main() throws {
    let settings = try Settings(Array(CommandLine.arguments.dropFirst()))
    print("cnnc-kernel-bench: median of \(settings.repetitions) runs, batch 1, f32; GFLOP/s = 2·MACs / time")
    print("OpenBLAS \(String(cString: openblas_get_config())), core \(String(cString: openblas_get_corename()))")
    print("")
    if settings.sections.contains("gemm") {
        try GEMMBenchmark(repetitions: settings.repetitions, threadCounts: settings.threadCounts).printTable()
    }
    if settings.sections.contains("pool") {
        PoolBenchmark(repetitions: settings.repetitions).printTable()
        print("")
    }
    guard settings.sections.contains("conv") else { return }
    print("conv layers: GFLOP/s counts the direct conv's 2·MACs (Winograd does fewer flops); peak = "
          + "\(Int(fmaPeakPerCore)) GFLOP/s per core (AVX-512 FMA)")
    let header = ["layer", "threads", "kernel", "ms", "GFLOP/s", "% of peak", "sgemm M×N×K", "sgemm GFLOP/s", "sgemm time / kernel time"]
    print(header.joined(separator: " | "))
    print(header.map { _ in "---" }.joined(separator: " | "))
    for layer in ConvolutionCase.defaults {
        for threads in settings.threadCounts {
            let flops = 2 * Double(layer.multiplyAccumulates)
            var sgemm = ["-", "-"]
            var sgemmSeconds: Double?
            if layer.groups == 1 {
                let (m, n, k) = layer.gemmShape
                let seconds = timeSgemm(m: m, n: n, k: k, threads: threads, repetitions: settings.repetitions)
                sgemm = ["\(m)×\(n)×\(k)", String(format: "%.1f", flops / seconds / 1e9)]
                sgemmSeconds = seconds
            }
            for algorithm in layer.algorithms {
                let (seconds, kernel) = try timeConvolution(layer, algorithm: algorithm, threads: threads,
                                                            repetitions: settings.repetitions)
                let rate = flops / seconds / 1e9
                let row = [layer.label, String(threads), kernel, String(format: "%.3f", seconds * 1e3),
                           String(format: "%.1f", rate), String(format: "%.0f%%", 100 * rate / (fmaPeakPerCore * Double(threads)))]
                    + sgemm + [sgemmSeconds.map { String(format: "%.2f×", $0 / seconds) } ?? "-"]
                print(row.joined(separator: " | "))
            }
        }
    }
}

do {
    try main()
} catch {
    FileHandle.standardError.write(Data("cnnc-kernel-bench: \(error)\n".utf8))
    exit(1)
}
