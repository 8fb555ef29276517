// The epilogue and activation types of the public API are defined next to the generic kernels
// that apply them; clients of the GEMM import only this module.
@_exported import CNNGEMMKernels
