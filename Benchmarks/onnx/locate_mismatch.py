#!/usr/bin/env python3
"""Finds the node where cnnc's output starts to differ from ONNX Runtime's.

Cuts the model after a node (onnx.utils.extract_model: same input, that node's output as the
only output), runs the cut model in ONNX Runtime and in `cnnc run` on the same seeded input, and
reports the relative L2 error there. By default it bisects over the nodes in graph order for
the first cut whose error exceeds the tolerance, assuming that once wrong, later values stay
wrong; `--scan` instead reports every node (slow on large models), `--nodes` only the named ones.

    python3 Benchmarks/onnx/locate_mismatch.py .build/onnx-models/mobilenet_v2.onnx [--batch 8] [--threads 2]
"""

import argparse
import os
import sys
import tempfile

import numpy as np
import onnx
import onnx.utils

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare_with_ort import (BATCH_DIMENSION, TOLERANCE, cnnc_output, concrete_shape, input_spec,  # noqa: E402
                              ort_session, relative_l2)


def cut_error(model_path, node, input_name, x, input_path, arguments, work_dir):
    """Relative L2 error of cnnc vs ONNX Runtime on the model cut after `node`."""
    cut_path = os.path.join(work_dir, "cut.onnx")
    onnx.utils.extract_model(model_path, cut_path, [input_name], [node.output[0]], check_model=False)
    expected = ort_session(cut_path, arguments.threads).run(None, {input_name: x})[0]
    output_dir = os.path.join(work_dir, "out")
    os.makedirs(output_dir, exist_ok=True)
    actual = cnnc_output(arguments.cnnc, cut_path, input_name, input_path, arguments.threads, arguments.batch, output_dir)
    return relative_l2(actual, expected)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("model", help="an .onnx file written by make_models.py")
    parser.add_argument("--cnnc", default=".build/release/cnnc")
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0, help="seed of the random input, as in compare_with_ort.py")
    parser.add_argument("--tolerance", type=float, default=TOLERANCE)
    parser.add_argument("--scan", action="store_true", help="report every node instead of bisecting")
    parser.add_argument("--nodes", default="", help="comma-separated node names to report")
    arguments = parser.parse_args()

    nodes = list(onnx.load(arguments.model, load_external_data=False).graph.node)
    if arguments.nodes:
        wanted = set(arguments.nodes.split(","))
        nodes = [node for node in nodes if node.name in wanted]
    input_name, dims = input_spec(arguments.model)
    x = np.random.default_rng(arguments.seed).standard_normal(concrete_shape(dims, arguments.batch)).astype(np.float32)
    with tempfile.TemporaryDirectory(prefix="cnnc-locate-") as work_dir:
        input_path = os.path.join(work_dir, "x.npy")
        np.save(input_path, x)

        def report(index):
            error = cut_error(arguments.model, nodes[index], input_name, x, input_path, arguments, work_dir)
            flag = "  > tolerance" if not error <= arguments.tolerance else ""
            print(f"{index:4d}  {nodes[index].op_type:20s} {nodes[index].name:50s} rel L2 {error:.3e}{flag}", flush=True)
            return error

        if arguments.scan or arguments.nodes:
            for index in range(len(nodes)):
                report(index)
            return
        low, high = 0, len(nodes) - 1
        if not report(high) > arguments.tolerance:
            print(f"the whole model agrees within {arguments.tolerance:g} (batch {arguments.batch}, "
                  f"{arguments.threads} threads, {BATCH_DIMENSION} bound)")
            return
        while low < high:
            middle = (low + high) // 2
            if report(middle) > arguments.tolerance:
                high = middle
            else:
                low = middle + 1
        node = nodes[low]
        print(f"first node over {arguments.tolerance:g}: {node.name} ({node.op_type}), inputs {list(node.input)}")


if __name__ == "__main__":
    main()
