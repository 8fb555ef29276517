import CNNIR

extension Tensor {
    /// Copies the elements, as they are stored, to `destination` (which must hold
    /// `count * dtype.byteSize` bytes).
    public func copyBytes(to destination: UnsafeMutableRawPointer) {
        switch storage {
        case .f32(let elements): Tensor.copy(elements, to: destination)
        case .f64(let elements): Tensor.copy(elements, to: destination)
        case .i64(let elements): Tensor.copy(elements, to: destination)
        case .bool(let elements): Tensor.copy(elements, to: destination)
        }
    }

    /// A tensor of `type` (which must be static) whose elements are copied from `source`.
    public init(_ type: TensorType, copyingBytesFrom source: UnsafeRawPointer) throws {
        guard let shape = type.shape.fixedSizes else { throw Diagnostic("a tensor needs a static type, found \(type)") }
        let count = try Tensor.elementCount(of: shape)
        switch type.dtype {
        case .f32: try self.init(shape: shape, elements: Tensor.read(Float.self, count: count, from: source))
        case .f64: try self.init(shape: shape, elements: Tensor.read(Double.self, count: count, from: source))
        case .i64: try self.init(shape: shape, elements: Tensor.read(Int64.self, count: count, from: source))
        case .bool:
            let bytes = Tensor.read(UInt8.self, count: count, from: source)
            try self.init(shape: shape, elements: bytes.map { $0 != 0 })
        }
    }

    /// Copies an array's elements to raw memory.
    private static func copy<Element>(_ elements: [Element], to destination: UnsafeMutableRawPointer) {
        elements.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            destination.copyMemory(from: base, byteCount: bytes.count)
        }
    }

    /// `count` elements read from raw memory.
    private static func read<Element>(_ type: Element.Type, count: Int, from source: UnsafeRawPointer) -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress {
                UnsafeMutableRawPointer(base).copyMemory(from: source, byteCount: count * MemoryLayout<Element>.stride)
            }
            initialized = count
        }
    }
}
