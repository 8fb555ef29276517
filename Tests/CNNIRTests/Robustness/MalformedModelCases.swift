/// Models that are well-formed text but wrong in meaning, each with the phrase its first error
/// must contain. In `text`, `‸` marks where that error must be located (the marker is removed
/// before parsing): for a node, the `%` of its first result, which is where the parser locates
/// nodes; for a problem with one attribute, the attribute's name; for a second definition, the
/// repeated name; for an undefined output, the `graph` keyword.
struct MalformedModelCase: Sendable, CustomStringConvertible {
    /// What is wrong, for test output.
    var name: String
    /// The model text with one `‸` marker.
    var markedText: String
    /// A phrase the first diagnostic's message must contain.
    var phrase: String

    var description: String { name }

    /// The marker of the expected location.
    static let marker: Unicode.Scalar = "‸"

    /// A case over `graph @m(inputs) { body }`; `body` holds the statements and the return.
    init(_ name: String, inputs: String = "%x: f32[1,3,8,8]", _ body: String, _ phrase: String) {
        self.name = name
        self.markedText = "graph @m(\(inputs)) {\n" + body + "\n}\n"
        self.phrase = phrase
    }

    /// A case with its whole marked text.
    init(_ name: String, text markedText: String, _ phrase: String) {
        self.name = name
        self.markedText = markedText
        self.phrase = phrase
    }

    /// The text without the marker.
    var text: String {
        String(String.UnicodeScalarView(markedText.unicodeScalars.filter { $0 != Self.marker }))
    }

    /// The line and column (from 1, in Unicode scalars) of the marker.
    var markedLocation: (line: Int, column: Int) {
        var (line, column) = (1, 1)
        for scalar in markedText.unicodeScalars {
            if scalar == Self.marker { break }
            if scalar == "\n" { (line, column) = (line + 1, 1) } else { column += 1 }
        }
        return (line, column)
    }
}

extension MalformedModelCase {
    /// Every case.
    static let all: [MalformedModelCase] = [
        MalformedModelCase("declared type differs from the inferred one",
                           "  ‸%y = relu %x : f32[1,3,8,9]\n  return %y", "declared f32[1,3,8,9], inferred f32[1,3,8,8]"),
        MalformedModelCase("use before definition",
                           "  ‸%a = relu %b : f32[1,3,8,8]\n  %b = relu %x : f32[1,3,8,8]\n  return %a", "operand %b is used before its definition"),
        MalformedModelCase("undefined operand",
                           "  %y = relu %x : f32[1,3,8,8]\n  ‸%z = add %y, %nope : f32[1,3,8,8]\n  return %z", "operand %nope is not defined"),
        MalformedModelCase("value defined twice",
                           "  %y = relu %x : f32[1,3,8,8]\n  ‸%y = sigmoid %x : f32[1,3,8,8]\n  return %y", "value %y is defined twice"),
        MalformedModelCase("param defined twice",
                           "  %w = param f32[3]\n  ‸%w = param f32[3]\n  %y = relu %x : f32[1,3,8,8]\n  return %y", "value %w is defined twice"),
        MalformedModelCase("param with the name of an input",
                           "  ‸%x = param f32[3]\n  %y = relu %x : f32[1,3,8,8]\n  return %y", "value %x is defined twice"),
        MalformedModelCase("too many operands",
                           "  ‸%y = relu %x, %x : f32[1,3,8,8]\n  return %y", "relu takes 1 operand (x), found 2"),
        MalformedModelCase("conv without its weight",
                           "  ‸%y = conv %x : f32[1,3,8,8]\n  return %y", "conv takes 2 or 3 operands"),
        MalformedModelCase("missing required attribute",
                           "  ‸%y = max_pool %x : f32[1,3,4,4]\n  return %y", "missing required attribute 'kernel'"),
        MalformedModelCase("attribute of the wrong kind",
                           "  %y = max_pool %x {‸kernel = \"big\"} : f32[1,3,4,4]\n  return %y", "attribute 'kernel' of max_pool must be a list of integers, found a string"),
        MalformedModelCase("unknown attribute",
                           "  %y = relu %x {‸alpha = 0.1} : f32[1,3,8,8]\n  return %y", "unknown attribute 'alpha' for relu"),
        MalformedModelCase("attribute given twice",
                           "  %y = softmax %x {axis = 1, ‸axis = 2} : f32[1,3,8,8]\n  return %y", "duplicate attribute 'axis'"),
        MalformedModelCase("negative pads",
                           "  %w = param f32[4,3,3,3]\n  ‸%y = conv %x, %w {pads = [-1,0,0,0]} : f32[1,4,6,6]\n  return %y", "pads must be non-negative"),
        MalformedModelCase("zero stride",
                           "  %w = param f32[4,3,3,3]\n  ‸%y = conv %x, %w {strides = [0,1]} : f32[1,4,6,6]\n  return %y", "strides must have 2 positive values"),
        MalformedModelCase("groups not dividing the channels",
                           "  %w = param f32[4,1,3,3]\n  ‸%y = conv %x, %w {groups = 2} : f32[1,4,6,6]\n  return %y", "groups (2) must divide input channels (3)"),
        MalformedModelCase("conv weight inconsistent with the input",
                           "  %w = param f32[4,5,3,3]\n  ‸%y = conv %x, %w : f32[1,4,6,6]\n  return %y", "weight must be f32[4,3,3,3]"),
        MalformedModelCase("conv bias of the wrong size",
                           "  %w = param f32[4,3,3,3]\n  %b = param f32[3]\n  ‸%y = conv %x, %w, %b : f32[1,4,6,6]\n  return %y", "bias must be f32[4]"),
        MalformedModelCase("axis out of range",
                           "  ‸%y = softmax %x {axis = 4} : f32[1,3,8,8]\n  return %y", "axis 4 out of range for rank 4"),
        MalformedModelCase("bad mode string",
                           "  ‸%y = resize %x {mode = \"cubic\", scales = [1.0,1.0,2.0,2.0]} : f32[1,3,16,16]\n  return %y", "mode must be one of nearest, linear"),
        MalformedModelCase("mismatched dtypes in add", inputs: "%x: f32[1,3,8,8], %z: f64[1,3,8,8]",
                           "  ‸%y = add %x, %z : f32[1,3,8,8]\n  return %y", "b must be f32 like a"),
        MalformedModelCase("shapes that do not broadcast", inputs: "%x: f32[1,3,8,8], %z: f32[4]",
                           "  ‸%y = mul %x, %z : f32[1,3,8,8]\n  return %y", "cannot broadcast"),
        MalformedModelCase("reshape to a different element count",
                           "  ‸%y = reshape %x {shape = [5,5]} : f32[5,5]\n  return %y", "cannot reshape x f32[1,3,8,8] (192 elements) to [5,5] (25 elements)"),
        MalformedModelCase("undefined output",
                           text: "‸graph @m(%x: f32[1,3,8,8]) {\n  %y = relu %x : f32[1,3,8,8]\n  return %nope\n}\n", "output %nope is not defined"),
        MalformedModelCase("labels that are not i64", inputs: "%logits: f32[4,10], %labels: f32[4]",
                           "  ‸%loss = softmax_cross_entropy %logits, %labels : f32[]\n  return %loss", "labels must be i64[4]"),
        MalformedModelCase("named dimension that must be static", inputs: "%x: f32[1,C,8,8]",
                           "  %w = param f32[4,3,3,3]\n  ‸%y = conv %x, %w : f32[1,4,6,6]\n  return %y", "dimension C (axis 1 of x) must be static"),
        MalformedModelCase("floating op on i64", inputs: "%x: i64[4]",
                           "  ‸%y = sigmoid %x : i64[4]\n  return %y", "must have a floating type"),
        MalformedModelCase("gemm inner sizes differ", inputs: "%a: f32[2,3], %b: f32[4,5]",
                           "  ‸%y = gemm %a, %b : f32[2,5]\n  return %y", "inner dimensions differ"),
        MalformedModelCase("concat of different sizes off the axis", inputs: "%x: f32[1,3,8,8], %z: f32[1,3,7,8]",
                           "  ‸%y = concat %x, %z {axis = 1} : f32[1,6,8,8]\n  return %y", "must match input 0 f32[1,3,8,8] on every axis but 1"),
        MalformedModelCase("transpose by a non-permutation",
                           "  ‸%y = transpose %x {perm = [0,0,1,2]} : f32[1,1,3,8]\n  return %y", "perm must be a permutation"),
        MalformedModelCase("batch_norm statistics of the wrong size",
                           "  %s = param f32[4]\n  %b = param f32[3]\n  %m = param f32[3]\n  %v = param f32[3]\n  ‸%y = batch_norm %x, %s, %b, %m, %v : f32[1,3,8,8]\n  return %y", "scale must be f32[3]"),
        MalformedModelCase("pool window larger than the padded input",
                           "  ‸%y = max_pool %x {kernel = [9,9]} : f32[1,3,1,1]\n  return %y", "smaller than the kernel extent 9"),
        MalformedModelCase("squeeze of an axis that is not 1",
                           "  ‸%y = squeeze %x {axes = [1]} : f32[1,8,8]\n  return %y", "cannot squeeze axis 1"),
        MalformedModelCase("dense literal with the wrong element count",
                           "  %c = constant {value = dense<‸[1.0,2.0]> : f32[3]} : f32[3]\n  return %c", "expected 3 elements for dimension 0 of f32[3], found 2"),
        MalformedModelCase("unknown op",
                           "  %y = ‸conv2d %x : f32[1,3,8,8]\n  return %y", "unknown op 'conv2d'"),
        MalformedModelCase("graph result type differs from the returned value", inputs: "%x: f32[1,3,8,8]) -> (f32[2]",
                           "  %y = relu %x : f32[1,3,8,8]\n  return ‸%y", "returned value %y has type f32[1,3,8,8]"),
        MalformedModelCase("mse of different shapes", inputs: "%p: f32[4,2], %t: f32[4,3]",
                           "  ‸%l = mse %p, %t : f32[]\n  return %l", "target must be f32[4,2]"),
        MalformedModelCase("conv_transpose output padding not below the stride",
                           "  %w = param f32[3,2,3,3]\n  ‸%y = conv_transpose %x, %w {output_padding = [2,2], strides = [2,2]} : f32[1,2,19,19]\n  return %y", "output_padding must be smaller than the stride"),
    ]
}
