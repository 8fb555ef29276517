// swift-tools-version:6.0
import PackageDescription

/// cnnc: a graph compiler and code generator for convolutional neural networks.
///
/// The top level is fixed: `IR/` (CNNIR), `Passes/` (CNNPasses), `Runtime/` (CNNRuntime),
/// `Sources/CBLAS` (OpenBLAS), `Sources/cnnc` (the command line) and `Tests/`.
let package = Package(
    name: "cnnc",
    products: [
        .library(name: "CNNIR", targets: ["CNNIR"]),
        .library(name: "CNNPasses", targets: ["CNNPasses"]),
        .library(name: "CNNRuntime", targets: ["CNNRuntime"]),
        .executable(name: "cnnc", targets: ["cnnc"]),
    ],
    targets: [
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .target(name: "CNNIR", path: "IR"),
        .target(name: "CNNPasses", dependencies: ["CNNIR"], path: "Passes"),
        .target(name: "CNNRuntime", dependencies: ["CNNIR", "CBLAS"], path: "Runtime"),
        .executableTarget(name: "cnnc", dependencies: ["CNNIR", "CNNPasses", "CNNRuntime"],
                          path: "Sources/cnnc"),
        .testTarget(name: "CNNIRTests", dependencies: ["CNNIR"], path: "Tests/CNNIRTests"),
        .testTarget(name: "CNNPassesTests", dependencies: ["CNNPasses"], path: "Tests/CNNPassesTests"),
        .testTarget(name: "CNNRuntimeTests", dependencies: ["CNNRuntime"], path: "Tests/CNNRuntimeTests"),
        .testTarget(name: "cnncTests", dependencies: ["cnnc"], path: "Tests/cnncTests"),
    ]
)
