import Testing
@testable import CNNRuntime

/// How kernels split work over threads (`equalShare`).
@Suite("Equal shares of work")
struct EqualShareTests {
    @Test("the shares are contiguous, cover every item once, and differ in size by at most one")
    func sharesCoverEveryItemOnce() {
        for count in [0, 1, 2, 7, 49, 196, 1000] {
            for parts in 1...5 {
                let shares = (0..<parts).map { equalShare($0, of: parts, count) }
                #expect(shares.first?.lowerBound == 0 && shares.last?.upperBound == count)
                #expect(zip(shares, shares.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
                let sizes = shares.map(\.count)
                #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1, "\(count) over \(parts): \(sizes)")
            }
        }
    }
}
