/// The sums the normalizations and their gradients need, over one contiguous run of f32 elements: 16 f32
/// lanes accumulated along the run, then added up in `Double` (in a fixed order, so a run's sum
/// does not depend on which thread computes it).
enum LaneSums {
    /// Σ term(x[i]) for i in `0..<count`.
    @inline(__always)
    static func sum<Term: VectorTransform>(_ x: UnsafePointer<Float>, count: Int, _ term: Term) -> Double {
        var lanes = FloatVector()
        var index = 0
        while index + 16 <= count {
            lanes += term(x.loadFloatVector(at: index))
            index += 16
        }
        var total = 0.0
        for lane in 0..<16 { total += Double(lanes[lane]) }
        if index < count {
            let rest = count - index
            let tail = term(x.loadPartialFloatVector(at: index, count: rest))
            for lane in 0..<rest { total += Double(tail[lane]) }
        }
        return total
    }

    /// (Σ dy[i], Σ dy[i]·(x[i] − center)) for i in `0..<count`, in one pass.
    @inline(__always)
    static func gradientSums(x: UnsafePointer<Float>, dy: UnsafePointer<Float>, count: Int,
                             center: Float) -> (gradient: Double, weighted: Double) {
        var gradientLanes = FloatVector(), weightedLanes = FloatVector()
        var index = 0
        while index + 16 <= count {
            let gradient = dy.loadFloatVector(at: index)
            gradientLanes += gradient
            weightedLanes.addProduct(gradient, x.loadFloatVector(at: index) - center)
            index += 16
        }
        if index < count {
            // The lanes past the run load as zero dy, so they add nothing to either sum.
            let rest = count - index
            let gradient = dy.loadPartialFloatVector(at: index, count: rest)
            gradientLanes += gradient
            weightedLanes.addProduct(gradient, x.loadPartialFloatVector(at: index, count: rest) - center)
        }
        var totals = (0.0, 0.0)
        for lane in 0..<16 {
            totals.0 += Double(gradientLanes[lane])
            totals.1 += Double(weightedLanes[lane])
        }
        return totals
    }

    /// The mean and biased variance of the planes `x + offset(i)` for i in `0..<planes`, each of
    /// `planeSize` elements: the mean first, then the squared deviations from its f32 rounding m̃,
    /// corrected by (μ − m̃)² (Σ(x − m̃)² = Σ(x − μ)² + M·(μ − m̃)²).
    @inline(__always)
    static func statistics(_ x: UnsafePointer<Float>, planes: Int, planeSize: Int,
                           offset: (Int) -> Int) -> (mean: Double, variance: Double) {
        let count = Double(planes * planeSize)
        var total = 0.0
        for plane in 0..<planes { total += sum(x + offset(plane), count: planeSize, PlainValue()) }
        let mean = total / count
        let rounded = Float(mean)
        var squares = 0.0
        for plane in 0..<planes { squares += sum(x + offset(plane), count: planeSize, SquaredDeviation(mean: rounded)) }
        let shift = mean - Double(rounded)
        return (mean, max(0, squares / count - shift * shift))
    }
}
