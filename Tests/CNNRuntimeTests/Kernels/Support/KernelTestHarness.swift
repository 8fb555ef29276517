import Testing
import CNNIR
import CNNRuntime

/// What fast-kernel tests share: building a kernel request for an op on given operands, running
/// a kernel with its outputs and workspace poisoned (NaN for f32, so an element the kernel fails
/// to write, or scratch it reads before writing, shows up as NaN), and comparing with the
/// reference kernels: f32 results by relative L2 error, i64 and bool results exactly.
enum KernelHarness {
    /// The relative L2 error every f32 fast kernel must meet against the reference.
    ///
    /// Why 1e-5: the reference computes in Double and rounds once, so its own error is ε/2 ≈ 6e-8
    /// (ε = 2^-23). A fast kernel sums K products in f32 (K = C_in/groups · kernel volume for a
    /// conv, the inner size for a product); each addition rounds with relative error ≤ ε/2 of its
    /// partial sum. With random inputs of both signs the rounding errors are independent and the
    /// j-th partial sum is about √j·σ (σ the size of one product), so the error of the whole sum
    /// is about (ε/2)·σ·√(Σ j) ≈ (ε/2)·σ·K/√2, while the sum itself is about √K·σ: a relative
    /// error of about (ε/2)·√(K/2), 1.3e-6 for K = 1000, and less for the K ≤ a few hundred the
    /// tests use; blocked summation in OpenBLAS lowers it further. The worst case (ε/2)·K needs
    /// every rounding to line up, which random data does not do. 1e-5 keeps a margin of about 10
    /// over the typical error while any wrong element (a misplaced tap, a missed bias) gives an
    /// error above 1e-3 in tensors of the sizes tested.
    static let relativeL2Bound = 1e-5

    /// A request for `op` on operands like `operands` with `attributes` (normalized and
    /// defaulted as the executor does) and `resultCount` results, result types inferred; the
    /// operands at `constantIndices` are handed over as constants for preparation.
    static func request(_ op: OpKind, operands: [Tensor], attributes: Attributes,
                        constantIndices: Set<Int> = [], resultCount: Int = 1) throws -> KernelRequest {
        let schema = op.schema
        let normalized = try schema.normalize(attributes)
        let operandTypes = operands.map(\.type)
        let resultTypes = try schema.inferResultTypes(operands: operandTypes, attributes: normalized, resultCount: resultCount)
        let names = operands.indices.map { "operand\($0)" }
        let node = Node(op: op, operands: names, attributes: normalized,
                        results: resultTypes.enumerated().map { ValueDeclaration(name: "result\($0.offset)", type: $0.element) })
        var constants: [Int: Tensor] = [:]
        for index in constantIndices where index < operands.count { constants[index] = operands[index] }
        return KernelRequest(node: node, attributes: try schema.resolve(normalized), operandTypes: operandTypes,
                             resultTypes: resultTypes, constantOperands: constants)
    }

    /// Runs `kernel` on `operands` and returns its results of `resultTypes`. Outputs and
    /// workspace start poisoned — f32 as NaN, i64 as `Int64.min`, bool as the byte 0xAB (not a
    /// valid bool) — so an element the kernel fails to write shows up: as NaN, as a value no
    /// kernel computes, or (bool) as a thrown `Diagnostic`. A kernel that declares no workspace
    /// gets none, and none is given without `givesWorkspace`. The kernel may use `threadCount` threads.
    static func run(_ kernel: Kernel, operands: [Tensor], resultTypes: [TensorType], threadCount: Int = 1,
                    givesWorkspace: Bool = true) throws -> [Tensor] {
        let inputs = try operands.map { try RawBuffer(copying: $0) }
        let outputs = try resultTypes.map { type in
            guard let shape = type.shape.fixedSizes else { throw Diagnostic("result type \(type) is not static") }
            return RawBuffer(poisoned: type.dtype, shape: shape)
        }
        let workspaceFloats = (kernel.workspaceBytes + 3) / 4
        let workspace = kernel.workspaceBytes > 0 && givesWorkspace
            ? UnsafeMutableRawPointer.allocate(byteCount: workspaceFloats * 4, alignment: 64) : nil
        workspace?.initializeMemory(as: Float.self, repeating: .nan, count: workspaceFloats)
        defer { workspace?.deallocate() }
        let buffers = KernelBuffers(inputs: inputs.map { UnsafeRawPointer($0.memory) }, outputs: outputs.map(\.memory),
                                    workspace: workspace)
        kernel.run(buffers, context: KernelContext(threadCount: threadCount))
        return try outputs.map { try $0.tensor() }
    }

    /// `‖actual − expected‖₂ / ‖expected‖₂` (the absolute norm when `expected` is all zero);
    /// NaN when either holds a NaN, infinity when the shapes differ.
    static func relativeL2Error(_ actual: Tensor, _ expected: Tensor) -> Double {
        guard actual.shape == expected.shape else { return .infinity }
        var difference = 0.0, norm = 0.0
        for (a, e) in zip(actual.doubles, expected.doubles) {
            difference += (a - e) * (a - e)
            norm += e * e
        }
        return (difference / (norm > 0 ? norm : 1)).squareRoot()
    }

    /// A configuration as text, to reproduce a failure: `conv [1, 3, 8, 8] [4, 3, 3, 3] {strides = ints([2, 2])}`.
    static func describe(_ op: OpKind, _ operands: [Tensor], _ attributes: Attributes) -> String {
        let attributeText = attributes.sortedNames.map { name in "\(name) = \(attributes[name].map { "\($0)" } ?? "")" }
        return "\(op.rawValue) \(operands.map { "\($0.shape)" }.joined(separator: " ")) {\(attributeText.joined(separator: ", "))}"
    }

    /// Prepares `family`'s kernel for `op` on `operands`, runs it and compares every result with
    /// the reference (f32 within `relativeL2Bound`, i64 and bool exactly). Records an issue naming `configuration` when the family offers no kernel,
    /// offers one other than `expectedKernel` (when given), or misses `relativeL2Bound`. The kernel
    /// runs on `threadCount` threads.
    /// Returns the kernel's name (`nil` if there was none).
    @discardableResult
    static func checkAgainstReference(_ family: KernelFamily, _ op: OpKind, operands: [Tensor], attributes: Attributes,
                                      constantIndices: Set<Int> = [], resultCount: Int = 1, expectedKernel: String? = nil,
                                      threadCount: Int = 1, configuration: String,
                                      sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> String? {
        let request = try request(op, operands: operands, attributes: attributes, constantIndices: constantIndices,
                                  resultCount: resultCount)
        guard let kernel = try family.makeKernel(for: request) else {
            Issue.record("no kernel for \(configuration)", sourceLocation: sourceLocation)
            return nil
        }
        if let expectedKernel, kernel.name != expectedKernel {
            Issue.record("chose \(kernel.name), expected \(expectedKernel), for \(configuration)", sourceLocation: sourceLocation)
        }
        let actual = try run(kernel, operands: operands, resultTypes: request.resultTypes, threadCount: threadCount)
        let expected = try ReferenceKernels.evaluate(op, operands: operands, attributes: attributes, resultCount: request.resultTypes.count)
        for (index, (found, wanted)) in zip(actual, expected).enumerated() {
            let which = actual.count == 1 ? "" : " (result \(index))"
            if found.dtype == .f32 {
                let error = relativeL2Error(found, wanted)
                if !(error <= relativeL2Bound) {
                    Issue.record("relative L2 error \(error) > \(relativeL2Bound)\(which) with \(kernel.name) for \(configuration)",
                                 sourceLocation: sourceLocation)
                }
            } else if found != wanted {
                Issue.record("\(found.dtype) result\(which) differs from the reference with \(kernel.name) for \(configuration)",
                             sourceLocation: sourceLocation)
            }
        }
        return kernel.name
    }
}

/// Memory holding one operand or result of a kernel run, freed with the last reference.
private final class RawBuffer {
    /// The memory (at least one byte, 64-byte aligned).
    let memory: UnsafeMutableRawPointer
    /// The element type.
    let dtype: DType
    /// The shape.
    let shape: [Int]

    /// Memory holding a copy of `tensor`'s elements.
    init(copying tensor: Tensor) throws {
        dtype = tensor.dtype
        shape = tensor.shape
        memory = Self.allocate(dtype, count: tensor.count)
        switch dtype {
        case .f32: memory.copyMemory(from: try tensor.elements(as: Float.self), byteCount: tensor.count * 4)
        case .f64: memory.copyMemory(from: try tensor.elements(as: Double.self), byteCount: tensor.count * 8)
        case .i64: memory.copyMemory(from: try tensor.elements(as: Int64.self), byteCount: tensor.count * 8)
        case .bool: memory.copyMemory(from: try tensor.elements(as: Bool.self), byteCount: tensor.count)
        }
    }

    /// Memory for a result of `dtype` and `shape`, poisoned (see `KernelHarness.run`).
    init(poisoned dtype: DType, shape: [Int]) {
        self.dtype = dtype
        self.shape = shape
        let count = shape.reduce(1, *)
        memory = Self.allocate(dtype, count: count)
        switch dtype {
        case .f32: memory.initializeMemory(as: Float.self, repeating: .nan, count: count)
        case .f64: memory.initializeMemory(as: Double.self, repeating: .nan, count: count)
        case .i64: memory.initializeMemory(as: Int64.self, repeating: .min, count: count)
        case .bool: memory.initializeMemory(as: UInt8.self, repeating: 0xAB, count: count)
        }
    }

    deinit { memory.deallocate() }

    /// The elements as a tensor; throws a `Diagnostic` for a bool byte that is neither 0 nor 1.
    func tensor() throws -> Tensor {
        let count = shape.reduce(1, *)
        switch dtype {
        case .f32: return try Tensor(shape: shape, elements: Array(UnsafeBufferPointer(start: memory.assumingMemoryBound(to: Float.self), count: count)))
        case .f64: return try Tensor(shape: shape, elements: Array(UnsafeBufferPointer(start: memory.assumingMemoryBound(to: Double.self), count: count)))
        case .i64: return try Tensor(shape: shape, elements: Array(UnsafeBufferPointer(start: memory.assumingMemoryBound(to: Int64.self), count: count)))
        case .bool:
            let bytes = Array(UnsafeBufferPointer(start: memory.assumingMemoryBound(to: UInt8.self), count: count))
            if let unwritten = bytes.firstIndex(where: { $0 > 1 }) { throw Diagnostic("bool element \(unwritten) was not written") }
            return try Tensor(shape: shape, elements: bytes.map { $0 == 1 })
        }
    }

    /// At least one element's worth of memory for `count` elements of `dtype`.
    private static func allocate(_ dtype: DType, count: Int) -> UnsafeMutableRawPointer {
        UnsafeMutableRawPointer.allocate(byteCount: max(1, count) * dtype.byteSize, alignment: 64)
    }
}
