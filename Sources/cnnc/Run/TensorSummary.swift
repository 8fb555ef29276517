import CNNRuntime
import Foundation

/// A short description of a tensor's values for one line of `cnnc run`'s output: minimum,
/// maximum and mean (or the value of a single element), the argmax of a single row of scores
/// (`[1,K]`), and how many elements are NaN.
enum TensorSummary {
    /// `min -0.8164 max 1.231 mean 0.01234 argmax 7`; `value 2.303` for a single element;
    /// `empty` for a tensor with no elements.
    static func describe(_ tensor: Tensor) -> String {
        let values = tensor.doubles
        let numbers = values.filter { !$0.isNaN }
        var parts: [String] = []
        if values.count == 1, let value = numbers.first {
            parts.append("value \(format(value))")
        } else if let minimum = numbers.min(), let maximum = numbers.max() {
            let mean = numbers.reduce(0, +) / Double(numbers.count)
            parts.append("min \(format(minimum)) max \(format(maximum)) mean \(format(mean))")
        }
        let nanCount = values.count - numbers.count
        let isScoreRow = tensor.shape.count == 2 && tensor.shape[0] == 1
        if isScoreRow, nanCount == 0, let argmax = values.indices.max(by: { values[$0] < values[$1] }) {
            parts.append("argmax \(argmax)")
        }
        if nanCount > 0 {
            parts.append("\(nanCount) NaN")
        }
        return parts.isEmpty ? "empty" : parts.joined(separator: " ")
    }

    /// A number with four significant digits.
    static func format(_ value: Double) -> String {
        String(format: "%.4g", value)
    }
}
