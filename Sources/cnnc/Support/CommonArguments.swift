/// The arguments several subcommands share, declared once.
extension PositionalSpec {
    /// The model to read.
    static let model = PositionalSpec.required("MODEL.ir", "the model: cnnc's text IR, an ONNX file (imported in memory) or a compiled .plan")
}

extension OptionSpec {
    /// `--set NAME=SIZE`: binds a named dimension.
    static let set = OptionSpec.option(
        "set", value: "NAME=SIZE", repeatable: true,
        "bind the named dimension NAME (such as a batch N) to SIZE; repeat for several")
}
