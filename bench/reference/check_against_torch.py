"""Checks nnetc's results for a model against PyTorch on the same inputs and parameters.

Writes random inputs for the digits model to an .npz, runs `nnetc run --grad` (which initialises the
parameters from the seed and writes them, the outputs, the loss and every gradient to its output),
then recomputes all of it with torch.nn.functional and compares. Not part of any build; run from the
repository root with Debian's python3-torch:

    /usr/bin/python3 bench/reference/check_against_torch.py
"""
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F


def main():
    root = Path(__file__).resolve().parents[2]
    rng = np.random.default_rng(5)
    x = rng.integers(0, 17, size=(16, 64)).astype(np.float64)
    label = rng.integers(0, 10, size=16).astype(np.int64)
    with tempfile.TemporaryDirectory() as tmp:
        inputs, out = Path(tmp, "in.npz"), Path(tmp, "out.npz")
        np.savez(inputs, x=x, label=label)
        subprocess.run([str(root / "nnetc"), "run", str(root / "samples/digits/digits.nnet"), "--inputs", str(inputs),
                        "--out", str(out), "--grad"], check=True)
        got = dict(np.load(out))

    params = {k: torch.tensor(got[k], dtype=torch.float32, requires_grad=True)
              for k in ("h.weight", "h.bias", "logits.weight", "logits.bias")}
    xt = torch.tensor(x, dtype=torch.float32)
    h = F.relu(F.linear(xt / 16, params["h.weight"], params["h.bias"]))
    logits = F.linear(h, params["logits.weight"], params["logits.bias"])
    loss = F.cross_entropy(logits, torch.tensor(label))
    loss.backward()
    expected = {"probs": F.softmax(logits, dim=-1).detach().numpy(), "loss": loss.detach().numpy(),
                "accuracy": (logits.argmax(dim=1) == torch.tensor(label)).float().mean().numpy()}
    for k, p in params.items():
        expected["grad/" + k] = p.grad.numpy()

    worst = 0.0
    for k, want in expected.items():
        err = float(np.max(np.abs(got[k] - want)) / max(1e-6, float(np.max(np.abs(want)))))
        worst = max(worst, err)
        print(f"{k:22s} max relative difference {err:.2e}")
    print("agree" if worst < 1e-5 else "DISAGREE")
    return 0 if worst < 1e-5 else 1


if __name__ == "__main__":
    sys.exit(main())
