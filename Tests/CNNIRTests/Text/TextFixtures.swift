@testable import CNNIR

/// IR texts and helpers shared by the text-format tests.
enum TextFixtures {
    /// LeNet-5 in canonical form (the printer reproduces it byte for byte).
    static let lenet5 = """
        graph @lenet5(%x: f32[N,1,28,28]) -> f32[N,10] {
          weights "lenet5.safetensors"
          %c1.w = param f32[6,1,5,5]
          %c1.b = param f32[6]
          %c3.w = param f32[16,6,5,5]
          %c3.b = param f32[16]
          %f5.w = param f32[120,400]
          %f5.b = param f32[120]
          %f6.w = param f32[84,120]
          %f6.b = param f32[84]
          %f7.w = param f32[10,84]
          %f7.b = param f32[10]
          %0 = conv %x, %c1.w, %c1.b {pads = [2,2,2,2]} : f32[N,6,28,28]
          %1 = relu %0 : f32[N,6,28,28]
          %2 = max_pool %1 {kernel = [2,2], strides = [2,2]} : f32[N,6,14,14]
          %3 = conv %2, %c3.w, %c3.b : f32[N,16,10,10]
          %4 = relu %3 : f32[N,16,10,10]
          %5 = max_pool %4 {kernel = [2,2], strides = [2,2]} : f32[N,16,5,5]
          %6 = flatten %5 : f32[N,400]
          %7 = gemm %6, %f5.w, %f5.b {trans_b = true} : f32[N,120]
          %8 = relu %7 : f32[N,120]
          %9 = gemm %8, %f6.w, %f6.b {trans_b = true} : f32[N,84]
          %10 = relu %9 : f32[N,84]
          %11 = gemm %10, %f7.w, %f7.b {trans_b = true} : f32[N,10]
          return %11
        }

        """

    /// A one-input graph around `body` lines (indented by the caller), returning `%y`.
    static func graph(_ body: String, input: String = "f32[1,3,8,8]", result: String? = nil) -> String {
        let arrow = result.map { " -> \($0)" } ?? ""
        return "graph @g(%x: \(input))\(arrow) {\n\(body)\n  return %y\n}\n"
    }

    /// The diagnostic `text` fails with (as `t.ir`), or `nil` if it parses.
    static func parseError(_ text: String) -> Diagnostic? {
        do {
            _ = try IRParser.parse(text, file: "t.ir")
            return nil
        } catch let diagnostic as Diagnostic {
            return diagnostic
        } catch {
            return Diagnostic("not a Diagnostic: \(error)")
        }
    }

    /// Parses `text` as `t.ir`, then prints it.
    static func reprint(_ text: String) throws -> String {
        IRPrinter.print(try IRParser.parse(text, file: "t.ir"))
    }
}
