"""Writes PyTorch's values for the loss functions, which LossReferenceTest compares nnet's with.

For every case: the inputs, the loss (forward), and the gradients of sum(loss * r) for a random
weighting r with respect to the inputs PyTorch differentiates, in f64 and in f32 (the f32 inputs are
the f64 ones rounded). For f32 also the exact values for the same f32 inputs, computed in f64, which
measure how far from them PyTorch's own f32 results are. Not part of any build; the arrays it writes
are committed. Run from the repository root with Debian's python3-torch (PyTorch 1.13):

    /usr/bin/python3 compiler/src/test/python/loss_reference.py

Output, under compiler/src/test/resources/reference/:
  losses.txt        one case per line: name, the nnet expression, the differentiated inputs (tab-separated)
  losses_f64.npz    NAME/in/INPUT, NAME/r, NAME/out and NAME/grad/INPUT for every case
  losses_f32.npz    the same in f32, and NAME/exact/out, NAME/exact/grad/INPUT in f64
"""
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

OUT = Path(__file__).resolve().parents[1] / "resources" / "reference"
rng = np.random.default_rng(20240613)
CASES = []


def case(name, expression, fn, grads, **inputs):
    """A loss written in nnet as `expression` over `inputs`, in PyTorch as fn(**inputs)."""
    CASES.append((name, expression, fn, grads, inputs))


def normal(*shape, scale=1.0):
    return rng.normal(size=shape) * scale


def uniform(lo, hi, *shape):
    return rng.uniform(lo, hi, size=shape)


def labels(classes, *shape, ignored=None, fraction=0.3):
    """Class indices; with `ignored`, about `fraction` of them (never the first) set to it."""
    t = rng.integers(0, classes, size=shape).astype(np.int32)
    if ignored is not None:
        flat = t.reshape(-1)
        for i in range(1, flat.size):
            if rng.random() < fraction:
                flat[i] = ignored
        if flat.size and flat[0] == ignored:
            flat[0] = (ignored + 1) % classes
    return t


def signs(*shape, zeros=False):
    choices = [-1.0, 1.0, 0.0] if zeros else [-1.0, 1.0]
    return rng.choice(choices, size=shape)


def probabilities(*shape):
    """Rows of class probabilities along the class dim (1, or 0 for a vector)."""
    e = np.exp(rng.normal(size=shape))
    return e / e.sum(axis=1 if len(shape) > 1 else 0, keepdims=True)


def call(fn_name, positional, options):
    args = ", ".join(positional + [f"{k} = {v}" for k, v in options.items()])
    return f"{fn_name}({args})"


def nnet_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return f'"{v}"'
    return repr(v)


# ---------------------------------------------------------------- cross_entropy and nll_loss

def class_cases():
    """Every combination of options over logits [N, C]; over [N, C, d] and [C] the ones their layout affects."""
    shapes = {"2d": ((4, 5), 5), "3d": ((3, 4, 2), 4), "1d": ((5,), 5)}
    for shape_name, (shape, classes) in shapes.items():
        rows = shape[:1] + shape[2:] if len(shape) > 1 else ()
        for reduction in ["mean", "sum", "none"]:
            for weighted in [False, True] if shape_name != "3d" else [True]:
                for ignore in {"2d": [None, 2], "3d": [2], "1d": [None]}[shape_name]:
                    for smoothing in [0.0, 0.15]:
                        index_case(shape_name, shape, rows, classes, reduction, weighted, ignore, smoothing)
                    nll_case(shape_name, shape, rows, classes, reduction, weighted, ignore)
                for smoothing in [0.0, 0.2]:
                    probability_case(shape_name, shape, classes, reduction, weighted, smoothing)


def class_options(weighted, ignore, reduction, smoothing=None):
    options = {}
    if weighted:
        options["weight"] = "w"
    if ignore is not None:
        options["ignore_index"] = ignore
    options["reduction"] = nnet_value(reduction)
    if smoothing:
        options["label_smoothing"] = smoothing
    return options


def index_case(shape_name, shape, rows, classes, reduction, weighted, ignore, smoothing):
    inputs = {"x": normal(*shape, scale=2), "t": labels(classes, *rows, ignored=ignore)}
    if weighted:
        inputs["w"] = uniform(0.2, 2, classes)
    name = f"cross_entropy_{shape_name}_{reduction}_w{int(weighted)}_i{ignore or 'd'}_s{smoothing}"
    expr = call("cross_entropy", ["x", "t"], class_options(weighted, ignore, reduction, smoothing))

    def fn(x, t, w=None):
        return F.cross_entropy(x, t.long(), weight=w, ignore_index=-100 if ignore is None else ignore,
                               reduction=reduction, label_smoothing=smoothing)
    case(name, expr, fn, ["x"], **inputs)


def nll_case(shape_name, shape, rows, classes, reduction, weighted, ignore):
    logits = normal(*shape, scale=2)
    axis = 1 if len(shape) > 1 else 0
    log_probs = logits - np.log(np.exp(logits).sum(axis=axis, keepdims=True))
    inputs = {"x": log_probs, "t": labels(classes, *rows, ignored=ignore)}
    if weighted:
        inputs["w"] = uniform(0.2, 2, classes)
    name = f"nll_loss_{shape_name}_{reduction}_w{int(weighted)}_i{ignore or 'd'}"
    expr = call("nll_loss", ["x", "t"], class_options(weighted, ignore, reduction))

    def fn(x, t, w=None):
        return F.nll_loss(x, t.long(), weight=w, ignore_index=-100 if ignore is None else ignore, reduction=reduction)
    case(name, expr, fn, ["x"], **inputs)


def probability_case(shape_name, shape, classes, reduction, weighted, smoothing):
    inputs = {"x": normal(*shape, scale=2), "p": probabilities(*shape)}
    if weighted:
        inputs["w"] = uniform(0.2, 2, classes)
    name = f"cross_entropy_probs_{shape_name}_{reduction}_w{int(weighted)}_s{smoothing}"
    expr = call("cross_entropy", ["x", "p"], class_options(weighted, None, reduction, smoothing))

    def fn(x, p, w=None):
        return F.cross_entropy(x, p, weight=w, reduction=reduction, label_smoothing=smoothing)
    case(name, expr, fn, ["x", "p"], **inputs)


# ---------------------------------------------------------------- binary cross entropy

def binary_cases():
    for reduction in ["mean", "sum", "none"]:
        for weight in [None, "row", "full"]:
            weights = {} if weight is None else {"w": uniform(0.2, 2, *((4,) if weight == "row" else (3, 4)))}
            options = ({"weight": "w"} if weight else {}) | {"reduction": nnet_value(reduction)}
            case(f"binary_cross_entropy_{reduction}_{weight}", call("binary_cross_entropy", ["x", "t"], options),
                 lambda x, t, w=None, r=reduction: F.binary_cross_entropy(x, t, weight=w, reduction=r), ["x", "t"],
                 x=uniform(0.02, 0.98, 3, 4), t=uniform(0, 1, 3, 4), **weights)
            for pos in [False, True]:
                extra = dict(weights) | ({"pw": uniform(0.3, 3, 4)} if pos else {})
                opts = dict(options) | ({"pos_weight": "pw"} if pos else {})
                case(f"binary_cross_entropy_with_logits_{reduction}_{weight}_pw{int(pos)}",
                     call("binary_cross_entropy_with_logits", ["x", "t"], opts),
                     lambda x, t, w=None, pw=None, r=reduction:
                         F.binary_cross_entropy_with_logits(x, t, weight=w, pos_weight=pw, reduction=r),
                     ["x", "t"], x=normal(3, 4, scale=3), t=uniform(0, 1, 3, 4), **extra)
            if weight != "full":
                case(f"multilabel_soft_margin_loss_{reduction}_{weight}",
                     call("multilabel_soft_margin_loss", ["x", "t"], options),
                     lambda x, t, w=None, r=reduction: F.multilabel_soft_margin_loss(x, t, weight=w, reduction=r),
                     ["x", "t"], x=normal(3, 4, scale=2), t=rng.integers(0, 2, size=(3, 4)).astype(np.float64),
                     **weights)
    # Probabilities at 0 and 1, where the logs are clamped at -100 and PyTorch's gradient stays finite.
    case("binary_cross_entropy_saturated", 'binary_cross_entropy(x, t, reduction = "none")',
         lambda x, t: F.binary_cross_entropy(x, t, reduction="none"), ["x", "t"],
         x=np.array([[0.0, 1.0, 0.0], [1.0, 0.5, 1e-30]]), t=np.array([[0.0, 1.0, 1.0], [0.0, 0.25, 1.0]]))
    case("binary_cross_entropy_with_logits_large", 'binary_cross_entropy_with_logits(x, t, reduction = "none")',
         lambda x, t: F.binary_cross_entropy_with_logits(x, t, reduction="none"), ["x", "t"],
         x=np.array([-120.0, -30.0, 30.0, 120.0, 0.0, 45.0]), t=np.array([0.0, 1.0, 0.0, 1.0, 0.5, 0.3]))


# ---------------------------------------------------------------- regression losses

def regression_cases():
    for reduction in ["mean", "sum", "none"]:
        r = {"reduction": nnet_value(reduction)}
        pair = lambda: {"x": normal(3, 4), "t": normal(3, 4)}
        case(f"l1_loss_{reduction}", call("l1_loss", ["x", "t"], r),
             lambda x, t, red=reduction: F.l1_loss(x, t, reduction=red), ["x", "t"], **pair())
        case(f"mse_loss_{reduction}", call("mse_loss", ["x", "t"], r),
             lambda x, t, red=reduction: F.mse_loss(x, t, reduction=red), ["x", "t"], **pair())
        for beta in [1.0, 0.5, 0.0]:
            case(f"smooth_l1_loss_{reduction}_{beta}", call("smooth_l1_loss", ["x", "t"], r | {"beta": beta}),
                 lambda x, t, red=reduction, b=beta: F.smooth_l1_loss(x, t, reduction=red, beta=b), ["x", "t"],
                 **pair())
        for delta in [1.0, 0.3]:
            case(f"huber_loss_{reduction}_{delta}", call("huber_loss", ["x", "t"], r | {"delta": delta}),
                 lambda x, t, red=reduction, d=delta: F.huber_loss(x, t, reduction=red, delta=d), ["x", "t"],
                 **pair())
        for log_input in [True, False]:
            for full in [False, True]:
                x = normal(3, 4) if log_input else uniform(0.2, 3, 3, 4)
                t = rng.choice([0.5, 2.0, 3.0, 5.0, 0.25], size=(3, 4))
                case(f"poisson_nll_loss_{reduction}_{log_input}_{full}",
                     call("poisson_nll_loss", ["x", "t"], {"log_input": nnet_value(log_input),
                                                          "full": nnet_value(full)} | r),
                     lambda x, t, red=reduction, li=log_input, f=full:
                         F.poisson_nll_loss(x, t, log_input=li, full=f, reduction=red),
                     ["x", "t"], x=x, t=t)
        for var_shape in [(3, 4), (3, 1), (3,)]:
            for full in [False, True]:
                case(f"gaussian_nll_loss_{reduction}_{len(var_shape)}{var_shape[-1]}_{full}",
                     call("gaussian_nll_loss", ["x", "t", "v"], {"full": nnet_value(full)} | r),
                     lambda x, t, v, red=reduction, f=full: F.gaussian_nll_loss(x, t, v, full=f, reduction=red),
                     ["x", "t", "v"], x=normal(3, 4), t=normal(3, 4), v=uniform(0.1, 2, *var_shape))
    # Variances below eps are clamped to it (PyTorch's gradient for those differs, so only the forward).
    case("gaussian_nll_loss_clamped", 'gaussian_nll_loss(x, t, v, reduction = "none")',
         lambda x, t, v: F.gaussian_nll_loss(x, t, v, reduction="none"), ["x", "t"],
         x=normal(2, 3), t=normal(2, 3), v=np.array([[1e-9, 0.5, 2e-7], [1.0, 0.0, 3.0]]))


def kl_cases():
    for reduction in ["mean", "batchmean", "sum", "none"]:
        for log_target in [False, True]:
            x = np.log(probabilities(3, 4))
            t = np.log(probabilities(3, 4)) if log_target else probabilities(3, 4)
            case(f"kl_div_{reduction}_{log_target}",
                 call("kl_div", ["x", "t"], {"reduction": nnet_value(reduction), "log_target": nnet_value(log_target)}),
                 lambda x, t, red=reduction, lt=log_target: F.kl_div(x, t, reduction=red, log_target=lt),
                 ["x", "t"], x=x, t=t)
    # 0·log 0 is 0 in the loss (PyTorch's xlogy); the target's gradient there is NaN in both.
    t = probabilities(2, 4)
    t[0, 1] = 0.0
    t[1, 3] = 0.0
    case("kl_div_zero_target", 'kl_div(x, t, reduction = "none")',
         lambda x, t: F.kl_div(x, t, reduction="none"), ["x"], x=np.log(probabilities(2, 4)), t=t)


# ---------------------------------------------------------------- embeddings and margins

def embedding_cases():
    for reduction in ["mean", "sum", "none"]:
        r = {"reduction": nnet_value(reduction)}
        for margin in [0.0, 0.3]:
            case(f"cosine_embedding_loss_{reduction}_{margin}",
                 call("cosine_embedding_loss", ["a", "b", "y"], {"margin": margin} | r),
                 lambda a, b, y, m=margin, red=reduction: F.cosine_embedding_loss(a, b, y, margin=m, reduction=red),
                 ["a", "b"], a=normal(5, 4), b=normal(5, 4), y=np.array([1.0, -1.0, -1.0, 1.0, 0.0]))
            case(f"margin_ranking_loss_{reduction}_{margin}",
                 call("margin_ranking_loss", ["a", "b", "y"], {"margin": margin} | r),
                 lambda a, b, y, m=margin, red=reduction: F.margin_ranking_loss(a, b, y, margin=m, reduction=red),
                 ["a", "b", "y"], a=normal(6), b=normal(6), y=signs(6))
        case(f"hinge_embedding_loss_{reduction}", call("hinge_embedding_loss", ["x", "y"], {"margin": 0.5} | r),
             lambda x, y, red=reduction: F.hinge_embedding_loss(x, y, margin=0.5, reduction=red), ["x"],
             x=normal(3, 4), y=signs(3, 4, zeros=True))
        case(f"soft_margin_loss_{reduction}", call("soft_margin_loss", ["x", "y"], r),
             lambda x, y, red=reduction: F.soft_margin_loss(x, y, reduction=red), ["x"],
             x=normal(3, 4, scale=3), y=signs(3, 4))
        for p, swap in [(2.0, False), (1.0, False), (3.0, True), (2.0, True)]:
            case(f"triplet_margin_loss_{reduction}_{p}_{swap}",
                 call("triplet_margin_loss", ["a", "pos", "neg"],
                      {"margin": 0.8, "p": p, "swap": nnet_value(swap)} | r),
                 lambda a, pos, neg, red=reduction, p=p, s=swap:
                     F.triplet_margin_loss(a, pos, neg, margin=0.8, p=p, swap=s, reduction=red),
                 ["a", "pos", "neg"], a=normal(4, 5), pos=normal(4, 5), neg=normal(4, 5))
    case("cosine_embedding_loss_unbatched", "cosine_embedding_loss(a, b, y, margin = -0.5)",
         lambda a, b, y: F.cosine_embedding_loss(a, b, y, margin=-0.5), ["a", "b"],
         a=normal(4), b=normal(4), y=np.array(-1.0))
    case("triplet_margin_loss_unbatched", "triplet_margin_loss(a, p, n, margin = 2.0, eps = 0.01)",
         lambda a, p, n: F.triplet_margin_loss(a, p, n, margin=2.0, eps=0.01), ["a", "p", "n"],
         a=normal(5), p=normal(5), n=normal(5))


def distance_cases():
    case("cosine_similarity_2d", "cosine_similarity(a, b)", lambda a, b: F.cosine_similarity(a, b),
         ["a", "b"], a=normal(4, 5), b=normal(4, 5))
    case("cosine_similarity_3d_last", "cosine_similarity(a, b, dim = -1)",
         lambda a, b: F.cosine_similarity(a, b, dim=-1), ["a", "b"], a=normal(3, 4, 2), b=normal(3, 4, 2))
    case("cosine_similarity_3d_first", "cosine_similarity(a, b, 0, 1e-6)",
         lambda a, b: F.cosine_similarity(a, b, 0, 1e-6), ["a", "b"], a=normal(3, 4, 2), b=normal(3, 4, 2))
    case("cosine_similarity_broadcast", "cosine_similarity(a, b, dim = 2)",
         lambda a, b: F.cosine_similarity(a, b, dim=2), ["a", "b"], a=normal(4, 1, 3), b=normal(2, 3))
    # Norms below eps are clamped; PyTorch's gradient reads the clamped norm (and is 0 for a zero vector).
    case("cosine_similarity_clamped", "cosine_similarity(a, b)", lambda a, b: F.cosine_similarity(a, b),
         ["a", "b"], a=np.array([[1e-9, 2e-9, -1e-9], [0.0, 0.0, 0.0], [3.0, 4.0, 0.0]]),
         b=np.array([[1.0, 0.5, 2.0], [1.0, -1.0, 2.0], [1e-10, 0.0, 0.0]]))
    for p, keepdim in [(2.0, False), (1.0, True), (1.5, False)]:
        case(f"pairwise_distance_{p}_{keepdim}",
             call("pairwise_distance", ["a", "b"], {"p": p, "keepdim": nnet_value(keepdim)}),
             lambda a, b, p=p, k=keepdim: F.pairwise_distance(a, b, p=p, keepdim=k), ["a", "b"],
             a=normal(4, 5), b=normal(4, 5))
    case("pairwise_distance_broadcast", "pairwise_distance(a, b, eps = 0.1)",
         lambda a, b: F.pairwise_distance(a, b, eps=0.1), ["a", "b"], a=normal(3, 4), b=normal(4))


def evaluate(fn, grads, inputs, dtype, r=None):
    """PyTorch's output and gradients for inputs (floats rounded to dtype) and weighting r (drawn if None)."""
    tensors = {}
    for k, v in inputs.items():
        t = torch.tensor(v.astype(dtype) if v.dtype.kind == "f" else v)
        tensors[k] = t.requires_grad_() if k in grads else t
    out = fn(**tensors)
    r = rng_r.uniform(-1, 1, size=tuple(out.shape)).astype(dtype) if r is None else r.astype(dtype)
    (out * torch.tensor(r)).sum().backward()
    arrays = {f"in/{k}": t.detach().numpy() for k, t in tensors.items()}
    arrays["r"] = r
    arrays["out"] = out.detach().numpy()
    for k in grads:
        arrays[f"grad/{k}"] = tensors[k].grad.numpy()
    return arrays


def evaluate_f32(fn, grads, inputs):
    """In f32, and as exact/... the f64 values for the same (rounded) inputs and weighting."""
    arrays = evaluate(fn, grads, inputs, np.float32)
    rounded = {k: (v.astype(np.float32) if v.dtype.kind == "f" else v) for k, v in inputs.items()}
    exact = evaluate(fn, grads, rounded, np.float64, r=arrays["r"])
    arrays["exact/out"] = exact["out"]
    for k in grads:
        arrays[f"exact/grad/{k}"] = exact[f"grad/{k}"]
    return arrays


rng_r = np.random.default_rng(7)


def main():
    class_cases()
    binary_cases()
    regression_cases()
    kl_cases()
    embedding_cases()
    distance_cases()
    OUT.mkdir(parents=True, exist_ok=True)
    manifest = []
    for suffix in ["f64", "f32"]:
        arrays = {}
        for name, expression, fn, grads, inputs in CASES:
            values = evaluate(fn, grads, inputs, np.float64) if suffix == "f64" else evaluate_f32(fn, grads, inputs)
            for k, v in values.items():
                arrays[f"{name}/{k}"] = v
        np.savez_compressed(OUT / f"losses_{suffix}.npz", **arrays)
    for name, expression, fn, grads, inputs in CASES:
        manifest.append(f"{name}\t{expression}\t{','.join(grads)}")
    names = [m.split("\t")[0] for m in manifest]
    assert len(set(names)) == len(names), "case names must be unique"
    (OUT / "losses.txt").write_text("\n".join(manifest) + "\n")
    print(f"{len(CASES)} cases written to {OUT}")


if __name__ == "__main__":
    main()
