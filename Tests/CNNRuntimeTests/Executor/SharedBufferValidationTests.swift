import CNNIR
import CNNRuntime
import Testing

/// The checker and the planner on requests whose buffers share bytes: views, in-place results
/// and concat slices are not overlaps, and real overlaps among them are still caught.
@Suite("Memory plans with shared buffers")
struct SharedBufferValidationTests {
    /// %x (0-1); its view %v (1-3); %y written in place over %v at step 3 (3-4); the concat
    /// result %c (5-6) made of the slices %s0 (4-5, bytes 0..<256) and %s1 (2-5, bytes
    /// 256..<512); a workspace at step 3.
    static func request(viewLastStep: Int = 3, secondSliceOffset: Int = 256, firstSliceStep: Int = 4) -> MemoryPlanRequest {
        MemoryPlanRequest(buffers: [
            MemoryBuffer(name: "%x", bytes: 256, firstStep: 0, lastStep: 1),
            MemoryBuffer(name: "%v", bytes: 256, firstStep: 1, lastStep: viewLastStep, sharing: BufferSharing(.view, of: 0)),
            MemoryBuffer(name: "%y", bytes: 256, firstStep: 3, lastStep: 4, sharing: BufferSharing(.inPlace, of: 1)),
            MemoryBuffer(name: "%c", bytes: 512, firstStep: 5, lastStep: 6),
            MemoryBuffer(name: "%s0", bytes: 256, firstStep: firstSliceStep, lastStep: max(5, firstSliceStep), sharing: BufferSharing(.slice, of: 3)),
            MemoryBuffer(name: "%s1", bytes: 256, firstStep: 2, lastStep: 5,
                         sharing: BufferSharing(.slice, of: 3, offset: secondSliceOffset)),
            MemoryBuffer(name: "workspace of %y", bytes: 128, firstStep: 3, lastStep: 3),
        ])
    }

    /// A valid plan of `request()`: the block of %x, %v, %y at 0, the concat at 256, the workspace at 768.
    static let validOffsets = [0, 0, 0, 256, 256, 512, 768]

    @Test("views, in-place results and slices at their places are valid; blocks span their buffers' lifetimes")
    func validSharing() throws {
        let request = Self.request()
        try MemoryPlan(offsets: Self.validOffsets, arenaBytes: 896).validate(request)
        #expect(request.blocks == [
            StorageBlock(buffer: 0, bytes: 256, firstStep: 0, lastStep: 4),
            StorageBlock(buffer: 3, bytes: 512, firstStep: 2, lastStep: 6),
            StorageBlock(buffer: 6, bytes: 128, firstStep: 3, lastStep: 3),
        ])
        #expect(request.peakLiveBytes == 896)
        #expect(request.naiveBytes == 256 * 5 + 512 + 128)
        let plan = GreedyMemoryPlanner().plan(request)
        try plan.validate(request)
        #expect(plan.offsets[1] == plan.offsets[0] && plan.offsets[2] == plan.offsets[0])
        #expect(plan.offsets[4] == plan.offsets[3] && plan.offsets[5] == plan.offsets[3] + 256)
        #expect(plan.arenaBytes == 896)
        let statistics = MemoryStatistics(request: request, plan: plan)
        #expect(statistics.sharedBuffers == [.view: 1, .inPlace: 1, .slice: 2])
        #expect(statistics.efficiency == 1)
    }

    @Test("the checker catches a shared buffer away from its place, data read after it is overwritten, overlapping slices, a late slice, a slice too large")
    func sharingErrors() {
        func message(_ request: MemoryPlanRequest, _ offsets: [Int] = Self.validOffsets) -> String? {
            ExecutorTestSupport.diagnosticMessage { try MemoryPlan(offsets: offsets, arenaBytes: 896).validate(request) }
        }
        #expect(message(Self.request(), [0, 64, 64, 256, 256, 512, 768])
                == "buffer %v is placed at 64 but shares the bytes of %x from 0")
        #expect(message(Self.request(viewLastStep: 4))
                == "buffers %x (bytes 0..<256, steps 0...4) and %y (bytes 0..<256, steps 3...4) overlap while both are alive")
        #expect(message(Self.request(secondSliceOffset: 128), [0, 0, 0, 256, 256, 384, 768])
                == "buffers %s0 (bytes 256..<512, steps 4...6) and %s1 (bytes 384..<640, steps 2...6) overlap while both are alive")
        #expect(message(Self.request(firstSliceStep: 6)) == "slice %s0 is written at step 6, after its concat %c (step 5)")
        #expect(message(Self.request(secondSliceOffset: 384), [0, 0, 0, 256, 256, 640, 768])
                == "buffer %s1 (256 bytes) at offset 384 of %c does not fit in its 512 bytes")
    }

    @Test("the checker catches a workspace inside an in-place pair, a view older than its source, and a cycle")
    func moreSharingErrors() {
        let request = Self.request()
        let workspaceOverlap = MemoryPlan(offsets: [0, 0, 0, 256, 256, 512, 0], arenaBytes: 896)
        #expect(ExecutorTestSupport.diagnosticMessage { try workspaceOverlap.validate(request) }
                == "buffers %x (bytes 0..<256, steps 0...3) and workspace of %y (bytes 0..<128, steps 3...3) overlap while both are alive")
        let early = MemoryPlanRequest(buffers: [
            MemoryBuffer(name: "%x", bytes: 64, firstStep: 2, lastStep: 3),
            MemoryBuffer(name: "%v", bytes: 64, firstStep: 1, lastStep: 3, sharing: BufferSharing(.view, of: 0)),
        ])
        #expect(ExecutorTestSupport.diagnosticMessage { try MemoryPlan(offsets: [0, 0], arenaBytes: 64).validate(early) }
                == "buffer %v (view) is alive from step 1, before %x (step 2)")
        let cycle = MemoryPlanRequest(buffers: [
            MemoryBuffer(name: "%p", bytes: 64, firstStep: 0, lastStep: 1, sharing: BufferSharing(.view, of: 1)),
            MemoryBuffer(name: "%q", bytes: 64, firstStep: 0, lastStep: 1, sharing: BufferSharing(.view, of: 0)),
        ])
        #expect(ExecutorTestSupport.diagnosticMessage { try MemoryPlan(offsets: [0, 0], arenaBytes: 64).validate(cycle) }
                == "buffer %p shares bytes in a cycle that never reaches a buffer with bytes of its own")
        let missing = MemoryPlanRequest(buffers: [
            MemoryBuffer(name: "%p", bytes: 64, firstStep: 0, lastStep: 1, sharing: BufferSharing(.view, of: 5)),
        ])
        #expect(ExecutorTestSupport.diagnosticMessage { try MemoryPlan(offsets: [0], arenaBytes: 64).validate(missing) }
                == "buffer %p shares the bytes of buffer #5, which is not another buffer of the request")
    }
}
