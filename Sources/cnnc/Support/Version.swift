/// cnnc's version.
enum Version {
    /// The version printed by `cnnc --version`.
    static let current = "0.1.0"
}
