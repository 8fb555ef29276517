#!/usr/bin/env bash
# Times one training step of cnnc next to JAX on LeNet-5 (batch 64) and a CIFAR ResNet-20
# (batch 32, batch norm in training mode), momentum SGD, both on the same number of threads
# (see the Training section of docs/PERFORMANCE.md).
#
#   Benchmarks/training/run.sh [OUTPUT.md] [more options of compare_with_jax.py]
#
# Installs jax[cpu] and numpy with pip if they are missing, builds cnnc in release, and runs
# compare_with_jax.py, which limits both to 2 threads (--threads T to change: CNNC_NUM_THREADS and
# --threads for cnnc; XLA_FLAGS and the CPU affinity for JAX, set before jax is imported) and writes the table and cnnc's per-layer breakdown to OUTPUT.md (default
# .build/training-bench/results.md). Python is used here only to run JAX; cnnc never needs it.
set -euo pipefail
cd "$(dirname "$0")/../.."

output="${1:-.build/training-bench/results.md}"
shift || true

if ! python3 -c "import jax, numpy" 2>/dev/null; then
    python3 -m pip install --quiet --disable-pip-version-check "jax[cpu]" numpy
fi
swift build -c release --product cnnc
uptime
python3 Benchmarks/training/compare_with_jax.py --cnnc .build/release/cnnc --output "$output" "$@"
