#!/usr/bin/env python3
"""Writes the ONNX models that cnnc is checked and timed on against ONNX Runtime.

ResNet-18, ResNet-50 and MobileNetV2 (the torchvision architectures, N x 3 x 224 x 224 -> N x 1000)
and ResNet-20 for CIFAR (3 stages of 3 basic blocks, 16/32/64 channels, N x 3 x 32 x 32 -> N x 10),
built node by node with the `onnx` helper API, in the form PyTorch's exporter gives them:
Conv (no bias) -> BatchNormalization -> Relu, Add for residuals, MaxPool, GlobalAveragePool,
Flatten, Gemm, and Clip with `min`/`max` inputs (opset 11 and later) for ReLU6. Opset 17, a
symbolic batch dimension `N`, input `x`, output `logits`.

The weights are random from a fixed NumPy seed: He-scaled convolution and dense weights, and
batch normalisations with non-trivial statistics (random mean, variance in [0.5, 2], random scale
and bias), so that folding them into the convolutions is really tested. The same seed gives the
same files on every machine. The files are large (ResNet-50 is about 100 MB): never commit them.

    python3 Benchmarks/onnx/make_models.py [OUTPUT_DIR]     # default .build/onnx-models
"""

import argparse
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17
IR_VERSION = 8
BATCH = "N"


class OnnxGraphWriter:
    """Collects nodes and initializers, naming them as torch.onnx does (`/layer1/layer1.0/conv1/Conv`)."""

    def __init__(self, seed):
        self.random = np.random.default_rng(seed)
        self.nodes = []
        self.initializers = []
        self.clip_bounds = None

    def constant(self, name, array):
        """Adds an initializer and returns its name."""
        self.initializers.append(numpy_helper.from_array(np.asarray(array, dtype=np.float32), name=name))
        return name

    def node(self, op_type, inputs, scope, output=None, **attributes):
        """Adds one node named `/scope/OpType`; returns the name of its single output (`…_output_0` unless given)."""
        name = ("/" + scope.replace(".", "/") if scope else "") + f"/{op_type}"
        output = output or f"{name}_output_0"
        self.nodes.append(helper.make_node(op_type, inputs, [output], name=name, **attributes))
        return output

    def conv(self, x, scope, in_channels, out_channels, kernel, stride=1, groups=1):
        """Conv without bias, He-normal weights (fan-in = in_channels / groups x kernel x kernel)."""
        fan_in = in_channels // groups * kernel * kernel
        weight = self.random.normal(0.0, np.sqrt(2.0 / fan_in), (out_channels, in_channels // groups, kernel, kernel))
        pad = kernel // 2
        return self.node("Conv", [x, self.constant(f"{scope}.weight", weight)], scope,
                         dilations=[1, 1], group=groups, kernel_shape=[kernel, kernel],
                         pads=[pad, pad, pad, pad], strides=[stride, stride])

    def batch_norm(self, x, scope, channels, scale_range=(0.5, 1.5)):
        """BatchNormalization with random statistics: mean ~ N(0, 0.1), variance in [0.5, 2]."""
        scale = self.random.uniform(*scale_range, channels)
        bias = self.random.normal(0.0, 0.1, channels)
        mean = self.random.normal(0.0, 0.1, channels)
        variance = self.random.uniform(0.5, 2.0, channels)
        inputs = [x] + [self.constant(f"{scope}.{field}", values) for field, values in
                        (("weight", scale), ("bias", bias), ("running_mean", mean), ("running_var", variance))]
        return self.node("BatchNormalization", inputs, scope, epsilon=1e-5, momentum=0.9)

    def relu(self, x, scope):
        """Relu."""
        return self.node("Relu", [x], scope)

    def relu6(self, x, scope):
        """Clip(min 0, max 6) with the bounds as inputs, shared scalar initializers as exporters write them."""
        if self.clip_bounds is None:
            self.clip_bounds = (self.constant("clip.min", np.float32(0.0)), self.constant("clip.max", np.float32(6.0)))
        return self.node("Clip", [x, *self.clip_bounds], scope)

    def conv_bn(self, x, scope, bn_scope, in_channels, out_channels, kernel, stride=1, groups=1, scale_range=(0.5, 1.5)):
        """Conv followed by its BatchNormalization."""
        y = self.conv(x, scope, in_channels, out_channels, kernel, stride, groups)
        return self.batch_norm(y, bn_scope, out_channels, scale_range)

    def classifier(self, x, scope, in_features, classes):
        """GlobalAveragePool -> Flatten -> Gemm (transB = 1) into `logits`; He-scaled weights, small random bias."""
        pooled = self.node("GlobalAveragePool", [x], "avgpool")
        flat = self.node("Flatten", [pooled], "", axis=1)
        weight = self.random.normal(0.0, np.sqrt(2.0 / in_features), (classes, in_features))
        bias = self.random.normal(0.0, 0.01, classes)
        return self.node("Gemm", [flat, self.constant(f"{scope}.weight", weight), self.constant(f"{scope}.bias", bias)],
                         scope, output="logits", alpha=1.0, beta=1.0, transB=1)

    def model(self, name, input_size, classes):
        """The finished, checked ModelProto with input `x: [N, 3, S, S]` and output `logits: [N, classes]`."""
        graph = helper.make_graph(
            self.nodes, name,
            [helper.make_tensor_value_info("x", TensorProto.FLOAT, [BATCH, 3, input_size, input_size])],
            [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [BATCH, classes])],
            initializer=self.initializers)
        model = helper.make_model(graph, producer_name="cnnc-benchmarks", producer_version="1.0",
                                  opset_imports=[helper.make_opsetid("", OPSET)])
        model.ir_version = IR_VERSION
        onnx.checker.check_model(model, full_check=True)
        return model


def basic_block(writer, x, scope, in_channels, out_channels, stride):
    """ResNet basic block: 3x3 conv-bn-relu, 3x3 conv-bn, projection shortcut when the shape changes, add, relu."""
    y = writer.relu(writer.conv_bn(x, f"{scope}.conv1", f"{scope}.bn1", in_channels, out_channels, 3, stride), f"{scope}.relu")
    y = writer.conv_bn(y, f"{scope}.conv2", f"{scope}.bn2", out_channels, out_channels, 3, 1, scale_range=(0.2, 0.6))
    shortcut = x
    if stride != 1 or in_channels != out_channels:
        shortcut = writer.conv_bn(x, f"{scope}.downsample.0", f"{scope}.downsample.1", in_channels, out_channels, 1, stride)
    return writer.relu(writer.node("Add", [y, shortcut], scope), f"{scope}.relu_1")


def bottleneck(writer, x, scope, in_channels, width, stride):
    """ResNet v1.5 bottleneck: 1x1, 3x3 (with the stride), 1x1 to 4 x width, projection shortcut, add, relu."""
    out_channels = 4 * width
    y = writer.relu(writer.conv_bn(x, f"{scope}.conv1", f"{scope}.bn1", in_channels, width, 1), f"{scope}.relu")
    y = writer.relu(writer.conv_bn(y, f"{scope}.conv2", f"{scope}.bn2", width, width, 3, stride), f"{scope}.relu_1")
    y = writer.conv_bn(y, f"{scope}.conv3", f"{scope}.bn3", width, out_channels, 1, scale_range=(0.2, 0.6))
    shortcut = x
    if stride != 1 or in_channels != out_channels:
        shortcut = writer.conv_bn(x, f"{scope}.downsample.0", f"{scope}.downsample.1", in_channels, out_channels, 1, stride)
    return writer.relu(writer.node("Add", [y, shortcut], scope), f"{scope}.relu_2")


def imagenet_resnet(name, seed, block, blocks_per_stage, expansion):
    """torchvision ResNet: 7x7/2 stem, 3x3/2 max pool, four stages (64, 128, 256, 512 wide), classifier."""
    writer = OnnxGraphWriter(seed)
    y = writer.relu(writer.conv_bn("x", "conv1", "bn1", 3, 64, 7, 2), "relu")
    y = writer.node("MaxPool", [y], "maxpool", ceil_mode=0, dilations=[1, 1], kernel_shape=[3, 3],
                    pads=[1, 1, 1, 1], strides=[2, 2])
    channels = 64
    for stage, (width, count) in enumerate(zip((64, 128, 256, 512), blocks_per_stage)):
        for index in range(count):
            stride = 2 if stage > 0 and index == 0 else 1
            y = block(writer, y, f"layer{stage + 1}.{index}", channels, width, stride)
            channels = width * expansion
    writer.classifier(y, "fc", channels, 1000)
    return writer.model(name, 224, 1000)


def resnet18():
    """ResNet-18: basic blocks [2, 2, 2, 2]."""
    return imagenet_resnet("resnet18", 18, basic_block, (2, 2, 2, 2), 1)


def resnet50():
    """ResNet-50: bottlenecks [3, 4, 6, 3]."""
    return imagenet_resnet("resnet50", 50, bottleneck, (3, 4, 6, 3), 4)


def mobilenet_v2():
    """torchvision MobileNetV2 (width 1.0): inverted residuals with ReLU6, 1280-wide head, 1000 classes."""
    writer = OnnxGraphWriter(2)
    settings = [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]
    y = writer.relu6(writer.conv_bn("x", "features.0.0", "features.0.1", 3, 32, 3, 2), "features.0.2")
    channels, index = 32, 1
    for expansion, out_channels, repeats, first_stride in settings:
        for repeat in range(repeats):
            stride = first_stride if repeat == 0 else 1
            scope = f"features.{index}.conv"
            hidden = channels * expansion
            x, layer = y, 0
            if expansion != 1:
                y = writer.relu6(writer.conv_bn(y, f"{scope}.0.0", f"{scope}.0.1", channels, hidden, 1), f"{scope}.0.2")
                layer = 1
            y = writer.relu6(writer.conv_bn(y, f"{scope}.{layer}.0", f"{scope}.{layer}.1", hidden, hidden, 3, stride,
                                            groups=hidden), f"{scope}.{layer}.2")
            y = writer.conv_bn(y, f"{scope}.{layer + 1}", f"{scope}.{layer + 2}", hidden, out_channels, 1,
                               scale_range=(0.2, 0.6))
            if stride == 1 and channels == out_channels:
                y = writer.node("Add", [x, y], f"features.{index}")
            channels, index = out_channels, index + 1
    y = writer.relu6(writer.conv_bn(y, f"features.{index}.0", f"features.{index}.1", channels, 1280, 1), f"features.{index}.2")
    writer.classifier(y, "classifier.1", 1280, 1000)
    return writer.model("mobilenet_v2", 224, 1000)


def resnet20_cifar():
    """ResNet-20 for CIFAR-10: 3x3 stem to 16 channels, 3 stages of 3 basic blocks (16, 32, 64), 10 classes."""
    writer = OnnxGraphWriter(20)
    y = writer.relu(writer.conv_bn("x", "conv1", "bn1", 3, 16, 3, 1), "relu")
    channels = 16
    for stage, width in enumerate((16, 32, 64)):
        for index in range(3):
            stride = 2 if stage > 0 and index == 0 else 1
            y = basic_block(writer, y, f"layer{stage + 1}.{index}", channels, width, stride)
            channels = width
    writer.classifier(y, "fc", channels, 10)
    return writer.model("resnet20_cifar", 32, 10)


MODELS = {"resnet18": resnet18, "resnet50": resnet50, "mobilenet_v2": mobilenet_v2, "resnet20_cifar": resnet20_cifar}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("output_dir", nargs="?", default=".build/onnx-models", help="where the .onnx files go")
    parser.add_argument("--models", default=",".join(MODELS), help="comma-separated subset of " + ", ".join(MODELS))
    arguments = parser.parse_args()
    os.makedirs(arguments.output_dir, exist_ok=True)
    for name in arguments.models.split(","):
        if name not in MODELS:
            sys.exit(f"unknown model '{name}'; the models are {', '.join(MODELS)}")
        model = MODELS[name]()
        path = os.path.join(arguments.output_dir, f"{name}.onnx")
        onnx.save_model(model, path)
        ops = sorted({node.op_type for node in model.graph.node})
        print(f"wrote {path}: {len(model.graph.node)} nodes ({', '.join(ops)}), "
              f"{sum(int(np.prod(t.dims)) for t in model.graph.initializer)} values, {os.path.getsize(path) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
