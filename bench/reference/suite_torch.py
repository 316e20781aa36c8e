#!/usr/bin/python3
"""The workloads of nnet.bench.SuiteBench in PyTorch, for bench/run: the same names, shapes, batch sizes
and optimizer, timed by wall clock (so that threads count) as the mean over about a second after a
warm-up, at one thread count. Prints one line per workload, 'torch WORKLOAD THREADS MICROSECONDS', and
first what it ran on. Not used by the build:

    OPENBLAS_NUM_THREADS=T /usr/bin/python3 bench/reference/suite_torch.py T [LABEL]

OpenBLAS takes its thread count from the environment when it loads, hence the variable; LABEL (default
'torch') names the variant in the output, e.g. a run with glibc's malloc tuned.
"""
import os
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "compiler", "src",
                                "test", "python"))
from fashion_cnn import FashionCnn  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lstm_torch import CharLstm  # noqa: E402
from gpt_torch import Gpt  # noqa: E402


class LstmLogits(torch.nn.Module):
    """The char-LSTM's scores only, so that it trains like the other models."""

    def __init__(self):
        super().__init__()
        self.lstm = CharLstm()

    def forward(self, ids):
        return self.lstm(ids)[0]


def mean_seconds(fn, seconds=1.0):
    start = time.perf_counter()
    while time.perf_counter() - start < 0.5:
        fn()
    n = 0
    start = time.perf_counter()
    while n < 3 or time.perf_counter() - start < seconds:
        fn()
        n += 1
    return (time.perf_counter() - start) / n


def mlp(inputs, hidden):
    return torch.nn.Sequential(torch.nn.Linear(inputs, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, 10))


def trainer(model, x, y, optimizer=torch.optim.Adam):
    opt = optimizer(model.parameters(), lr=1e-3)

    def step():
        model.train()
        opt.zero_grad(set_to_none=True)
        logits = model(x)
        F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1)).backward()
        opt.step()
    return step


def predictor(model, x):
    def predict():
        model.eval()
        with torch.no_grad():
            torch.softmax(model(x), -1)
    return predict


def product(trans_a, trans_b, m, n, k):
    a = torch.rand(k, m) if trans_a else torch.rand(m, k)
    b = torch.rand(n, k) if trans_b else torch.rand(k, n)
    out = torch.empty(m, n)
    a = a.t() if trans_a else a
    b = b.t() if trans_b else b
    return lambda: torch.mm(a, b, out=out)


def decoder(model, pos):
    """One token at position pos through the key/value caches of a 64-position context."""
    caches = [torch.rand(2, 1, 4, 64, 32) for _ in range(2)]
    token = torch.tensor([[3]])

    def decode():
        model.eval()
        with torch.no_grad():
            model.step(token, pos, *caches)
    return decode


def workloads():
    torch.manual_seed(1)
    big, small, cnn, lstm = mlp(784, 500), mlp(64, 128), FashionCnn(), LstmLogits()
    gpt = Gpt(65, 128, 4, 2, 64, 0.0)
    labels = lambda n, classes=10: torch.randint(0, classes, (n,))  # noqa: E731
    pixels = torch.randint(0, 256, (64, 1, 28, 28)).float()
    ids = torch.randint(0, 65, (32, 64))
    return [
        ("mlp-train-b100", trainer(big, torch.rand(100, 784), labels(100))),
        ("mlp-predict-b1", predictor(big, torch.rand(1, 784))),
        ("mlp-predict-b100", predictor(big, torch.rand(100, 784))),
        ("small-train-b64", trainer(small, torch.rand(64, 64), labels(64))),
        ("small-predict-b1", predictor(small, torch.rand(1, 64))),
        ("small-predict-b64", predictor(small, torch.rand(64, 64))),
        ("gemm-forward-100x784x500", product(False, True, 100, 500, 784)),
        ("gemm-dweight-500x100x784", product(True, False, 500, 784, 100)),
        ("gemm-dinput-100x500x784", product(False, False, 100, 784, 500)),
        ("gemm-1024", product(False, False, 1024, 1024, 1024)),
        ("cnn-train-b64", trainer(cnn, pixels, labels(64))),
        ("cnn-predict-b64", predictor(cnn, pixels)),
        ("lstm-train-b32", trainer(lstm, ids, torch.randint(0, 65, (32, 64)))),
        ("gpt-train-b16", trainer(gpt, ids[:16], torch.randint(0, 65, (16, 64)), torch.optim.AdamW)),
        ("gpt-decode-at-1", decoder(gpt, 1)),
        ("gpt-decode-at-63", decoder(gpt, 63)),
    ]


def mapped_blas():
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
    return ", ".join(sorted(paths)) or "none mapped"


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    label = sys.argv[2] if len(sys.argv) > 2 else "torch"
    torch.set_num_threads(threads)
    torch.mm(torch.ones(2, 2), torch.ones(2, 2))
    print(f"# {label}: torch {torch.__version__}, {threads} thread(s), OPENBLAS_NUM_THREADS="
          f"{os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}, BLAS {mapped_blas()}", flush=True)
    for name, fn in workloads():
        print(f"{label} {name} {threads} {mean_seconds(fn) * 1e6:.2f}", flush=True)


if __name__ == "__main__":
    main()
