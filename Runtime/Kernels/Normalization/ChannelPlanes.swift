/// An `[N, C, spatial...]` tensor seen as N·C contiguous planes, one per image and channel:
/// what the normalization kernels walk.
struct ChannelPlanes: Sendable {
    /// The batch size N.
    let batch: Int
    /// The channel count C.
    let channels: Int
    /// The elements of one plane (the product of the spatial sizes).
    let planeSize: Int

    /// Calls `body` for every plane, in order, with the offset of its first element and its channel.
    @inline(__always)
    func forEach(_ body: (_ offset: Int, _ channel: Int) -> Void) {
        for image in 0..<batch {
            for channel in 0..<channels {
                body((image * channels + channel) * planeSize, channel)
            }
        }
    }
}
