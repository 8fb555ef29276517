#!/usr/bin/env bash
# Fetches the ONNX project's backend node tests (each a model.onnx with test_data_set_*/input_*.pb
# and output_*.pb) that cnnc's conformance test runs, into .build/onnx-node-tests/.
#
# The onnx 1.18.0 wheel ships them under onnx/backend/test/data/node/ (later wheels do not); the
# wheel is downloaded with pip (nothing is installed) and only that folder is extracted.
# Does nothing when the folder is already there.
#
#     bash scripts/onnx/fetch_node_tests.sh
set -euo pipefail

cd "$(dirname "$0")/../.."
destination=".build/onnx-node-tests"
version="1.18.0"

if [ -d "$destination" ] && [ -n "$(ls -A "$destination" 2>/dev/null)" ]; then
    echo "ONNX node tests already in $destination"
    exit 0
fi

python="$(command -v python3 || command -v python)"
download="$(mktemp -d)"
trap 'rm -rf "$download"' EXIT

# Any platform's wheel holds the same test data; ask for the manylinux x86-64 one explicitly so
# that pip does not fall back to building from source on another machine.
"$python" -m pip download --quiet --no-deps --only-binary=:all: --python-version 3.11 \
    --platform manylinux_2_17_x86_64 "onnx==$version" -d "$download"
wheel="$(ls "$download"/onnx-"$version"-*.whl | head -n 1)"

staging="$destination.partial"
rm -rf "$staging"
mkdir -p "$staging"
"$python" - "$wheel" "$staging" <<'PYTHON'
import os
import sys
import zipfile

wheel, staging = sys.argv[1], sys.argv[2]
prefix = "onnx/backend/test/data/node/"
count = 0
with zipfile.ZipFile(wheel) as archive:
    for member in archive.infolist():
        if not member.filename.startswith(prefix) or member.is_dir():
            continue
        relative = member.filename[len(prefix):]
        if relative.startswith("/") or ".." in relative.split("/"):
            continue
        target = os.path.join(staging, relative)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with archive.open(member) as source, open(target, "wb") as sink:
            sink.write(source.read())
        count += 1
print(f"extracted {count} files")
PYTHON
rm -rf "$destination"
mv "$staging" "$destination"
echo "ONNX node tests: $(ls "$destination" | wc -l) tests in $destination"
