/// What the pass manager does around the passes: verification, IR dumps and timing.
public struct PassManagerOptions: Sendable {
    /// Verify the unit after every pass (the input and the final result are verified always).
    public var verifyEach: Bool
    /// Print the IR after every pass.
    public var printAfterAll: Bool
    /// Print the IR after each pass of these names (every name must be in the pipeline).
    public var printAfter: Set<String>
    /// Print the time each pass took once the pipeline has run.
    public var timePasses: Bool
    /// Where IR dumps and the timing report go (the CLI passes standard error).
    public var output: @Sendable (String) -> Void

    /// Creates options; by default nothing is printed and only the input and the result are verified.
    public init(verifyEach: Bool = false, printAfterAll: Bool = false, printAfter: Set<String> = [],
                timePasses: Bool = false, output: @escaping @Sendable (String) -> Void = { _ in }) {
        self.verifyEach = verifyEach
        self.printAfterAll = printAfterAll
        self.printAfter = printAfter
        self.timePasses = timePasses
        self.output = output
    }
}
