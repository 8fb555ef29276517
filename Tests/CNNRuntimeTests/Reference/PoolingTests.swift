import Testing
import CNNIR
import CNNRuntime

@Suite("Reference pools")
struct PoolingTests: RuntimeTestHelpers {
    /// [1, 5, 2, 4, 3] as one channel.
    func series() throws -> Tensor { try tensor([1, 1, 5], [1, 5, 2, 4, 3]) }

    @Test("max_pool 2x2 stride 2 (by hand)")
    func maxPool2D() throws {
        // x = 0...15 as 4x4: each window's maximum is its bottom-right element.
        let y = try evaluate(.maxPool, [try iota([1, 1, 4, 4])], ["kernel": .ints([2, 2]), "strides": .ints([2, 2])])
        expectValues(y, [1, 1, 2, 2], [5, 7, 13, 15])
    }

    @Test("max_pool ceil_mode adds a partial last window, unless it would start in the end padding")
    func maxPoolCeilMode() throws {
        let pool: Attributes = ["kernel": .ints([2]), "strides": .ints([2])]
        expectValues(try evaluate(.maxPool, [try series()], pool), [1, 1, 2], [5, 4])
        var ceil = pool
        ceil["ceil_mode"] = .bool(true)
        expectValues(try evaluate(.maxPool, [try series()], ceil), [1, 1, 3], [5, 4, 3])
        // [1,2,3,4] with one end pad: ceil((4+1-2)/2)+1 = 3 windows, but the third would start at 4,
        // inside the end padding, so it is dropped.
        ceil["pads"] = .ints([0, 1])
        expectValues(try evaluate(.maxPool, [try tensor([1, 1, 4], [1, 2, 3, 4])], ceil), [1, 1, 2], [2, 4])
    }

    @Test("max_pool with dilation 2 (by hand)")
    func maxPoolDilated() throws {
        // Windows {0,2}, {1,3}, {2,4} of [1,5,2,4,3].
        expectValues(try evaluate(.maxPool, [try series()], ["kernel": .ints([2]), "dilations": .ints([2])]), [1, 1, 3], [2, 5, 3])
    }

    @Test("max_pool's indices count the first maximum over the flattened input, row- or column-major in the plane")
    func maxPoolIndices() throws {
        // Two planes of 3×3: 0…8 and 9…17 with the centre raised; 2×2 windows, stride 1.
        var values = (0..<18).map(Double.init)
        values[4] = 20
        values[13] = 20
        let x = try tensor([1, 2, 3, 3], values)
        let rowMajor = try ReferenceKernels.evaluate(.maxPool, operands: [x], attributes: ["kernel": .ints([2, 2])], resultCount: 2)
        expectValues(rowMajor[0], [1, 2, 2, 2], [20, 20, 20, 20, 20, 20, 20, 20])
        #expect(rowMajor[1] == (try Tensor(shape: [1, 2, 2, 2], elements: [4, 4, 4, 4, 13, 13, 13, 13] as [Int64])))
        let plain = try ReferenceKernels.evaluate(.maxPool, operands: [try iota([1, 1, 2, 3])], attributes: ["kernel": .ints([2, 2]), "storage_order": .int(1)],
                                                  resultCount: 2)
        // The maxima sit at (1, 1) and (1, 2): column-major positions 1 + 1·2 and 1 + 2·2.
        #expect(plain[1] == (try Tensor(shape: [1, 1, 1, 2], elements: [3, 5] as [Int64])))
    }

    @Test("avg_pool with dilation 2 averages every other element; count_include_pad counts the padded taps")
    func avgPoolDilated() throws {
        // Windows {0,2}, {1,3}, {2,4} of [1,5,2,4,3].
        expectValues(try evaluate(.avgPool, [try series()], ["kernel": .ints([2]), "dilations": .ints([2])]), [1, 1, 3], [1.5, 4.5, 2.5])
        // With pads [1, 1]: windows {-1,1}, {0,2}, {1,3}, {2,4}, {3,5}.
        expectValues(try evaluate(.avgPool, [try series()], ["kernel": .ints([2]), "dilations": .ints([2]), "pads": .ints([1, 1]),
                                                             "count_include_pad": .bool(true)]), [1, 1, 5], [2.5, 1.5, 4.5, 2.5, 2])
    }

    @Test("avg_pool divides by the window inside the input, or with count_include_pad by the padded window")
    func avgPoolPadding() throws {
        let x = try tensor([1, 1, 3], [1, 2, 3])
        var attributes: Attributes = ["kernel": .ints([2]), "pads": .ints([1, 1])]
        // Windows (pad,1), (1,2), (2,3), (3,pad).
        expectValues(try evaluate(.avgPool, [x], attributes), [1, 1, 4], [1, 1.5, 2.5, 3])
        attributes["count_include_pad"] = .bool(true)
        expectValues(try evaluate(.avgPool, [x], attributes), [1, 1, 4], [0.5, 1.5, 2.5, 1.5])
    }

    @Test("avg_pool with ceil_mode counts padding but never the overhang past it")
    func avgPoolCeilMode() throws {
        let x = try tensor([1, 1, 5], [1, 2, 3, 4, 5])
        var attributes: Attributes = ["kernel": .ints([2]), "strides": .ints([2]), "ceil_mode": .bool(true), "count_include_pad": .bool(true)]
        // No pads: the last window (5, overhang) has one position inside the padded input.
        expectValues(try evaluate(.avgPool, [x], attributes), [1, 1, 3], [1.5, 3.5, 5])
        // One end pad: the last window is (5, pad), two positions.
        attributes["pads"] = .ints([0, 1])
        expectValues(try evaluate(.avgPool, [x], attributes), [1, 1, 3], [1.5, 3.5, 2.5])
        attributes["count_include_pad"] = .bool(false)
        expectValues(try evaluate(.avgPool, [x], attributes), [1, 1, 3], [1.5, 3.5, 5])
    }

    @Test("avg_pool 2-D with asymmetric pads (by hand)")
    func avgPoolAsymmetric() throws {
        // x = 1...4 as 2x2, 2x2 windows, one row of padding on top and one column at the right:
        // windows see {1,2}, {2}, {1,2,3,4}, {2,4}.
        let y = try evaluate(.avgPool, [try iota([1, 1, 2, 2], from: 1)], ["kernel": .ints([2, 2]), "pads": .ints([1, 0, 0, 1])])
        expectValues(y, [1, 1, 2, 2], [1.5, 2, 2.5, 3])
    }

    @Test("avg_pool with count_include_pad on unpadded input equals without it")
    func countIncludePadWithoutPadding() throws {
        let x = try randomTensor([2, 3, 7, 6], seed: 11)
        var attributes: Attributes = ["kernel": .ints([3, 2]), "strides": .ints([2, 2])]
        let excluded = try evaluate(.avgPool, [x], attributes)
        attributes["count_include_pad"] = .bool(true)
        expectClose(try evaluate(.avgPool, [x], attributes), excluded)
    }

    @Test("3-D max_pool and avg_pool (by hand)")
    func pool3D() throws {
        let x = try iota([1, 1, 2, 2, 2], from: 1)
        let attributes: Attributes = ["kernel": .ints([2, 2, 2])]
        expectValues(try evaluate(.maxPool, [x], attributes), [1, 1, 1, 1, 1], [8])
        expectValues(try evaluate(.avgPool, [x], attributes), [1, 1, 1, 1, 1], [4.5])
    }

    @Test("global pools reduce every spatial position of each channel")
    func globalPools() throws {
        let x = try tensor([1, 2, 2, 2], [1, 2, 3, 6, -1, -2, -3, -6])
        expectValues(try evaluate(.globalAvgPool, [x]), [1, 2, 1, 1], [3, -3])
        expectValues(try evaluate(.globalMaxPool, [x]), [1, 2, 1, 1], [6, -1])
        expectValues(try evaluate(.globalAvgPool, [try iota([2, 1, 3])]), [2, 1, 1], [1, 4])
    }
}
