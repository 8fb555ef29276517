@testable import CNNGEMM
import Testing

/// The split of a product among threads covers C exactly, in whole tiles.
@Suite("GEMM partition")
struct GEMMPartitionTests {
    static let blocking = GEMMBlocking(tileRows: 8, tileColumns: 48, blockRows: 192, blockDepth: 384, blockColumns: 4096)

    @Test("bands cover every row and column once, start on tile boundaries, and are never empty")
    func bandsCoverC() {
        for (rows, columns, depth) in [(64, 3136, 576), (1024, 1024, 1024), (512, 49, 4608), (7, 50, 3000), (300, 47, 100)] {
            for threads in 1...4 {
                let partition = GEMMPartition(rows: rows, columns: columns, depth: depth,
                                              blocking: GEMMPartitionTests.blocking, threadCount: threads)
                var covered = [Int](repeating: 0, count: rows * columns)
                for part in 0..<partition.parts {
                    let (bandRows, bandColumns) = partition.ranges(of: part)
                    #expect(!bandRows.isEmpty && !bandColumns.isEmpty)
                    #expect(bandRows.lowerBound % 8 == 0 && bandColumns.lowerBound % 48 == 0)
                    for row in bandRows { for column in bandColumns { covered[row * columns + column] += 1 } }
                }
                #expect(covered.allSatisfy { $0 == 1 }, "\(rows)×\(columns)×\(depth) on \(threads) threads")
                #expect(partition.parts <= threads)
            }
        }
    }

    @Test("wide products split columns, tall narrow ones rows, tiny ones not at all")
    func splitChoice() {
        let wide = GEMMPartition(rows: 64, columns: 3136, depth: 576, blocking: GEMMPartitionTests.blocking, threadCount: 2)
        #expect(wide.parts == 2 && wide.splitsColumns)
        let tall = GEMMPartition(rows: 512, columns: 49, depth: 4608, blocking: GEMMPartitionTests.blocking, threadCount: 2)
        #expect(tall.parts == 2 && !tall.splitsColumns)
        let tiny = GEMMPartition(rows: 8, columns: 8, depth: 8, blocking: GEMMPartitionTests.blocking, threadCount: 2)
        #expect(tiny.parts == 1)
    }
}
