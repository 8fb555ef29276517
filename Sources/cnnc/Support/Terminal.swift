import Foundation

/// Where cnnc writes: results to standard output, problems to standard error.
enum Terminal {
    /// Writes `text` to standard output, ending it with a newline unless it ends with one.
    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data(terminated(text).utf8))
    }

    /// Writes `text` to standard error, ending it with a newline unless it ends with one.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data(terminated(text).utf8))
    }

    /// `text` ending with exactly the newline it has, or one added.
    private static func terminated(_ text: String) -> String {
        text.hasSuffix("\n") ? text : text + "\n"
    }
}
