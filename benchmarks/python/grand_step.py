#!/usr/bin/env python3
"""PyTorch reference for the GRAND++ epoch benchmark (GrandStepBenchmark.java).

One full-batch training epoch of the linear GRAND++ (spec graph_generative.md 1.1-1.4) on Cora's LCC,
with the problem read from the .npy files GrandStepBenchmark writes (--data DIR):
    X0 = m1(Dropout(X, 0.5))                         [N, d]
    C  = (X0 - mean over the training nodes) * 1_train
    dZ/dt = sigmoid(alpha) (A - I) Z + C, Z(0) = X0 + C, integrated as the stacked state [2, N, d] = [Z, C]
    logits = m2(Dropout(ReLU(Z(T)), 0.0469)); loss = cross_entropy(logits[train], y[train])
    backward; Adam (lr 0.02292, weight_decay 0.005077)
A is the fixed 'rw' adjacency as a torch.sparse COO matrix (A[target, source] = weight), applied with
torch.sparse.mm. Solvers: classical RK4 with a fixed step and dopri5 (torchdiffeq's algorithm) from
ode_step.py, whose NFE matches Principia's; gradients by backprop through the solver.

The first epoch ("check") uses the dropout masks written by the Java side, so its loss and NFE must
equal Principia's; a second epoch with the same masks checks the gradients and the Adam step. The
timed epochs draw fresh masks with F.dropout.

Prints: pytorch_grand_step method=... threads=N nfe=... check_nfe=... check_loss=... check_loss2=...
        median_ms=... min_ms=... max_ms=...
"""
import argparse
import os
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ode_step import Counter, dopri5, rk4  # noqa: E402

INPUT_DROPOUT, DROPOUT, LR, WEIGHT_DECAY = 0.5, 0.0469, 0.02292, 0.005077


def load(dir_, name):
    return torch.from_numpy(np.load(os.path.join(dir_, name + ".npy")))


def adjacency(source, target, weight, n):
    """A[target_e, source_e] = weight_e (duplicates add), so (A x)[i] = sum over edges into i."""
    idx = torch.stack([target.long(), source.long()])
    return torch.sparse_coo_tensor(idx, weight, (n, n)).coalesce()


class Diffusion(torch.nn.Module):
    """d[Z, C]/dt = [sigmoid(alpha)(A Z - Z) + C, 0] on the stacked state [2, N, d]."""

    def __init__(self, a):
        super().__init__()
        self.a = a
        self.alpha_train = torch.nn.Parameter(torch.tensor(0.0))

    def forward(self, t, state):
        z, c = state[0], state[1]                                        # [N, d] each
        dz = (torch.sparse.mm(self.a, z) - z) * torch.sigmoid(self.alpha_train) + c
        return torch.stack([dz, torch.zeros_like(c)])                    # [2, N, d]


class GrandPP(torch.nn.Module):
    def __init__(self, d, a):
        super().__init__()
        w1, w2 = load(d, "m1_weight"), load(d, "m2_weight")
        self.m1 = torch.nn.Linear(w1.shape[1], w1.shape[0])
        self.m2 = torch.nn.Linear(w2.shape[1], w2.shape[0])
        with torch.no_grad():
            self.m1.weight.copy_(w1)
            self.m1.bias.copy_(load(d, "m1_bias"))
            self.m2.weight.copy_(w2)
            self.m2.bias.copy_(load(d, "m2_bias"))
        self.odefunc = Diffusion(a)


def source_term(x, mask):
    """GRAND++'s C: the labelled nodes' encodings minus their mean, zero elsewhere."""
    m = mask[:, None]                                                    # [N, 1]
    xp = x * m
    mean = xp.sum(0, keepdim=True) / mask.sum()                          # [1, d]
    return (xp - mean) * m


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True, help="directory written by GrandStepBenchmark --write")
    ap.add_argument("--method", choices=["rk4", "dopri5"], default="rk4")
    ap.add_argument("--step", type=float, default=0.25)
    ap.add_argument("--tol", type=float, default=1e-4)
    ap.add_argument("--time", type=float, default=1.0)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--iters", type=int, default=10)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)

    d = args.data
    x = load(d, "x")                                                     # [N, F]
    n = x.shape[0]
    a = adjacency(load(d, "source"), load(d, "target"), load(d, "weight"), n)
    labels = load(d, "labels").long()
    train = load(d, "train").long()
    mask = torch.zeros(n)
    mask[train] = 1.0
    in_mask, out_mask = load(d, "in_mask"), load(d, "out_mask")
    model = GrandPP(d, a)
    opt = torch.optim.Adam(model.parameters(), lr=LR, weight_decay=WEIGHT_DECAY)
    f = Counter(model.odefunc)
    steps = round(args.time / args.step)

    def epoch(masks):
        opt.zero_grad(set_to_none=True)
        f.nfe = 0
        xin = x * masks[0] if masks else F.dropout(x, INPUT_DROPOUT, training=True)
        x0 = model.m1(xin)                                               # [N, d]
        c = source_term(x0, mask)
        state = torch.stack([x0 + c, c])                                 # [2, N, d]
        if args.method == "rk4":
            zt = rk4(f, state, 0.0, args.time, steps)
        else:
            zt = dopri5(f, state, 0.0, args.time, args.tol, args.tol)
        z = torch.relu(zt[0])
        h = z * masks[1] if masks else F.dropout(z, DROPOUT, training=True)
        loss = F.cross_entropy(model.m2(h)[train], labels[train])
        loss.backward()
        opt.step()
        return float(loss), f.nfe

    check_loss, check_nfe = epoch((in_mask, out_mask))
    check_loss2, _ = epoch((in_mask, out_mask))
    for _ in range(args.warmup):
        epoch(None)
    times = []
    for _ in range(args.iters):
        t0 = time.perf_counter_ns()
        _, nfe = epoch(None)
        times.append((time.perf_counter_ns() - t0) / 1e6)
    times.sort()
    print(f"pytorch_grand_step method={args.method} step={args.step} tol={args.tol} time={args.time} nodes={n} edges={a._nnz()} "
          f"hidden={x0_dim(model)} threads={args.threads} nfe={nfe} check_nfe={check_nfe} check_loss={check_loss:.7f} "
          f"check_loss2={check_loss2:.7f} median_ms={statistics.median(times):.2f} min_ms={times[0]:.2f} max_ms={times[-1]:.2f}",
          flush=True)


def x0_dim(model):
    return model.m1.weight.shape[0]


if __name__ == "__main__":
    main()
