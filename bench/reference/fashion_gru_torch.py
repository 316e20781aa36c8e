#!/usr/bin/python3
"""The fashion-gru sample's recipe in PyTorch, for comparison: a GRU of 128 reading the 28 rows of an
image (batch_first), a linear classifier on its final state, Adam 1e-3 with cosine annealing over the
epochs, batch 64, 10 epochs, pixels / 255, torch.nn's default initialisation. Prints the test accuracy
and the seconds of each epoch. Run with Debian's python3-torch and the files of dataset-fashion-mnist:
    /usr/bin/python3 bench/reference/fashion_gru_torch.py [SEED]
"""
import gzip
import sys
import time
import numpy as np
import torch

DIR = "/usr/share/datasets/fashion-mnist/"


def idx(name, offset):
    with gzip.open(DIR + name) as f:
        return np.frombuffer(f.read(), np.uint8, offset=offset)


def load(prefix):
    x = idx(prefix + "-images-idx3-ubyte.gz", 16).reshape(-1, 28, 28).astype(np.float32) / 255
    y = idx(prefix + "-labels-idx1-ubyte.gz", 8).astype(np.int64)
    return torch.from_numpy(x), torch.from_numpy(y)


class FashionGru(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.gru = torch.nn.GRU(28, 128, batch_first=True)
        self.fc = torch.nn.Linear(128, 10)

    def forward(self, x):
        _, h_n = self.gru(x)
        return self.fc(h_n[0])


seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
torch.manual_seed(seed)
torch.set_num_threads(1)
xs, ys = load("train")
xt, yt = load("t10k")
model = FashionGru()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
schedule = torch.optim.lr_scheduler.CosineAnnealingLR(opt, 10)
for epoch in range(10):
    start = time.time()
    model.train()
    order = torch.randperm(len(xs))
    for i in range(0, len(xs), 64):
        b = order[i:i + 64]
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(xs[b]), ys[b]).backward()
        opt.step()
    schedule.step()
    seconds = time.time() - start
    model.eval()
    with torch.no_grad():
        acc = (model(xt).argmax(1) == yt).float().mean().item()
    print("epoch %d test accuracy %.4f (%.0f s)" % (epoch + 1, acc, seconds), flush=True)
