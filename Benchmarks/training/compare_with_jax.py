#!/usr/bin/env python3
"""Times one training step of cnnc next to JAX (jax.jit on the CPU) on the same models.

Models (the same architecture on both sides, NCHW, f32):
  lenet5          Examples/lenet5.ir: conv 6@5x5 ('same') + ReLU, max pool 2, conv 16@5x5 + ReLU,
                  max pool 2, dense 120 + ReLU, 84 + ReLU, 10; batch 64 of 1x28x28.
  resnet20_cifar  Examples/resnet20_cifar.ir: 3x3 conv to 16 + BN + ReLU, 3 stages of 3 basic
                  blocks (16, 32, 64 channels; 1x1 conv + BN shortcuts where the shape changes),
                  global average pool, dense 10; batch 32 of 3x32x32; BN in training mode (batch
                  statistics; running statistics updated with momentum 0.9, unbiased variance).
One step on both sides: forward, softmax cross-entropy (mean over the batch) against integer
labels, gradients of every parameter, and momentum SGD (v <- 0.9 v + g; p <- p - lr v, lr 0.01),
the parameters, velocities and BN statistics fed back into the next step. The batch is one fixed
seeded random batch (images uniform in [-1, 1], uniform labels), already in memory.

cnnc: `cnnc bench MODEL --train --batch B --optimizer momentum --lr 0.01 --json --threads T`
(-O2; its latency.median_ms over --iterations steps after --warmup steps, and its per-layer
profile). JAX: jax.jit of the step (parameters, velocities and statistics donated), the median
wall time of --iterations steps after --warmup steps (the first compiles), each waited for with
block_until_ready. Each side is timed --repeats times (cnnc in separate runs) and the lowest median
kept: cnnc's 2-thread step times are bimodal from run to run. Both are limited to T threads (CNNC_NUM_THREADS and --threads for cnnc; XLA_FLAGS
`--xla_cpu_multi_thread_eigen=true intra_op_parallelism_threads=T` and the CPU affinity for JAX,
set before jax is imported).

Prints a table (model, batch, ms/step and images/s of each, cnnc images/s over JAX's), then
cnnc's slowest layers and its time by op, and writes them, with the date, the command and the
machine, to --output. Run through Benchmarks/training/run.sh, which installs jax[cpu] and numpy
and builds cnnc in release.
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
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from machine import processor_and_system  # noqa: E402 (Benchmarks/machine.py, shared by both scripts)

MODELS = {"lenet5": 64, "resnet20_cifar": 32}
LEARNING_RATE = 0.01
MOMENTUM = 0.9
BN_MOMENTUM = 0.9
BN_EPSILON = 1e-5
CLASSES = 10


def limit_threads(threads):
    """Restricts XLA (and anything else in this process) to `threads` threads; call before importing jax."""
    flags = " ".join(flag for flag in os.environ.get("XLA_FLAGS", "").split()
                     if not flag.startswith(("--xla_cpu_multi_thread_eigen", "intra_op_parallelism_threads")))
    os.environ["XLA_FLAGS"] = (flags + f" --xla_cpu_multi_thread_eigen=true intra_op_parallelism_threads={threads}").strip()
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = str(threads)
    if hasattr(os, "sched_setaffinity"):
        available = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, available[:threads])


def jax_models():
    """The JAX definitions of the two models: name -> (init(key), apply(params, stats, x) -> (logits, new stats), input shape)."""
    import jax
    import jax.numpy as jnp
    from jax import lax

    def conv(x, w, stride=1, pad=0):
        return lax.conv_general_dilated(x, w, (stride, stride), [(pad, pad), (pad, pad)],
                                        dimension_numbers=("NCHW", "OIHW", "NCHW"))

    def max_pool(x):
        return lax.reduce_window(x, -jnp.inf, lax.max, (1, 1, 2, 2), (1, 1, 2, 2), "VALID")

    def dense(x, w, b):
        return x @ w.T + b

    def he(key, shape):
        fan_in = 1
        for size in shape[1:]:
            fan_in *= size
        return jax.random.normal(key, shape, jnp.float32) * jnp.sqrt(2.0 / fan_in)

    def batch_norm(x, p, s):
        """Training-mode batch norm: batch statistics, and the next running statistics."""
        mean = x.mean(axis=(0, 2, 3))
        variance = x.var(axis=(0, 2, 3))
        count = x.shape[0] * x.shape[2] * x.shape[3]
        inverse = lax.rsqrt(variance + BN_EPSILON)
        y = (x - mean[None, :, None, None]) * (inverse * p["scale"])[None, :, None, None] + p["bias"][None, :, None, None]
        mean, variance = lax.stop_gradient(mean), lax.stop_gradient(variance)
        statistics_next = {"mean": BN_MOMENTUM * s["mean"] + (1 - BN_MOMENTUM) * mean,
                           "var": BN_MOMENTUM * s["var"] + (1 - BN_MOMENTUM) * variance * count / (count - 1)}
        return y, statistics_next

    def lenet5_init(key):
        keys = jax.random.split(key, 5)
        shapes = [(6, 1, 5, 5), (16, 6, 5, 5), (120, 400), (84, 120), (CLASSES, 84)]
        names = ["conv1", "conv2", "fc1", "fc2", "fc3"]
        params = {name: {"w": he(k, shape), "b": jnp.zeros(shape[0], jnp.float32)} for name, k, shape in zip(names, keys, shapes)}
        return params, {}

    def lenet5_apply(p, s, x):
        y = max_pool(jax.nn.relu(conv(x, p["conv1"]["w"], pad=2) + p["conv1"]["b"][None, :, None, None]))
        y = max_pool(jax.nn.relu(conv(y, p["conv2"]["w"]) + p["conv2"]["b"][None, :, None, None]))
        y = y.reshape(y.shape[0], -1)
        y = jax.nn.relu(dense(y, p["fc1"]["w"], p["fc1"]["b"]))
        y = jax.nn.relu(dense(y, p["fc2"]["w"], p["fc2"]["b"]))
        return dense(y, p["fc3"]["w"], p["fc3"]["b"]), s

    def resnet20_layout():
        """(name, input channels, output channels, stride) of every basic block."""
        blocks, channels = [], 16
        for stage, width in enumerate((16, 32, 64)):
            for index in range(3):
                blocks.append((f"layer{stage + 1}.{index}", channels, width, 2 if stage > 0 and index == 0 else 1))
                channels = width
        return blocks

    def bn_init(channels):
        return ({"scale": jnp.ones(channels, jnp.float32), "bias": jnp.zeros(channels, jnp.float32)},
                {"mean": jnp.zeros(channels, jnp.float32), "var": jnp.ones(channels, jnp.float32)})

    def resnet20_init(key):
        keys = iter(jax.random.split(key, 64))
        params, stats = {"conv1": he(next(keys), (16, 3, 3, 3))}, {}
        params["bn1"], stats["bn1"] = bn_init(16)
        for name, inputs, outputs, stride in resnet20_layout():
            params[f"{name}.conv1"] = he(next(keys), (outputs, inputs, 3, 3))
            params[f"{name}.bn1"], stats[f"{name}.bn1"] = bn_init(outputs)
            params[f"{name}.conv2"] = he(next(keys), (outputs, outputs, 3, 3))
            params[f"{name}.bn2"], stats[f"{name}.bn2"] = bn_init(outputs)
            if stride != 1 or inputs != outputs:
                params[f"{name}.downsample.0"] = he(next(keys), (outputs, inputs, 1, 1))
                params[f"{name}.downsample.1"], stats[f"{name}.downsample.1"] = bn_init(outputs)
        params["fc"] = {"w": he(next(keys), (CLASSES, 64)), "b": jnp.zeros(CLASSES, jnp.float32)}
        return params, stats

    def resnet20_apply(p, s, x):
        next_stats = {}

        def conv_bn(y, conv_name, bn_name, stride, pad):
            y, next_stats[bn_name] = batch_norm(conv(y, p[conv_name], stride, pad), p[bn_name], s[bn_name])
            return y

        y = jax.nn.relu(conv_bn(x, "conv1", "bn1", 1, 1))
        for name, inputs, outputs, stride in resnet20_layout():
            body = jax.nn.relu(conv_bn(y, f"{name}.conv1", f"{name}.bn1", stride, 1))
            body = conv_bn(body, f"{name}.conv2", f"{name}.bn2", 1, 1)
            shortcut = y
            if stride != 1 or inputs != outputs:
                shortcut = conv_bn(y, f"{name}.downsample.0", f"{name}.downsample.1", stride, 0)
            y = jax.nn.relu(body + shortcut)
        y = y.mean(axis=(2, 3))
        return dense(y, p["fc"]["w"], p["fc"]["b"]), next_stats

    return {"lenet5": (lenet5_init, lenet5_apply, (1, 28, 28)),
            "resnet20_cifar": (resnet20_init, resnet20_apply, (3, 32, 32))}


def jax_median_ms(name, batch, warmup, iterations, repeats, seed):
    """The best of `repeats` medians of `iterations` steps (wall time in milliseconds of one jitted training step
    of `name`, after `warmup` steps), and the losses of the first warmup + iterations steps (as cnnc reports them)."""
    import jax
    import jax.numpy as jnp

    init, apply, sample_shape = jax_models()[name]
    params, stats = init(jax.random.PRNGKey(seed))
    velocity = jax.tree_util.tree_map(jnp.zeros_like, params)
    data_key, label_key = jax.random.split(jax.random.PRNGKey(seed + 1))
    x = jax.random.uniform(data_key, (batch,) + sample_shape, jnp.float32, -1.0, 1.0)
    labels = jax.random.randint(label_key, (batch,), 0, CLASSES)

    def loss_function(params, stats, x, labels):
        logits, next_stats = apply(params, stats, x)
        log_probabilities = jax.nn.log_softmax(logits)
        loss = -jnp.mean(jnp.take_along_axis(log_probabilities, labels[:, None], axis=1))
        return loss, next_stats

    def step(params, stats, velocity, x, labels):
        (loss, next_stats), gradients = jax.value_and_grad(loss_function, has_aux=True)(params, stats, x, labels)
        velocity = jax.tree_util.tree_map(lambda v, g: MOMENTUM * v + g, velocity, gradients)
        params = jax.tree_util.tree_map(lambda p, v: p - LEARNING_RATE * v, params, velocity)
        return loss, params, next_stats, velocity

    compiled = jax.jit(step, donate_argnums=(0, 1, 2))
    losses, medians = [], []
    for repeat in range(repeats):
        times = []
        for index in range(warmup + iterations):
            start = time.perf_counter()
            loss, params, stats, velocity = compiled(params, stats, velocity, x, labels)
            jax.block_until_ready((loss, params, stats, velocity))
            if index >= warmup:
                times.append((time.perf_counter() - start) * 1e3)
            if repeat == 0:
                losses.append(float(loss))
        medians.append(statistics.median(times))
    return min(medians), losses


def cnnc_bench(cnnc, model_path, batch, threads, warmup, iterations, repeats):
    """The JSON object `cnnc bench --train` prints for one model: the run with the lowest median of `repeats` runs."""
    arguments = [cnnc, "bench", model_path, "--train", "--batch", str(batch), "--optimizer", "momentum",
                 "--momentum", str(MOMENTUM), "--lr", str(LEARNING_RATE), "--json", "--threads", str(threads),
                 "--warmup", str(warmup), "--iterations", str(iterations)]
    environment = dict(os.environ, CNNC_NUM_THREADS=str(threads))
    runs = []
    for _ in range(repeats):
        result = subprocess.run(arguments, capture_output=True, text=True, env=environment, timeout=3600)
        if result.returncode != 0:
            message = (result.stderr.strip() or result.stdout.strip()).splitlines()
            raise RuntimeError(f"`{shlex.join(arguments)}` exited with {result.returncode}: " + " | ".join(message[:8]))
        runs.append(json.loads(result.stdout[result.stdout.index("{"):]))
    return min(runs, key=lambda run: run["latency"]["median_ms"])


def machine_note():
    """CPU model, core count, OS and the versions that matter for the figures."""
    import jax
    import numpy

    return (f"{processor_and_system()}; jax {jax.__version__}, "
            f"jaxlib {getattr(jax.lib, '__version__', '?')}, numpy {numpy.__version__}, Python {platform.python_version()}; "
            f"XLA_FLAGS={os.environ.get('XLA_FLAGS', '')}; load average before: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


def format_row(cells):
    """One markdown table row."""
    return "| " + " | ".join(cells) + " |"


def layer_breakdown(name, bench, count):
    """cnnc's slowest layers and its time by op, as markdown lines."""
    lines = [f"### cnnc {name}: the {count} slowest of {len(bench['layers'])} layers "
             f"(layers sum to {bench['layers_total_ms']:.2f} ms, step median {bench['latency']['median_ms']:.2f} ms)", "",
             format_row(["node", "op", "kernel", "output", "ms", "share", "GFLOP/s"]),
             format_row(["---", "---", "---", "---", "---:", "---:", "---:"])]
    for layer in bench["layers"][:count]:
        gflops = f"{layer['gflops']:.1f}" if layer["gflops"] is not None else "-"
        lines.append(format_row([layer["node"], layer["op"], layer["kernel"], layer["output"], f"{layer['median_ms']:.3f}",
                                 f"{layer['share_percent']:.1f}%", gflops]))
    lines += ["", format_row(["op", "count", "ms", "share"]), format_row(["---", "---:", "---:", "---:"])]
    for total in bench["by_op"]:
        lines.append(format_row([total["op"], str(total["count"]), f"{total['total_ms']:.3f}", f"{total['share_percent']:.1f}%"]))
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cnnc", default=".build/release/cnnc", help="the cnnc executable")
    parser.add_argument("--examples", default="Examples", help="the folder of the example models")
    parser.add_argument("--models", default=",".join(MODELS), help="comma-separated subset of " + ", ".join(MODELS))
    parser.add_argument("--threads", type=int, default=2, help="threads for cnnc and JAX (default 2)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed steps first (default 5)")
    parser.add_argument("--iterations", type=int, default=30, help="timed steps (default 30)")
    parser.add_argument("--repeats", type=int, default=3,
                        help="time each side this many times (cnnc: separate runs) and keep the lowest median (default 3)")
    parser.add_argument("--layers", type=int, default=15, help="cnnc's slowest layers to list per model (default 15)")
    parser.add_argument("--seed", type=int, default=0, help="seed of JAX's weights and batch")
    parser.add_argument("--output", default=".build/training-bench/results.md", help="where the markdown goes")
    arguments = parser.parse_args()
    names = arguments.models.split(",")
    for name in names:
        if name not in MODELS:
            sys.exit(f"unknown model '{name}'; the models are {', '.join(MODELS)}")
    limit_threads(arguments.threads)
    started = datetime.datetime.now(datetime.timezone.utc)
    note = machine_note()

    header = ["model", "batch", "threads", "cnnc ms/step", "cnnc img/s", "JAX ms/step", "JAX img/s", "cnnc/JAX img/s",
              "cnnc loss first→last", "JAX loss first→last"]
    rows = [format_row(header), format_row(["---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---", "---"])]
    print("\n".join(rows), flush=True)
    breakdowns, problems = [], []
    for name in names:
        batch = MODELS[name]
        model_path = os.path.join(arguments.examples, f"{name}.ir")
        jax_ms, jax_losses = jax_median_ms(name, batch, arguments.warmup, arguments.iterations, arguments.repeats, arguments.seed)
        cells = ["failed", "-", "-", "-"]
        try:
            bench = cnnc_bench(arguments.cnnc, model_path, batch, arguments.threads, arguments.warmup, arguments.iterations,
                               arguments.repeats)
            cnnc_ms = bench["latency"]["median_ms"]
            training = bench["training"]
            first, last = training.get("first_loss"), training.get("last_loss")
            cells = [f"{cnnc_ms:.2f}", f"{batch / cnnc_ms * 1e3:,.0f}", f"{jax_ms / cnnc_ms:.2f}",
                     f"{first if first is not None else float('nan'):.3f}→{last if last is not None else float('nan'):.3f}"]
            breakdowns += layer_breakdown(name, bench, arguments.layers) + [""]
        except (RuntimeError, subprocess.TimeoutExpired, ValueError, KeyError) as failure:
            problems.append(f"{name}: {failure}")
        row = format_row([name, str(batch), str(arguments.threads), cells[0], cells[1], f"{jax_ms:.2f}",
                          f"{batch / jax_ms * 1e3:,.0f}", cells[2], cells[3], f"{jax_losses[0]:.3f}→{jax_losses[-1]:.3f}"])
        rows.append(row)
        print(row, flush=True)

    print()
    print("\n".join(breakdowns))
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    os.makedirs(os.path.dirname(arguments.output) or ".", exist_ok=True)
    with open(arguments.output, "w") as output:
        output.write(f"# cnnc and JAX: one training step\n\n{started:%Y-%m-%d %H:%M} UTC; `{shlex.join(sys.argv)}`\n\n{note}\n\n")
        output.write("\n".join(rows) + "\n\n" + "\n".join(breakdowns) + "\n")
        if problems:
            output.write("\nProblems:\n\n" + "\n".join(f"- {problem}" for problem in problems) + "\n")
    print(f"wrote {arguments.output}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
