#!/usr/bin/env python3
"""PyTorch reference for the recurrent training-step benchmark (pixel-MNIST shape).

One step: zero grads, forward over T steps, Linear(H, 10) on the last hidden state, cross-entropy,
backward, RMSprop(lr 1e-3) step. B = 128, H = 128, T = 784, input size 1, float32.

Models (--model):
  lstm_cells      an LSTMCell written as in the MomentumRNN repository (x2h / h2h Linear layers,
                  gates chunked (i, f, g, o), a Python loop over T calling x2h on each x_t)
  momentum_cells  the same with the momentum input term v = mu * v + s * x2h(x_t)  (mu = s = 0.6)
  nn_lstm         torch.nn.LSTM(1, H, batch_first=True) (fused ATen LSTM)

Run with Debian's python3-torch, at a given thread count:
    OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2 /usr/bin/python3 benchmarks/python/rnn_step.py --model lstm_cells --threads 2
Prints one line:
    pytorch_rnn_step model=... threads=N median_ms=... min_ms=... fwd_ms=... bwd_ms=... opt_ms=...
        base_rss_mb=... peak_rss_mb=... step_peak_mb=...
Memory: base_rss_mb is the RSS after building the model and data, before the first step; the RSS
high-water mark (VmHWM) is reset through /proc/self/clear_refs there and read after the last step:
step_peak_mb = VmHWM - base (what one training step needs; steps do not accumulate memory). If
clear_refs is not writable, a psutil sampler thread (2 ms) stands in. --flush-denormal sets
torch.set_flush_denormal(True) (off by default; the JVM side cannot do the same). Debian's torch.set_num_threads does not
reach OpenBLAS, hence the environment variables too.
"""
import argparse
import os
import re
import statistics
import threading
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def official_init(w_x, w_h, b_x, b_h, hidden, forget_bias=1.0):
    """MomentumRNN's LSTM init (spec 1.6), as Principia's CellInit.OFFICIAL: W_x orthogonal, U = eye_,
    biases zero except the forget slice [H, 2H) = forget_bias in both."""
    with torch.no_grad():
        nn.init.orthogonal_(w_x)
        nn.init.eye_(w_h)
        for b in (b_x, b_h):
            b.zero_()
            b[hidden:2 * hidden] = forget_bias


class CellLoopLSTM(nn.Module):
    """The official-style LSTM cell (MomentumRNN mnist-timit/momentumnet.py), optionally with momentum."""

    def __init__(self, input_size, hidden_size, momentum=False, mu=0.6, s=0.6):
        super().__init__()
        self.hidden_size = hidden_size
        self.x2h = nn.Linear(input_size, 4 * hidden_size)
        self.h2h = nn.Linear(hidden_size, 4 * hidden_size)
        self.momentum, self.mu, self.s = momentum, mu, s
        official_init(self.x2h.weight, self.h2h.weight, self.x2h.bias, self.h2h.bias, hidden_size)

    def cell(self, x, hx, cx, v):
        if self.momentum:
            v = self.mu * v + self.s * self.x2h(x)
            gates = v + self.h2h(hx)
        else:
            gates = self.x2h(x) + self.h2h(hx)
        ingate, forgetgate, cellgate, outgate = gates.chunk(4, 1)
        ingate = torch.sigmoid(ingate)
        forgetgate = torch.sigmoid(forgetgate)
        cellgate = torch.tanh(cellgate)
        outgate = torch.sigmoid(outgate)
        cy = torch.mul(cx, forgetgate) + torch.mul(ingate, cellgate)
        hy = torch.mul(outgate, torch.tanh(cy))
        return hy, cy, v

    def forward(self, x):  # x [B, T, F] -> h_T [B, H]
        b = x.size(0)
        hn = x.new_zeros(b, self.hidden_size)
        cn = x.new_zeros(b, self.hidden_size)
        v = x.new_zeros(b, 4 * self.hidden_size) if self.momentum else None
        for t in range(x.size(1)):
            hn, cn, v = self.cell(x[:, t, :], hn, cn, v)
        return hn


class TorchLSTM(nn.Module):
    def __init__(self, input_size, hidden_size):
        super().__init__()
        self.lstm = nn.LSTM(input_size, hidden_size, batch_first=True)
        official_init(self.lstm.weight_ih_l0, self.lstm.weight_hh_l0, self.lstm.bias_ih_l0, self.lstm.bias_hh_l0, hidden_size)

    def forward(self, x):
        out, _ = self.lstm(x)
        return out[:, -1, :]


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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", choices=["lstm_cells", "momentum_cells", "nn_lstm"], default="lstm_cells")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--iters", type=int, default=5)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--steps", type=int, default=784)
    ap.add_argument("--flush-denormal", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_flush_denormal(args.flush_denormal)
    torch.manual_seed(0)

    if args.model == "nn_lstm":
        rnn = TorchLSTM(1, args.hidden)
    else:
        rnn = CellLoopLSTM(1, args.hidden, momentum=args.model == "momentum_cells")
    head = nn.Linear(args.hidden, 10)
    params = list(rnn.parameters()) + list(head.parameters())
    opt = torch.optim.RMSprop(params, lr=1e-3)
    x = torch.rand(args.batch, args.steps, 1)
    y = torch.randint(0, 10, (args.batch,))

    def step():
        t0 = time.perf_counter_ns()
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(head(rnn(x)), y)
        t1 = time.perf_counter_ns()
        loss.backward()
        t2 = time.perf_counter_ns()
        opt.step()
        t3 = time.perf_counter_ns()
        return (t3 - t0) / 1e6, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6

    # Memory: RSS before the first step, and the RSS high-water mark over all steps (glibc keeps
    # freed memory, so a later step's own peak hides under the first one's).
    base = rss_bytes()
    sampler = None
    if reset_hwm():
        how = "vmhwm"
    else:
        import psutil
        how, peak_box, done = "psutil", [base], threading.Event()

        def sample(proc=psutil.Process()):
            while not done.is_set():
                peak_box[0] = max(peak_box[0], proc.memory_info().rss)
                time.sleep(0.002)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
    for _ in range(args.warmup):
        step()
    runs = [step() for _ in range(args.iters)]
    if sampler is None:
        peak = hwm_bytes()
    else:
        done.set()
        sampler.join()
        peak = peak_box[0]
    total, fwd, bwd, opt_ms = (sorted(r[i] for r in runs) for i in range(4))
    mb = 1 << 20
    print(f"pytorch_rnn_step model={args.model} threads={args.threads} median_ms={statistics.median(total):.1f} "
          f"min_ms={total[0]:.1f} fwd_ms={statistics.median(fwd):.1f} bwd_ms={statistics.median(bwd):.1f} "
          f"opt_ms={statistics.median(opt_ms):.2f} base_rss_mb={base / mb:.0f} peak_rss_mb={peak / mb:.0f} "
          f"step_peak_mb={(peak - base) / mb:.0f} mem={how} flush_denormal={int(args.flush_denormal)} torch={torch.__version__} pid={os.getpid()}")


if __name__ == "__main__":
    main()
