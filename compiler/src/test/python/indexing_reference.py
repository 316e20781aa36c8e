#!/usr/bin/python3
"""Reference values from PyTorch for the indexing and layout ops, read by TorchReferenceTest.

For every case it writes a model, compiler/src/test/resources/reference/indexing/CASE.nnet, whose
outputs y0, y1, ... are the case's expressions in the language and whose loss is sum(y_k * r_k) for
random weights r_k; and, in f64.npz and f32.npz beside them, the inputs ("CASE/input/NAME"), the
outputs PyTorch computes for the same expressions ("CASE/output/yK") and the gradients of that loss
with respect to every floating-point input ("CASE/grad/NAME"), in that dtype.

Run it with Debian's python3-torch (PyTorch 1.13) from the repository root:

    /usr/bin/python3 compiler/src/test/python/indexing_reference.py

The files it writes are committed; the build does not run it.
"""

import os

import numpy as np
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "reference", "indexing")
RNG = np.random.default_rng(20261126)


def floats(*shape):
    return ("f", RNG.uniform(-1, 1, shape))


def ints(high, *shape):
    """Indices in [0, high); small shapes make repeats likely, which the gradients must add up."""
    return ("i", RNG.integers(0, high, shape).astype(np.int32))


CASES = {}


def case(name, inputs, *outputs):
    """outputs: (expression in the language, the same computed by torch from the inputs by name)."""
    CASES[name] = (inputs, outputs)


case("slices", dict(x=floats(4, 5, 6)),
     ("x[1:3]", lambda x: x[1:3]),
     ("x[:, -1]", lambda x: x[:, -1]),
     ("x[..., ::2]", lambda x: x[..., ::2]),
     ("x[None, 2, 1:, -2:]", lambda x: x[None, 2, 1:, -2:]),
     ("x[-10:10:3, 1, None]", lambda x: x[-10:10:3, 1, None]),
     ("x[1, ..., 3:100:2]", lambda x: x[1, ..., 3:100:2]),
     ("x[3, 4, 5]", lambda x: x[3, 4, 5]))
case("narrow", dict(x=floats(3, 5)),
     ("narrow(x, 1, -3, 2)", lambda x: torch.narrow(x, 1, -3, 2)),
     ("narrow(x, 0, 1, 2)", lambda x: torch.narrow(x, 0, 1, 2)))
case("embedding", dict(ids=ints(6, 3, 4), w=floats(6, 3)),
     ("embedding(ids, w)", lambda ids, w: F.embedding(ids.long(), w)))
case("embedding_padding", dict(ids=ints(5, 2, 6), w=floats(5, 4)),
     ("embedding(ids, w, padding_idx = 2)", lambda ids, w: F.embedding(ids.long(), w, padding_idx=2)),
     ("embedding(ids[0], w, padding_idx = -1)", lambda ids, w: F.embedding(ids[0].long(), w, padding_idx=-1)))
case("index_select", dict(x=floats(4, 5), cols=ints(5, 7), rows=ints(4, 3)),
     ("index_select(x, 1, cols)", lambda x, cols, rows: torch.index_select(x, 1, cols.long())),
     ("index_select(x, -2, rows)", lambda x, cols, rows: torch.index_select(x, -2, rows.long())))
case("gather", dict(x=floats(3, 4, 5), index=ints(4, 3, 6, 2)),
     ("gather(x, 1, index)", lambda x, index: torch.gather(x, 1, index.long())))
case("gather_last", dict(x=floats(3, 4), index=ints(4, 2, 5)),
     ("gather(x, -1, index)", lambda x, index: torch.gather(x, -1, index.long())))
case("take_along_dim", dict(x=floats(3, 4), index=ints(4, 1, 2), flat=ints(12, 5)),
     ("take_along_dim(x, index, 1)", lambda x, index, flat: torch.take_along_dim(x, index.long(), 1)),
     ("take_along_dim(x, flat)", lambda x, index, flat: torch.take_along_dim(x, flat.long())))
case("scatter_add", dict(x=floats(3, 5), index=ints(5, 3, 4), src=floats(3, 4)),
     ("scatter_add(x, 1, index, src)", lambda x, index, src: torch.scatter_add(x, 1, index.long(), src)))
case("scatter_add_dim0", dict(x=floats(3, 2), index=ints(3, 4, 2), src=floats(4, 2)),
     ("scatter_add(x, 0, index, src)", lambda x, index, src: torch.scatter_add(x, 0, index.long(), src)))
case("cat", dict(a=floats(2, 3, 4), b=floats(2, 1, 4), c=floats(2, 2, 4)),
     ("cat([a, b, c], 1)", lambda a, b, c: torch.cat([a, b, c], 1)),
     ("cat((a, a), dim = -1)", lambda a, b, c: torch.cat((a, a), dim=-1)))
case("stack", dict(a=floats(2, 3), b=floats(2, 3)),
     ("stack([a, b])", lambda a, b: torch.stack([a, b])),
     ("stack([a, b, a], -1)", lambda a, b: torch.stack([a, b, a], -1)))
case("split", dict(x=floats(3, 5, 4)),
     ("split(x, 2, 1)", lambda x: torch.split(x, 2, 1)),
     ("split(x, [1, 3], dim = 2)", lambda x: torch.split(x, [1, 3], dim=2)),
     ("chunk(x, 2, 0)", lambda x: torch.chunk(x, 2, 0)))
case("pad_constant", dict(x=floats(2, 3, 4, 5)),
     ("pad(x, [1, 2, -1, 0], value = 0.5)", lambda x: F.pad(x, [1, 2, -1, 0], value=0.5)),
     ("pad(x, [0, 0, 2, 1, 1, 1])", lambda x: F.pad(x, [0, 0, 2, 1, 1, 1])),
     ("pad(x, [-2, -1])", lambda x: F.pad(x, [-2, -1])))
case("pad_reflect", dict(x=floats(2, 3, 4, 5)),
     ("pad(x[0], [2, 4], mode = \"reflect\")", lambda x: F.pad(x[0], [2, 4], mode="reflect")),
     ("pad(x, [1, 2, 3, -1], mode = \"reflect\")", lambda x: F.pad(x, [1, 2, 3, -1], mode="reflect")),
     ("pad(x[0], [3, 0, 1, 1], mode = \"reflect\")", lambda x: F.pad(x[0], [3, 0, 1, 1], mode="reflect")))
case("pad_replicate", dict(x=floats(2, 3, 4, 5)),
     ("pad(x[:, 0], [3, 1], mode = \"replicate\")", lambda x: F.pad(x[:, 0], [3, 1], mode="replicate")),
     ("pad(x, [-1, 2, 6, 1], mode = \"replicate\")", lambda x: F.pad(x, [-1, 2, 6, 1], mode="replicate")),
     ("pad(x, [1, 1, 1, 1, 1, 1], mode = \"replicate\")", lambda x: F.pad(x, [1, 1, 1, 1, 1, 1], mode="replicate")))
case("pad_circular", dict(x=floats(2, 3, 4, 5)),
     ("pad(x, [1, 2, -1, 3], mode = \"circular\")", lambda x: F.pad(x, [1, 2, -1, 3], mode="circular")),
     ("pad(x[0], [5, 5], mode = \"circular\")", lambda x: F.pad(x[0], [5, 5], mode="circular")),
     ("pad(x, [2, -2, 4, 0], mode = \"circular\")", lambda x: F.pad(x, [2, -2, 4, 0], mode="circular")))
case("flip", dict(x=floats(2, 3, 4)),
     ("flip(x, [0, 2])", lambda x: torch.flip(x, [0, 2])),
     ("flip(x, -2)", lambda x: torch.flip(x, [-2])))
case("roll", dict(x=floats(2, 3, 4)),
     ("roll(x, [1, -3], [0, 2])", lambda x: torch.roll(x, [1, -3], [0, 2])),
     ("roll(x, 7)", lambda x: torch.roll(x, 7)),
     ("roll(x, [2, 2], [1, 1])", lambda x: torch.roll(x, [2, 2], [1, 1])))
case("repeat", dict(x=floats(2, 3)),
     ("repeat(x, [2, 3])", lambda x: x.repeat(2, 3)),
     ("repeat(x, [2, 1, 2])", lambda x: x.repeat(2, 1, 2)))
case("expand", dict(x=floats(3, 1, 5)),
     ("expand(x, [2, -1, 4, -1])", lambda x: x.expand(2, -1, 4, -1)),
     ("expand(x[0], [3, -1])", lambda x: x[0].expand(3, -1)))
# Integer tensors through the ops that copy them; there is nothing to differentiate.
case("integers", dict(ids=ints(9, 3, 4), index=ints(4, 3, 2)),
     ("cat([ids, ids[:, 1:]], 1)", lambda ids, index: torch.cat([ids, ids[:, 1:]], 1)),
     ("gather(ids, 1, index)", lambda ids, index: torch.gather(ids, 1, index.long())),
     ("flip(pad(ids, [1, 1], value = -1), [0])", lambda ids, index: torch.flip(F.pad(ids, [1, 1], value=-1), [0])),
     ("stack([ids[0], ids[2]], 1)", lambda ids, index: torch.stack([ids[0], ids[2]], 1)),
     ("roll(ids, 1, 0)", lambda ids, index: torch.roll(ids, 1, 0)),
     ("repeat(ids[::2], [1, 2])", lambda ids, index: ids[::2].repeat(1, 2)))


def shape_text(shape):
    return "[" + ", ".join(str(d) for d in shape) + "]"


def run(name, inputs, outputs, dtype):
    """Inputs as tensors of the dtype, the results of the expressions, and gradients of the weighted loss."""
    tensors = {}
    for key, (kind, values) in inputs.items():
        if kind == "f":
            tensors[key] = torch.tensor(values, dtype=dtype, requires_grad=True)
        else:
            tensors[key] = torch.tensor(values)
    results = []
    for _, fn in outputs:
        y = fn(**tensors)
        results.extend(y if isinstance(y, tuple) else [y])
    weights = [torch.tensor(RNG.uniform(-1, 1, tuple(y.shape)), dtype=dtype) for y in results]
    floating = [t for t in tensors.values() if t.dtype.is_floating_point]
    if floating:
        loss = sum((y * r).sum() for y, r in zip(results, weights))
        loss.backward()
    return tensors, results, weights


def source(name, inputs, outputs, tensors, results):
    lines = ["// From compiler/src/test/python/indexing_reference.py; checked against PyTorch by TorchReferenceTest.",
             "model Case {"]
    for key, (kind, _) in inputs.items():
        t = tensors[key]
        lines.append(f"  input {key}: {'f64' if kind == 'f' else 'i32'}{shape_text(t.shape)}")
    k = 0
    terms = []
    for expr, fn in outputs:
        count = len(fn(**tensors)) if isinstance(fn(**tensors), tuple) else 1
        names = [f"y{k + j}" for j in range(count)]
        if count == 1:
            lines.append(f"  output {names[0]} = {expr}")
        else:
            parts = ", ".join(f"p{k + j}" for j in range(count))
            lines.append(f"  {parts} = {expr}")
            lines.extend(f"  output y{k + j} = p{k + j}" for j in range(count))
        for j in range(count):
            y = results[k + j]
            if y.dtype.is_floating_point:
                lines.append(f"  input r{k + j}: f64{shape_text(y.shape)}")
                terms.append(f"sum(y{k + j} * r{k + j})")
        k += count
    if terms:
        lines.append("  loss = " + " + ".join(terms))
    lines.append("}")
    return "\n".join(lines) + "\n"


def main():
    os.makedirs(OUT, exist_ok=True)
    arrays = {"f64": {}, "f32": {}}
    for name, (inputs, outputs) in CASES.items():
        for label, dtype in (("f64", torch.float64), ("f32", torch.float32)):
            tensors, results, weights = run(name, inputs, outputs, dtype)
            out = arrays[label]
            for key, t in tensors.items():
                out[f"{name}/input/{key}"] = t.detach().numpy()
                if t.grad is not None:
                    out[f"{name}/grad/{key}"] = t.grad.numpy()
            for k, (y, r) in enumerate(zip(results, weights)):
                out[f"{name}/output/y{k}"] = y.detach().numpy()
                if y.dtype.is_floating_point:
                    out[f"{name}/input/r{k}"] = r.numpy()
            if label == "f64":
                with open(os.path.join(OUT, name + ".nnet"), "w") as f:
                    f.write(source(name, inputs, outputs, tensors, results))
    for label, out in arrays.items():
        np.savez(os.path.join(OUT, label + ".npz"), **out)


if __name__ == "__main__":
    main()
