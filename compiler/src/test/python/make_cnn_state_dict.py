#!/usr/bin/python3
"""A PyTorch state_dict of the fashion-cnn sample's architecture, for CnnStateDictTest. Not part of the
build: run it by hand (/usr/bin/python3, Debian's PyTorch 1.13) and commit what it writes.

The module below has the sample's layers under the sample's names. It takes a few training steps on
random images, so that the batch norms' running statistics and batch counts are not their initial
values, then writes its state_dict as safetensors (fashion_cnn.safetensors: PyTorch's names, float32,
num_batches_tracked as int64) and, in evaluation mode, a batch of inputs with the logits it gives
(fashion_cnn_io.npz), to compiler/src/test/resources/reference/.
"""
import json
import sys
import os
import struct
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fashion_cnn import FashionCnn  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "reference")


def write_safetensors(path, tensors):
    names = {torch.float32: "F32", torch.int64: "I64"}
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        data = t.detach().contiguous().numpy().tobytes()
        header[name] = {"dtype": names[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


torch.manual_seed(3)
model = FashionCnn()
opt = torch.optim.SGD(model.parameters(), lr=0.01)
for step in range(3):
    x = torch.randint(0, 256, (16, 1, 28, 28)).float()
    y = torch.randint(0, 10, (16,))
    opt.zero_grad()
    F.cross_entropy(model(x), y).backward()
    opt.step()
model.eval()
x = torch.randint(0, 256, (5, 1, 28, 28)).float()
with torch.no_grad():
    logits = model(x)
write_safetensors(os.path.join(OUT, "fashion_cnn.safetensors"), model.state_dict())
np.savez(os.path.join(OUT, "fashion_cnn_io.npz"), x=x.numpy(), logits=logits.numpy())
print("wrote", len(model.state_dict()), "tensors and a batch of", len(x))
