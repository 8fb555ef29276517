import Testing
import CNNIR
import CNNRuntime

@Suite("Reference expand, tile, depth_to_space, space_to_depth and cast")
struct ReplicationTests: RuntimeTestHelpers {
    @Test("expand broadcasts both ways (ONNX expand_dim_changed)")
    func expand() throws {
        let y = try evaluate(.expand, [try tensor([3, 1], [1, 2, 3])], ["shape": .ints([2, 1, 6])])
        #expect(y.shape == [2, 3, 6])
        #expect(y.doubles == (0..<2).flatMap { _ in [1.0, 2, 3].flatMap { Array(repeating: $0, count: 6) } })
        let flags = try Tensor(shape: [2], elements: [true, false])
        #expect(try evaluate(.expand, [flags], ["shape": .ints([2, 1])]) == Tensor(shape: [2, 2], elements: [true, false, true, false]))
    }

    @Test("tile repeats along every axis (ONNX tile_precomputed)")
    func tile() throws {
        expectValues(try evaluate(.tile, [try iota([2, 2])], ["repeats": .ints([2, 2])]), [4, 4],
                     [0, 1, 0, 1, 2, 3, 2, 3, 0, 1, 0, 1, 2, 3, 2, 3])
        expectValues(try evaluate(.tile, [try iota([2, 2])], ["repeats": .ints([0, 3])]), [0, 6], [])
        let large = try Tensor(shape: [1], elements: [Int64.max - 1])
        #expect(try evaluate(.tile, [large], ["repeats": .ints([2])]) == Tensor(shape: [2], elements: [Int64.max - 1, Int64.max - 1]))
    }

    /// The ONNX DepthToSpace example input: [1, 8, 2, 3] with channel c holding 9c + (0...5) row by row.
    func depthToSpaceInput() throws -> Tensor {
        try tensor([1, 8, 2, 3], (0..<8).flatMap { channel in (0..<6).map { Double(9 * channel + $0) } })
    }

    @Test("depth_to_space in DCR and CRD mode (ONNX depthtospace examples)")
    func depthToSpace() throws {
        let x = try depthToSpaceInput()
        expectValues(try evaluate(.depthToSpace, [x], ["blocksize": .int(2)]), [1, 2, 4, 6], [
            0, 18, 1, 19, 2, 20, 36, 54, 37, 55, 38, 56, 3, 21, 4, 22, 5, 23, 39, 57, 40, 58, 41, 59,
            9, 27, 10, 28, 11, 29, 45, 63, 46, 64, 47, 65, 12, 30, 13, 31, 14, 32, 48, 66, 49, 67, 50, 68,
        ])
        expectValues(try evaluate(.depthToSpace, [x], ["blocksize": .int(2), "mode": .string("CRD")]), [1, 2, 4, 6], [
            0, 9, 1, 10, 2, 11, 18, 27, 19, 28, 20, 29, 3, 12, 4, 13, 5, 14, 21, 30, 22, 31, 23, 32,
            36, 45, 37, 46, 38, 47, 54, 63, 55, 64, 56, 65, 39, 48, 40, 49, 41, 50, 57, 66, 58, 67, 59, 68,
        ])
    }

    @Test("space_to_depth undoes depth_to_space in DCR mode, in any dtype")
    func spaceToDepth() throws {
        let x = try iota([2, 3, 4, 6])
        let moved = try evaluate(.spaceToDepth, [x], ["blocksize": .int(2)])
        #expect(moved.shape == [2, 12, 2, 3])
        #expect(try moved.value(at: [0, 1 * 3 + 2, 1, 2]) == x.value(at: [0, 2, 2, 5]))
        #expect(try evaluate(.depthToSpace, [moved], ["blocksize": .int(2)]) == x)
        let integers = try x.converted(to: .i64)
        #expect(try evaluate(.spaceToDepth, [integers], ["blocksize": .int(2)]) == moved.converted(to: .i64))
        expectDiagnostic(containing: "divisible by blocksize 4") { _ = try evaluate(.spaceToDepth, [x], ["blocksize": .int(4)]) }
    }

    @Test("cast truncates toward zero, maps NaN to 0, saturates, and converts bool")
    func cast() throws {
        let x = try tensor([7], [2.9, -2.9, .nan, 1e300, -.infinity, 0, -0.0], .f64)
        #expect(try evaluate(.cast, [x], ["to": .string("i64")]) == Tensor(shape: [7], elements: [2, -2, 0, Int64.max, Int64.min, 0, 0] as [Int64]))
        #expect(try evaluate(.cast, [x], ["to": .string("bool")]).booleans == [true, true, true, true, true, false, false])
        #expect(try evaluate(.cast, [try Tensor(shape: [2], elements: [true, false])], ["to": .string("f32")]) == Tensor(shape: [2], scalars: [1, 0]))
        let large = try Tensor(shape: [2], elements: [(1 << 53) + 1, -3] as [Int64])
        #expect(try evaluate(.cast, [large], ["to": .string("f64")]).doubles == [9_007_199_254_740_992, -3])
        #expect(try evaluate(.cast, [large], ["to": .string("f32")]).scalars == [Float(9_007_199_254_740_993 as Int64), -3])
        #expect(try evaluate(.cast, [large], ["to": .string("i64")]) == large)
        #expect(try evaluate(.cast, [try tensor([1], [16_777_217], .f64)], ["to": .string("f32")]).scalars == [16_777_216])
    }
}
