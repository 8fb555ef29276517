/// A product that cannot be computed as described: the sizes, leading dimensions or
/// instruction set were wrong, with what was expected and what was found.
public struct GEMMError: Error, Equatable, CustomStringConvertible {
    /// What was wrong.
    public var message: String

    /// Creates an error.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}
