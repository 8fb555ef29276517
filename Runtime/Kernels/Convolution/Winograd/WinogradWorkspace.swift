import CNNWinogradKernels

/// The scratch of one thread of a Winograd conv, inside the kernel's workspace.
struct WinogradSlot {
    /// V of a block: α² frequencies of `C_in × tiles` floats (`WinogradBlock.frequencyStride`).
    let transformedInput: UnsafeMutablePointer<Float>
    /// M of a block and band: α² frequencies of `band rows × tiles` floats (`WinogradBlock.frequencyStride`).
    let products: UnsafeMutablePointer<Float>
    /// The first pass of a lane transform (α² vectors).
    let scratch: UnsafeMutablePointer<Float>
    /// The input rows or the output tiles of a block's bands, for one channel.
    let bandBuffer: UnsafeMutablePointer<Float>
    /// The lane rows of a block (`WinogradLaneTransforms`): patches, or output tiles.
    let laneRows: UnsafeMutablePointer<Float>
    /// The bands of a block.
    var map: WinogradBlockMap
    /// The packed GEMM's scratch.
    let gemm: UnsafeMutableRawBufferPointer
}

/// Where a Winograd conv keeps its scratch: the filters transformed at run time (when they were
/// not constant at preparation), then one slot per thread (`WinogradSlot`), every part on a
/// 64-byte boundary.
struct WinogradWorkspaceLayout: Sendable {
    /// The bytes of the filters transformed at run time (0 when they were packed beforehand).
    let filterBytes: Int
    /// The number of slots.
    let slots: Int
    /// The distance between lane rows: the most tiles of a block, plus the 16 positions whole
    /// vectors may write past a band's last tile.
    let laneStride: Int
    /// The byte offsets of a slot's parts from the slot's start, in the order of `WinogradSlot`
    /// (the first part at 0), then the bytes of a whole slot.
    private let offsets: [Int]

    /// The layout for `slots` threads, blocks of up to `maximumTiles` tiles of `grid`,
    /// `products`' bands and, when `filterFloats` > 0, room for that many filter floats.
    init(slots: Int, grid: WinogradTileGrid, inputChannels: Int, maximumTiles: Int, products: WinogradProducts, filterFloats: Int) {
        let frequencies = grid.patchSize * grid.patchSize
        filterBytes = WorkspaceSize.bytes(forFloats: filterFloats)
        self.slots = slots
        laneStride = maximumTiles + WinogradLanes.count
        let bands = grid.maximumBands(forTiles: maximumTiles)
        let sizes = [
            WorkspaceSize.bytes(forFloats: frequencies * (inputChannels * maximumTiles + WinogradBlock.frequencySkew)),
            WorkspaceSize.bytes(forFloats: frequencies * (products.bandRows * maximumTiles + WinogradBlock.frequencySkew)),
            WorkspaceSize.bytes(forFloats: frequencies * WinogradLanes.count),
            WorkspaceSize.bytes(forFloats: grid.bandBufferFloats(bands: bands)),
            WorkspaceSize.bytes(forFloats: frequencies * laneStride),
            WorkspaceSize.bytes(forFloats: bands * MemoryLayout<WinogradBand>.stride / MemoryLayout<Float>.stride),
            (products.workspaceBytes + 63) / 64 * 64,
        ]
        offsets = sizes.reduce(into: [0]) { offsets, size in offsets.append(offsets[offsets.count - 1] + size) }
    }

    /// The bytes of one slot.
    var slotBytes: Int { offsets[offsets.count - 1] }

    /// The bytes of the whole workspace.
    var totalBytes: Int { filterBytes + slots * slotBytes }

    /// Slot `index` of `workspace`.
    func slot(_ index: Int, of workspace: UnsafeMutableRawPointer) -> WinogradSlot {
        let base = workspace + filterBytes + index * slotBytes
        func part<Element>(_ number: Int, as type: Element.Type) -> UnsafeMutablePointer<Element> {
            (base + offsets[number]).bindMemory(to: type, capacity: (offsets[number + 1] - offsets[number]) / MemoryLayout<Element>.stride)
        }
        return WinogradSlot(
            transformedInput: part(0, as: Float.self), products: part(1, as: Float.self), scratch: part(2, as: Float.self),
            bandBuffer: part(3, as: Float.self), laneRows: part(4, as: Float.self),
            map: WinogradBlockMap(bands: part(5, as: WinogradBand.self)),
            gemm: UnsafeMutableRawBufferPointer(start: base + offsets[6], count: offsets[7] - offsets[6]))
    }

    /// The filters transformed at run time, at the start of `workspace`.
    func filters(of workspace: UnsafeMutableRawPointer) -> UnsafeMutablePointer<Float> {
        workspace.bindMemory(to: Float.self, capacity: filterBytes / 4)
    }
}
