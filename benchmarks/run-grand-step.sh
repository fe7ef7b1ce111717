#!/usr/bin/env bash
# One full-batch GRAND++ training epoch on Cora's LCC (2485 nodes, d = 80, 'rw' adjacency, source at the
# 140 training nodes, T = 1; forward + cross-entropy + backward through the solver + Adam) in Principia and
# in PyTorch (torch.sparse), for rk4 (step 0.25, NFE 16) and dopri5 (rtol = atol = TOL). Same weights and,
# for the check epoch, the same dropout masks on both sides (written by the Java side as .npy): the
# check_loss and NFE columns must agree.
# Usage: benchmarks/run-grand-step.sh [threads...]   (default: 1 2)
# Env: REPEATS (3; process pairs per configuration), WARMUP (3), ITERS (10), TOL (1e-4), TIME (1), STEP (0.25),
#      METHODS ("rk4 dopri5"), OMP_WAIT_POLICY (PASSIVE), TORCH_BLAS=system to keep Debian's reference BLAS.
# Per cell: med = the smallest of the REPEATS per-process medians, spread = max - min of those medians,
# best = the fastest single epoch over all repeats; ratio = Principia / PyTorch.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
JAR=benchmarks/target/principia-benchmarks-0.1.0-SNAPSHOT.jar
if [ ! -f "$JAR" ] || [ -n "$(find core/src/main ode/src/main graph/src/main benchmarks/src -newer "$JAR" -name '*.java' -print -quit)" ]; then
  ./mvnw -q -B -ntp -o -DskipTests package -pl benchmarks -am >&2
fi
CP="$JAR:benchmarks/target/lib/*"
PY=/usr/bin/python3
if [ "${TORCH_BLAS:-nd4j-openblas}" = nd4j-openblas ]; then
  obout="$ROOT/benchmarks/target/openblas"
  obdir="$obout/org/bytedeco/openblas/linux-x86_64"
  if [ ! -f "$obdir/libopenblas.so.0" ]; then
    $PY -m zipfile -e "$(ls benchmarks/target/lib/openblas-*-linux-x86_64.jar | head -1)" "$obout"
  fi
  PY="env LD_PRELOAD=$obdir/libopenblas.so.0 LD_LIBRARY_PATH=$obdir /usr/bin/python3"
fi
REPEATS=${REPEATS:-3}; WARMUP=${WARMUP:-3}; ITERS=${ITERS:-10}; TOL=${TOL:-1e-4}; TIME=${TIME:-1}; STEP=${STEP:-0.25}
METHODS=${METHODS:-"rk4 dopri5"}
DATA=benchmarks/target/grand-data
RAW=benchmarks/target/grand-step-raw.txt
CORA=${CORA:-$ROOT/../shared/data/cora}
[ -d "$CORA" ] || CORA=/work/shared/data/cora
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
threads_list=("$@")
[ $# -eq 0 ] && threads_list=(1 2)
: > "$RAW"
echo "# PyTorch BLAS: ${TORCH_BLAS:-nd4j-openblas}; OMP_WAIT_POLICY=$OMP_WAIT_POLICY; repeats=$REPEATS warmup=$WARMUP iters=$ITERS T=$TIME step=$STEP tol=$TOL; raw lines in $RAW"
for t in "${threads_list[@]}"; do
  export OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t
  for m in $METHODS; do
    for r in $(seq "$REPEATS"); do
      echo "load $(awk '{ print $1 }' /proc/loadavg) threads=$t method=$m repeat=$r" >> "$RAW"
      java -Xmx2g -cp "$CP" io.principia.benchmarks.GrandStepBenchmark --data "$CORA" --write "$DATA" --method "$m" \
        --step "$STEP" --tol "$TOL" --time "$TIME" --warmup "$WARMUP" --iters "$ITERS" 2>/dev/null | grep '^principia_grand_step' | tee -a "$RAW" >&2
      $PY benchmarks/python/grand_step.py --data "$DATA" --method "$m" --step "$STEP" --tol "$TOL" --time "$TIME" \
        --threads "$t" --warmup "$WARMUP" --iters "$ITERS" | tee -a "$RAW" >&2
    done
  done
done
awk '
  /^load/ { loads = loads " " $2; next }
  /_grand_step / {
    side = ($1 == "principia_grand_step") ? "p" : "t"
    for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    key = v["method"] SUBSEP v["threads"]
    if (!(key in seen)) { seen[key] = 1; order[++n] = key }
    m = v["median_ms"] + 0; b = v["min_ms"] + 0
    if (!((side, key) in mn) || m < mn[side, key]) mn[side, key] = m
    if (!((side, key) in mx) || m > mx[side, key]) mx[side, key] = m
    if (!((side, key) in best) || b < best[side, key]) best[side, key] = b
    nfe[side, key] = v["nfe"]; loss[side, key] = v["check_loss"] "/" v["check_loss2"]
  }
  END {
    printf "%-7s %-7s %9s %8s %8s %9s %8s %8s %9s %10s %5s %5s %21s %21s\n", "method", "threads", "p_med_ms", "spread", "p_best", "t_med_ms", "spread", "t_best",
      "ratio_med", "ratio_best", "nfe_p", "nfe_t", "check_loss_p(1/2)", "check_loss_t(1/2)"
    for (i = 1; i <= n; i++) {
      k = order[i]; split(k, kk, SUBSEP)
      printf "%-7s %-7s %9.2f %8.2f %8.2f %9.2f %8.2f %8.2f %9.2f %10.2f %5s %5s %21s %21s\n", kk[1], kk[2], mn["p", k], mx["p", k] - mn["p", k], best["p", k],
        mn["t", k], mx["t", k] - mn["t", k], best["t", k], mn["p", k] / mn["t", k], best["p", k] / best["t", k], nfe["p", k], nfe["t", k], loss["p", k], loss["t", k]
    }
    printf "# 1-min load average before each repeat:%s\n", loads
  }' "$RAW"
