#!/usr/bin/env python3
"""PyTorch reference for the neural-ODE benchmark (OdeStepBenchmark.java).

The model: state y [B, D], vector field f(y) = W2 tanh(W1 y + b1) + b2 (D -> H -> D, time-independent),
weights and y0 read from the .npy files that OdeStepBenchmark writes (--weights DIR), solved over
[0, 1]; loss = mean(y(1)^2). float32 state, float64 time, as torchdiffeq.

The solver is a dopri5 written here to follow torchdiffeq 0.2.5's algorithm step for step (torchdiffeq
itself is not packaged for Debian), so that its NFE equals Principia's:
  * Dormand-Prince 5(4) tableau, FSAL (6 new evaluations per step);
  * first step from Hairer, Norsett and Wanner (II.4) with the order-5 exponent, computed in the
    state's precision: 2 evaluations, f0 reused as the first stage;
  * error ratio = RMS over the whole state of err / (atol + rtol * max(|y0|, |y1|));
  * integral controller: factor = min(10, max(0.9 * r^(-1/5), 1 if accepted else 0.2)), r = 0 -> x10;
    step sizes are constants (no gradient flows through the step choice);
  * the solver steps past the final time and evaluates the quartic dense output fitted to y0, y1,
    y(t0 + h/2) (Shampine's mid-point weights), f0 and f1.
Gradient modes: forward only (no_grad), backprop through the solver (autograd records every stage),
and the adjoint method (a torch.autograd.Function whose backward solves the augmented system
[y, a, dL/dtheta] from 1 back to 0 with the same dopri5 and the mixed norm max_i RMS(part_i), torchdiffeq's
default adjoint norm). --method rk4 --steps N uses classical RK4 on a fixed grid of N steps instead
(for the memory comparison).

Prints one line per mode:
    pytorch_ode_step mode=... threads=N nfe=... nfe_bwd=... accepted=... rejected=... median_ms=... min_ms=...
        max_ms=... loss=... grad_norm=... base_rss_mb=... step_peak_mb=...
step_peak_mb is the RSS high-water mark over the timed solves (VmHWM, reset through /proc/self/clear_refs)
minus the RSS before them. --check first reproduces torchdiffeq's figures for y' = -y (spec rnn_ode.md 7.5:
NFE 14/26/50 and y(1) at rtol = atol = 1e-3, 1e-5 and the defaults; adjoint dL/da and dL/dy0 of y' = -a y)
and stops with an error if any differs.

Precision: step control runs in the state's precision as in torchdiffeq, but the stage sums are
sequential fused adds with float64-rounded weights, not torchdiffeq's matmul over stacked stages. In
float64 the figures above match to 10 digits; in float32, where an error estimate can be at rounding
level (spec 7.5's float32 row), the step sizes can differ in the last digits from torchdiffeq's.
"""
import argparse
import os
import re
import statistics
import time

import numpy as np
import torch
import torch.nn.functional as F

# Dormand-Prince 5(4): stage nodes, stage weights, 5th-order weights, error weights (b - b*), and the
# weights that give y(t0 + h/2) from the stages (Shampine 1986).
DP_C = [0.0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1.0, 1.0]
DP_A = [
    [],
    [1 / 5],
    [3 / 40, 9 / 40],
    [44 / 45, -56 / 15, 32 / 9],
    [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
    [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
    [35 / 384, 0.0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
]
DP_B4 = [1951 / 21600, 0.0, 22642 / 50085, 451 / 720, -12231 / 42400, 649 / 6300, 1 / 60]   # torchdiffeq's embedded pair
DP_E = [b - b4 for b, b4 in zip(DP_A[6] + [0.0], DP_B4)]
DP_MID = [6025192743 / 30085553152 / 2, 0.0, 51252292925 / 65400821598 / 2, -2691868925 / 45128329728 / 2,
          187940372067 / 1594534317056 / 2, -1776094331 / 19743644256 / 2, 11237099 / 235043384 / 2]
ORDER = 5


class Counter:
    """Counts evaluations of a vector field: forward ones and, separately, backward ones."""

    def __init__(self, fn):
        self.fn, self.nfe = fn, 0

    def __call__(self, t, y):
        self.nfe += 1
        return self.fn(t, y)


def rms(x):
    return x.abs().pow(2).mean().sqrt()


def lincomb(y, coeffs, ks):
    """y + sum_j c_j k_j, skipping zero weights (one fused add per term)."""
    out = y
    for c, k in zip(coeffs, ks):
        if c != 0.0:
            out = torch.add(out, k, alpha=c)
    return out


@torch.no_grad()
def initial_step(f, t0, y0, f0, rtol, atol, norm):
    scale = atol + y0.abs() * rtol
    d0 = norm(y0 / scale)
    d1 = norm(f0 / scale)
    if d0 < 1e-5 or d1 < 1e-5:
        h0 = torch.tensor(1e-6, dtype=y0.dtype)
    else:
        h0 = 0.01 * d0 / d1
    f1 = f(t0 + float(h0), y0 + h0 * f0)
    d2 = norm((f1 - f0) / scale) / h0
    if d1 <= 1e-15 and d2 <= 1e-15:
        h1 = torch.clamp(h0 * 1e-3, min=1e-6)
    else:
        h1 = (0.01 / torch.max(d1, d2)) ** (1.0 / ORDER)
    return float(torch.min(100 * h0, h1))


def next_step(dt, ratio, accepted, safety=0.9, ifactor=10.0, dfactor=0.2):
    if ratio == 0:
        return dt * ifactor
    lower = 1.0 if ratio < 1 else dfactor
    return dt * min(ifactor, max(safety * ratio ** (-1.0 / ORDER), lower))


def dense(t0, t1, y0, y1, k, t):
    """The quartic through y0, y1, y_mid, with slopes f0 = k0 and f1 = k6, at t in [t0, t1]."""
    h = t1 - t0
    x = (t - t0) / h
    ymid = lincomb(y0, [h * m for m in DP_MID], k)
    w_y0 = 1 - 11 * x ** 2 + 18 * x ** 3 - 8 * x ** 4
    w_y1 = -5 * x ** 2 + 14 * x ** 3 - 8 * x ** 4
    w_mid = 16 * x ** 2 - 32 * x ** 3 + 16 * x ** 4
    w_f0 = h * (x - 4 * x ** 2 + 5 * x ** 3 - 2 * x ** 4)
    w_f1 = h * (x ** 2 - 3 * x ** 3 + 2 * x ** 4)
    out = y0 * w_y0
    for w, v in ((w_y1, y1), (w_mid, ymid), (w_f0, k[0]), (w_f1, k[6])):
        out = torch.add(out, v, alpha=w)
    return out


def dopri5(f, y0, t0, t1, rtol, atol, norm=rms, stats=None):
    """y(t1) by adaptive dopri5 from y(t0) = y0, torchdiffeq's way (see the module docstring)."""
    t, y = t0, y0
    fy = f(t, y)
    dt = initial_step(f, t, y, fy, rtol, atol, norm)
    last = None
    while t1 > t:
        tn = t + dt
        assert tn > t, f"step size underflow at t = {t}"
        k = [fy]
        for i in range(1, 7):
            yi = lincomb(y, [a * dt for a in DP_A[i]], k)
            k.append(f(tn if DP_C[i] == 1.0 else t + DP_C[i] * dt, yi))
        y_new = yi                      # FSAL: the last stage's input is the 5th-order solution
        with torch.no_grad():
            err = lincomb(torch.zeros_like(y), [e * dt for e in DP_E], k)
            tol = atol + rtol * torch.max(y.abs(), y_new.abs())
            ratio = float(norm(err / tol))
        if ratio != ratio:
            raise RuntimeError(f"NaN in the step from t = {t}")
        accepted = ratio <= 1
        if stats is not None:
            stats[0 if accepted else 1] += 1
        if accepted:
            last = (t, tn, y, y_new, k)
            t, y, fy = tn, y_new, k[6]
        dt = next_step(dt, ratio, accepted)
    return dense(*last, t1)


def rk4(f, y0, t0, t1, steps):
    """Classical RK4 on a fixed grid of `steps` equal steps."""
    h = (t1 - t0) / steps
    y = y0
    for n in range(steps):
        t = t0 + n * h
        k1 = f(t, y)
        k2 = f(t + h / 2, torch.add(y, k1, alpha=h / 2))
        k3 = f(t + h / 2, torch.add(y, k2, alpha=h / 2))
        k4 = f(t + h, torch.add(y, k3, alpha=h))
        y = lincomb(y, [h / 6, h / 3, h / 3, h / 6], [k1, k2, k3, k4])
    return y


def mixed_norm(lengths):
    """max over consecutive segments of the flat state of each segment's RMS."""
    def norm(x):
        parts = torch.split(x.reshape(-1), lengths)
        return torch.stack([rms(p) for p in parts]).max()
    return norm


class Field(torch.nn.Module):
    def __init__(self, w1, b1, w2, b2):
        super().__init__()
        self.w1, self.b1 = torch.nn.Parameter(w1), torch.nn.Parameter(b1)   # [H, D], [H] (torch's [out, in])
        self.w2, self.b2 = torch.nn.Parameter(w2), torch.nn.Parameter(b2)   # [D, H], [D]

    def forward(self, t, y):  # y [B, D]
        return F.linear(torch.tanh(F.linear(y, self.w1, self.b1)), self.w2, self.b2)  # [B, D] -> [B, H] -> [B, D]


class Solver:
    def __init__(self, field, method, rtol, atol, steps):
        self.field, self.method, self.rtol, self.atol, self.steps = field, method, rtol, atol, steps
        self.fwd = Counter(field)
        self.bwd = Counter(field)
        self.stats = [0, 0]  # accepted, rejected steps of the forward solve

    def solve(self, f, y0, t0, t1, norm=rms):
        if self.method == "rk4":
            if f is self.fwd:
                self.stats[0] += self.steps
            return rk4(f, y0, t0, t1, self.steps)
        return dopri5(f, y0, t0, t1, self.rtol, self.atol, norm, self.stats if f is self.fwd else None)

    def adjoint(self, y0):
        return Adjoint.apply(self, y0, *self.field.parameters())


class Adjoint(torch.autograd.Function):
    """odeint_adjoint for one interval [0, 1]: forward without a graph, backward by the augmented ODE."""

    @staticmethod
    def forward(ctx, solver, y0, *params):
        with torch.no_grad():
            y1 = solver.solve(solver.fwd, y0, 0.0, 1.0)
        ctx.solver = solver
        ctx.save_for_backward(y1, *params)
        return y1

    @staticmethod
    def backward(ctx, g):
        solver = ctx.solver
        y1, *params = ctx.saved_tensors
        shape, n = y1.shape, y1.numel()
        sizes = [n, n] + [p.numel() for p in params]

        def augmented(t, z):  # z = [y, a, theta_bar] flat, integrated in reversed time s = -t
            y = z[:n].view(shape).detach().requires_grad_(True)
            a = z[n:2 * n].view(shape)
            with torch.enable_grad():
                fy = solver.bwd(-t, y)
                vjp = torch.autograd.grad(fy, (y, *params), -a)
            # d/ds = -d/dt: [-f, aᵀ∂f/∂y, aᵀ∂f/∂θ]
            return torch.cat([-fy.reshape(-1)] + [-v.reshape(-1) for v in vjp])

        z1 = torch.cat([y1.reshape(-1), g.reshape(-1)] + [torch.zeros(p.numel(), dtype=y1.dtype) for p in params])
        with torch.no_grad():
            z0 = solver.solve(augmented, z1, -1.0, 0.0, norm=mixed_norm(sizes))
        a0 = z0[n:2 * n].view(shape)
        grads, start = [], 2 * n
        for p in params:
            grads.append(z0[start:start + p.numel()].view_as(p))
            start += p.numel()
        return (None, a0, *grads)


def rss_bytes():
    return int(re.search(r"VmRSS:\s+(\d+)", open("/proc/self/status").read()).group(1)) * 1024


def hwm_bytes():
    return int(re.search(r"VmHWM:\s+(\d+)", open("/proc/self/status").read()).group(1)) * 1024


def reset_hwm():
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def load(dir_, name):
    return torch.from_numpy(np.load(os.path.join(dir_, name + ".npy")))


def check():
    """torchdiffeq 0.2.5's figures (spec rnn_ode.md 7.5) for y' = -y and y' = -a y on [0, 1], float64."""
    for tol, atol, nfe, y1 in ((1e-3, 1e-3, 14, 0.3679296117), (1e-5, 1e-5, 26, 0.3678826861), (1e-7, 1e-9, 50, 0.3678794482)):
        f = Counter(lambda t, y: -y)
        y = float(dopri5(f, torch.ones((), dtype=torch.float64), 0.0, 1.0, tol, atol))
        assert f.nfe == nfe and abs(y - y1) < 1e-10, f"decay at rtol {tol}: NFE {f.nfe} y(1) {y}, expected {nfe} {y1}"

    class Decay(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.a = torch.nn.Parameter(torch.tensor(1.0, dtype=torch.float64))

        def forward(self, t, y):
            return -self.a * y

    for tol, nfe, da, dy0 in ((1e-3, 14, -0.368926155, 0.368151983), (1e-5, 26, -0.367888992, 0.367878783)):
        field = Decay()
        solver = Solver(field, "dopri5", tol, tol, 0)
        y0 = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
        solver.adjoint(y0).backward()
        got = (solver.fwd.nfe, solver.bwd.nfe, float(field.a.grad), float(y0.grad))
        assert got[:2] == (nfe, nfe) and abs(got[2] - da) < 1e-9 and abs(got[3] - dy0) < 1e-9, \
            f"adjoint at {tol}: got {got}, expected {(nfe, nfe, da, dy0)}"
    print("check: dopri5 and adjoint reproduce torchdiffeq's NFE and values (spec 7.5)", flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="verify against torchdiffeq's recorded figures first")
    ap.add_argument("--weights", required=True, help="directory with w1, b1, w2, b2, y0 .npy (OdeStepBenchmark --write-weights)")
    ap.add_argument("--modes", default="forward,backprop,adjoint")
    ap.add_argument("--method", choices=["dopri5", "rk4"], default="dopri5")
    ap.add_argument("--steps", type=int, default=0, help="rk4: number of fixed steps")
    ap.add_argument("--tol", type=float, default=1e-5, help="rtol = atol")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--iters", type=int, default=10)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    if args.check:
        check()

    field = Field(load(args.weights, "w1"), load(args.weights, "b1"), load(args.weights, "w2"), load(args.weights, "b2"))
    y0 = load(args.weights, "y0")
    solver = Solver(field, args.method, args.tol, args.tol, args.steps)

    def run(mode):
        field.zero_grad(set_to_none=True)
        solver.fwd.nfe = solver.bwd.nfe = 0
        solver.stats = [0, 0]
        if mode == "forward":
            with torch.no_grad():
                loss = solver.solve(solver.fwd, y0, 0.0, 1.0).pow(2).mean()
        elif mode == "backprop":
            loss = solver.solve(solver.fwd, y0, 0.0, 1.0).pow(2).mean()
            loss.backward()
        else:
            loss = solver.adjoint(y0).pow(2).mean()
            loss.backward()
        return float(loss)

    for mode in args.modes.split(","):
        for _ in range(args.warmup):
            run(mode)
        base = rss_bytes()
        hwm = reset_hwm()
        times = []
        for _ in range(args.iters):
            t0 = time.perf_counter_ns()
            loss = run(mode)
            times.append((time.perf_counter_ns() - t0) / 1e6)
        peak = hwm_bytes() if hwm else -1
        gnorm = sum(float(p.grad.double().pow(2).sum()) for p in field.parameters() if p.grad is not None) ** 0.5
        times.sort()
        mb = 1 << 20
        print(f"pytorch_ode_step mode={mode} method={args.method} steps={args.steps} threads={args.threads} "
              f"nfe={solver.fwd.nfe} nfe_bwd={solver.bwd.nfe} accepted={solver.stats[0]} rejected={solver.stats[1]} median_ms={statistics.median(times):.2f} "
              f"min_ms={times[0]:.2f} max_ms={times[-1]:.2f} loss={loss:.9g} grad_norm={gnorm:.9g} "
              f"base_rss_mb={base / mb:.0f} step_peak_mb={(peak - base) / mb if hwm else -1:.1f} torch={torch.__version__}",
              flush=True)


if __name__ == "__main__":
    main()
