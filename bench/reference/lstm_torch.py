#!/usr/bin/python3
"""nnet.bench.LstmCpuTime's character-level LSTM in PyTorch, as a speed reference: the training step
(batch 32, 64 steps, embedding 64, LSTM 128, 65 ids, Adam) and the decode step (one character with the
state carried, the scores divided by 0.8, top-20, a draw), one thread, timed by the thread's CPU time,
median and best of ten batches of five passes, printed in LstmCpuTime's format. Not used by the build:

    /usr/bin/python3 bench/reference/lstm_torch.py [ROUNDS]
"""
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

BATCHES = 10
STEPS = 5
TOKENS = 200


class CharLstm(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = torch.nn.Embedding(65, 64)
        self.lstm = torch.nn.LSTM(64, 128, batch_first=True)
        self.head = torch.nn.Linear(128, 65)

    def forward(self, ids, hx=None):
        out, state = self.lstm(self.embed(ids), hx)
        return self.head(out), state


def report(name, fn, per):
    ms = []
    for _ in range(BATCHES):
        start = time.thread_time_ns()
        for _ in range(STEPS):
            fn()
        ms.append((time.thread_time_ns() - start) / 1e6 / STEPS / per)
    ms.sort()
    print("%s  median %8.3f ms  best %8.3f ms" % (name, ms[BATCHES // 2], ms[0]), flush=True)


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    torch.set_num_threads(1)
    torch.manual_seed(1)
    model = CharLstm()
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    ids = torch.randint(0, 65, (32, 64))
    nxt = torch.randint(0, 65, (32, 64))

    def step():
        opt.zero_grad()
        logits, _ = model(ids)
        F.cross_entropy(logits.reshape(-1, 65), nxt.reshape(-1)).backward()
        opt.step()

    def generate():
        with torch.no_grad():
            token = torch.zeros(1, 1, dtype=torch.long)
            state = None
            for _ in range(TOKENS):
                logits, state = model(token, state)
                top = torch.topk(logits[0, -1] / 0.8, 20)
                token = top.indices[torch.multinomial(torch.softmax(top.values, 0), 1)].reshape(1, 1)

    for _ in range(20):
        step()
    generate()
    for _ in range(rounds):
        report("torch train step ", step, 1)
        report("torch decode step", generate, TOKENS)


if __name__ == "__main__":
    main()
