/// How conv_weight_grad takes the output positions of the whole batch: in segments, each the
/// inner dimension of one product `dW += dy[:, segment] · columns[:, segment]ᵀ`.
///
/// Small images are taken several whole images at a time (their gradient rows are then copied
/// side by side), larger ones in equal parts of one image (their length a multiple of 16), so
/// that every product has a deep inner dimension while its column matrix stays small. The
/// segments depend on the conv's shape alone, never on the thread count, so every element of
/// dW is summed in the same order however many threads run.
struct WeightGradientSegments: Sendable {
    /// N.
    let images: Int
    /// The output positions of one image.
    let positions: Int
    /// The whole images one segment takes (1: a segment is part of one image).
    let imagesPerSegment: Int
    /// The positions one segment takes from each of its images.
    let length: Int

    /// The segments of `images` images of `positions` output positions, each at most
    /// `maximumDepth` positions deep (but at least one image part of 16 positions).
    init(images: Int, positions: Int, maximumDepth: Int) {
        self.images = images
        self.positions = positions
        if 2 * positions <= maximumDepth {
            imagesPerSegment = max(1, min(images, maximumDepth / positions))
            length = positions
        } else {
            imagesPerSegment = 1
            let parts = (positions + maximumDepth - 1) / maximumDepth
            length = min(positions, ((positions + parts - 1) / parts + 15) / 16 * 16)
        }
    }

    /// Whether segments hold several images, whose gradient rows must be copied side by side.
    var joinsImages: Bool { imagesPerSegment > 1 }

    /// The depth of a full segment.
    var fullDepth: Int { imagesPerSegment * length }

    /// The depth of the shortest segment (the batch's last, or the last part of an image).
    var lastDepth: Int {
        guard !joinsImages else {
            let remainder = images % imagesPerSegment
            return (remainder == 0 ? imagesPerSegment : remainder) * positions
        }
        return positions - (positions - 1) / length * length
    }

    /// The segments of one image's positions.
    var partsPerImage: Int { (positions + length - 1) / length }

    /// The number of segments.
    var count: Int { (images + imagesPerSegment - 1) / imagesPerSegment * partsPerImage }

    /// Calls `body` with the segments `indices` (of `0..<count`) in order: each one's first
    /// image, number of images and the positions it takes from each.
    @inline(__always)
    func forEach(_ indices: Range<Int>, _ body: (_ firstImage: Int, _ imageCount: Int, _ positions: Range<Int>) -> Void) {
        let partsPerImage = partsPerImage
        for index in indices {
            let firstImage = index / partsPerImage * imagesPerSegment, first = index % partsPerImage * length
            body(firstImage, min(imagesPerSegment, images - firstImage), first..<min(first + length, positions))
        }
    }
}
