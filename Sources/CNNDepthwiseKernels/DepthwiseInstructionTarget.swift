/// The instruction set a module compiles `DepthwiseRows` for. Each module that instantiates
/// the depthwise row kernels supplies its own type, so that its specializations have names of
/// their own and the linker never merges code compiled for different processors.
public protocol DepthwiseInstructionTarget {}
