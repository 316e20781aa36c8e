#!/usr/bin/python3
"""The char-lstm sample's recipe in PyTorch, for comparison: characters numbered in code-point order of
the training text, windows of 100 characters with the next 100 as targets, embedding 64 (65 ids), an
LSTM of 256 (batch_first), a linear layer to 65 scores; Adam 2e-3 with cosine annealing over 10 epochs,
batch 32, shuffled windows; torch.nn's default initialisation. Prints each epoch's training loss and
seconds, then the loss and bits per character on the validation text. Run with Debian's python3-torch:
    /usr/bin/python3 bench/reference/char_lstm_torch.py [SEED]
"""
import math
import os
import sys
import time
import torch

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "samples", "char-lstm")
N = 100


def windows(text, vocab):
    ids = torch.tensor([vocab[c] for c in text], dtype=torch.long)
    count = (len(ids) - 1) // N
    return ids[:count * N].reshape(count, N), ids[1:count * N + 1].reshape(count, N)


class CharLstm(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = torch.nn.Embedding(65, 64)
        self.lstm = torch.nn.LSTM(64, 256, batch_first=True)
        self.head = torch.nn.Linear(256, 65)

    def forward(self, ids):
        out, _ = self.lstm(self.embed(ids))
        return self.head(out)


seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
torch.manual_seed(seed)
torch.set_num_threads(1)
train_text = open(os.path.join(HERE, "shakespeare_train.txt"), encoding="utf-8").read()
valid_text = open(os.path.join(HERE, "shakespeare_valid.txt"), encoding="utf-8").read()
vocab = {c: i for i, c in enumerate(sorted(set(train_text)))}
x, y = windows(train_text, vocab)
vx, vy = windows(valid_text, vocab)
model = CharLstm()
opt = torch.optim.Adam(model.parameters(), lr=2e-3)
schedule = torch.optim.lr_scheduler.CosineAnnealingLR(opt, 10)
for epoch in range(10):
    start = time.time()
    order = torch.randperm(len(x))
    total, count = 0.0, 0
    for i in range(0, len(x), 32):
        b = order[i:i + 32]
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(x[b]).reshape(-1, 65), y[b].reshape(-1))
        loss.backward()
        opt.step()
        total += loss.item() * len(b)
        count += len(b)
    schedule.step()
    print("epoch %d loss %.4f (%.0f s)" % (epoch + 1, total / count, time.time() - start), flush=True)
with torch.no_grad():
    loss = torch.nn.functional.cross_entropy(model(vx).reshape(-1, 65), vy.reshape(-1)).item()
print("validation loss %.4f  bpc %.4f" % (loss, loss / math.log(2)))
