"""Reference timings for MlpBench: the same 784-500-10 ReLU MLP in PyTorch.

One training step (forward, cross-entropy, backward, Adam) on a batch of 100, and the latency of
predicting one example, with 1 and 2 threads. Not needed by any build; run it with the Debian
python3-torch: /usr/bin/python3 bench/reference/mlp_torch.py
"""
import time

import torch
import torch.nn.functional as F


def timed(fn, seconds=3.0):
    for _ in range(20):
        fn()
    n = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        fn()
        n += 1
    return (time.perf_counter() - start) / n


def main():
    torch.manual_seed(1)
    model = torch.nn.Sequential(torch.nn.Linear(784, 500), torch.nn.ReLU(), torch.nn.Linear(500, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    x = torch.rand(100, 784)
    y = torch.randint(0, 10, (100,))
    one = torch.rand(1, 784)

    def step():
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()

    def predict():
        with torch.no_grad():
            F.softmax(model(one), dim=-1)

    for threads in (1, 2):
        torch.set_num_threads(threads)
        print(f"torch {torch.__version__}, {threads} thread(s): train step {timed(step) * 1e6:8.1f} us, "
              f"predict one {timed(predict) * 1e6:6.1f} us")


if __name__ == "__main__":
    main()
