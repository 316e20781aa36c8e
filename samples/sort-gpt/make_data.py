#!/usr/bin/python3
"""Writes the sort-gpt sample's data: sequences of 8 random digits (src) and the same sorted (tgt), as
int32 arrays in train.npz (60,000) and test.npz (2,000 drawn alike, less any that is also in train).
Not needed to train the sample: its files are committed. Run from this folder with NumPy."""
import numpy as np

rng = np.random.default_rng(2027)


def make(n):
    src = rng.integers(0, 10, size=(n, 8)).astype(np.int32)
    return src, np.sort(src, axis=1)


src, tgt = make(60000)
np.savez_compressed("train.npz", src=src, tgt=tgt)
test_src, test_tgt = make(2000)
seen = {tuple(row) for row in src}
keep = np.array([tuple(row) not in seen for row in test_src])
np.savez_compressed("test.npz", src=test_src[keep], tgt=test_tgt[keep])
print(len(src), "training and", int(keep.sum()), "held-out sequences")
