/// The number of taps of a depthwise window: fixed when compiling for the common 3x3 and 5x5
/// windows, so that the loop over taps unrolls, or known only at run time for the others.
public protocol DepthwiseTaps {
    /// The number of taps (kh · kw).
    var count: Int { get }
}

/// The 9 taps of a 3x3 window.
public struct NineTaps: DepthwiseTaps {
    /// 9.
    @inlinable public var count: Int { 9 }
    /// The 3x3 window.
    @inlinable public init() {}
}

/// The 25 taps of a 5x5 window.
public struct TwentyFiveTaps: DepthwiseTaps {
    /// 25.
    @inlinable public var count: Int { 25 }
    /// The 5x5 window.
    @inlinable public init() {}
}

/// The taps of any other window.
public struct RuntimeTaps: DepthwiseTaps {
    /// kh · kw.
    public let count: Int
    /// A window of `count` taps.
    @inlinable public init(count: Int) { self.count = count }
}
