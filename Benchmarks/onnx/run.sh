#!/usr/bin/env bash
# Checks cnnc against ONNX Runtime on ResNet-18, ResNet-50, MobileNetV2 and a CIFAR ResNet-20,
# and times cnnc (-O2 and -O0), ONNX Runtime and OpenVINO at batch 1 and 8 with 1 and 2 threads
# (see docs/PERFORMANCE.md).
#
#   Benchmarks/onnx/run.sh [OUTPUT.md] [more options of compare_with_ort.py]
#
# Installs numpy, onnx, onnxruntime and openvino with pip if they are missing, builds cnnc in release,
# writes the models to .build/onnx-models/ and the table to OUTPUT.md (default
# .build/onnx-models/results.md). Python is used here only to build reference models and run
# ONNX Runtime; cnnc itself never needs it.
set -euo pipefail
cd "$(dirname "$0")/../.."

output="${1:-.build/onnx-models/results.md}"
shift || true

if ! python3 -c "import numpy, onnx, onnxruntime, openvino" 2>/dev/null; then
    python3 -m pip install --quiet --disable-pip-version-check onnx onnxruntime openvino numpy
fi
swift build -c release --product cnnc
python3 Benchmarks/onnx/make_models.py .build/onnx-models
python3 Benchmarks/onnx/compare_with_ort.py --models-dir .build/onnx-models --cnnc .build/release/cnnc \
    --output "$output" "$@"
