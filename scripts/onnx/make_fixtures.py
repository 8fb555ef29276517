#!/usr/bin/env python3
"""Writes the small ONNX files that cnnc's ONNX decoding tests read.

The files go to Tests/CNNONNXTests/Fixtures/ and are committed, so the tests never need Python.
Run it again (with `pip install onnx numpy`) only to change the fixtures; the tests check the
exact values written here, so keep the two in step.

    python3 scripts/onnx/make_fixtures.py
"""

import os

import numpy as np
import onnx
from onnx import AttributeProto, TensorProto, helper, numpy_helper
from onnx.external_data_helper import set_external_data

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Tests", "CNNONNXTests", "Fixtures")


def save(model, name):
    """Writes `model` as Fixtures/<name> without running the checker (some fixtures bend the rules)."""
    path = os.path.join(FIXTURES, name)
    with open(path, "wb") as handle:
        handle.write(model.SerializeToString())
    print(f"{name}: {os.path.getsize(path)} bytes")


def conv_relu():
    """A Conv + Relu model: weight in raw_data, bias in float_data, a symbolic batch dimension."""
    weight = numpy_helper.from_array(((np.arange(108, dtype=np.float32) - 54) / 8).reshape(4, 3, 3, 3), name="conv.weight")
    bias = helper.make_tensor("conv.bias", TensorProto.FLOAT, [4], [0.5, -0.25, 0.0, 1.0], raw=False)
    conv = helper.make_node("Conv", ["x", "conv.weight", "conv.bias"], ["c"], name="conv",
                            kernel_shape=[3, 3], pads=[1, 1, 1, 1], strides=[1, 1])
    relu = helper.make_node("Relu", ["c"], ["y"], name="relu")
    graph = helper.make_graph(
        [conv, relu], "conv_relu",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 3, 8, 8])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 4, 8, 8])],
        initializer=[weight, bias],
        value_info=[helper.make_tensor_value_info("c", TensorProto.FLOAT, ["N", 4, 8, 8])])
    model = helper.make_model(graph, producer_name="cnnc-fixtures", producer_version="1.0",
                              opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    model.domain = "org.cnnc.test"
    model.model_version = 3
    model.doc_string = "Conv and Relu"
    helper.set_model_props(model, {"author": "cnnc", "license": "MIT"})
    save(model, "conv_relu.onnx")


def attributes():
    """One node with an attribute of every kind cnnc decodes, plus a reference attribute."""
    inner = helper.make_graph(
        [helper.make_node("Identity", ["a"], ["b"], name="inner_identity")], "inner",
        [helper.make_tensor_value_info("a", TensorProto.INT64, [])],
        [helper.make_tensor_value_info("b", TensorProto.INT64, [])])
    second = helper.make_graph([], "second", [], [helper.make_tensor_value_info("s", TensorProto.FLOAT, None)])
    node = helper.make_node(
        "Everything", ["x", ""], ["y"], name="every attribute ü", domain="org.cnnc.test",
        f=1.5, i=-7, s=b"text", t=helper.make_tensor("t", TensorProto.INT64, [2], [-1, 2**40]),
        g=inner, floats=[0.25, -2.0, 1e30], ints=[0, -1, 2**62, -(2**63)], strings=[b"a", b"", b"\xc3\xa9"],
        tensors=[helper.make_tensor("t0", TensorProto.FLOAT, [], [3.0]),
                 helper.make_tensor("t1", TensorProto.DOUBLE, [1], [-0.5])],
        graphs=[inner, second])
    node.attribute.append(helper.make_attribute_ref("alpha", AttributeProto.FLOAT, ref_attr_name="parent_alpha"))
    graph = helper.make_graph(
        [node], "attributes",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, "C", None])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)])
    model = helper.make_model(graph, producer_name="cnnc-fixtures",
                              opset_imports=[helper.make_opsetid("", 21), helper.make_opsetid("org.cnnc.test", 2)])
    model.ir_version = 10
    save(model, "attributes.onnx")


def tensors():
    """Initializers of every element type cnnc reads, in raw_data and in the typed fields."""
    half = np.array([1.0, -2.5, 65504.0, 6.1035156e-05, 5.9604645e-08, 0.0], dtype=np.float16)
    initializers = [
        numpy_helper.from_array(np.array([[1.0, -2.0], [3.5, 1e-3]], dtype=np.float32), name="float_raw"),
        helper.make_tensor("float_data", TensorProto.FLOAT, [3], [0.5, -0.0, 1e30]),
        numpy_helper.from_array(np.array([1.25, -1e300], dtype=np.float64), name="double_raw"),
        helper.make_tensor("double_data", TensorProto.DOUBLE, [2], [2.5, -3.75]),
        numpy_helper.from_array(np.array([-(2**63), 2**63 - 1, -1], dtype=np.int64), name="int64_raw"),
        helper.make_tensor("int64_data", TensorProto.INT64, [2], [-5, 2**40]),
        numpy_helper.from_array(np.array([-(2**31), 7], dtype=np.int32), name="int32_raw"),
        helper.make_tensor("int32_data", TensorProto.INT32, [2], [-3, 2**31 - 1]),
        numpy_helper.from_array(np.array([-32768, 12], dtype=np.int16), name="int16_raw"),
        helper.make_tensor("int16_data", TensorProto.INT16, [2], [-4, 300]),
        numpy_helper.from_array(np.array([-128, 127, -1], dtype=np.int8), name="int8_raw"),
        helper.make_tensor("int8_data", TensorProto.INT8, [2], [-8, 9]),
        numpy_helper.from_array(np.array([0, 255, 17], dtype=np.uint8), name="uint8_raw"),
        helper.make_tensor("uint8_data", TensorProto.UINT8, [1], [200]),
        numpy_helper.from_array(np.array([65535, 1], dtype=np.uint16), name="uint16_raw"),
        numpy_helper.from_array(np.array([4294967295, 2], dtype=np.uint32), name="uint32_raw"),
        numpy_helper.from_array(np.array([2**63 - 1, 3], dtype=np.uint64), name="uint64_raw"),
        helper.make_tensor("uint64_data", TensorProto.UINT64, [2], [2**64 - 1, 4]),
        numpy_helper.from_array(np.array([True, False, True], dtype=np.bool_), name="bool_raw"),
        helper.make_tensor("bool_data", TensorProto.BOOL, [2], [False, True]),
        numpy_helper.from_array(half, name="float16_raw"),
        helper.make_tensor("float16_data", TensorProto.FLOAT16, [2], np.array([-1.5, 0.099975586], dtype=np.float16)),
        helper.make_tensor("bfloat16_raw", TensorProto.BFLOAT16, [2],
                           np.array([0x3FC0, 0xC120], dtype=np.uint16).tobytes(), raw=True),
        helper.make_tensor("scalar", TensorProto.FLOAT, [], [42.0]),
        helper.make_tensor("empty", TensorProto.FLOAT, [2, 0, 3], []),
        helper.make_tensor("strings", TensorProto.STRING, [2], [b"ab", b"c"]),
    ]
    outputs = [helper.make_tensor_value_info(tensor.name, tensor.data_type, list(tensor.dims)) for tensor in initializers]
    graph = helper.make_graph([], "tensors", [], outputs, initializer=initializers)
    model = helper.make_model(graph, producer_name="cnnc-fixtures", opset_imports=[helper.make_opsetid("", 17)])
    save(model, "tensors.onnx")


def external():
    """Two initializers in a side file `external.bin` (one without `length`), one inline."""
    first = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], dtype=np.float32)
    second = np.array([-7, 8], dtype=np.int64)
    with open(os.path.join(FIXTURES, "external.bin"), "wb") as handle:
        handle.write(b"\xee" * 8)  # padding before the first tensor
        handle.write(first.tobytes())
        handle.write(second.tobytes())  # last, so that reading to the end of the file (no `length`) works too
    weights = numpy_helper.from_array(first.reshape(2, 3), name="weights")
    set_external_data(weights, "external.bin", offset=8, length=first.nbytes)
    weights.ClearField("raw_data")
    indices = numpy_helper.from_array(second, name="indices")
    set_external_data(indices, "external.bin", offset=8 + first.nbytes)
    indices.ClearField("raw_data")
    inline = helper.make_tensor("inline", TensorProto.FLOAT, [1], [9.0])
    graph = helper.make_graph(
        [], "external", [],
        [helper.make_tensor_value_info(t.name, t.data_type, list(t.dims)) for t in (weights, indices, inline)],
        initializer=[weights, indices, inline])
    model = helper.make_model(graph, producer_name="cnnc-fixtures", opset_imports=[helper.make_opsetid("", 17)])
    save(model, "external.onnx")


def input_tensor():
    """A lone TensorProto, the form ONNX test data comes in (`input_0.pb`)."""
    tensor = numpy_helper.from_array(np.array([[0.5, -1.0, 2.0]], dtype=np.float32), name="x")
    path = os.path.join(FIXTURES, "input_0.pb")
    with open(path, "wb") as handle:
        handle.write(tensor.SerializeToString())
    print(f"input_0.pb: {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    os.makedirs(FIXTURES, exist_ok=True)
    conv_relu()
    attributes()
    tensors()
    external()
    input_tensor()
