#!/usr/bin/env python3
"""Where cnnc loses time against ONNX Runtime, layer by layer, on one model.

Both run the model (batch 1, T threads): ONNX Runtime with profiling on (per-node kernel times
from its JSON profile, medians over the runs), cnnc with `cnnc bench MODEL.onnx --json` (per-layer
medians). Both fuse BatchNorm, activations and residual adds into their convolutions, so the k-th
convolution each runs is the same layer of the model: the table pairs them in execution order,
then lists the other ops by type, and ends with the layers that cost cnnc the most time.

    python3 Benchmarks/onnx/compare_layers.py .build/onnx-models/resnet50.onnx --threads 2

Needs numpy, onnx and onnxruntime (Benchmarks/onnx/run.sh installs them) and a release build.
"""

import argparse
import collections
import glob
import json
import os
import statistics
import subprocess
import tempfile

import numpy as np
import onnx
import onnxruntime

CONVOLUTIONS = {"Conv", "FusedConv", "NhwcFusedConv", "NhwcConv", "QLinearConv"}


def ort_layers(model_path, threads, runs, x, input_name):
    """[(node name, op, median µs)] in execution order, from ONNX Runtime's profile."""
    options = onnxruntime.SessionOptions()
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
    with tempfile.TemporaryDirectory(prefix="cnnc-ort-profile-") as folder:
        options.enable_profiling = True
        options.profile_file_prefix = os.path.join(folder, "ort")
        session = onnxruntime.InferenceSession(model_path, options, providers=["CPUExecutionProvider"])
        for _ in range(3 + runs):
            session.run(None, {input_name: x})
        profile = session.end_profiling()
        with open(profile) as handle:
            events = json.load(handle)
    times, order, ops = collections.defaultdict(list), [], {}
    for event in events:
        if event.get("cat") != "Node" or not event.get("name", "").endswith("_kernel_time"):
            continue
        name = event["name"][: -len("_kernel_time")]
        if name not in ops:
            order.append(name)
            ops[name] = event.get("args", {}).get("op_name", "?")
        times[name].append(event["dur"])
    return [(name, ops[name], statistics.median(times[name][3:] or times[name])) for name in order]


def cnnc_layers(cnnc, model_path, threads, runs):
    """[(layer name, op, kernel, median µs)] in execution order, from `cnnc bench --json`."""
    output = subprocess.run([cnnc, "bench", model_path, "--json", "--iterations", str(runs), "--threads", str(threads),
                             "--set", "N=1"], check=True, capture_output=True, text=True).stdout
    report = json.loads(output[output.index("{"):])
    return report["latency"]["median_ms"], [(layer["node"], layer["op"], layer["kernel"], layer["median_ms"] * 1e3)
                                           for layer in report["layers"]]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("model", help="an ONNX model written by make_models.py")
    parser.add_argument("--cnnc", default=".build/release/cnnc", help="the cnnc binary (a release build)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--top", type=int, default=10, help="how many of the costliest layers to list")
    arguments = parser.parse_args()

    graph = onnx.load(arguments.model, load_external_data=False).graph
    initializers = {initializer.name for initializer in graph.initializer}
    model_input = next(value for value in graph.input if value.name not in initializers)
    shape = [dimension.dim_value or 1 for dimension in model_input.type.tensor_type.shape.dim]
    x = np.random.default_rng(0).standard_normal(shape).astype(np.float32)

    ort = ort_layers(arguments.model, arguments.threads, arguments.runs, x, model_input.name)
    latency, mine = cnnc_layers(arguments.cnnc, arguments.model, arguments.threads, arguments.runs)
    # cnnc's profile is sorted slowest first; its order of execution is that of the graph, which
    # `cnnc bench` does not print, so pair convolutions by their order in the ONNX graph instead:
    # both keep the model's topological order for convolutions.
    ort_convs = [layer for layer in ort if layer[1] in CONVOLUTIONS]
    mine_by_name = {layer[0]: layer for layer in mine}
    order = subprocess.run([arguments.cnnc, "compile", arguments.model, "--set", "N=1", "--stats"],
                           check=True, capture_output=True, text=True).stdout.split("\n")
    executed = [line.split()[0][1:] for line in order[1:] if line.startswith("%")]
    my_convs = [mine_by_name[name] for name in executed if name in mine_by_name and mine_by_name[name][1] in ("conv", "fused_conv")]

    print(f"{os.path.basename(arguments.model)}, batch 1, {arguments.threads} threads: cnnc {latency:.2f} ms; "
          f"ONNX Runtime's kernels sum to {sum(layer[2] for layer in ort) / 1e3:.2f} ms, cnnc's to "
          f"{sum(layer[3] for layer in mine) / 1e3:.2f} ms\n")
    rows = []
    for index, (ort_layer, my_layer) in enumerate(zip(ort_convs, my_convs)):
        rows.append((my_layer[3] - ort_layer[2], index, my_layer, ort_layer))
    print(f"convolutions: {len(my_convs)} in cnnc, {len(ort_convs)} in ONNX Runtime; "
          f"cnnc {sum(r[2][3] for r in rows) / 1e3:.2f} ms, ONNX Runtime {sum(r[3][2] for r in rows) / 1e3:.2f} ms\n")
    print(f"the {arguments.top} convolutions that cost cnnc the most against ONNX Runtime:\n")
    print("| # | cnnc layer | kernel | cnnc µs | ORT node | ORT µs | difference µs |")
    print("| ---: | --- | --- | ---: | --- | ---: | ---: |")
    for difference, index, my_layer, ort_layer in sorted(rows, reverse=True)[: arguments.top]:
        print(f"| {index} | {my_layer[0]} | {my_layer[2]} | {my_layer[3]:.0f} | {ort_layer[0]} | {ort_layer[2]:.0f} | {difference:+.0f} |")
    print("\nother ops, total µs:\n")
    mine_other = collections.Counter()
    for layer in mine:
        if layer[1] not in ("conv", "fused_conv"):
            mine_other[layer[1]] += layer[3]
    ort_other = collections.Counter()
    for layer in ort:
        if layer[1] not in CONVOLUTIONS:
            ort_other[layer[1]] += layer[2]
    print("cnnc: " + ", ".join(f"{op} {time:.0f}" for op, time in mine_other.most_common()))
    print("ONNX Runtime: " + ", ".join(f"{op} {time:.0f}" for op, time in ort_other.most_common()))


if __name__ == "__main__":
    main()
