#!/usr/bin/python3
"""The tiny-gpt sample's recipe in PyTorch, for comparison: characters numbered in code-point order of
the training text, windows of 128 characters with the next 128 as targets; token and position
embeddings N(0, 0.02), 4 pre-norm blocks (layer norm, causal self-attention of 4 heads with a packed
c_attn, c_proj; layer norm, c_fc to 512, exact GELU, c_proj) at width 128, dropout 0.1, a final layer
norm and the token embedding as the output projection; torch.nn's default initialisation elsewhere;
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
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "samples", "char-lstm")
T, D, HEADS, LAYERS, VOCAB = 128, 128, 4, 4, 65


def windows(text, vocab):
    ids = torch.tensor([vocab[c] for c in text], dtype=torch.long)
    count = (len(ids) - 1) // T
    return ids[:count * T].reshape(count, T), ids[1:count * T + 1].reshape(count, T)


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln_1 = nn.LayerNorm(D)
        self.c_attn = nn.Linear(D, 3 * D)
        self.attn_proj = nn.Linear(D, D)
        self.ln_2 = nn.LayerNorm(D)
        self.c_fc = nn.Linear(D, 4 * D)
        self.mlp_proj = nn.Linear(4 * D, D)
        self.drop = nn.Dropout(0.1)
        self.register_buffer("mask", torch.ones(T, T, dtype=torch.bool).tril().logical_not())

    def attention(self, x):
        b, t, d = x.shape
        q, k, v = self.c_attn(x).split(d, 2)
        q, k, v = (z.reshape(b, t, HEADS, -1).transpose(1, 2) for z in (q, k, v))
        scores = (q @ k.transpose(-2, -1)) / math.sqrt(d // HEADS)
        y = torch.softmax(scores.masked_fill(self.mask[:t, :t], float("-inf")), -1) @ v
        return self.attn_proj(y.transpose(1, 2).reshape(b, t, d))

    def forward(self, x):
        x = x + self.drop(self.attention(self.ln_1(x)))
        return x + self.drop(self.mlp_proj(F.gelu(self.c_fc(self.ln_2(x)))))


class TinyGpt(nn.Module):
    def __init__(self):
        super().__init__()
        self.wte = nn.Embedding(VOCAB, D)
        self.wpe = nn.Embedding(T, D)
        nn.init.normal_(self.wte.weight, 0, 0.02)
        nn.init.normal_(self.wpe.weight, 0, 0.02)
        self.drop = nn.Dropout(0.1)
        self.h = nn.ModuleList(Block() for _ in range(LAYERS))
        self.ln_f = nn.LayerNorm(D)

    def forward(self, ids):
        x = self.drop(self.wte(ids) + self.wpe(torch.arange(ids.shape[1])))
        for block in self.h:
            x = block(x)
        return self.ln_f(x) @ self.wte.weight.t()


seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 10
torch.manual_seed(seed)
torch.set_num_threads(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
train_text = open(os.path.join(HERE, "shakespeare_train.txt"), encoding="utf-8").read()
valid_text = open(os.path.join(HERE, "shakespeare_valid.txt"), encoding="utf-8").read()
vocab = {c: i for i, c in enumerate(sorted(set(train_text)))}
x, y = windows(train_text, vocab)
vx, vy = windows(valid_text, vocab)
model = TinyGpt()
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
