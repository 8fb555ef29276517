/// Reads ONNX files: models (`model.onnx`) and lone tensors (the `input_0.pb` files of ONNX test data).
///
/// Decoding checks every length, offset and count against the bytes present, so a truncated or
/// hostile file is a thrown `Diagnostic` (never a crash or a huge allocation) whose message
/// names the file, the chain of fields, and the byte offset:
/// `model.onnx: ModelProto.graph > GraphProto.initializer[2] > TensorProto.raw_data (field 9) at byte 1234: length 4294967295 exceeds the 812 bytes left`.
public enum ONNXModelReader {
    /// Reads the model at `path` and loads the elements of tensors kept in external files, which
    /// must lie inside the model's folder.
    public static func read(contentsOf path: String) throws -> ModelProto {
        try decode(try BinaryFile.read(contentsOf: path), file: path, externalDataDirectory: directory(of: path))
    }

    /// Decodes a model held in memory; `file` names it in diagnostics. When
    /// `externalDataDirectory` is given, tensors kept in external files are loaded from files
    /// relative to it; otherwise they keep their references (and reading their elements throws).
    public static func decode(_ bytes: [UInt8], file: String, externalDataDirectory: String? = nil) throws -> ModelProto {
        var model = try ProtobufReader.decode(ModelProto.self, from: bytes, file: file)
        if let externalDataDirectory {
            try model.graph?.updateTensors { tensor in tensor = try tensor.loadingExternalData(relativeTo: externalDataDirectory) }
        }
        return model
    }

    /// Reads a file holding one serialized `TensorProto`, loading its elements from an external
    /// file (relative to the tensor file's folder) if it keeps them there.
    public static func readTensor(contentsOf path: String) throws -> TensorProto {
        try decodeTensor(try BinaryFile.read(contentsOf: path), file: path).loadingExternalData(relativeTo: directory(of: path))
    }

    /// Decodes one serialized `TensorProto` held in memory; `file` names it in diagnostics.
    public static func decodeTensor(_ bytes: [UInt8], file: String) throws -> TensorProto {
        try ProtobufReader.decode(TensorProto.self, from: bytes, file: file)
    }

    /// The folder part of `path` (empty for a bare file name, which then resolves against the
    /// current folder; `/` for a file in the root).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
