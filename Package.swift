// swift-tools-version:6.0
import PackageDescription

/// cnnc: a graph compiler and code generator for convolutional neural networks.
///
/// The top level is fixed: `IR/` (CNNIR), `Passes/` (CNNPasses), `Runtime/` (CNNRuntime),
/// `Sources/CBLAS` (OpenBLAS), `Sources/CNNONNX` (the ONNX importer), `Sources/cnnc` (the command line) and `Tests/`.
/// The runtime's kernels are compiled with optimization even in debug builds (so that the test
/// suite, which checks them on thousands of configurations, runs in minutes), and for x86-64-v3
/// (AVX2 + FMA): without a target CPU, SIMD fused multiply-adds become library calls. Square
/// roots need not set `errno` (nothing in cnnc reads it), which lets them vectorize.
let runtimeSettings: [SwiftSetting] = [
    .unsafeFlags(["-O"], .when(configuration: .debug)),
    .unsafeFlags(["-Xcc", "-march=x86-64-v3", "-Xcc", "-fno-math-errno"]),
]

/// cnnc's packed GEMM is optimized in debug builds too. Its instruction-set kernels live in
/// their own targets, each compiled for its instruction set (the AVX-512 one for x86-64-v3 plus
/// AVX-512F, exactly what the run-time check verifies); the dispatcher that checks the processor
/// is compiled for the default target. The depthwise row kernels (CNNDepthwiseKernels, generic)
/// and the Winograd lane kernels (CNNWinogradKernels) are instantiated the same way: in
/// CNNDepthwiseAVX512 and CNNWinogradAVX512 for AVX-512, and in the runtime for AVX2.
let gemmSettings: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "cnnc",
    products: [
        .library(name: "CNNIR", targets: ["CNNIR"]),
        .library(name: "CNNPasses", targets: ["CNNPasses"]),
        .library(name: "CNNRuntime", targets: ["CNNRuntime"]),
        .library(name: "CNNONNX", targets: ["CNNONNX"]),
        .executable(name: "cnnc", targets: ["cnnc"]),
        .executable(name: "cnnc-kernel-bench", targets: ["cnnc-kernel-bench"]),
    ],
    targets: [
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .target(name: "CCPU", path: "Sources/CCPU"),
        .target(name: "CNNIR", path: "IR"),
        .target(name: "CNNPasses", dependencies: ["CNNIR"], path: "Passes"),
        .target(name: "CNNGEMMKernels", dependencies: ["CCPU"], path: "Sources/CNNGEMMKernels", swiftSettings: gemmSettings),
        .target(name: "CNNGEMMAVX512", dependencies: ["CNNGEMMKernels"], path: "Sources/CNNGEMMAVX512",
                swiftSettings: gemmSettings + [.unsafeFlags(["-Xcc", "-march=x86-64-v3", "-Xcc", "-mavx512f"])]),
        .target(name: "CNNGEMMAVX2", dependencies: ["CNNGEMMKernels"], path: "Sources/CNNGEMMAVX2",
                swiftSettings: gemmSettings + [.unsafeFlags(["-Xcc", "-march=x86-64-v3"])]),
        .target(name: "CNNGEMM", dependencies: ["CNNGEMMKernels", "CNNGEMMAVX512", "CNNGEMMAVX2", "CCPU"],
                path: "Sources/CNNGEMM", swiftSettings: gemmSettings),
        .target(name: "CNNDepthwiseKernels", path: "Sources/CNNDepthwiseKernels", swiftSettings: gemmSettings),
        .target(name: "CNNDepthwiseAVX512", dependencies: ["CNNDepthwiseKernels"], path: "Sources/CNNDepthwiseAVX512",
                swiftSettings: gemmSettings + [.unsafeFlags(["-Xcc", "-march=x86-64-v3", "-Xcc", "-mavx512f"])]),
        .target(name: "CNNWinogradKernels", path: "Sources/CNNWinogradKernels", swiftSettings: gemmSettings),
        .target(name: "CNNWinogradAVX512", dependencies: ["CNNWinogradKernels"], path: "Sources/CNNWinogradAVX512",
                swiftSettings: gemmSettings + [.unsafeFlags(["-Xcc", "-march=x86-64-v3", "-Xcc", "-mavx512f"])]),
        .target(name: "CNNRuntime", dependencies: ["CNNIR", "CBLAS", "CCPU", "CNNGEMM", "CNNDepthwiseKernels", "CNNDepthwiseAVX512",
                                                   "CNNWinogradKernels", "CNNWinogradAVX512"],
                path: "Runtime",
                swiftSettings: runtimeSettings),
        .target(name: "CNNONNX", dependencies: ["CNNIR", "CNNRuntime"], path: "Sources/CNNONNX"),
        .executableTarget(name: "cnnc", dependencies: ["CNNIR", "CNNPasses", "CNNRuntime", "CNNONNX", "CNNGEMM"],
                          path: "Sources/cnnc"),
        .executableTarget(name: "cnnc-kernel-bench", dependencies: ["CNNIR", "CNNRuntime", "CNNGEMM", "CBLAS"],
                          path: "Benchmarks/KernelBench"),
        .testTarget(name: "CNNIRTests", dependencies: ["CNNIR"], path: "Tests/CNNIRTests"),
        .testTarget(name: "CNNPassesTests", dependencies: ["CNNPasses", "CNNRuntime"], path: "Tests/CNNPassesTests", exclude: ["Fixtures"]),
        .testTarget(name: "CNNRuntimeTests", dependencies: ["CNNRuntime", "CNNGEMM"], path: "Tests/CNNRuntimeTests",
                    exclude: ["Executor/Fixtures"]),
        .testTarget(name: "CNNGEMMTests", dependencies: ["CNNGEMM"], path: "Tests/CNNGEMMTests"),
        .testTarget(name: "CNNONNXTests", dependencies: ["CNNONNX", "CNNRuntime"], path: "Tests/CNNONNXTests",
                    exclude: ["Fixtures"]),
        .testTarget(name: "cnncTests", dependencies: ["cnnc"], path: "Tests/cnncTests"),
    ]
)
