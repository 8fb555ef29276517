import Foundation
import CNNIR

/// Hand-made inputs that attack the parser's limits: deep nesting, huge tokens, numbers that
/// overflow, sizes that overflow when multiplied, and big graphs that would expose quadratic work.
enum HostileInputs {
    /// Every hostile input.
    static let all: [FuzzInput] = [
        graph("deep dense nesting", "  %c = constant {value = dense<" + String(repeating: "[", count: 100_000) + "1.0> : f32[1]} : f32[1]\n  return %c"),
        graph("deep attribute list nesting", "  %y = relu %x {pads = " + String(repeating: "[", count: 100_000) + "} : f32[1,3,8,8]\n  return %y"),
        graph("unclosed dense nesting", "  %c = constant {value = dense<" + String(repeating: "[1.0,", count: 20_000)),
        graph("huge value name", "  %" + String(repeating: "a", count: 200_000) + " = relu %x : f32[1,3,8,8]\n  return %x"),
        graph("huge quoted name of escapes", "  %\"" + String(repeating: "\\\"", count: 50_000) + "\" = relu %x : f32[1,3,8,8]\n  return %x"),
        graph("huge number literal", "  %y = leaky_relu %x {alpha = " + String(repeating: "9", count: 100_000) + ".5} : f32[1,3,8,8]\n  return %y"),
        text("dimension beyond Int", "graph @g(%x: f32[99999999999999999999]) -> f32[1] {\n  return %x\n}\n"),
        text("element count overflow", "graph @g(%x: f32[9223372036854775807,9223372036854775807]) {\n  %y = relu %x : f32[9223372036854775807,9223372036854775807]\n  return %y\n}\n"),
        text("parameter element count overflow", "graph @g(%x: f32[1]) {\n  %w = param f32[9223372036854775807,4]\n  %y = add %x, %w : f32[9223372036854775807,4]\n  return %y\n}\n"),
        text("flatten product overflow", "graph @g(%x: f32[4294967296,4294967296,8]) {\n  %y = flatten %x {axis = 2} : f32[1,8]\n  return %y\n}\n"),
        text("negative dimension", "graph @g(%x: f32[-1,3]) {\n  %y = relu %x : f32[-1,3]\n  return %y\n}\n"),
        text("zero dimension", "graph @g(%x: f32[0,3]) {\n  %y = softmax %x : f32[0,3]\n  return %y\n}\n"),
        graph("dense count below the shape", "  %c = constant {value = dense<[1.0]> : f32[1000000000000]} : f32[1000000000000]\n  return %c"),
        graph("dense count above the shape", "  %c = constant {value = dense<[1.0,2.0,3.0]> : f32[2]} : f32[2]\n  return %c"),
        graph("dense of integers too big for i64", "  %c = constant {value = dense<[9223372036854775808]> : i64[1]} : i64[1]\n  return %c"),
        graph("conv with extreme strides and pads", "  %w = param f32[3,3,3,3]\n  %y = conv %x, %w {pads = [9223372036854775807,0,0,-9223372036854775808], strides = [9223372036854775807,1]} : f32[1,3,8,8]\n  return %y"),
        graph("conv with extreme dilations", "  %w = param f32[3,3,3,3]\n  %y = conv %x, %w {dilations = [4611686018427387904,4611686018427387904]} : f32[1,3,8,8]\n  return %y"),
        graph("max_pool with extreme kernel", "  %y = max_pool %x {kernel = [9223372036854775807,9223372036854775807], ceil_mode = true} : f32[1,3,1,1]\n  return %y"),
        graph("reshape to an overflowing shape", "  %y = reshape %x {shape = [9223372036854775807,9223372036854775807,-1]} : f32[1]\n  return %y"),
        graph("resize by an enormous scale", "  %y = resize %x {scales = [1.0,1.0,1e300,1e300]} : f32[1,3,8,8]\n  return %y"),
        graph("resize to enormous sizes", "  %y = resize %x {sizes = [1,3,9223372036854775807,9223372036854775807]} : f32[1,3,8,8]\n  return %y"),
        graph("pad by enormous amounts", "  %y = pad %x {pads = [0,0,9223372036854775807,9223372036854775807,0,0,1,1]} : f32[1,3,8,8]\n  return %y"),
        graph("unsqueeze at extreme axes", "  %y = unsqueeze %x {axes = [9223372036854775807,-9223372036854775808]} : f32[1,3,8,8]\n  return %y"),
        graph("softmax at the lowest axis", "  %y = softmax %x {axis = -9223372036854775808} : f32[1,3,8,8]\n  return %y"),
        graph("concat at an extreme axis", "  %y = concat %x, %x {axis = -9223372036854775808} : f32[2,3,8,8]\n  return %y"),
        graph("transpose by an extreme permutation", "  %y = transpose %x {perm = [9223372036854775807,0,1,2]} : f32[1,3,8,8]\n  return %y"),
        graph("lrn of extreme size", "  %y = lrn %x {size = 9223372036854775807} : f32[1,3,8,8]\n  return %y"),
        graph("conv_transpose with extreme output padding", "  %w = param f32[3,3,3,3]\n  %y = conv_transpose %x, %w {output_padding = [9223372036854775807,9223372036854775807], strides = [9223372036854775807,9223372036854775807]} : f32[1,3,8,8]\n  return %y"),
        graph("many chained nodes", (0..<2_000).map { "  %r\($0 + 1) = relu %r\($0) : f32[1,3,8,8]" }.joined(separator: "\n").replacingFirst("%r0", with: "%x") + "\n  return %r2000"),
        text("many inputs", "graph @g(" + (0..<3_000).map { "%i\($0): f32[1]" }.joined(separator: ", ") + ") {\n  return %i0\n}\n"),
        text("empty", ""),
        text("byte-order mark only", "\u{FEFF}"),
        text("whitespace and comments only", "  \n\t// nothing\n# still nothing\n"),
        text("unterminated string", "graph @g(%x: f32[1]) {\n  weights \"w.safetensors"),
        text("lone sigils", "graph @ (% : f32[1]) { return % }"),
        text("null and control bytes", "graph @g(%x: f32[1]) {\u{0}\u{1}\u{1B}\n  return %x\n}\n"),
        text("carriage returns", "graph @g(%x: f32[1]) -> f32[1] {\r\n  %y = relu %x : f32[1]\r\n  return %y\r\n}\r\n"),
    ]

    /// A graph over `%x: f32[1,3,8,8]` with `body` (which ends with its return) as its statements.
    private static func graph(_ origin: String, _ body: String) -> FuzzInput {
        text(origin, "graph @g(%x: f32[1,3,8,8]) {\n" + body + "\n}\n")
    }

    /// An input with the exact `text`.
    private static func text(_ origin: String, _ text: String) -> FuzzInput {
        FuzzInput(origin: "hostile input: " + origin, file: "hostile.ir", text: text)
    }
}

extension String {
    /// This string with the first occurrence of `target` replaced.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
