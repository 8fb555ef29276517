import CNNGEMM
import Foundation

/// Times one fork-join of the shared worker pool with 2 parts, and what a part pays to read
/// data the other part wrote in the previous job (as a layer does when it reads what the other
/// thread of the layer before wrote) against data it wrote itself: each part reads its share,
/// writes as much, then busy-waits a fixed time, so that the worker, not only the calling
/// thread, runs a part.
struct PoolBenchmark {
    let repetitions: Int
    /// Jobs timed together per sample.
    let jobsPerSample = 200
    /// How long each part busy-waits after its reads and writes, nanoseconds.
    let partNanoseconds: UInt64 = 5_000

    /// Prints the median microseconds per job beyond the parts' wait, by bytes read per part.
    func printTable() {
        print("worker pool: median µs per job of 2 parts beyond each part's \(partNanoseconds / 1000) µs wait, each part "
              + "reading then writing a share; reads of its own writes, or of the other part's")
        print("bytes per part | own data µs | reads of the other part's writes µs | writes over the other part's writes µs")
        print("--- | --- | --- | ---")
        let largest = 512 << 10
        let floatsPerPart = largest / MemoryLayout<Float>.stride
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: 4 * floatsPerPart)
        buffer.initialize(repeating: 1, count: 4 * floatsPerPart)
        defer { buffer.deallocate() }
        for bytes in [0, 16 << 10, 64 << 10, 256 << 10, largest] {
            let own = timeJob(buffer: buffer, floatsPerPart: floatsPerPart, bytes: bytes, readsOther: false, writesOther: false)
            let reads = timeJob(buffer: buffer, floatsPerPart: floatsPerPart, bytes: bytes, readsOther: true, writesOther: false)
            let writes = timeJob(buffer: buffer, floatsPerPart: floatsPerPart, bytes: bytes, readsOther: false, writesOther: true)
            print(String(format: "%d KiB | %.2f | %.2f | %.2f", bytes >> 10, own * 1e6, reads * 1e6, writes * 1e6))
        }
    }

    /// The median seconds per job beyond the wait when each part reads `bytes` and writes as
    /// many: with `readsOther`, reading what the other part wrote in the previous job (else
    /// what it wrote itself); with `writesOther`, writing over what the other part wrote in the
    /// previous job (else over its own writes).
    private func timeJob(buffer: UnsafeMutablePointer<Float>, floatsPerPart: Int, bytes: Int,
                         readsOther: Bool, writesOther: Bool) -> Double {
        let floats = bytes / MemoryLayout<Float>.stride
        var job = 0
        let seconds = medianSeconds(repetitions: repetitions, warmup: 3) {
            for _ in 0..<jobsPerSample {
                job += 1
                let flip = job & 1
                WorkerPool.shared.run(parts: 2) { part in
                    // Regions 0 and 1 are written every job, regions 2 and 3 never (after their first).
                    let readRegion = readsOther ? 1 - part : writesOther ? 2 + part : part
                    let writeRegion = writesOther ? (part + flip) & 1 : part
                    let read = buffer + readRegion * floatsPerPart, written = buffer + writeRegion * floatsPerPart
                    var sum = SIMD16<Float>()
                    for index in stride(from: 0, to: floats, by: 16) {
                        sum += UnsafeRawPointer(read + index).loadUnaligned(as: SIMD16<Float>.self)
                    }
                    for index in stride(from: 0, to: floats, by: 16) {
                        UnsafeMutableRawPointer(written + index).storeBytes(of: sum, as: SIMD16<Float>.self)
                    }
                    let start = DispatchTime.now().uptimeNanoseconds
                    while DispatchTime.now().uptimeNanoseconds - start < partNanoseconds {}
                }
            }
        }
        return seconds / Double(jobsPerSample) - Double(partNanoseconds) / 1e9
    }
}
