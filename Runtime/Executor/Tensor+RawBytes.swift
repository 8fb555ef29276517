import CNNGEMM
import CNNIR

extension Tensor {
    /// The fewest bytes copied on more than one thread (`copyBytes(to:threadCount:)`).
    static let bandedCopyBytes = 64 << 10

    /// Copies the elements, as they are stored, to `destination` (which must hold
    /// `count * dtype.byteSize` bytes).
    public func copyBytes(to destination: UnsafeMutableRawPointer) {
        withUnsafeElementBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            destination.copyMemory(from: base, byteCount: bytes.count)
        }
    }

    /// Copies the elements like `copyBytes(to:)`, on up to `threadCount` threads of the worker
    /// pool when the tensor has two axes or more and at least `bandedCopyBytes`: each thread
    /// copies one band of rows of every plane (the last two axes), the rows that the thread of
    /// the same number reads in a conv that splits its output rows or positions. That is how
    /// a run copies its inputs in: the first layer's threads then read what their own cores
    /// wrote (docs/RUNTIME.md, Threads).
    public func copyBytes(to destination: UnsafeMutableRawPointer, threadCount: Int) {
        withUnsafeElementBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            let rows = rank >= 2 ? shape[rank - 2] : 1
            let parts = min(threadCount, rows)
            guard parts > 1, bytes.count >= Tensor.bandedCopyBytes, let width = shape.last, width > 0 else {
                destination.copyMemory(from: base, byteCount: bytes.count)
                return
            }
            let rowBytes = width * dtype.byteSize, planeBytes = rows * rowBytes, planes = bytes.count / planeBytes
            WorkerPool.shared.run(parts: parts) { part in
                let band = (part * rows / parts)..<((part + 1) * rows / parts)
                for plane in 0..<planes {
                    let offset = plane * planeBytes + band.lowerBound * rowBytes
                    (destination + offset).copyMemory(from: base + offset, byteCount: band.count * rowBytes)
                }
            }
        }
    }

    /// Calls `body` with the elements' bytes, as they are stored.
    private func withUnsafeElementBytes(_ body: (UnsafeRawBufferPointer) -> Void) {
        switch storage {
        case .f32(let elements): elements.withUnsafeBytes(body)
        case .f64(let elements): elements.withUnsafeBytes(body)
        case .i64(let elements): elements.withUnsafeBytes(body)
        case .bool(let elements): elements.withUnsafeBytes(body)
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
