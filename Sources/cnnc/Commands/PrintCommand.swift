import CNNIR

/// `cnnc print MODEL.ir [--set NAME=SIZE]...`: the model in canonical text form.
struct PrintCommand: Subcommand {
    let name = "print"
    let summary = "print a model in canonical text form (attributes sorted, defaults dropped)"
    let signature = CommandSignature(positionals: [.model], options: [.set])
    let discussion = [
        """
        The model is parsed but not verified, so even a model 'cnnc check' rejects can be printed.
        Printing is canonical: printing the printed text again gives the same text. With --set,
        the named dimensions are replaced by their sizes everywhere.
        """,
        """
        examples:
          cnnc print Examples/lenet5.ir
          cnnc print model.ir --set N=8 > model-n8.ir
        """,
    ]

    func run(_ arguments: ParsedArguments) throws {
        let bindings = try DimensionBindings(parsing: arguments.values(of: .set))
        let model = try LoadedModel(path: try arguments.required(.model), bindings: bindings)
        Terminal.output(IRPrinter.print(model.graph))
    }
}
