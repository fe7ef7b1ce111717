#!/usr/bin/env bash
# One neural-ODE solve (y [128, 64], field 64-256-64 tanh MLP, dopri5 rtol = atol = 1e-5 over [0, 1],
# loss mean(y(1)^2), float32) in Principia and in PyTorch, side by side: forward only, forward +
# backprop through the solver, forward + adjoint. Same weights and y0 on both sides (written by the
# Java side as .npy), so both must take the same steps: the NFE columns show it.
# Usage: benchmarks/run-ode-step.sh [threads...]   (default: 1 2)
# Env: REPEATS (default 3; separate process pairs per thread count), WARMUP (3), ITERS (10), TOL (1e-5),
#      OMP_WAIT_POLICY (default PASSIVE, both sides), TORCH_BLAS=system to keep Debian's reference BLAS for PyTorch.
# Per cell: med = the smallest of the REPEATS per-process medians, spread = max - min of those medians,
# best = the fastest single solve over all repeats (on a shared machine the least disturbed one).
# Needs Debian's python3-torch (apt-get install python3-torch) for the PyTorch columns.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
JAR=benchmarks/target/principia-benchmarks-0.1.0-SNAPSHOT.jar
if [ ! -f "$JAR" ] || [ -n "$(find core/src/main ode/src/main benchmarks/src -newer "$JAR" -name '*.java' -print -quit)" ]; then
  ./mvnw -q -B -ntp -DskipTests package -pl benchmarks -am >&2
fi
CP="$JAR:benchmarks/target/lib/*"
PY=/usr/bin/python3
# Debian's torch links the reference BLAS; by default PyTorch runs with the OpenBLAS that ND4J ships
# (LD_PRELOAD), so both sides use the same BLAS. TORCH_BLAS=system keeps Debian's.
if [ "${TORCH_BLAS:-nd4j-openblas}" = nd4j-openblas ]; then
  obout="$ROOT/benchmarks/target/openblas"
  obdir="$obout/org/bytedeco/openblas/linux-x86_64"
  if [ ! -f "$obdir/libopenblas.so.0" ]; then
    $PY -m zipfile -e "$(ls benchmarks/target/lib/openblas-*-linux-x86_64.jar | head -1)" "$obout"
  fi
  PY="env LD_PRELOAD=$obdir/libopenblas.so.0 LD_LIBRARY_PATH=$obdir /usr/bin/python3"
fi
REPEATS=${REPEATS:-3}; WARMUP=${WARMUP:-3}; ITERS=${ITERS:-10}; TOL=${TOL:-1e-5}
WEIGHTS=benchmarks/target/ode-weights
RAW=benchmarks/target/ode-step-raw.txt
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
threads_list=("$@")
[ $# -eq 0 ] && threads_list=(1 2)
: > "$RAW"
echo "# PyTorch BLAS: ${TORCH_BLAS:-nd4j-openblas}; OMP_WAIT_POLICY=$OMP_WAIT_POLICY; repeats=$REPEATS warmup=$WARMUP iters=$ITERS tol=$TOL; raw lines in $RAW"
for t in "${threads_list[@]}"; do
  export OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t
  for r in $(seq "$REPEATS"); do
    echo "load $(awk '{ print $1 }' /proc/loadavg) threads=$t repeat=$r" >> "$RAW"
    java -Xmx2g -cp "$CP" io.principia.benchmarks.OdeStepBenchmark --write-weights "$WEIGHTS" --tol "$TOL" \
      --warmup "$WARMUP" --iters "$ITERS" 2>/dev/null | grep '^principia_ode_step' | tee -a "$RAW" >&2
    $PY benchmarks/python/ode_step.py --weights "$WEIGHTS" --tol "$TOL" --threads "$t" --warmup "$WARMUP" --iters "$ITERS" \
      $([ "$r" = 1 ] && echo --check) | tee -a "$RAW" >&2
  done
done
# Table: per (mode, threads), the minimum and spread of the per-process medians, the fastest single solve,
# the ratios Principia / PyTorch of both, and each side's NFE (forward/backward).
awk '
  /^load/ { for (i = 2; i <= NF; i++) if ($i ~ /^threads=/) { split($i, a, "="); th = a[2] } ; loads[th] = loads[th] " " $2; next }
  /_ode_step / {
    side = ($1 == "principia_ode_step") ? "p" : "t"
    for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    key = v["mode"] SUBSEP v["threads"]
    if (!(key in seen)) { seen[key] = 1; order[++n] = key }
    m = v["median_ms"] + 0; b = v["min_ms"] + 0
    if (!((side, key) in mn) || m < mn[side, key]) mn[side, key] = m
    if (!((side, key) in mx) || m > mx[side, key]) mx[side, key] = m
    if (!((side, key) in best) || b < best[side, key]) best[side, key] = b
    nfe[side, key] = v["nfe"] "/" v["nfe_bwd"]
  }
  END {
    printf "%-9s %-7s %9s %8s %8s %9s %8s %8s %9s %10s %9s %9s\n", "mode", "threads", "p_med_ms", "spread", "p_best", "t_med_ms", "spread", "t_best", "ratio_med", "ratio_best", "nfe_p", "nfe_torch"
    for (i = 1; i <= n; i++) {
      k = order[i]; split(k, kk, SUBSEP)
      printf "%-9s %-7s %9.2f %8.2f %8.2f %9.2f %8.2f %8.2f %9.2f %10.2f %9s %9s\n", kk[1], kk[2], mn["p", k], mx["p", k] - mn["p", k], best["p", k],
        mn["t", k], mx["t", k] - mn["t", k], best["t", k], mn["p", k] / mn["t", k], best["p", k] / best["t", k], nfe["p", k], nfe["t", k]
    }
    for (th in loads) printf "# 1-min load average before each repeat, %s thread(s):%s\n", th, loads[th]
  }' "$RAW"
