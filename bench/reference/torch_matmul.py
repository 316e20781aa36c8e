"""Times PyTorch float32 matmuls for the shapes of GemmBench, as a speed reference.

Run with Debian's PyTorch: /usr/bin/python3 bench/reference/torch_matmul.py [THREADS...]
Prints, per thread count (default 1 and 2) and shape, the best time of several repetitions and the
GFLOP/s, and which BLAS library the process mapped. Debian's torch calls the system libblas.so.3, which is
the unoptimised reference BLAS unless an optimised one (OpenBLAS, BLIS) is installed; to try OpenBLAS
without installing it, extract libopenblas0-pthread's .deb and point LD_LIBRARY_PATH at its
openblas-pthread directory, with OPENBLAS_NUM_THREADS set to the thread count (torch.set_num_threads
does not reach a BLAS it does not know). Not used by the build.
"""
import sys
import time

import torch

# name, (rows, inner, cols), and how each operand is laid out, mirroring GemmBench.
SHAPES = [
    ("forward  x[100x784] . W[500x784]^T", 100, 784, 500),
    ("dW       g[100x500]^T . x[100x784]", 500, 100, 784),
    ("dx       g[100x500] . W[500x784]", 100, 500, 784),
    ("small    h[100x500] . W2[10x500]^T", 100, 500, 10),
    ("square   512x512 . 512x512", 512, 512, 512),
]


def operands(name, m, k, n):
    """Tensors laid out as in GemmBench, so transposes are views as they would be in a model."""
    if name.startswith("forward") or name.startswith("small"):
        return torch.randn(m, k), torch.randn(n, k).t()
    if name.startswith("dW"):
        return torch.randn(k, m).t(), torch.randn(k, n)
    return torch.randn(m, k), torch.randn(k, n)


def best_seconds(a, b, out, reps):
    best = float("inf")
    for _ in range(7):
        t0 = time.perf_counter()
        for _ in range(reps):
            torch.mm(a, b, out=out)
        best = min(best, (time.perf_counter() - t0) / reps)
    return best


def mapped_blas():
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
    return ", ".join(sorted(paths)) or "none mapped"


def main():
    torch.manual_seed(0)
    thread_counts = [int(t) for t in sys.argv[1:]] or [1, 2]
    torch.mm(torch.ones(2, 2), torch.ones(2, 2))  # loads the BLAS
    print(f"torch {torch.__version__}, BLAS_INFO={torch.__config__.show().split('BLAS_INFO=')[1].split(',')[0]}")
    print(f"BLAS library: {mapped_blas()}")
    for threads in thread_counts:
        torch.set_num_threads(threads)
        for name, m, k, n in SHAPES:
            a, b = operands(name, m, k, n)
            out = torch.empty(m, n)
            flops = 2.0 * m * n * k
            reps = max(3, int(2e8 / flops))
            best_seconds(a, b, out, reps)  # warm-up
            s = best_seconds(a, b, out, reps)
            print(f"threads={threads}  {name:38s} {s * 1e6:9.1f} us  {flops / s / 1e9:7.1f} GFLOP/s")


if __name__ == "__main__":
    main()
