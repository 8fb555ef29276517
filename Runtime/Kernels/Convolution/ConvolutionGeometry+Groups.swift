extension ConvolutionGeometry {
    /// Calls `body` for every image and channel group, in order, with the group's first channel
    /// of x (`inputChannelsPerGroup` planes of `inputPlane` elements), its first channel of the
    /// result (`outputChannelsPerGroup` planes of `outputPlane` elements) and the group's index.
    @inline(__always)
    func forEachGroup(x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>,
                      _ body: (_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, _ group: Int) -> Void) {
        for image in 0..<batch {
            for group in 0..<groups {
                body(x + (image * inputChannels + group * inputChannelsPerGroup) * inputPlane,
                     y + (image * outputChannels + group * outputChannelsPerGroup) * outputPlane, group)
            }
        }
    }
}
