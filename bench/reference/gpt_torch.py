"""A GPT-2 style model in PyTorch mirroring nn.gpt_block and the tiny-gpt sample: token and position
embeddings N(0, 0.02), pre-norm blocks (layer norm, causal self-attention with a packed c_attn and
c_proj; layer norm, c_fc to 4·d, exact GELU, c_proj), dropout on both branches, a final layer norm and
the token embedding as the output projection; torch.nn's default initialisation elsewhere. step()
decodes one position through key/value caches [layers, 1, heads, context, d/heads], as TinyGptStep."""
import math
import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, d, heads, context, dropout):
        super().__init__()
        self.heads = heads
        self.ln_1 = nn.LayerNorm(d)
        self.c_attn = nn.Linear(d, 3 * d)
        self.attn_proj = nn.Linear(d, d)
        self.ln_2 = nn.LayerNorm(d)
        self.c_fc = nn.Linear(d, 4 * d)
        self.mlp_proj = nn.Linear(4 * d, d)
        self.drop = nn.Dropout(dropout)
        self.register_buffer("mask", torch.ones(context, context, dtype=torch.bool).tril().logical_not())

    def split(self, x):
        b, t, d = x.shape
        return (z.reshape(b, t, self.heads, -1).transpose(1, 2) for z in self.c_attn(x).split(d, 2))

    def attend(self, q, k, v, mask):
        scores = (q @ k.transpose(-2, -1)) / math.sqrt(q.shape[-1])
        y = torch.softmax(scores.masked_fill(mask, float("-inf")), -1) @ v
        b, h, t, dh = y.shape
        return self.attn_proj(y.transpose(1, 2).reshape(b, t, h * dh))

    def forward(self, x):
        t = x.shape[1]
        q, k, v = self.split(self.ln_1(x))
        x = x + self.drop(self.attend(q, k, v, self.mask[:t, :t]))
        return x + self.drop(self.mlp_proj(F.gelu(self.c_fc(self.ln_2(x)))))

    def step(self, x, pos, k_cache, v_cache):
        q, k, v = self.split(self.ln_1(x))
        k_cache[:, :, pos] = k[:, :, 0]
        v_cache[:, :, pos] = v[:, :, 0]
        x = x + self.attend(q, k_cache, v_cache, torch.arange(k_cache.shape[2]) > pos)
        return x + self.mlp_proj(F.gelu(self.c_fc(self.ln_2(x))))


class Gpt(nn.Module):
    def __init__(self, vocab=65, d=128, heads=4, layers=4, context=128, dropout=0.1):
        super().__init__()
        self.wte = nn.Embedding(vocab, d)
        self.wpe = nn.Embedding(context, d)
        nn.init.normal_(self.wte.weight, 0, 0.02)
        nn.init.normal_(self.wpe.weight, 0, 0.02)
        self.drop = nn.Dropout(dropout)
        self.h = nn.ModuleList(Block(d, heads, context, dropout) for _ in range(layers))
        self.ln_f = nn.LayerNorm(d)

    def forward(self, ids):
        x = self.drop(self.wte(ids) + self.wpe(torch.arange(ids.shape[1])))
        for block in self.h:
            x = block(x)
        return self.ln_f(x) @ self.wte.weight.t()

    def step(self, token, pos, k_cache, v_cache):
        x = self.wte(token) + self.wpe(torch.tensor([pos]))
        for i, block in enumerate(self.h):
            x = block.step(x, pos, k_cache[i], v_cache[i])
        return self.ln_f(x) @ self.wte.weight.t()
