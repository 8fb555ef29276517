#!/usr/bin/env bash
# Trains the small CNN of reference_loss_curve.py for 20 steps with `cnnc train` and requires
# every step's loss to match the NumPy reference to within 1e-3 relative.
#
# cnnc prints each epoch's loss with 4 decimals; the losses stay above 0.2, so that rounding
# costs at most 2.5e-4 relative, well inside the bound. Installs numpy with pip when missing.
#
#     bash scripts/training/check_loss_curve.sh
set -euo pipefail

cd "$(dirname "$0")/../.."
python="$(command -v python3 || command -v python)"
"$python" -c "import numpy" 2>/dev/null || "$python" -m pip install --quiet numpy
swift build --product cnnc >/dev/null
folder="$(mktemp -d)"
trap 'rm -rf "$folder"' EXIT

"$python" scripts/training/reference_loss_curve.py write "$folder"
"$python" scripts/training/reference_loss_curve.py losses "$folder" > "$folder/reference.txt"
.build/debug/cnnc train "$folder/reference_cnn.ir" --train-data "$folder/images.npy" --train-labels "$folder/labels.npy" \
    --epochs 20 --batch 16 --optimizer momentum --momentum 0.9 --lr 0.05 --seed 1 -o "$folder/trained.safetensors" \
    | sed -n 's/^epoch .* loss \([0-9.]*\) .*/\1/p' > "$folder/cnnc.txt"

"$python" - "$folder/reference.txt" "$folder/cnnc.txt" <<'PYTHON'
import sys
reference = [float(line) for line in open(sys.argv[1])]
measured = [float(line) for line in open(sys.argv[2])]
if len(measured) != len(reference):
    sys.exit(f"cnnc printed {len(measured)} epoch losses, the reference has {len(reference)}")
worst = max(abs(m - r) / abs(r) for m, r in zip(measured, reference))
for step, (m, r) in enumerate(zip(measured, reference), 1):
    print(f"step {step:2d}  cnnc {m:.4f}  numpy {r:.6f}  relative {abs(m - r) / abs(r):.1e}")
print(f"largest relative difference: {worst:.1e} (bound 1e-3)")
sys.exit(0 if worst <= 1e-3 else 1)
PYTHON
