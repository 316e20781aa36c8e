"""Times PyTorch's conv2d passes on the shapes of ConvBench, as a speed reference.

The two convolutions of a small Fashion-MNIST CNN at batch 64, both 3x3 with padding 1: 1 -> 32 channels
on 28x28 and 32 -> 64 channels on 14x14. For each: the forward pass (with bias), the input gradient and the
weight gradient with the bias gradient, then the five passes of a training step in the order autograd runs
them (conv2's two gradients in one call, as autograd asks for them), then the 2x2 max pooling after each
convolution (PoolBench). Timed by the thread's CPU time, best of ten batches, printed in the format of
nnet.bench.ConvCpuTime so that the two can be run in turn:

    /usr/bin/python3 bench/reference/conv_torch.py [ROUNDS]

Runs on one thread (torch.set_num_threads(1), OPENBLAS_NUM_THREADS=1), first as PyTorch chooses (oneDNN,
"mkldnn", for float32 convolutions on this build), then with torch.backends.mkldnn disabled (im2col and
the BLAS, OpenBLAS here). Not used by the build.
"""
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import torch  # noqa: E402  (after the environment variable, which OpenBLAS reads when it loads)

BATCH = 64
BATCHES = 10
FLOPS_PER_BATCH = 1e10
LAYERS = [("conv1", 1, 28, 32), ("conv2", 32, 14, 64)]


def flops(in_c, size, out_c):
    return 2.0 * BATCH * out_c * size * size * in_c * 9


class Layer:
    def __init__(self, in_c, size, out_c):
        self.x = torch.rand(BATCH, in_c, size, size) * 2 - 1
        self.w = torch.rand(out_c, in_c, 3, 3) * 2 - 1
        self.b = torch.rand(out_c) * 2 - 1
        self.dy = torch.rand(BATCH, out_c, size, size) * 2 - 1

    def forward(self):
        return torch.nn.functional.conv2d(self.x, self.w, self.b, padding=1)

    def gradients(self, data, weight):
        return torch.ops.aten.convolution_backward(
            self.dy, self.x, self.w, [self.w.shape[0]], [1, 1], [1, 1], [1, 1], False, [0, 0], 1,
            [data, weight, weight])

    def backward_data(self):
        return self.gradients(True, False)

    def backward_weight(self):
        return self.gradients(False, True)


class Pooling:
    def __init__(self, channels, size):
        self.x = torch.rand(BATCH, channels, size, size) * 2 - 1
        self.y, self.indices = self.forward()
        self.dy = torch.rand_like(self.y) * 2 - 1

    def forward(self):
        return torch.nn.functional.max_pool2d(self.x, 2, 2, return_indices=True)

    def backward(self):
        return torch.ops.aten.max_pool2d_with_indices_backward(self.dy, self.x, [2, 2], [2, 2], [0, 0], [1, 1],
                                                               False, self.indices)


def best_seconds(fn, flop_count):
    """Best time of a call; flop_count 0 means a pass without multiply-adds, run 20 times a batch."""
    reps = 20 if flop_count == 0 else max(1, int(FLOPS_PER_BATCH / BATCHES / flop_count))
    fn()
    best = float("inf")
    for _ in range(BATCHES):
        start = time.thread_time_ns()
        for _ in range(reps):
            fn()
        best = min(best, (time.thread_time_ns() - start) / 1e9 / reps)
    return best


def report(name, fn, flop_count):
    s = best_seconds(fn, flop_count)
    rate = f" {flop_count / s / 1e9:7.1f} GFLOP/s" if flop_count else ""
    print(f"  {name} {s * 1e6:9.1f} us{rate}", flush=True)


def run(layers):
    for name, in_c, size, out_c in LAYERS:
        layer = layers[name]
        f = flops(in_c, size, out_c)
        report(f"{name} forward        ", layer.forward, f)
        report(f"{name} backward-data  ", layer.backward_data, f)
        report(f"{name} backward-weight", layer.backward_weight, f)
    conv1, conv2 = layers["conv1"], layers["conv2"]

    def step():
        conv1.forward()
        conv2.forward()
        conv2.gradients(True, True)
        conv1.backward_weight()

    report("training step        ", step, 2 * flops(1, 28, 32) + 3 * flops(32, 14, 64))
    for name, pooling in (("pool1", layers["pool1"]), ("pool2", layers["pool2"])):
        report(f"{name} forward        ", pooling.forward, 0)
        report(f"{name} backward       ", pooling.backward, 0)


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    torch.set_num_threads(1)
    torch.manual_seed(0)
    layers = {name: Layer(in_c, size, out_c) for name, in_c, size, out_c in LAYERS}
    layers["pool1"] = Pooling(32, 28)
    layers["pool2"] = Pooling(64, 14)
    with torch.no_grad():
        for r in range(1, rounds + 1):
            for mkldnn in (True, False):
                torch.backends.mkldnn.enabled = mkldnn
                print(f"round {r} (torch {torch.__version__}, 1 thread, mkldnn {'on' if mkldnn else 'off'})",
                      flush=True)
                run(layers)


if __name__ == "__main__":
    main()
