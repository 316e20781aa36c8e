#!/usr/bin/python3
"""The fashion-mlp sample's recipe in PyTorch, for comparison: 784-500-10 ReLU, Adam 1e-3, batch 100,
5 epochs, pixels / 255, torch.nn's default initialisation. Prints the test accuracy after each epoch.
Run with Debian's python3-torch and the files of dataset-fashion-mnist:
    /usr/bin/python3 bench/reference/fashion_mlp_torch.py [SEED]
"""
import gzip
import sys
import numpy as np
import torch

DIR = "/usr/share/datasets/fashion-mnist/"


def idx(name, offset):
    with gzip.open(DIR + name) as f:
        return np.frombuffer(f.read(), np.uint8, offset=offset)


def load(prefix):
    x = idx(prefix + "-images-idx3-ubyte.gz", 16).reshape(-1, 784).astype(np.float32) / 255
    y = idx(prefix + "-labels-idx1-ubyte.gz", 8).astype(np.int64)
    return torch.from_numpy(x), torch.from_numpy(y)


seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
torch.manual_seed(seed)
torch.set_num_threads(1)
xs, ys = load("train")
xt, yt = load("t10k")
model = torch.nn.Sequential(torch.nn.Linear(784, 500), torch.nn.ReLU(), torch.nn.Linear(500, 10))
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(5):
    order = torch.randperm(len(xs))
    for i in range(0, len(xs), 100):
        b = order[i:i + 100]
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(xs[b]), ys[b]).backward()
        opt.step()
    with torch.no_grad():
        acc = (model(xt).argmax(1) == yt).float().mean().item()
    print("epoch %d test accuracy %.4f" % (epoch + 1, acc), flush=True)
