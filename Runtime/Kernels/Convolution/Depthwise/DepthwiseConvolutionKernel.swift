import CNNDepthwiseKernels
import CNNGEMM
import Foundation

/// 2-D depthwise conv (groups = C_in = C_out, weight `[C, 1, kh, kw]`) of any kernel size,
/// stride, padding and dilation, with a fused epilogue (bias, residual, activation).
///
/// Each channel of each image (a plane) is copied into the padded, phase-split layout of
/// `DepthwisePlane`, in which every tap reads consecutive floats for consecutive outputs (or,
/// for the common 3x3 and 5x5 windows at stride 1 on AVX-512, read in place); the outputs are
/// then computed 4 × 16 at a time (`DepthwiseSweep`), by a loop over the taps that
/// is unrolled for 3x3 and 5x5 windows (`DepthwiseRows`), compiled for AVX-512 or AVX2 and
/// chosen when the kernel is prepared (`DepthwiseCode`). Small maps at stride 1 whose output
/// rows are as wide as their input rows (`DepthwiseMaskedLayout`) skip the copy: each plane is
/// read in place, with lane masks for the padding (`DepthwiseMaskedPlanes`).
///
/// Threads: the N · C planes are split into contiguous ranges, one per thread, each with its
/// own slice of the workspace (its plane copy and scratch). A plane's outputs are computed the
/// same way on any thread, so every thread count gives the same bits.
struct DepthwiseConvolutionKernel: Kernel {
    let name = "depthwise"
    /// N · C.
    let planeCount: Int
    /// C.
    let channels: Int
    /// Elements of one input plane.
    let inputPlane: Int
    /// Elements of one output plane.
    let outputPlane: Int
    /// Weights of one channel (kh · kw).
    let taps: Int
    /// The layout of each plane's copy.
    let plane: DepthwisePlane
    /// The order of each plane's outputs.
    let sweep: DepthwiseSweep
    /// Bias, residual and activation.
    let epilogue: DepthwiseEpilogue
    /// The compiled row kernels it runs.
    let code: DepthwiseCode
    /// The masked path's layout, when the map takes it.
    let masked: DepthwiseMaskedLayout?
    /// The threads the workspace has room for.
    let threadSlots: Int
    /// Floats of one thread's workspace slice (a multiple of 16).
    let slotFloats: Int

    var workspaceBytes: Int { WorkspaceSize.bytes(forFloats: threadSlots * slotFloats) }

    /// The kernel of a geometry for which `isDepthwise2D` holds, applying `epilogue`, with the
    /// row kernels of `instructionSet` (AVX-512's when it is `.avx512`, AVX2's otherwise).
    init(_ geometry: ConvolutionGeometry, epilogue: ConvolutionEpilogue, instructionSet: GEMMInstructionSet = .selected()) {
        planeCount = geometry.batch * geometry.inputChannels
        channels = geometry.inputChannels
        inputPlane = geometry.inputPlane
        outputPlane = geometry.outputPlane
        taps = geometry.kernelVolume
        plane = DepthwisePlane(geometry)
        code = DepthwiseCode(instructionSet)
        sweep = DepthwiseSweep(plane, code: code)
        self.epilogue = DepthwiseEpilogue(epilogue)
        threadSlots = max(1, ProcessInfo.processInfo.activeProcessorCount)
        masked = DepthwiseMaskedLayout(geometry)
        slotFloats = masked?.slotFloats
            ?? ((sweep.readsInput ? sweep.directFloats : plane.copyFloats) + sweep.scratchFloats + 15) / 16 * 16
    }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let operands = Operands(x: buffers.floatInput(0), weights: buffers.floatInput(1), bias: epilogue.epilogue.bias(buffers),
                                residual: epilogue.epilogue.residual(buffers), y: buffers.floatOutput(0))
        let parts = min(context.threadCount, threadSlots, planeCount)
        buffers.withFloatWorkspace(bytes: workspaceBytes) { workspace in
            WorkerPool.shared.run(parts: parts) { part in
                let planes = equalShare(part, of: parts, planeCount)
                run(planes: planes, operands, slot: workspace + part * slotFloats)
            }
        }
    }

    /// Computes `planes` on the masked path, with the workspace slice `slot` (`masked.slotFloats`).
    private func run(planes: Range<Int>, _ masked: DepthwiseMaskedLayout, _ operands: Operands, slot: UnsafeMutablePointer<Float>) {
        masked.tapOffsets.withUnsafeBufferPointer { offsets in
            masked.masks.withUnsafeBufferPointer { masks in
                guard let offsets = offsets.baseAddress, let masks = masks.baseAddress else { return }
                for index in planes {
                    // The first and last planes of the tensor are read from a copy with room
                    // around it, as vectors read up to a plane before and after them.
                    var input = operands.x + index * inputPlane
                    if index == 0 || index == planeCount - 1 {
                        (slot + inputPlane).update(from: input, count: inputPlane)
                        input = UnsafePointer(slot + inputPlane)
                    }
                    let channel = index % channels, outputOffset = index * outputPlane
                    code.run(DepthwiseMaskedPlane(input: input, offsets: offsets, masks: masks, weights: operands.weights + channel * taps,
                                                  taps: taps, bias: operands.bias?[channel] ?? 0,
                                                  output: operands.y + outputOffset, residual: operands.residual.map { $0 + outputOffset },
                                                  outputPlane: outputPlane, clampLower: epilogue.clamp.lower,
                                                  clampUpper: epilogue.clamp.upper, clamps: epilogue.clamps))
                    epilogue.activateStored(operands.y + outputOffset, count: outputPlane)
                }
            }
        }
    }

    /// The tensors of one run.
    struct Operands {
        let x: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>?
        let residual: UnsafePointer<Float>?, y: UnsafeMutablePointer<Float>
    }

    /// Computes `planes`, using the workspace slice `slot`.
    private func run(planes: Range<Int>, _ operands: Operands, slot: UnsafeMutablePointer<Float>) {
        if let masked {
            run(planes: planes, masked, operands, slot: slot)
            return
        }
        plane.tapOffsets.withUnsafeBufferPointer { offsets in
            guard let offsets = offsets.baseAddress else { return }
            for index in planes {
                let channel = index % channels, outputOffset = index * outputPlane
                let memory = DepthwiseChannel(input: operands.x + index * inputPlane, readable: (planeCount - index) * inputPlane,
                                              preceding: index * inputPlane,
                                              copy: slot, offsets: offsets, weights: operands.weights + channel * self.taps,
                                              bias: FloatVector(repeating: operands.bias?[channel] ?? 0),
                                              output: operands.y + outputOffset, residual: operands.residual.map { $0 + outputOffset },
                                              writable: planes.upperBound * outputPlane - outputOffset,
                                              scratch: slot + plane.copyFloats)
                sweep.run(code, memory, epilogue)
            }
        }
    }
}
