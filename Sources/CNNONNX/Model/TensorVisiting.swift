extension GraphProto {
    /// Calls `body` on every tensor of the graph: initializers, and the tensor values of node
    /// attributes, including those in subgraphs.
    public mutating func updateTensors(_ body: (inout TensorProto) throws -> Void) rethrows {
        for index in initializer.indices { try body(&initializer[index]) }
        for nodeIndex in node.indices {
            for attributeIndex in node[nodeIndex].attribute.indices {
                try node[nodeIndex].attribute[attributeIndex].updateTensors(body)
            }
        }
    }
}

extension AttributeProto {
    /// Calls `body` on every tensor of the attribute's value (`t`, `tensors`, and the tensors of `g` and `graphs`).
    public mutating func updateTensors(_ body: (inout TensorProto) throws -> Void) rethrows {
        if var tensor = t {
            try body(&tensor)
            t = tensor
        }
        for index in tensors.indices { try body(&tensors[index]) }
        try g?.updateTensors(body)
        for index in graphs.indices { try graphs[index].updateTensors(body) }
    }
}
