/// `⌈numerator / divisor⌉` for any numerator and a positive divisor.
@inline(__always)
func ceilingDivision(_ numerator: Int, _ divisor: Int) -> Int {
    numerator >= 0 ? (numerator + divisor - 1) / divisor : -((-numerator) / divisor)
}

/// `⌊numerator / divisor⌋` for any numerator and a positive divisor.
@inline(__always)
func floorDivision(_ numerator: Int, _ divisor: Int) -> Int {
    numerator >= 0 ? numerator / divisor : -((-numerator + divisor - 1) / divisor)
}
