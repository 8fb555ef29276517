#!/usr/bin/env python3
"""NumPy reference for cnnc's training steps: the loss curve of a small CNN.

The model (written by this script as cnnc IR, with its initial weights as safetensors):

    conv 3x3 (1 -> 4 channels, pad 1) -> batch_norm (training: batch statistics) -> relu
    -> max_pool 2x2 -> flatten -> gemm (64 -> 10, trans_b) -> softmax cross-entropy (mean)

trained with momentum SGD (v <- m*v + g, w <- w - lr*v, v = g at the first step) on one fixed
batch of 16 random 1x8x8 images. With one batch per epoch, cnnc's per-epoch shuffle only
permutes the samples inside the batch, which changes no loss and no gradient beyond rounding,
so every epoch is the same step as here. Forward and backward are written out with NumPy in
float64, the straightforward way, independently of cnnc.

    python3 scripts/training/reference_loss_curve.py write DIR   # model, weights, data into DIR
    python3 scripts/training/reference_loss_curve.py losses DIR  # the reference losses, one per line
"""
import json
import os
import struct
import sys

import numpy as np

BATCH, STEPS, LEARNING_RATE, MOMENTUM, EPSILON, CLASSES = 16, 20, 0.05, 0.9, 1e-5, 10

MODEL = """graph @reference_cnn(%x: f32[16,1,8,8]) -> f32[16,10] {
  weights "reference_cnn.safetensors"
  %conv.weight = param f32[4,1,3,3]
  %conv.bias = param f32[4]
  %bn.scale = param f32[4]
  %bn.bias = param f32[4]
  %bn.mean = param f32[4]
  %bn.variance = param f32[4]
  %fc.weight = param f32[10,64]
  %fc.bias = param f32[10]
  %conv = conv %x, %conv.weight, %conv.bias {pads = [1,1,1,1]} : f32[16,4,8,8]
  %bn = batch_norm %conv, %bn.scale, %bn.bias, %bn.mean, %bn.variance {epsilon = 1e-05} : f32[16,4,8,8]
  %relu = relu %bn : f32[16,4,8,8]
  %pool = max_pool %relu {kernel = [2,2], strides = [2,2]} : f32[16,4,4,4]
  %flat = flatten %pool : f32[16,64]
  %fc = gemm %flat, %fc.weight, %fc.bias {trans_b = true} : f32[16,10]
  return %fc
}
"""


def initial_values():
    """Seeded initial weights (f32) and one batch of images and labels."""
    generator = np.random.default_rng(7)
    weights = {
        "conv.weight": generator.normal(0, 0.5, (4, 1, 3, 3)),
        "conv.bias": generator.normal(0, 0.1, 4),
        "bn.scale": generator.uniform(0.5, 1.5, 4),
        "bn.bias": generator.normal(0, 0.1, 4),
        "bn.mean": np.zeros(4),
        "bn.variance": np.ones(4),
        "fc.weight": generator.normal(0, 0.2, (10, 64)),
        "fc.bias": np.zeros(10),
    }
    weights = {name: value.astype(np.float32) for name, value in weights.items()}
    images = generator.uniform(0, 1, (BATCH, 1, 8, 8)).astype(np.float32)
    labels = generator.integers(0, CLASSES, BATCH).astype(np.int64)
    return weights, images, labels


def write_safetensors(path, tensors):
    """A safetensors file of f32 tensors (8-byte header size, JSON header, raw little-endian data)."""
    header, offset, blobs = {}, 0, []
    for name in sorted(tensors):
        data = np.ascontiguousarray(tensors[name], dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as file:
        file.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def im2col(x, size, pad):
    """Columns [N, C*size*size, H*W] of a stride-1 convolution."""
    n, c, h, w = x.shape
    padded = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    columns = np.empty((n, c, size, size, h, w))
    for i in range(size):
        for j in range(size):
            columns[:, :, i, j] = padded[:, :, i:i + h, j:j + w]
    return columns.reshape(n, c * size * size, h * w)


def col2im(columns, shape, size, pad):
    """The adjoint of im2col: columns summed back into an image of `shape`."""
    n, c, h, w = shape
    columns = columns.reshape(n, c, size, size, h, w)
    padded = np.zeros((n, c, h + 2 * pad, w + 2 * pad))
    for i in range(size):
        for j in range(size):
            padded[:, :, i:i + h, j:j + w] += columns[:, :, i, j]
    return padded[:, :, pad:pad + h, pad:pad + w]


def step(p, images, labels):
    """The loss and the gradient of every trained parameter, in float64."""
    n = images.shape[0]
    columns = im2col(images, 3, 1)
    weight = p["conv.weight"].reshape(4, -1)
    conv = (np.einsum("ok,nkp->nop", weight, columns) + p["conv.bias"][None, :, None]).reshape(n, 4, 8, 8)
    mean = conv.mean(axis=(0, 2, 3), keepdims=True)
    variance = conv.var(axis=(0, 2, 3), keepdims=True)
    inverse = 1 / np.sqrt(variance + EPSILON)
    normalized = (conv - mean) * inverse
    bn = normalized * p["bn.scale"][None, :, None, None] + p["bn.bias"][None, :, None, None]
    relu = np.maximum(bn, 0)
    windows = relu.reshape(n, 4, 4, 2, 4, 2).transpose(0, 1, 2, 4, 3, 5).reshape(n, 4, 4, 4, 4)
    argmax = windows.argmax(axis=-1)
    pool = windows.max(axis=-1)
    flat = pool.reshape(n, 64)
    logits = flat @ p["fc.weight"].T + p["fc.bias"]
    shifted = logits - logits.max(axis=1, keepdims=True)
    probabilities = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
    loss = -np.log(probabilities[np.arange(n), labels]).mean()

    gradients = {}
    d_logits = probabilities.copy()
    d_logits[np.arange(n), labels] -= 1
    d_logits /= n
    gradients["fc.weight"] = d_logits.T @ flat
    gradients["fc.bias"] = d_logits.sum(axis=0)
    d_pool = (d_logits @ p["fc.weight"]).reshape(n, 4, 4, 4)
    d_windows = np.zeros_like(windows)
    np.put_along_axis(d_windows, argmax[..., None], d_pool[..., None], axis=-1)
    d_relu = d_windows.reshape(n, 4, 4, 4, 2, 2).transpose(0, 1, 2, 4, 3, 5).reshape(n, 4, 8, 8)
    d_bn = d_relu * (bn > 0)
    gradients["bn.scale"] = (d_bn * normalized).sum(axis=(0, 2, 3))
    gradients["bn.bias"] = d_bn.sum(axis=(0, 2, 3))
    d_normalized = d_bn * p["bn.scale"][None, :, None, None]
    count = n * 64
    d_conv = inverse / count * (count * d_normalized - d_normalized.sum(axis=(0, 2, 3), keepdims=True)
                                - normalized * (d_normalized * normalized).sum(axis=(0, 2, 3), keepdims=True))
    d_flat_conv = d_conv.reshape(n, 4, 64)
    gradients["conv.weight"] = np.einsum("nop,nkp->ok", d_flat_conv, columns).reshape(4, 1, 3, 3)
    gradients["conv.bias"] = d_conv.sum(axis=(0, 2, 3))
    return loss, gradients


def losses():
    """The loss of each of STEPS momentum-SGD steps on the batch."""
    weights, images, labels = initial_values()
    parameters = {name: value.astype(np.float64) for name, value in weights.items()}
    velocity = {}
    curve = []
    for _ in range(STEPS):
        loss, gradients = step(parameters, images.astype(np.float64), labels)
        curve.append(loss)
        for name, gradient in gradients.items():
            velocity[name] = MOMENTUM * velocity[name] + gradient if name in velocity else gradient
            parameters[name] = parameters[name] - LEARNING_RATE * velocity[name]
    return curve


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("write", "losses"):
        sys.exit(__doc__)
    folder = sys.argv[2]
    if sys.argv[1] == "write":
        os.makedirs(folder, exist_ok=True)
        weights, images, labels = initial_values()
        with open(os.path.join(folder, "reference_cnn.ir"), "w") as file:
            file.write(MODEL)
        write_safetensors(os.path.join(folder, "reference_cnn.safetensors"), weights)
        np.save(os.path.join(folder, "images.npy"), images)
        np.save(os.path.join(folder, "labels.npy"), labels)
    else:
        for loss in losses():
            print(repr(float(loss)))


if __name__ == "__main__":
    main()
