#!/usr/bin/env python3
"""PyTorch reference for the MLP training-step benchmark (784-256-256-10, batch 128, Adam).

Run with Debian's python3-torch, at a given thread count:
    OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2 /usr/bin/python3 benchmarks/python/mlp_step.py --threads 2
Prints one line: `pytorch_mlp_step threads=N median_us=... p10_us=... p90_us=...`.
Debian's torch.set_num_threads does not reach OpenBLAS, hence the environment variables too.
"""
import argparse
import statistics
import time

import torch


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--warmup", type=int, default=200)
    ap.add_argument("--iters", type=int, default=1000)
    ap.add_argument("--batch", type=int, default=128)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)

    model = torch.nn.Sequential(
        torch.nn.Linear(784, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    # A pool of random batches, cycled, as in MlpStepBenchmark.java (one fixed batch drives the loss
    # towards 0 and the optimizer state into denormal floats).
    pool = 32
    xs = [torch.rand(args.batch, 784) for _ in range(pool)]
    ys = [torch.randint(0, 10, (args.batch,)) for _ in range(pool)]
    counter = [0]

    def step():
        k = counter[0] % pool
        counter[0] += 1
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(xs[k]), ys[k])
        loss.backward()
        opt.step()
        return loss

    for _ in range(args.warmup):
        step()
    times = []
    for _ in range(args.iters):
        t0 = time.perf_counter_ns()
        step()
        times.append((time.perf_counter_ns() - t0) / 1000.0)
    times.sort()
    q = lambda p: times[int(p * (len(times) - 1))]
    print(f"pytorch_mlp_step threads={args.threads} median_us={statistics.median(times):.1f} "
          f"p10_us={q(0.1):.1f} p90_us={q(0.9):.1f} torch={torch.__version__}")


if __name__ == "__main__":
    main()
