#!/usr/bin/env python3
"""Exports scikit-learn's 8x8 handwritten digits to NumPy .npy files for `cnnc train`.

The 1797 images (bundled with scikit-learn, nothing is downloaded) are split with a fixed
permutation (NumPy's RandomState(0), the same on every machine) into 1437 training and 360 test
images, and written as

    x_train.npy  float32 [1437, 1, 8, 8], pixels scaled from 0..16 to [0, 1]
    y_train.npy  int64   [1437], the digit 0-9
    x_test.npy   float32 [360, 1, 8, 8]
    y_test.npy   int64   [360]

into the folder given as the argument (default .build/datasets/digits, created if missing).
The data are not committed; run this script to make them (pip install scikit-learn).

    python3 scripts/datasets/export_digits.py [FOLDER]
"""

import argparse
import os

import numpy as np
from sklearn.datasets import load_digits

TEST_COUNT = 360
SEED = 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", default=os.path.join(".build", "datasets", "digits"),
                        help="where the .npy files go (default .build/datasets/digits)")
    folder = parser.parse_args().folder
    digits = load_digits()
    images = (digits.images.astype(np.float32) / 16.0).reshape(-1, 1, 8, 8)
    labels = digits.target.astype(np.int64)
    order = np.random.RandomState(SEED).permutation(len(labels))
    test, train = order[:TEST_COUNT], order[TEST_COUNT:]
    os.makedirs(folder, exist_ok=True)
    arrays = {
        "x_train": images[train], "y_train": labels[train],
        "x_test": images[test], "y_test": labels[test],
    }
    for name, array in arrays.items():
        np.save(os.path.join(folder, name + ".npy"), np.ascontiguousarray(array))
    print(f"wrote {folder}: {len(train)} training and {len(test)} test images of 1x8x8 digits (10 classes)")


if __name__ == "__main__":
    main()
