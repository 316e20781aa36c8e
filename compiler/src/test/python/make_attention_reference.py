#!/usr/bin/python3
"""Attention against PyTorch, for AttentionReferenceTest. Not part of the build: run it by hand
(/usr/bin/python3, Debian's PyTorch 1.13) and commit what it writes.

Each case writes compiler/src/test/resources/reference/attention_<case>.npz, holding the model's inputs
under their names, its outputs as "out.<name>", the loss sum(out·r) (+ sum(weights·rw)) as "loss" and
its gradients as "grad.<input>" and "grad.<parameter>"; cases with a torch.nn module also write the
module's state_dict (under the attribute name the test's model uses) to attention_<case>.safetensors.
PyTorch 1.13 has no scaled_dot_product_attention: its cases use the reference computation that PyTorch
2 documents for it. Boolean masks are stored as int32 (1 for True), as the language spells them.
Masks never hide every key of a query, where PyTorch gives NaN.
"""
import json
import math
import os
import struct
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "reference")
torch.set_default_dtype(torch.float64)


def write_safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        data = t.detach().contiguous().numpy().tobytes()
        header[name] = {"dtype": "F64", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def sdpa(q, k, v, attn_mask=None, is_causal=False, scale=None, enable_gqa=False):
    """PyTorch 2's documented equivalent of F.scaled_dot_product_attention (dropout off)."""
    L, S = q.size(-2), k.size(-2)
    scale_factor = 1 / math.sqrt(q.size(-1)) if scale is None else scale
    bias = torch.zeros(L, S)
    if is_causal:
        bias = bias.masked_fill(torch.ones(L, S, dtype=torch.bool).tril().logical_not(), float("-inf"))
    if attn_mask is not None:
        if attn_mask.dtype == torch.bool:
            bias = bias.masked_fill(attn_mask.logical_not(), float("-inf"))
        else:
            bias = attn_mask + bias
    if enable_gqa:
        k = k.repeat_interleave(q.size(-3) // k.size(-3), -3)
        v = v.repeat_interleave(q.size(-3) // v.size(-3), -3)
    w = torch.softmax(q @ k.transpose(-2, -1) * scale_factor + bias, dim=-1)
    return w @ v


def save(case, inputs, outputs, leaves, module=None, attr=None):
    """Stores inputs, outputs, the loss of random weights r... and the gradients of the loss."""
    arrays = dict(inputs)
    loss = 0
    for name, y in outputs.items():
        r = torch.randn(*y.shape)
        arrays["r_" + name] = r
        arrays["out." + name] = y
        loss = loss + (y * r).sum()
    loss.backward()
    arrays["loss"] = loss.reshape(1)
    for name, leaf in leaves.items():
        arrays["grad." + name] = leaf.grad
    if module is not None:
        holder = nn.Module()
        setattr(holder, attr, module)
        for name, p in holder.named_parameters():
            arrays["grad." + name] = p.grad
        write_safetensors(os.path.join(OUT, "attention_" + case + ".safetensors"), holder.state_dict())
    np.savez(os.path.join(OUT, "attention_" + case + ".npz"),
             **{k: (v.detach().numpy() if isinstance(v, torch.Tensor) else np.asarray(v)) for k, v in arrays.items()})
    print(case, "loss", float(loss))


def leaf(*shape):
    return torch.randn(*shape, requires_grad=True)


def padding_mask(batch, s, lengths):
    """[batch, S] True where a key is padding (after each sequence's length)."""
    return torch.arange(s)[None, :] >= torch.tensor(lengths)[:, None]


def as_i32(mask):
    return mask.to(torch.int32)


def sdpa_cases():
    torch.manual_seed(3)
    q, k, v = leaf(2, 3, 5, 4), leaf(2, 3, 7, 4), leaf(2, 3, 7, 6)
    save("sdpa_plain", dict(q=q, k=k, v=v), dict(y=sdpa(q, k, v)), dict(q=q, k=k, v=v))
    q, k, v = leaf(2, 2, 6, 4), leaf(2, 2, 6, 4), leaf(2, 2, 6, 3)
    save("sdpa_causal", dict(q=q, k=k, v=v), dict(y=sdpa(q, k, v, is_causal=True)), dict(q=q, k=k, v=v))
    q, k, v = leaf(3, 5, 4), leaf(3, 7, 4), leaf(3, 7, 4)
    mask = torch.rand(5, 7) > 0.4
    mask[:, 0] = True
    save("sdpa_bool_mask", dict(q=q, k=k, v=v, mask=as_i32(mask)), dict(y=sdpa(q, k, v, mask)), dict(q=q, k=k, v=v))
    q, k, v = leaf(2, 2, 5, 4), leaf(2, 2, 7, 4), leaf(2, 2, 7, 4)
    mask = torch.randn(2, 1, 5, 7)
    save("sdpa_float_mask", dict(q=q, k=k, v=v, mask=mask), dict(y=sdpa(q, k, v, mask, scale=0.3)),
         dict(q=q, k=k, v=v))
    q, k, v = leaf(2, 4, 5, 4), leaf(2, 2, 7, 4), leaf(2, 2, 7, 3)
    save("sdpa_gqa", dict(q=q, k=k, v=v), dict(y=sdpa(q, k, v, enable_gqa=True)), dict(q=q, k=k, v=v))


def mha_cases():
    torch.manual_seed(5)
    mha = nn.MultiheadAttention(8, 2)
    x = leaf(5, 3, 8)
    kpm = padding_mask(3, 5, [5, 3, 4])
    causal = torch.ones(5, 5, dtype=torch.bool).triu(1)
    y, w = mha(x, x, x, key_padding_mask=kpm, attn_mask=causal)
    save("mha_self", dict(x=x, kpm=as_i32(kpm), causal=as_i32(causal)), dict(y=y, w=w), dict(x=x), mha, "attn")

    torch.manual_seed(6)
    mha = nn.MultiheadAttention(8, 4, kdim=6, vdim=5, batch_first=True)
    q, k, v = leaf(3, 4, 8), leaf(3, 6, 6), leaf(3, 6, 5)
    bias = torch.randn(4, 6)
    y, w = mha(q, k, v, attn_mask=bias, average_attn_weights=False)
    save("mha_cross", dict(q=q, k=k, v=v, bias=bias), dict(y=y, w=w), dict(q=q, k=k, v=v), mha, "attn")


def layer_cases():
    torch.manual_seed(7)
    layer = nn.TransformerEncoderLayer(8, 2, dim_feedforward=16, dropout=0.0, batch_first=True)
    x = leaf(3, 5, 8)
    kpm = padding_mask(3, 5, [5, 2, 4])
    causal = nn.Transformer.generate_square_subsequent_mask(5)
    y = layer(x, src_mask=causal, src_key_padding_mask=kpm)
    save("encoder_layer", dict(x=x, kpm=as_i32(kpm), causal=causal), dict(y=y), dict(x=x), layer, "layer")

    torch.manual_seed(8)
    layer = nn.TransformerEncoderLayer(8, 4, dim_feedforward=12, dropout=0.0, activation="gelu", norm_first=True)
    x = leaf(6, 2, 8)
    y = layer(x)
    save("encoder_layer_norm_first", dict(x=x), dict(y=y), dict(x=x), layer, "layer")

    torch.manual_seed(9)
    layer = nn.TransformerDecoderLayer(8, 2, dim_feedforward=16, dropout=0.0)
    tgt, memory = leaf(4, 3, 8), leaf(6, 3, 8)
    causal = nn.Transformer.generate_square_subsequent_mask(4)
    mkpm = padding_mask(3, 6, [6, 4, 5])
    y = layer(tgt, memory, tgt_mask=causal, memory_key_padding_mask=mkpm)
    save("decoder_layer", dict(tgt=tgt, memory=memory, causal=causal, mkpm=as_i32(mkpm)), dict(y=y),
         dict(tgt=tgt, memory=memory), layer, "layer")

    torch.manual_seed(10)
    model = nn.Transformer(d_model=8, nhead=2, num_encoder_layers=2, num_decoder_layers=2, dim_feedforward=16,
                           dropout=0.0, batch_first=True, norm_first=True)
    src, tgt = leaf(2, 6, 8), leaf(2, 4, 8)
    causal = nn.Transformer.generate_square_subsequent_mask(4)
    y = model(src, tgt, tgt_mask=causal)
    save("transformer", dict(src=src, tgt=tgt, causal=causal), dict(y=y), dict(src=src, tgt=tgt), model, "net")


def position_cases():
    """RoPE as GPT-NeoX and Hugging Face's LLaMA apply it (rotate_half), sinusoidal positions and ALiBi."""
    torch.manual_seed(12)
    x = leaf(2, 3, 6, 8)
    start, d = 2, 8
    pos = torch.arange(start, start + 6, dtype=torch.float64)
    inv_freq = 1.0 / (10000 ** (torch.arange(0, d, 2, dtype=torch.float64) / d))
    angle = torch.cat([pos[:, None] * inv_freq, pos[:, None] * inv_freq], -1)
    rotated = torch.cat([-x[..., d // 2:], x[..., :d // 2]], -1)
    save("rotary", dict(x=x), dict(y=x * angle.cos() + rotated * angle.sin()), dict(x=x))
    pe = torch.zeros(7, 10)
    position = torch.arange(7, dtype=torch.float64)[:, None]
    div = torch.exp(torch.arange(0, 10, 2, dtype=torch.float64) * (-math.log(10000.0) / 10))
    pe[:, 0::2] = torch.sin(position * div)
    pe[:, 1::2] = torch.cos(position * div)
    x = leaf(7, 10)
    save("sinusoidal", dict(x=x), dict(y=x + pe), dict(x=x))
    slopes = torch.tensor([2 ** (-8 * (h + 1) / 4) for h in range(4)])
    offset = torch.arange(7)[None, :] - (torch.arange(5)[:, None] + 2)
    x = leaf(4, 5, 7)
    save("alibi", dict(x=x), dict(y=x + slopes[:, None, None] * offset), dict(x=x))


sdpa_cases()
position_cases()
mha_cases()
layer_cases()
