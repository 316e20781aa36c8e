#!/usr/bin/python3
"""The learning rates torch.optim.lr_scheduler gives epoch by epoch, for ScheduleReferenceTest. Not part
of the build: run it by hand (/usr/bin/python3, Debian's PyTorch 1.13) and commit what it writes to
compiler/src/test/resources/reference/schedules.txt, one line per case: kind, arguments, base rate,
then the rate of each of 12 epochs.
"""
import os
import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "reference", "schedules.txt")
CASES = [
    ("step", {"step_size": 3, "gamma": 0.1}, 0.1, lambda o: torch.optim.lr_scheduler.StepLR(o, 3, 0.1)),
    ("step", {"step_size": 1, "gamma": 0.5}, 1e-3, lambda o: torch.optim.lr_scheduler.StepLR(o, 1, 0.5)),
    ("exponential", {"gamma": 0.9}, 0.01, lambda o: torch.optim.lr_scheduler.ExponentialLR(o, 0.9)),
    ("cosine", {"t_max": 12, "eta_min": 0.0}, 1e-3, lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, 12)),
    ("cosine", {"t_max": 5, "eta_min": 1e-5}, 0.1, lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, 5, 1e-5)),
    ("linear", {"start_factor": 0.25, "end_factor": 1.0, "total_iters": 4}, 0.01,
     lambda o: torch.optim.lr_scheduler.LinearLR(o, 0.25, 1.0, 4)),
    ("linear", {"start_factor": 1.0, "end_factor": 0.1, "total_iters": 7}, 0.2,
     lambda o: torch.optim.lr_scheduler.LinearLR(o, 1.0, 0.1, 7)),
    ("multistep", {"milestone0": 2, "milestone1": 5, "milestone2": 9, "gamma": 0.5}, 0.1,
     lambda o: torch.optim.lr_scheduler.MultiStepLR(o, [2, 5, 9], 0.5)),
]
with open(OUT, "w") as f:
    for kind, args, base, make in CASES:
        opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=base)
        sched = make(opt)
        rates = []
        for epoch in range(12):
            rates.append(opt.param_groups[0]["lr"])
            opt.step()
            sched.step()
        arg_text = ",".join("%s=%r" % (k, float(v)) for k, v in args.items())
        f.write("%s %s %r %s\n" % (kind, arg_text, base, " ".join(repr(r) for r in rates)))
print("wrote", OUT)
