#!/usr/bin/python3
"""PyTorch's torch.nn.RNN, LSTM and GRU on fixed inputs, for RecurrentReferenceTest. Not part of the
build: run it by hand (/usr/bin/python3, Debian's PyTorch 1.13) and commit what it writes.

For each case a module holding the layer under the attribute the test's model uses is built in float64
with a fixed seed; its state_dict goes to recurrent_<case>.safetensors, and the inputs, the outputs,
the final states and the gradients of loss = sum(out·r) + sum(h_n·q) (+ sum(c_n·s) for the LSTM) with
respect to every parameter ("grad.<name>") and the input x go to recurrent_<case>.npz, in
compiler/src/test/resources/reference/. Cases with lengths run the layer on a packed sequence
(pack_padded_sequence, unsorted) and pad its output back to the full length with zeros. The cells
(LSTMCell, GRUCell, RNNCell) are stepped twice.
"""
import json
import os
import struct
import numpy as np
import torch
import torch.nn as nn

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "reference")


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


class Holder(nn.Module):
    def __init__(self, name, layer):
        super().__init__()
        self.name = name
        setattr(self, name, layer)


# name, attribute, layer, batch_first, whether hx is given, lengths (or None)
CASES = [
    ("rnn_relu", "rnn", lambda: nn.RNN(5, 6, num_layers=2, nonlinearity="relu", bidirectional=True), False, True, None),
    ("rnn_tanh", "rnn", lambda: nn.RNN(5, 4, batch_first=True), True, False, None),
    ("lstm", "lstm", lambda: nn.LSTM(5, 6, num_layers=2, batch_first=True, bidirectional=True), True, True, None),
    ("lstm_nobias", "lstm", lambda: nn.LSTM(3, 4, bias=False), False, False, None),
    ("gru", "gru", lambda: nn.GRU(5, 6, num_layers=2, bidirectional=True), False, True, None),
    ("gru_nobias", "gru", lambda: nn.GRU(5, 4, bias=False, batch_first=True), True, False, None),
    ("lstm_lengths", "lstm", lambda: nn.LSTM(5, 6, num_layers=2, bidirectional=True), False, True, [2, 4, 1]),
    ("gru_lengths", "gru", lambda: nn.GRU(5, 4, batch_first=True, bidirectional=True), True, False, [3, 1, 4]),
    ("rnn_lengths", "rnn", lambda: nn.RNN(5, 4), False, False, [4, 2, 3]),
]
SEQ, BATCH = 4, 3

for case, attr, make, batch_first, with_hx, lengths in CASES:
    torch.manual_seed(11)
    torch.set_default_dtype(torch.float64)
    holder = Holder(attr, make())
    layer = getattr(holder, attr)
    features, hidden = layer.input_size, layer.hidden_size
    states = layer.num_layers * (2 if layer.bidirectional else 1)
    shape = (BATCH, SEQ, features) if batch_first else (SEQ, BATCH, features)
    x = torch.randn(*shape, requires_grad=True)
    arrays = {}
    hx = None
    if with_hx:
        h0 = torch.randn(states, BATCH, hidden)
        arrays["h0"] = h0
        hx = h0
        if attr == "lstm":
            c0 = torch.randn(states, BATCH, hidden)
            arrays["c0"] = c0
            hx = (h0, c0)
    if lengths is None:
        out, final = layer(x, hx)
    else:
        arrays["lengths"] = torch.tensor(lengths, dtype=torch.int32)
        packed = nn.utils.rnn.pack_padded_sequence(x, torch.tensor(lengths), batch_first=batch_first,
                                                   enforce_sorted=False)
        out, final = layer(packed, hx)
        out, _ = nn.utils.rnn.pad_packed_sequence(out, batch_first=batch_first, total_length=SEQ)
    h_n, c_n = final if attr == "lstm" else (final, None)
    r = torch.randn(*out.shape)
    q = torch.randn(*h_n.shape)
    loss = (out * r).sum() + (h_n * q).sum()
    arrays.update(x=x, r=r, q=q, out=out, h_n=h_n)
    if c_n is not None:
        s = torch.randn(*c_n.shape)
        loss = loss + (c_n * s).sum()
        arrays.update(s=s, c_n=c_n)
    loss.backward()
    arrays["loss"] = loss.reshape(1)
    arrays["grad.x"] = x.grad
    for name, p in holder.named_parameters():
        arrays["grad." + name] = p.grad
    write_safetensors(os.path.join(OUT, "recurrent_" + case + ".safetensors"), holder.state_dict())
    np.savez(os.path.join(OUT, "recurrent_" + case + ".npz"),
             **{k: v.detach().numpy() for k, v in arrays.items()})
    print(case, "loss", float(loss))

# Single cells, stepped twice on inputs [batch, features] from a given or zero state: out is the second
# step's h, h_n the same, c_n the LSTM cell's second c.
CELLS = [
    ("lstm_cell", "cell", lambda: nn.LSTMCell(5, 4), True),
    ("gru_cell", "cell", lambda: nn.GRUCell(5, 4), True),
    ("rnn_cell", "cell", lambda: nn.RNNCell(5, 4, nonlinearity="relu"), False),
    ("gru_cell_nobias", "cell", lambda: nn.GRUCell(5, 4, bias=False), False),
]
for case, attr, make, with_hx in CELLS:
    torch.manual_seed(13)
    torch.set_default_dtype(torch.float64)
    holder = Holder(attr, make())
    layer = getattr(holder, attr)
    x = torch.randn(2, BATCH, layer.input_size, requires_grad=True)
    arrays = {"x": x}
    lstm = isinstance(layer, nn.LSTMCell)
    state = None
    if with_hx:
        h0 = torch.randn(BATCH, layer.hidden_size)
        arrays["h0"] = h0
        state = h0
        if lstm:
            c0 = torch.randn(BATCH, layer.hidden_size)
            arrays["c0"] = c0
            state = (h0, c0)
    for t in range(2):
        state = layer(x[t], state)
    h, c = state if lstm else (state, None)
    r = torch.randn(*h.shape)
    q = torch.randn(*h.shape)
    loss = (h * r).sum() + (h * q).sum()
    arrays.update(r=r, q=q, out=h, h_n=h)
    if c is not None:
        s = torch.randn(*c.shape)
        loss = loss + (c * s).sum()
        arrays.update(s=s, c_n=c)
    loss.backward()
    arrays["loss"] = loss.reshape(1)
    arrays["grad.x"] = x.grad
    for name, p in holder.named_parameters():
        arrays["grad." + name] = p.grad
    write_safetensors(os.path.join(OUT, "recurrent_" + case + ".safetensors"), holder.state_dict())
    np.savez(os.path.join(OUT, "recurrent_" + case + ".npz"),
             **{k: v.detach().numpy() for k, v in arrays.items()})
    print(case, "loss", float(loss))
