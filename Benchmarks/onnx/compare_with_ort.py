#!/usr/bin/env python3
"""Checks cnnc against ONNX Runtime on whole models and times it next to ONNX Runtime and OpenVINO.

For every model written by make_models.py, batch size B and thread count T:
  1. the same seeded random input goes through ONNX Runtime (all graph optimizations on,
     intra-op threads T, inter-op threads 1, sequential execution) and through
     `cnnc run MODEL.onnx --input x=in.npy --threads T --set N=B`; the relative L2 error
     ||cnnc - ort|| / ||ort|| must be at most 1e-4;
  2. ONNX Runtime is timed: the median of --iterations runs after --warmup untimed runs;
  3. cnnc is timed: `cnnc bench MODEL.onnx --json --iterations N --threads T --set N=B`,
     its latency.median_ms, optimized (-O2, the default) and as written (-O0);
  4. OpenVINO (when installed) is timed like ONNX Runtime: CPU plugin, T inference threads,
     one stream, latency hint, f32 inference precision.
Prints a markdown table (model, batch, threads, cnnc -O2 ms, cnnc -O0 ms, ORT ms, OpenVINO ms,
cnnc/ORT, cnnc/best peer, rel L2) and writes it,
with the date, the command and the machine, to --output. Exits with 1 if any output mismatched
or cnnc failed (after writing the table).

Needs numpy, onnx and onnxruntime (Benchmarks/onnx/run.sh installs them) and a release build:

    python3 Benchmarks/onnx/compare_with_ort.py --output .build/onnx-models/results.md
"""

import argparse
import datetime
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from machine import processor_and_system  # noqa: E402 (Benchmarks/machine.py, shared by both scripts)

import numpy as np
import onnx
import onnxruntime

try:
    import openvino
except ImportError:
    openvino = None

MODELS = ["resnet18", "resnet50", "mobilenet_v2", "resnet20_cifar"]
TOLERANCE = 1e-4
BATCH_DIMENSION = "N"


def input_spec(model_path):
    """The name and shape (batch dimension left symbolic) of the model's single input."""
    graph = onnx.load(model_path, load_external_data=False).graph
    initializers = {tensor.name for tensor in graph.initializer}
    inputs = [value for value in graph.input if value.name not in initializers]
    if len(inputs) != 1:
        raise SystemExit(f"{model_path}: expected one input, found {len(inputs)}")
    dims = [dim.dim_param or dim.dim_value for dim in inputs[0].type.tensor_type.shape.dim]
    return inputs[0].name, dims


def concrete_shape(dims, batch):
    """The shape with the batch dimension bound to `batch`."""
    return [batch if dim == BATCH_DIMENSION else dim for dim in dims]


def ort_session(model_path, threads):
    """An ONNX Runtime CPU session with every graph optimization, T intra-op threads, sequential."""
    options = onnxruntime.SessionOptions()
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
    return onnxruntime.InferenceSession(model_path, options, providers=["CPUExecutionProvider"])


def ort_median_ms(session, feeds, warmup, iterations):
    """Median wall time in milliseconds of `iterations` runs after `warmup` untimed ones."""
    for _ in range(warmup):
        session.run(None, feeds)
    times = []
    for _ in range(iterations):
        start = time.perf_counter()
        session.run(None, feeds)
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def run_cnnc(arguments, timeout=1800):
    """Runs cnnc with `arguments`; returns stdout, or raises RuntimeError with its stderr."""
    result = subprocess.run(arguments, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        message = (result.stderr.strip() or result.stdout.strip()).splitlines()
        raise RuntimeError(f"`{shlex.join(arguments)}` exited with {result.returncode}: " + " | ".join(message[:8]))
    return result.stdout


def cnnc_output(cnnc, model_path, input_name, input_path, threads, batch, directory):
    """The single output of `cnnc run` on the input file, read back from the .npy it writes."""
    for stale in os.listdir(directory):
        os.remove(os.path.join(directory, stale))
    run_cnnc([cnnc, "run", model_path, "--input", f"{input_name}={input_path}", "--output-dir", directory,
              "--threads", str(threads), "--set", f"{BATCH_DIMENSION}={batch}"])
    outputs = sorted(name for name in os.listdir(directory) if name.endswith(".npy"))
    if len(outputs) != 1:
        raise RuntimeError(f"cnnc run wrote {outputs}, expected one .npy output")
    return np.load(os.path.join(directory, outputs[0]))


def cnnc_median_ms(cnnc, model_path, threads, batch, iterations, level):
    """latency.median_ms of `cnnc bench --json -O<level>`."""
    stdout = run_cnnc([cnnc, "bench", model_path, "--json", "--iterations", str(iterations), "--threads", str(threads),
                       "--set", f"{BATCH_DIMENSION}={batch}", f"-O{level}"])
    return float(json.loads(stdout[stdout.index("{"):])["latency"]["median_ms"])


def openvino_median_ms(model_path, input_name, x, threads, warmup, iterations):
    """The median latency of OpenVINO's CPU plugin on `x`, or None when OpenVINO is not installed."""
    if openvino is None:
        return None
    core = openvino.Core()
    # f32 like cnnc and ONNX Runtime: on processors with AVX-512 BF16 OpenVINO otherwise runs in bf16.
    compiled = core.compile_model(model_path, "CPU", {"INFERENCE_NUM_THREADS": threads, "NUM_STREAMS": 1,
                                                      "PERFORMANCE_HINT": "LATENCY", "INFERENCE_PRECISION_HINT": "f32"})
    request = compiled.create_infer_request()
    feeds = {input_name: x}
    for _ in range(warmup):
        request.infer(feeds)
    times = []
    for _ in range(iterations):
        start = time.perf_counter()
        request.infer(feeds)
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def relative_l2(actual, expected):
    """||actual - expected|| / ||expected|| in double precision."""
    actual, expected = actual.astype(np.float64), expected.astype(np.float64)
    if actual.shape != expected.shape:
        raise RuntimeError(f"cnnc output has shape {list(actual.shape)}, ONNX Runtime's {list(expected.shape)}")
    return float(np.linalg.norm(actual - expected) / np.linalg.norm(expected))


def machine_note():
    """CPU model, core count, OS and the versions that matter for the figures."""
    return (f"{processor_and_system()}; "
            f"onnxruntime {onnxruntime.__version__}, "
            f"openvino {openvino.__version__ if openvino else '(not installed)'}, onnx {onnx.__version__}, numpy {np.__version__}, "
            f"Python {platform.python_version()}; OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}")


def format_row(cells):
    """One markdown table row."""
    return "| " + " | ".join(cells) + " |"


def measure_model(name, arguments, work_dir, rows, problems):
    """Checks and times one model at every batch size and thread count, appending table rows."""
    model_path = os.path.join(arguments.models_dir, f"{name}.onnx")
    input_name, dims = input_spec(model_path)
    output_dir = os.path.join(work_dir, "out")
    os.makedirs(output_dir, exist_ok=True)
    for batch in arguments.batches:
        x = np.random.default_rng(arguments.seed).standard_normal(concrete_shape(dims, batch)).astype(np.float32)
        input_path = os.path.join(work_dir, f"{name}-b{batch}.npy")
        np.save(input_path, x)
        for threads in arguments.threads:
            session = ort_session(model_path, threads)
            expected = session.run(None, {input_name: x})[0]
            ort_ms = ort_median_ms(session, {input_name: x}, arguments.warmup, arguments.iterations)
            del session
            openvino_ms = openvino_median_ms(model_path, input_name, x, threads, arguments.warmup, arguments.iterations)
            cells = {"cnnc": "failed", "unoptimized": "-", "ratio": "-", "best": "-", "l2": "-"}
            try:
                error = relative_l2(cnnc_output(arguments.cnnc, model_path, input_name, input_path, threads, batch,
                                                output_dir), expected)
                cells["l2"] = f"{error:.2e}" + (" **mismatch**" if not error <= TOLERANCE else "")
                if not error <= TOLERANCE:
                    problems.append(f"{name} batch {batch} threads {threads}: relative L2 {error:.3e} > {TOLERANCE:g}")
                cnnc_ms = cnnc_median_ms(arguments.cnnc, model_path, threads, batch, arguments.iterations, 2)
                unoptimized_ms = cnnc_median_ms(arguments.cnnc, model_path, threads, batch, arguments.iterations, 0)
                best_peer = min(ms for ms in [ort_ms, openvino_ms] if ms is not None)
                cells["cnnc"], cells["ratio"] = f"{cnnc_ms:.2f}", f"{cnnc_ms / ort_ms:.2f}"
                cells["unoptimized"], cells["best"] = f"{unoptimized_ms:.2f}", f"{cnnc_ms / best_peer:.2f}"
            except (RuntimeError, subprocess.TimeoutExpired, ValueError, KeyError) as failure:
                problems.append(f"{name} batch {batch} threads {threads}: {failure}")
            openvino_cell = f"{openvino_ms:.2f}" if openvino_ms is not None else "-"
            row = format_row([name, str(batch), str(threads), cells["cnnc"], cells["unoptimized"], f"{ort_ms:.2f}",
                              openvino_cell, cells["ratio"], cells["best"], cells["l2"]])
            rows.append(row)
            print(row, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--models-dir", default=".build/onnx-models", help="where make_models.py wrote the models")
    parser.add_argument("--models", default=",".join(MODELS), help="comma-separated subset of " + ", ".join(MODELS))
    parser.add_argument("--cnnc", default=".build/release/cnnc", help="the cnnc binary (a release build)")
    parser.add_argument("--output", required=True, help="where to write the markdown table")
    parser.add_argument("--batches", default="1,8", help="comma-separated batch sizes")
    parser.add_argument("--threads", default="1,2", help="comma-separated thread counts")
    parser.add_argument("--iterations", type=int, default=20, help="timed runs for each figure (at least 20)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed ONNX Runtime runs before timing")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random inputs")
    arguments = parser.parse_args()
    arguments.models = arguments.models.split(",")
    arguments.batches = [int(value) for value in arguments.batches.split(",")]
    arguments.threads = [int(value) for value in arguments.threads.split(",")]
    if arguments.iterations < 20:
        parser.error("--iterations must be at least 20")
    if not os.access(arguments.cnnc, os.X_OK):
        parser.error(f"{arguments.cnnc} is not an executable; build it with 'swift build -c release'")

    header = [format_row(["model", "batch", "threads", "cnnc -O2 ms", "cnnc -O0 ms", "ORT ms", "OpenVINO ms", "cnnc/ORT",
                          "cnnc/best peer", "rel L2"]),
              "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    print("\n".join(header), flush=True)
    rows, problems = [], []
    started, load_before = datetime.datetime.now(datetime.timezone.utc), os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="cnnc-ort-") as work_dir:
        for name in arguments.models:
            measure_model(name, arguments, work_dir, rows, problems)
    seconds = (datetime.datetime.now(datetime.timezone.utc) - started).total_seconds()

    notes = [f"Taken {started:%Y-%m-%d %H:%M} UTC in {seconds:.0f} s with "
             f"`python3 {shlex.join(sys.argv)}`.",
             f"Machine: {machine_note()}; 1-minute load average {load_before:.2f} before the run, "
             f"{os.getloadavg()[0]:.2f} after it (this script itself adds up to the thread count).",
             f"Times are medians of {arguments.iterations} runs (ONNX Runtime and OpenVINO after {arguments.warmup} "
             f"warm-up runs; cnnc from `cnnc bench --json -O2` and `-O0`, latency.median_ms); rel L2 = ||cnnc - ORT|| / ||ORT|| of the output "
             f"(must be at most {TOLERANCE:g})."]
    report = "\n".join(header + rows) + "\n\n" + "\n\n".join(notes) + "\n"
    if problems:
        report += "\nProblems:\n\n" + "\n".join(f"- {problem}" for problem in problems) + "\n"
    with open(arguments.output, "w") as handle:
        handle.write(report)
    print("\n" + report[report.index("Taken"):])
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
