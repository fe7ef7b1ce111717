#!/usr/bin/env python3
"""PyTorch reference for the per-op benchmark (io.principia.benchmarks.OpBenchmark).

Same ops, sizes and modes, float32:
  add        a + b, both [R, C]
  matmul     [R, C] x [C, C]   (64x128 -> [64,128]x[128,128]; 1024x1024 -> square)
  tanh       [R, C]
  softmax    last axis of [R, C]
  layerNorm  last axis of [R, C], weight and bias [C], eps 1e-5
Modes: "forward" under torch.no_grad(); "forward+backward" with leaf inputs that require grad,
grads set to None first, then y.backward(ones) with a preallocated ones tensor of y's shape.

Run with Debian's python3-torch at a given thread count:
    OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2 /usr/bin/python3 benchmarks/python/ops.py --threads 2
Prints one line per case, `op size mode us` (median microseconds per call), after a header line
starting with '#'. Debian's torch.set_num_threads does not reach OpenBLAS, hence the variables too.
"""
import argparse
import statistics
import time

import torch
import torch.nn.functional as F

OPS = ["add", "matmul", "tanh", "softmax", "layerNorm"]
SIZES = ["64x128", "1024x1024"]
MODES = ["forward", "forward+backward"]


def make_case(op, size, gen):
    rows, cols = (int(v) for v in size.split("x"))
    a = torch.randn(rows, cols, generator=gen)
    if op == "add":
        b = torch.randn(rows, cols, generator=gen)
        return [a, b], lambda t: t[0] + t[1]
    if op == "matmul":
        b = torch.randn(cols, cols, generator=gen)
        return [a, b], lambda t: t[0] @ t[1]
    if op == "tanh":
        return [a], lambda t: torch.tanh(t[0])
    if op == "softmax":
        return [a], lambda t: torch.softmax(t[0], dim=-1)
    if op == "layerNorm":
        w = 1 + 0.1 * torch.randn(cols, generator=gen)
        b = 0.1 * torch.randn(cols, generator=gen)
        return [a, w, b], lambda t: F.layer_norm(t[0], (cols,), t[1], t[2], 1e-5)
    raise ValueError(f"unknown op {op}")


def time_case(op, size, mode, min_time_s, min_reps):
    gen = torch.Generator().manual_seed(42)
    inputs, fn = make_case(op, size, gen)
    if mode == "forward":
        def call():
            with torch.no_grad():
                return fn(inputs)
    else:
        for t in inputs:
            t.requires_grad_(True)
        with torch.no_grad():
            ones = torch.ones_like(fn(inputs))

        def call():
            for t in inputs:
                t.grad = None
            fn(inputs).backward(ones)
            return inputs[0].grad

    # Warm up for about a third of the measuring time, then time single calls.
    t_end = time.perf_counter() + min_time_s / 3
    while time.perf_counter() < t_end:
        call()
    times = []
    t_end = time.perf_counter() + min_time_s
    while len(times) < min_reps or time.perf_counter() < t_end:
        t0 = time.perf_counter_ns()
        call()
        times.append((time.perf_counter_ns() - t0) / 1000.0)
    return statistics.median(times), len(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--time", type=float, default=2.0, help="seconds of measurement per case")
    ap.add_argument("--min-reps", type=int, default=20)
    ap.add_argument("--ops", default=",".join(OPS))
    ap.add_argument("--sizes", default=",".join(SIZES))
    ap.add_argument("--modes", default=",".join(MODES))
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    print(f"# torch={torch.__version__} threads={torch.get_num_threads()} columns: op size mode median_us")
    for op in args.ops.split(","):
        for size in args.sizes.split(","):
            for mode in args.modes.split(","):
                us, _ = time_case(op, size, mode, args.time, args.min_reps)
                print(f"{op} {size} {mode} {us:.1f}", flush=True)


if __name__ == "__main__":
    main()
