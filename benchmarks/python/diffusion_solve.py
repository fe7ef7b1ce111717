#!/usr/bin/env python3
"""PyTorch reference for the large-graph diffusion benchmark (DiffusionSolveBenchmark.java).

dx/dt = sigmoid(alpha) (A x - x), A the 'rw' adjacency of the random graph written by the Java side
(--data DIR: source, target, weight, x0 .npy) as a torch.sparse COO matrix applied with torch.sparse.mm,
classical RK4 with --steps equal steps over [0, 1] (ode_step.rk4), loss = mean(x(1)^2).
Modes: forward (no_grad) and backward (x0 and alpha require grad; backprop through the solver).

Prints: pytorch_diffusion_solve mode=... nfe=... median_ms=... min_ms=... loss=... base_rss_mb=... step_peak_mb=...
"""
import argparse
import os
import statistics
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from grand_step import adjacency, load  # noqa: E402
from ode_step import Counter, hwm_bytes, reset_hwm, rk4, rss_bytes  # noqa: E402


class Diffusion(torch.nn.Module):
    def __init__(self, a):
        super().__init__()
        self.a = a
        self.alpha_train = torch.nn.Parameter(torch.tensor(0.0))

    def forward(self, t, x):  # x [N, d]
        return (torch.sparse.mm(self.a, x) - x) * torch.sigmoid(self.alpha_train)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--mode", choices=["forward", "backward"], default="forward")
    ap.add_argument("--steps", type=int, default=4)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--iters", type=int, default=3)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)

    x0 = load(args.data, "x0")
    n, dim = x0.shape
    a = adjacency(load(args.data, "source"), load(args.data, "target"), load(args.data, "weight"), n)
    field = Diffusion(a)
    f = Counter(field)
    x = x0.clone().requires_grad_(args.mode == "backward")

    def solve():
        field.zero_grad(set_to_none=True)
        x.grad = None
        f.nfe = 0
        if args.mode == "forward":
            with torch.no_grad():
                return float(rk4(f, x, 0.0, 1.0, args.steps).pow(2).mean())
        loss = rk4(f, x, 0.0, 1.0, args.steps).pow(2).mean()
        loss.backward()
        return float(loss)

    for _ in range(args.warmup):
        solve()
    base = rss_bytes()
    hwm = reset_hwm()
    times = []
    for _ in range(args.iters):
        t0 = time.perf_counter_ns()
        loss = solve()
        times.append((time.perf_counter_ns() - t0) / 1e6)
    peak = hwm_bytes() if hwm else -1
    times.sort()
    mb = 1 << 20
    gnorm = float(x.grad.double().norm()) if x.grad is not None else 0.0
    print(f"pytorch_diffusion_solve mode={args.mode} nodes={n} edges={a._nnz()} dim={dim} steps={args.steps} threads={args.threads} "
          f"nfe={f.nfe} median_ms={statistics.median(times):.1f} min_ms={times[0]:.1f} max_ms={times[-1]:.1f} loss={loss:.7f} "
          f"grad_norm={gnorm:.7g} base_rss_mb={base / mb:.0f} step_peak_mb={(peak - base) / mb if hwm else -1:.1f}", flush=True)


if __name__ == "__main__":
    main()
