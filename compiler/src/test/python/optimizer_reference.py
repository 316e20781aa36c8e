"""Writes PyTorch's optimizer trajectories, which OptimizerTrajectoryTest compares nnet's with.

A small network (tanh(x @ w1 + b1) @ w2 + b2, mean squared error against y) trains for STEPS steps,
with new x and y at every step, under every optimizer case below; the parameters after every step
are the trajectory. Each case runs in f64 and in f32 from the same starting values (drawn in f64 and
rounded to f32, so both precisions start alike). The f64 trajectories are the reference; the f32 ones
measure PyTorch's own rounding error, which bounds what the test allows nnet's f32 runs.

torch.optim is the reference for every optimizer but two:
  nadam  PyTorch 1.13 computes the product of the momentum schedule for the next step as
         mu_product * mu * mu_next, counting mu twice; PyTorch 2.0 fixed it to mu_product * mu_next,
         as in the paper, and nnet follows the fix. `NAdamFixed` is torch 1.13's single-tensor NAdam
         step with that one change; with the old product it reproduces torch.optim.NAdam exactly,
         which this script checks before using it.
  lion   not in torch.optim; written here in NumPy from the paper's update rule.
Other settings of PyTorch are left at their defaults (foreach off, maximize off). The default dtype
is that of the run, so that optimizer state PyTorch keeps as new tensors is in that precision too.

Not part of any build; the arrays it writes are committed. Run from the repository root with
Debian's python3-torch (PyTorch 1.13):

    /usr/bin/python3 compiler/src/test/python/optimizer_reference.py

Output, under compiler/src/test/resources/reference/:
  optimizers.txt      one case per line: name, then the nnet optimizer expression (tab-separated)
  optimizers_f64.npz  x and y [STEPS, ...] (the inputs of every step), init/PARAM, and NAME/PARAM
                      [STEPS, ...] (the parameters after every step) for every case
  optimizers_f32.npz  the same in f32
"""
import inspect
from pathlib import Path

import numpy as np
import torch

OUT = Path(__file__).resolve().parents[1] / "resources" / "reference"
STEPS = 25
BATCH, IN, HIDDEN, OUT_FEATURES = 6, 4, 5, 3
PARAMS = ["w1", "b1", "w2", "b2"]
rng = np.random.default_rng(20240701)


def f32_representable(a):
    return a.astype(np.float32).astype(np.float64)


INIT = {
    "w1": f32_representable(rng.normal(0, 0.6, size=(IN, HIDDEN))),
    "b1": f32_representable(rng.normal(0, 0.2, size=(HIDDEN,))),
    "w2": f32_representable(rng.normal(0, 0.6, size=(HIDDEN, OUT_FEATURES))),
    "b2": f32_representable(rng.normal(0, 0.2, size=(OUT_FEATURES,))),
}
X = f32_representable(rng.normal(size=(STEPS, BATCH, IN)))
Y = f32_representable(rng.normal(size=(STEPS, BATCH, OUT_FEATURES)))


def loss_of(p, x, y):
    d = torch.tanh(x @ p["w1"] + p["b1"]) @ p["w2"] + p["b2"] - y
    return torch.mean(d * d)


# ---------------------------------------------------------------- optimizers outside torch.optim

class NAdamFixed(torch.optim.NAdam):
    """torch 1.13's single-tensor NAdam step; mu_product_next = mu_product * mu_next unless `old`."""

    def __init__(self, params, old=False, **kwargs):
        super().__init__(params, **kwargs)
        self.old = old

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            beta1, beta2 = group["betas"]
            lr, eps = group["lr"], group["eps"]
            weight_decay, momentum_decay = group["weight_decay"], group["momentum_decay"]
            for param in group["params"]:
                state = self.state[param]
                if not state:
                    state["step"] = torch.tensor(0.)
                    state["mu_product"] = torch.tensor(1.)
                    state["exp_avg"] = torch.zeros_like(param)
                    state["exp_avg_sq"] = torch.zeros_like(param)
                grad = param.grad
                exp_avg, exp_avg_sq = state["exp_avg"], state["exp_avg_sq"]
                mu_product, step_t = state["mu_product"], state["step"]
                step_t += 1
                step = step_t.item()
                bias_correction2 = 1 - beta2 ** step
                if weight_decay != 0:
                    grad = grad.add(param, alpha=weight_decay)
                mu = beta1 * (1. - 0.5 * (0.96 ** (step * momentum_decay)))
                mu_next = beta1 * (1. - 0.5 * (0.96 ** ((step + 1) * momentum_decay)))
                mu_product *= mu
                mu_product_next = mu_product * mu * mu_next if self.old else mu_product * mu_next
                exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)
                exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
                denom = exp_avg_sq.div(bias_correction2).sqrt().add_(eps)
                param.addcdiv_(grad, denom, value=-lr * (1. - mu) / (1. - mu_product.item()))
                param.addcdiv_(exp_avg, denom, value=-lr * mu_next / (1. - mu_product_next.item()))


class Lion:
    """Lion (Chen et al. 2023): c = b1*m + (1-b1)*g; p -= lr*(sign(c) + wd*p); m = b2*m + (1-b2)*g."""

    def __init__(self, params, lr=1e-4, betas=(0.9, 0.99), weight_decay=0.0):
        self.params = list(params)
        self.lr, self.betas, self.weight_decay = lr, betas, weight_decay
        self.m = [np.zeros(p.shape, dtype=p.detach().numpy().dtype) for p in self.params]

    def step(self):
        beta1, beta2 = self.betas
        dtype = self.m[0].dtype.type
        lr, b1, b2, wd = (dtype(v) for v in (self.lr, beta1, beta2, self.weight_decay))
        one = dtype(1)
        for p, m in zip(self.params, self.m):
            g = p.grad.numpy()
            w = p.detach().numpy()  # shares p's memory
            c = b1 * m + (one - b1) * g
            w -= lr * (np.sign(c) + wd * w)
            m *= b2
            m += (one - b2) * g

    def zero_grad(self):
        for p in self.params:
            p.grad = None


OPTIMIZERS = {
    "sgd": torch.optim.SGD,
    "adam": torch.optim.Adam,
    "adamw": torch.optim.AdamW,
    "rmsprop": torch.optim.RMSprop,
    "adagrad": torch.optim.Adagrad,
    "nadam": NAdamFixed,
    "radam": torch.optim.RAdam,
    "lion": Lion,
}

# ---------------------------------------------------------------- cases

CASES = []


CLIPPING = ("clip_grad_value", "clip_grad_norm")


def case(kind, **hyper):
    """An optimizer with nnet's (and torch's) argument names; beta1, beta2 become torch's betas.
    clip_grad_value and clip_grad_norm are training settings: torch.nn.utils' clip_grad_value_ and
    clip_grad_norm_ between backward() and step(), in that order."""
    CASES.append((kind, hyper))


case("sgd", lr=0.1)
case("sgd", lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.01)
case("adam")
case("adam", lr=0.01)
case("adam", lr=0.01, amsgrad=True)
case("adam", lr=0.01, weight_decay=0.1, amsgrad=True)
case("adam", lr=0.003, beta1=0.8, beta2=0.99, eps=1e-6, amsgrad=True)
case("adamw")
case("adamw", lr=0.01)
case("adamw", lr=0.01, weight_decay=0.1, amsgrad=True)
case("adamw", lr=0.005, beta1=0.5, beta2=0.9, eps=1e-4, weight_decay=0.5)
case("rmsprop")
case("rmsprop", lr=0.003, momentum=0.9)
case("rmsprop", lr=0.003, centered=True, weight_decay=0.05)
case("rmsprop", lr=0.001, alpha=0.9, eps=1e-6, momentum=0.5, centered=True)
case("adagrad")
case("adagrad", lr=0.05, lr_decay=0.01, weight_decay=0.1)
case("adagrad", lr=0.05, initial_accumulator_value=0.1)
case("adagrad", lr=0.05, initial_accumulator_value=0.5, lr_decay=0.05, eps=1e-6)
case("nadam")
case("nadam", lr=0.01, weight_decay=0.1, momentum_decay=0.01)
case("nadam", lr=0.01, beta1=0.8, beta2=0.99, eps=1e-6, momentum_decay=0)
case("nadam", lr=0.01, beta1=0.1)  # the product of the schedule falls below 2^-60 within the steps
case("radam")
case("radam", lr=0.01, beta2=0.9, weight_decay=0.1)
case("radam", lr=0.01, beta1=0.5, beta2=0.6)
case("lion")
case("lion", lr=1e-3)
case("lion", lr=3e-4, beta1=0.95, beta2=0.98, weight_decay=0.5)
case("sgd", lr=0.1, momentum=0.9, clip_grad_norm=0.05)
case("adam", lr=0.01, clip_grad_norm=0.02)
case("adam", lr=0.01, clip_grad_value=0.01)
case("rmsprop", lr=0.003, clip_grad_value=0.02, clip_grad_norm=0.03)


def nnet_value(v):
    return ("true" if v else "false") if isinstance(v, bool) else repr(v)


def expression(kind, hyper):
    """The optimizer call, then any clipping setting of the training section after a ';'."""
    call = f"{kind}(" + ", ".join(f"{k} = {nnet_value(v)}" for k, v in hyper.items() if k not in CLIPPING) + ")"
    return call + "".join(f"; {k} = {nnet_value(v)}" for k, v in hyper.items() if k in CLIPPING)


def name_of(kind, hyper):
    return kind + "".join(f"_{k}={nnet_value(v)}" for k, v in hyper.items())


def torch_arguments(kind, hyper):
    """The keyword arguments of the optimizer's constructor; a beta not given takes its default."""
    args = {k: v for k, v in hyper.items() if k not in ("beta1", "beta2") + CLIPPING}
    if "beta1" in hyper or "beta2" in hyper:
        signature_of = torch.optim.NAdam if kind == "nadam" else OPTIMIZERS[kind]
        default = inspect.signature(signature_of).parameters["betas"].default
        args["betas"] = (hyper.get("beta1", default[0]), hyper.get("beta2", default[1]))
    return args


def trajectory(optimizer, dtype, clipping=None, **extra):
    """The parameters after every step, under optimizer(params, **extra) in dtype, with the gradients
    clipped as clipping (a dict of CLIPPING settings) says."""
    clipping = clipping or {}
    torch.set_default_dtype(dtype)
    params = {k: torch.tensor(v, dtype=dtype, requires_grad=True) for k, v in INIT.items()}
    opt = optimizer([params[k] for k in PARAMS], **extra)
    out = {k: [] for k in PARAMS}
    for t in range(STEPS):
        loss = loss_of(params, torch.tensor(X[t], dtype=dtype), torch.tensor(Y[t], dtype=dtype))
        opt.zero_grad()
        loss.backward()
        if "clip_grad_value" in clipping:
            torch.nn.utils.clip_grad_value_([params[k] for k in PARAMS], clipping["clip_grad_value"])
        if "clip_grad_norm" in clipping:
            torch.nn.utils.clip_grad_norm_([params[k] for k in PARAMS], clipping["clip_grad_norm"])
        opt.step()
        for k in PARAMS:
            out[k].append(params[k].detach().numpy().copy())
    return {k: np.stack(v) for k, v in out.items()}


def check_nadam_replica():
    """With PyTorch 1.13's product, NAdamFixed is torch.optim.NAdam bit for bit."""
    for dtype in (torch.float64, torch.float32):
        for hyper in ({}, {"lr": 0.01, "betas": (0.8, 0.99), "weight_decay": 0.1, "momentum_decay": 0.01}):
            ours = trajectory(NAdamFixed, dtype, old=True, **hyper)
            theirs = trajectory(torch.optim.NAdam, dtype, **hyper)
            for k in PARAMS:
                assert np.array_equal(ours[k], theirs[k]), f"NAdamFixed(old=True) is not torch's NAdam ({dtype}, {k})"
            fixed = trajectory(NAdamFixed, dtype, **hyper)
            assert max(np.max(np.abs(fixed[k] - theirs[k])) for k in PARAMS) > 1e-5, "the fix changes nothing"


def main():
    check_nadam_replica()
    arrays = {torch.float64: {}, torch.float32: {}}
    lines = []
    for kind, hyper in CASES:
        name = name_of(kind, hyper)
        args = torch_arguments(kind, hyper)
        lines.append(f"{name}\t{expression(kind, hyper)}")
        for dtype, out in arrays.items():
            clipping = {k: v for k, v in hyper.items() if k in CLIPPING}
            for k, v in trajectory(OPTIMIZERS[kind], dtype, clipping, **args).items():
                out[f"{name}/{k}"] = v
    # Every case must be told apart from every other: no two trajectories within far more than the
    # test's tolerance of each other (so amsgrad, centered... all change something).
    reference = arrays[torch.float64]
    names = [name_of(kind, hyper) for kind, hyper in CASES]
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            gap = max(np.max(np.abs(reference[f"{a}/{k}"] - reference[f"{b}/{k}"])) for k in PARAMS)
            assert gap > 1e-5, f"{a} and {b} have the same trajectory (they differ by {gap})"
    # nnet stops multiplying NAdam's schedule once the product is below 2^-60; one case must get there.
    mu = [0.1 * (1 - 0.5 * 0.96 ** (t * 4e-3)) for t in range(1, STEPS + 1)]
    assert np.prod(mu) < 2.0 ** -60
    # The rectified step of RAdam must be taken in some cases and not in others.
    rho_inf = [2 / (1 - b2) - 1 for b2 in (0.999, 0.9, 0.6)]
    assert [any(r - 2 * t * b2 ** t / (1 - b2 ** t) > 5 for t in range(1, STEPS + 1))
            for r, b2 in zip(rho_inf, (0.999, 0.9, 0.6))] == [True, True, False]
    for dtype, out in arrays.items():
        np_dtype = np.float64 if dtype == torch.float64 else np.float32
        out["x"] = X.astype(np_dtype)
        out["y"] = Y.astype(np_dtype)
        for k, v in INIT.items():
            out[f"init/{k}"] = v.astype(np_dtype)
        suffix = "f64" if dtype == torch.float64 else "f32"
        np.savez_compressed(OUT / f"optimizers_{suffix}.npz", **out)
    (OUT / "optimizers.txt").write_text("\n".join(lines) + "\n")
    print(f"{len(CASES)} cases, {STEPS} steps each")


if __name__ == "__main__":
    main()
