#!/usr/bin/env python3
"""Writes PyTorch's values for nnet's elementwise ops, activations and reductions.

For each case, an nnet expression and the PyTorch computation it stands for are evaluated on the same
inputs, in float64 and in float32: the output y and, for differentiable cases, the gradient of
sum(y * w) with respect to every floating-point input, for a random weighting w. TorchReferenceTest
compiles each expression with nnet and compares.

Output (committed; the build does not run this script):
  compiler/src/test/resources/reference/elementwise.tsv  one case a line: id, expression, inputs,
                                                         whether it has gradients, a tolerance for
                                                         its f64 gradients where PyTorch is less
                                                         accurate than the default allows, a note
  compiler/src/test/resources/reference/elementwise.npz  arrays "<id>/<dtype>/<role>", where role is
                                                         "x" (an input), "w", "y" or "grad_x"

Run with Debian's PyTorch 1.13 from the repository root:  /usr/bin/python3 compiler/src/test/python/elementwise_reference.py
"""

import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "reference")
NAN = float("nan")
INF = float("inf")

rng = np.random.default_rng(20261126)


# ---------------------------------------------------------------- input values

def uniform(lo, hi):
    return lambda shape: rng.uniform(lo, hi, shape)


def away_from(lo, hi, *points, gap=0.05):
    """Uniform in [lo, hi], at least `gap` from each point (kinks, thresholds), so that float32
    rounding cannot move a value across one."""
    def make(shape):
        out = rng.uniform(lo, hi, shape)
        bad = np.zeros(shape, bool)
        for p in points:
            bad |= np.abs(out - p) < gap
        while bad.any():
            out[bad] = rng.uniform(lo, hi, bad.sum())
            bad[:] = False
            for p in points:
                bad |= np.abs(out - p) < gap
        return out
    return make


def distinct(shape):
    """Values at least 0.06 apart: a shuffled grid of step 0.1, each moved by at most 0.02."""
    n = int(np.prod(shape))
    grid = (rng.permutation(n) - n / 2 + 0.5) * 0.1 + rng.uniform(-0.02, 0.02, n)
    return grid.reshape(shape)


def fixed(values):
    return lambda shape: np.array(values, dtype=np.float64).reshape(shape)


def ints(values):
    return lambda shape: np.array(values, dtype=np.int32).reshape(shape)


def fractional(shape):
    """Away from integers and halves: k + [0.1, 0.4] or k + [0.6, 0.9]."""
    return rng.integers(-3, 3, shape) + rng.choice([0.1, 0.6], shape) + rng.uniform(0, 0.3, shape)


# ---------------------------------------------------------------- cases

class Case:
    def __init__(self, id, expr, fn, inputs, grad=True, f64_grad_tolerance=None, note=""):
        self.id = id
        self.expr = expr          # the nnet expression
        self.fn = fn              # the PyTorch computation, over tensors in input order
        self.inputs = inputs      # [(name, shape, values)]
        self.grad = grad
        self.f64_grad_tolerance = f64_grad_tolerance  # None: the test's default
        self.note = note


CASES = []


def case(*args, **kwargs):
    CASES.append(Case(*args, **kwargs))


def unary(id, expr, fn, values, shape=(3, 4), **kwargs):
    case(id, expr, fn, [("x", shape, values)], **kwargs)


ANY = uniform(-3, 3)
OFF_ZERO = away_from(-3, 3, 0)
POSITIVE = uniform(0.2, 4)

# Activations.
unary("relu", "relu(x)", F.relu, OFF_ZERO)
unary("sigmoid", "sigmoid(x)", torch.sigmoid, ANY)
unary("tanh", "tanh(x)", torch.tanh, ANY)
unary("silu", "silu(x)", F.silu, ANY)
unary("leaky_relu", "leaky_relu(x, 0.2)", lambda x: F.leaky_relu(x, 0.2), OFF_ZERO)
unary("gelu", "gelu(x)", F.gelu, ANY)
unary("gelu_tanh", "gelu(x, approximate = \"tanh\")", lambda x: F.gelu(x, approximate="tanh"), ANY)
unary("elu", "elu(x)", F.elu, OFF_ZERO)
unary("elu_alpha", "elu(x, alpha = 0.5)", lambda x: F.elu(x, alpha=0.5), OFF_ZERO, shape=(2, 3, 2))
unary("selu", "selu(x)", F.selu, OFF_ZERO)
unary("celu", "celu(x, 1.5)", lambda x: F.celu(x, 1.5), OFF_ZERO, shape=(5,))
unary("softplus", "softplus(x)", F.softplus, uniform(-5, 5))
unary("softplus_threshold", "softplus(x, beta = 2, threshold = 3)",
      lambda x: F.softplus(x, beta=2, threshold=3), away_from(-4, 4, 1.5))
unary("hardtanh", "hardtanh(x)", F.hardtanh, away_from(-3, 3, -1, 1))
unary("hardtanh_bounds", "hardtanh(x, -0.5, 2)", lambda x: F.hardtanh(x, -0.5, 2), away_from(-3, 3, -0.5, 2))
unary("relu6", "relu6(x)", F.relu6, away_from(-2, 8, 0, 6))
# PyTorch's hardsigmoid_backward multiplies by 1/6 rounded to float32 even in float64 (a relative error
# of 3e-8); nnet's gradient is the exact 1/6.
HARDSIGMOID_NOTE = dict(f64_grad_tolerance=1e-7, note="PyTorch's f64 gradient uses 1/6 rounded to f32")
unary("hardsigmoid", "hardsigmoid(x)", F.hardsigmoid, away_from(-5, 5, -3, 3), **HARDSIGMOID_NOTE)
unary("hardswish", "hardswish(x)", F.hardswish, away_from(-5, 5, -3, 3))
unary("mish", "mish(x)", F.mish, uniform(-4, 4))
unary("logsigmoid", "logsigmoid(x)", F.logsigmoid, uniform(-10, 10))
unary("softsign", "softsign(x)", F.softsign, OFF_ZERO)
unary("glu", "glu(x)", F.glu, ANY, shape=(3, 4))
unary("glu_dim", "glu(x, dim = 1)", lambda x: F.glu(x, dim=1), ANY, shape=(2, 6, 3))

# Elementwise math.
unary("sin", "sin(x)", torch.sin, ANY)
unary("cos", "cos(x)", torch.cos, ANY)
unary("tan", "tan(x)", torch.tan, uniform(-1.3, 1.3))
unary("log2", "log2(x)", torch.log2, POSITIVE)
unary("log10", "log10(x)", torch.log10, POSITIVE)
unary("log1p", "log1p(x)", torch.log1p, uniform(-0.8, 3))
unary("expm1", "expm1(x)", torch.expm1, ANY)
unary("rsqrt", "rsqrt(x)", torch.rsqrt, POSITIVE)
unary("reciprocal", "reciprocal(x)", torch.reciprocal, away_from(-2, 2, 0, gap=0.3))
unary("square", "square(x)", torch.square, ANY)
unary("sign", "sign(x) * x", lambda x: torch.sign(x) * x, OFF_ZERO)
unary("floor", "floor(x) * x", lambda x: torch.floor(x) * x, fractional)
unary("ceil", "ceil(x) * x", lambda x: torch.ceil(x) * x, fractional)
unary("trunc", "trunc(x) * x", lambda x: torch.trunc(x) * x, fractional)
unary("round", "round(x) * x", lambda x: torch.round(x) * x, fractional)
unary("round_decimals", "round(x, decimals = 1) * x", lambda x: torch.round(x, decimals=1) * x,
      lambda s: rng.integers(-30, 30, s) * 0.1 + rng.uniform(0.015, 0.035, s))
unary("clamp", "clamp(x, -0.5, 0.5)", lambda x: torch.clamp(x, -0.5, 0.5), away_from(-2, 2, -0.5, 0.5))
unary("clamp_min", "clamp(x, min = 0.2)", lambda x: torch.clamp(x, min=0.2), away_from(-2, 2, 0.2))
unary("clip_max", "clip(x, max = 0.2)", lambda x: torch.clip(x, max=0.2), away_from(-2, 2, 0.2))
case("clamp_tensors", "clamp(x, lo, hi)", torch.clamp,
     # Bounds on grids 0.05 apart that x keeps away from, so nothing ties.
     [("x", (3, 4), away_from(-2, 2, *np.arange(-2, 2.01, 0.05), gap=0.015)),
      ("lo", (4,), lambda s: rng.integers(-10, 0, s) * 0.1),
      ("hi", (3, 1), lambda s: rng.integers(-3, 10, s) * 0.1 + 0.05)])

# Reductions.
case("logsumexp", "logsumexp(x, 1)", lambda x: torch.logsumexp(x, 1), [("x", (3, 5), ANY)])
case("logsumexp_dims", "logsumexp(x, [0, 2], keepdim = true)", lambda x: torch.logsumexp(x, [0, 2], keepdim=True),
     [("x", (2, 3, 4), ANY)])
case("logsumexp_large", "logsumexp(x, -1)", lambda x: torch.logsumexp(x, -1), [("x", (2, 4), uniform(500, 505))])
case("max_all", "max(x)", torch.max, [("x", (3, 4), distinct)])
case("min_all", "min(x)", torch.min, [("x", (3, 4), distinct)])
case("max_dim", "max(x, 1)", lambda x: torch.max(x, 1)[0], [("x", (3, 4), distinct)])
case("min_dim", "min(x, 0, keepdim = true)", lambda x: torch.min(x, 0, keepdim=True)[0], [("x", (3, 4), distinct)])
case("amax", "amax(x, [0, 2])", lambda x: torch.amax(x, [0, 2]), [("x", (2, 3, 4), distinct)])
case("amin", "amin(x, 1, keepdim = true)", lambda x: torch.amin(x, 1, keepdim=True), [("x", (2, 3, 4), distinct)])
case("amax_all", "amax(x)", lambda x: torch.amax(x), [("x", (3, 4), distinct)])
case("prod_all", "prod(x)", torch.prod, [("x", (2, 3), uniform(0.5, 1.5))])
case("prod_dim", "prod(x, 1)", lambda x: torch.prod(x, 1), [("x", (3, 4), uniform(-2, 2))])
case("cumsum", "cumsum(x, 1)", lambda x: torch.cumsum(x, 1), [("x", (3, 4), ANY)])
case("cumsum_first", "cumsum(x, dim = 0)", lambda x: torch.cumsum(x, dim=0), [("x", (3, 2, 2), ANY)])
case("norm", "norm(x)", torch.norm, [("x", (3, 4), ANY)])
case("norm_1", "norm(x, 1, dim = 1)", lambda x: torch.norm(x, 1, dim=1), [("x", (3, 4), OFF_ZERO)])
case("norm_3", "norm(x, 3, [0, 1])", lambda x: torch.norm(x, 3, [0, 1]), [("x", (2, 3, 2), ANY)])
case("norm_half", "norm(x, 0.5, 1, true)", lambda x: torch.norm(x, 0.5, 1, True), [("x", (3, 4), OFF_ZERO)])
case("norm_inf", "norm(x, \"inf\", 1)", lambda x: torch.norm(x, INF, 1), [("x", (3, 4), distinct)])
case("norm_fro", "norm(x, \"fro\", [0, 1])", lambda x: torch.norm(x, "fro", [0, 1]), [("x", (2, 3, 2), ANY)])
case("argmax", "argmax(x, 1)", lambda x: torch.argmax(x, 1), [("x", (3, 4), distinct)], grad=False)
case("argmin_all", "argmin(x)", torch.argmin, [("x", (3, 4), distinct)], grad=False)
case("argmax_keepdim", "argmax(x, 0, keepdim = true)", lambda x: torch.argmax(x, 0, keepdim=True),
     [("x", (3, 4), distinct)], grad=False)

# Kinks, ties and special values, where PyTorch's conventions decide.
KINKS = [-2.0, -1.0, 0.0, 1.0, 2.0, NAN]
unary("clamp_at_bounds", "clamp(x, -1, 1)", lambda x: torch.clamp(x, -1, 1), fixed(KINKS), shape=(6,))
unary("clamp_crossed", "clamp(x, 1, -1)", lambda x: torch.clamp(x, 1, -1), fixed([-2.0, 0.0, 2.0]), shape=(3,))
case("clamp_tensor_bounds_met", "clamp(x, lo, hi)", torch.clamp,
     [("x", (7,), fixed([-2.0, 2.0, 2.0, 0.5, 0.0, -1.0, 1.0])),
      ("lo", (7,), fixed([-1.0, 3.0, 3.0, 1.0, NAN, -1.0, -1.0])),
      ("hi", (7,), fixed([1.0, 1.0, 3.0, -1.0, 1.0, 1.0, 1.0]))])
unary("hardtanh_at_bounds", "hardtanh(x)", F.hardtanh, fixed(KINKS), shape=(6,))
unary("relu6_at_bounds", "relu6(x)", F.relu6, fixed([-1.0, 0.0, 3.0, 6.0, 7.0, NAN]), shape=(6,))
unary("hardsigmoid_at_bounds", "hardsigmoid(x)", F.hardsigmoid, fixed([-4.0, -3.0, 0.0, 3.0, 4.0, NAN]), shape=(6,),
      **HARDSIGMOID_NOTE)
unary("hardswish_at_bounds", "hardswish(x)", F.hardswish, fixed([-4.0, -3.0, 0.0, 3.0, 4.0, NAN]), shape=(6,))
unary("elu_at_zero", "elu(x, 2)", lambda x: F.elu(x, 2.0), fixed([0.0, -0.0, NAN]), shape=(3,))
unary("selu_at_zero", "selu(x)", F.selu, fixed([0.0, NAN]), shape=(2,))
unary("celu_at_zero", "celu(x, 0.5)", lambda x: F.celu(x, 0.5), fixed([0.0, NAN]), shape=(2,))
unary("relu_at_zero", "relu(x)", F.relu, fixed([0.0, NAN]), shape=(2,))
unary("abs_at_zero", "abs(x)", torch.abs, fixed([0.0, -1.0, NAN]), shape=(3,))
unary("softplus_at_threshold", "softplus(x)", F.softplus, fixed([20.0, 20.5, 0.0]), shape=(3,))
unary("logsigmoid_far", "logsigmoid(x)", F.logsigmoid, fixed([-1000.0, 0.0, 1000.0, NAN]), shape=(4,))
unary("mish_far", "mish(x)", F.mish, fixed([-1000.0, 0.0, 1000.0]), shape=(3,))
unary("round_halves", "round(x)", torch.round, fixed([0.5, 1.5, 2.5, -0.5, -2.5, 2.4999]), shape=(6,))
unary("sign_zeros", "sign(x)", torch.sign, fixed([-3.0, -0.0, 0.0, 2.0, NAN]), shape=(5,))
unary("max_all_ties", "max(x)", torch.max, fixed([1.0, 3.0, 2.0, 3.0, 0.0, 3.0]), shape=(2, 3))
unary("min_dim_ties", "min(x, 1)", lambda x: torch.min(x, 1)[0], fixed([1.0, 0.0, 0.0, 0.0, 2.0, 0.0]), shape=(2, 3))
unary("max_dim_nan", "max(x, -1)", lambda x: torch.max(x, -1)[0], fixed([1.0, NAN, 3.0, NAN, 2.0, 1.0]), shape=(2, 3))
unary("amax_ties", "amax(x, [0, 1])", lambda x: torch.amax(x, [0, 1]), fixed([1.0, 3.0, 3.0, 3.0, 2.0, 0.0]),
      shape=(2, 3))
unary("amin_ties", "amin(x, 1)", lambda x: torch.amin(x, 1), fixed([1.0, 0.0, 0.0, 5.0, 2.0, 7.0]), shape=(2, 3))
unary("amax_nan", "amax(x, 1)", lambda x: torch.amax(x, 1), fixed([1.0, NAN, 3.0]), shape=(1, 3))
unary("prod_zeros", "prod(x, 1)", lambda x: torch.prod(x, 1), fixed([1.0, 2.0, 3.0, 2.0, 0.0, 3.0, 0.0, 2.0, 0.0]),
      shape=(3, 3))
unary("prod_all_one_zero", "prod(x)", torch.prod, fixed([2.0, 0.0, 3.0, 4.0]), shape=(2, 2))
unary("prod_all_two_zeros", "prod(x)", torch.prod, fixed([2.0, 0.0, 0.0, 4.0]), shape=(2, 2))
unary("logsumexp_infinite", "logsumexp(x, 1)", lambda x: torch.logsumexp(x, 1),
      fixed([-INF, -INF, -INF, INF, 1.0, 2.0, NAN, 1.0, 2.0]), shape=(3, 3))
unary("norm_at_zero", "norm(x, dim = 1)", lambda x: torch.norm(x, dim=1), fixed([3.0, -4.0, 0.0, 0.0]), shape=(2, 2))
unary("norm_inf_ties", "norm(x, \"inf\", 1)", lambda x: torch.norm(x, INF, 1), fixed([-2.0, 2.0, 1.0]), shape=(1, 3))
unary("norm_zeros", "norm(x, 0.5, 1)", lambda x: torch.norm(x, 0.5, 1), fixed([4.0, 0.0, 1.0, 0.0, 0.0, 0.0]),
      shape=(2, 3))
unary("argmax_ties_nan", "argmax(x, 1)", lambda x: torch.argmax(x, 1),
      fixed([1.0, 3.0, 3.0, NAN, 2.0, NAN, 0.0, 0.0, 5.0]), shape=(3, 3), grad=False)
unary("argmin_ties_nan", "argmin(x, 1)", lambda x: torch.argmin(x, 1),
      fixed([1.0, 0.0, 0.0, 2.0, NAN, NAN, 5.0, 5.0, 5.0]), shape=(3, 3), grad=False)


# ---------------------------------------------------------------- evaluation

DTYPES = {"f64": torch.float64, "f32": torch.float32}


def evaluate(c, arrays):
    drawn = [(name, values(shape)) for name, shape, values in c.inputs]
    for dname, dtype in DTYPES.items():
        tensors = []
        for name, v in drawn:
            t = torch.tensor(v, dtype=torch.int32 if v.dtype == np.int32 else dtype)
            if c.grad and t.is_floating_point():
                t.requires_grad_(True)
            tensors.append(t)
            arrays[f"{c.id}/{dname}/{name}"] = t.detach().numpy()
        y = c.fn(*tensors)
        if y.dtype == torch.int64:
            y = y.to(torch.int32)
        arrays[f"{c.id}/{dname}/y"] = y.detach().numpy()
        if not c.grad:
            continue
        w = torch.tensor(weights(c.id, tuple(y.shape)), dtype=dtype)
        arrays[f"{c.id}/{dname}/w"] = w.numpy()
        (y * w).sum().backward()
        for (name, _), t in zip(drawn, tensors):
            if t.is_floating_point():
                arrays[f"{c.id}/{dname}/grad_{name}"] = t.grad.numpy()


def weights(id, shape):
    # One weighting per case, the same for both dtypes (as far as float32 holds it).
    return np.random.default_rng(abs(hash_id(id))).uniform(-1, 1, shape)


def hash_id(id):
    h = 0
    for ch in id:
        h = (h * 31 + ord(ch)) % (2 ** 31)
    return h


def main():
    arrays = {}
    lines = []
    for c in CASES:
        evaluate(c, arrays)
        names = ",".join(name for name, _, _ in c.inputs)
        tolerance = "" if c.f64_grad_tolerance is None else repr(c.f64_grad_tolerance)
        lines.append("\t".join([c.id, c.expr, names, "grad" if c.grad else "value", tolerance, c.note]))
    os.makedirs(OUT, exist_ok=True)
    np.savez_compressed(os.path.join(OUT, "elementwise.npz"), **arrays)
    with open(os.path.join(OUT, "elementwise.tsv"), "w") as f:
        f.write("# id\texpression\tinputs\tgrad or value\tf64 gradient tolerance (empty: the default)\tnote\n"
                "# written by compiler/src/test/python/elementwise_reference.py with PyTorch " + torch.__version__ + "\n")
        f.write("\n".join(lines) + "\n")
    print(f"{len(CASES)} cases, {len(arrays)} arrays", file=sys.stderr)


if __name__ == "__main__":
    main()
