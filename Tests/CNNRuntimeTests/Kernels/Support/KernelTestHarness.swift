import Testing
import CNNIR
import CNNRuntime

/// What fast-kernel tests share: building a kernel request for an op on given operands, running
/// a kernel with its outputs and workspace poisoned with NaN (so an element the kernel fails to
/// write, or scratch it reads before writing, shows up as NaN), and comparing with the reference
/// kernels by relative L2 error.
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
    /// defaulted as the executor does), result types inferred; the operands at
    /// `constantIndices` are handed over as constants for preparation.
    static func request(_ op: OpKind, operands: [Tensor], attributes: Attributes,
                        constantIndices: Set<Int> = []) throws -> KernelRequest {
        let schema = op.schema
        let normalized = try schema.normalize(attributes)
        let operandTypes = operands.map(\.type)
        let resultTypes = try schema.inferResultTypes(operands: operandTypes, attributes: normalized)
        let names = operands.indices.map { "operand\($0)" }
        let node = Node(op: op, operands: names, attributes: normalized,
                        results: resultTypes.enumerated().map { ValueDeclaration(name: "result\($0.offset)", type: $0.element) })
        var constants: [Int: Tensor] = [:]
        for index in constantIndices where index < operands.count { constants[index] = operands[index] }
        return KernelRequest(node: node, attributes: try schema.resolve(normalized), operandTypes: operandTypes,
                             resultTypes: resultTypes, constantOperands: constants)
    }

    /// Runs `kernel` on f32 `operands` and returns its results of `resultTypes`. Outputs and
    /// workspace start as NaN; a kernel that declares no workspace gets none.
    static func run(_ kernel: Kernel, operands: [Tensor], resultTypes: [TensorType]) throws -> [Tensor] {
        let inputs = try operands.map { operand in
            let elements = try operand.elements(as: Float.self)
            let buffer = UnsafeMutablePointer<Float>.allocate(capacity: max(1, elements.count))
            buffer.initialize(from: elements, count: elements.count)
            return (buffer, elements.count)
        }
        let sizes = try resultTypes.map { type in
            guard let sizes = type.shape.fixedSizes else { throw Diagnostic("result type \(type) is not static") }
            return sizes
        }
        let outputs = sizes.map { shape in
            let count = shape.reduce(1, *)
            let buffer = UnsafeMutablePointer<Float>.allocate(capacity: max(1, count))
            buffer.initialize(repeating: .nan, count: max(1, count))
            return (buffer, count)
        }
        let workspaceFloats = (kernel.workspaceBytes + 3) / 4
        let workspace = kernel.workspaceBytes > 0
            ? UnsafeMutableRawPointer.allocate(byteCount: workspaceFloats * 4, alignment: 64) : nil
        workspace?.initializeMemory(as: Float.self, repeating: .nan, count: workspaceFloats)
        defer {
            for (buffer, _) in inputs { buffer.deallocate() }
            for (buffer, _) in outputs { buffer.deallocate() }
            workspace?.deallocate()
        }
        let buffers = KernelBuffers(inputs: inputs.map { UnsafeRawPointer($0.0) },
                                    outputs: outputs.map { UnsafeMutableRawPointer($0.0) }, workspace: workspace)
        kernel.run(buffers, context: KernelContext(threadCount: 1))
        return try zip(outputs, sizes).map { output, shape in
            try Tensor(shape: shape, scalars: Array(UnsafeBufferPointer(start: output.0, count: output.1)))
        }
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

    /// Prepares `family`'s kernel for `op` on `operands`, runs it and compares its result with
    /// the reference. Records an issue naming `configuration` when the family offers no kernel,
    /// offers one other than `expectedKernel` (when given), or misses `relativeL2Bound`.
    /// Returns the kernel's name (`nil` if there was none).
    @discardableResult
    static func checkAgainstReference(_ family: KernelFamily, _ op: OpKind, operands: [Tensor], attributes: Attributes,
                                      constantIndices: Set<Int> = [], expectedKernel: String? = nil,
                                      configuration: String,
                                      sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> String? {
        let request = try request(op, operands: operands, attributes: attributes, constantIndices: constantIndices)
        guard let kernel = try family.makeKernel(for: request) else {
            Issue.record("no kernel for \(configuration)", sourceLocation: sourceLocation)
            return nil
        }
        if let expectedKernel, kernel.name != expectedKernel {
            Issue.record("chose \(kernel.name), expected \(expectedKernel), for \(configuration)", sourceLocation: sourceLocation)
        }
        let actual = try run(kernel, operands: operands, resultTypes: request.resultTypes)
        let expected = try ReferenceKernels.evaluate(op, operands: operands, attributes: attributes)
        let error = relativeL2Error(actual[0], expected[0])
        if !(error <= relativeL2Bound) {
            Issue.record("relative L2 error \(error) > \(relativeL2Bound) with \(kernel.name) for \(configuration)",
                         sourceLocation: sourceLocation)
        }
        return kernel.name
    }
}
