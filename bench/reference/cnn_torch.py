#!/usr/bin/python3
"""The fashion-cnn sample's training step and batch prediction in PyTorch, as a speed reference for
nnet.bench.CnnCpuTime: the same layers (compiler/src/test/python/fashion_cnn.py), batch 64,
Adam, one thread (torch.set_num_threads(1), OPENBLAS_NUM_THREADS=1), timed by the thread's CPU time,
median and best of ten batches of five steps, printed in CnnCpuTime's format. Not used by the build:

    /usr/bin/python3 bench/reference/cnn_torch.py [ROUNDS]
"""
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "compiler", "src",
                                "test", "python"))
from fashion_cnn import FashionCnn  # noqa: E402

BATCHES = 10
STEPS = 5


def report(name, fn):
    ms = []
    for _ in range(BATCHES):
        start = time.thread_time_ns()
        for _ in range(STEPS):
            fn()
        ms.append((time.thread_time_ns() - start) / 1e6 / STEPS)
    ms.sort()
    print("%s  median %8.2f ms  best %8.2f ms" % (name, ms[BATCHES // 2], ms[0]), flush=True)


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    torch.set_num_threads(1)
    torch.manual_seed(1)
    model = FashionCnn()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    x = torch.randint(0, 256, (64, 1, 28, 28)).float()
    y = torch.randint(0, 10, (64,))

    def step():
        model.train()
        opt.zero_grad()
        F.cross_entropy(model(x), y).backward()
        opt.step()

    def predict():
        model.eval()
        with torch.no_grad():
            torch.softmax(model(x), 1)

    for _ in range(20):
        step()
        predict()
    for _ in range(rounds):
        report("torch train step", step)
        report("torch predict   ", predict)


main()
