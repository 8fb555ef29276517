import CNNIR

/// A Winograd conv's constant filters transformed (`WinogradFilterTransform`) and packed for
/// the products (`WinogradProducts`) once, when the plan is prepared: for every frequency and
/// band, the band's rows of U[ξ] in the packed GEMM's panel order.
final class WinogradPackedFilters: @unchecked Sendable {
    /// The packed panels, frequency by frequency and band by band, each on a 64-byte boundary.
    private let storage: UnsafeMutableRawPointer
    /// The bytes of one frequency's bands, and of one full band (a multiple of 64 each).
    private let bytesPerFrequency: Int, bytesPerBand: Int

    /// Transforms and packs `weights` (`[C_out, C_in, 3, 3]`, f32). Throws a `Diagnostic` when
    /// they are not f32 or hold too few elements.
    init(_ weights: Tensor, transform: WinogradFilterTransform, products: WinogradProducts, inputChannels: Int) throws {
        let outputChannels = products.outputChannels
        let lastBand = products.bandCount - 1
        func rounded(_ bytes: Int) -> Int { (bytes + 63) / 64 * 64 }
        bytesPerBand = rounded(products.product(band: 0, groups: 1).packedAByteCount)
        bytesPerFrequency = bytesPerBand * lastBand + rounded(products.product(band: lastBand, groups: 1).packedAByteCount)
        let frequencies = transform.patchSize * transform.patchSize
        storage = UnsafeMutableRawPointer.allocate(byteCount: max(64, bytesPerFrequency * frequencies), alignment: 64)
        var transformed = [Float](repeating: 0, count: transform.floatCount(outputChannels: outputChannels, inputChannels: inputChannels))
        try weights.withUnsafeBufferPointer(of: Float.self) { elements in
            guard let base = elements.baseAddress, elements.count >= outputChannels * inputChannels * 9 else {
                throw Diagnostic("the weights hold \(elements.count) elements, expected \(outputChannels * inputChannels * 9)")
            }
            transformed.withUnsafeMutableBufferPointer { buffer in
                guard let destination = buffer.baseAddress else { return }
                transform.transform(base, channels: 0..<outputChannels, outputChannels: outputChannels,
                                    inputChannels: inputChannels, into: destination)
            }
        }
        transformed.withUnsafeBufferPointer { buffer in
            guard let source = buffer.baseAddress else { return }
            for frequency in 0..<frequencies {
                for band in 0..<products.bandCount {
                    let rows = products.band(band)
                    products.product(band: band, groups: 1)
                        .packA(source + (frequency * outputChannels + rows.lowerBound) * inputChannels,
                               into: storage + frequency * bytesPerFrequency + band * bytesPerBand)
                }
            }
        }
    }

    deinit { storage.deallocate() }

    /// The packed panels of band `band` of frequency `frequency`.
    func panels(frequency: Int, band: Int) -> UnsafeRawPointer {
        UnsafeRawPointer(storage + frequency * bytesPerFrequency + band * bytesPerBand)
    }
}
