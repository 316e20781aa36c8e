#!/usr/bin/python3
"""The tiny-gpt sample's recipe in PyTorch, for comparison: characters numbered in code-point order of
the training text, windows of 128 characters with the next 128 as targets; gpt_torch.Gpt with 4
blocks of 4 heads at width 128, dropout 0.1;
AdamW 1e-3 (weight decay 0.01) with cosine annealing over the epochs, gradients clipped to norm 1,
batch 32, shuffled windows. Prints each epoch's training loss and seconds, then the loss and bits per
character on the validation text. Run with Debian's python3-torch:
    /usr/bin/python3 bench/reference/tiny_gpt_torch.py [SEED] [EPOCHS] [THREADS]
"""
import math
import os
import sys
import time
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gpt_torch import Gpt  # noqa: E402

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "samples", "char-lstm")
T, VOCAB = 128, 65


def windows(text, vocab):
    ids = torch.tensor([vocab[c] for c in text], dtype=torch.long)
    count = (len(ids) - 1) // T
    return ids[:count * T].reshape(count, T), ids[1:count * T + 1].reshape(count, T)


seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 10
torch.manual_seed(seed)
torch.set_num_threads(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
train_text = open(os.path.join(HERE, "shakespeare_train.txt"), encoding="utf-8").read()
valid_text = open(os.path.join(HERE, "shakespeare_valid.txt"), encoding="utf-8").read()
vocab = {c: i for i, c in enumerate(sorted(set(train_text)))}
x, y = windows(train_text, vocab)
vx, vy = windows(valid_text, vocab)
model = Gpt(VOCAB, 128, 4, 4, T, 0.1)
opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
schedule = torch.optim.lr_scheduler.CosineAnnealingLR(opt, epochs)
for epoch in range(epochs):
    model.train()
    start = time.time()
    order = torch.randperm(len(x))
    total, count = 0.0, 0
    for i in range(0, len(x), 32):
        b = order[i:i + 32]
        opt.zero_grad()
        loss = F.cross_entropy(model(x[b]).reshape(-1, VOCAB), y[b].reshape(-1))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        total += loss.item() * len(b)
        count += len(b)
    schedule.step()
    print("epoch %d loss %.4f (%.1f s, %.0f ms/step)" % (epoch + 1, total / count, time.time() - start,
          1000 * (time.time() - start) / math.ceil(len(x) / 32)), flush=True)
model.eval()
with torch.no_grad():
    loss = F.cross_entropy(model(vx).reshape(-1, VOCAB), vy.reshape(-1)).item()
print("validation loss %.4f  bpc %.4f" % (loss, loss / math.log(2)))
