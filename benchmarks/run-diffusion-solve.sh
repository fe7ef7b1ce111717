#!/usr/bin/env bash
# One linear graph-diffusion solve, dx/dt = sigmoid(alpha)(A - I)x, on a random graph with NODES nodes and EDGES
# entries in A (self-loops + random pairs both ways, 'rw' column-stochastic weights), x [NODES, DIM] float32,
# classical RK4 with STEPS steps over [0, 1], loss mean(x(1)^2): forward only and forward + backward, in
# Principia (Spmm over the CSR) and PyTorch (torch.sparse.mm). One mode per process, each run under
# /usr/bin/time -v for the process's maximum resident set.
# Usage: benchmarks/run-diffusion-solve.sh [threads...]   (default: 1 2)
# Env: REPEATS (3), WARMUP (1), ITERS (3), NODES (100000), EDGES (1000000), DIM (32), STEPS (4), MODES ("forward backward"),
#      JAVA_HEAP (1g; -Xms = -Xmx), SIDES ("principia pytorch"), GRAPH_JAR (a principia-graph jar put first on the
#      classpath, e.g. an older build, for before/after comparisons), TORCH_BLAS=system, OMP_WAIT_POLICY (PASSIVE).
# Per cell: med = the smallest of the REPEATS per-process medians, spread = max - min of those medians, best = the
# fastest single solve; rss = the smallest process maximum RSS (MB); ratio = Principia / PyTorch.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
JAR=benchmarks/target/principia-benchmarks-0.1.0-SNAPSHOT.jar
if [ ! -f "$JAR" ] || [ -n "$(find core/src/main ode/src/main graph/src/main benchmarks/src -newer "$JAR" -name '*.java' -print -quit)" ]; then
  ./mvnw -q -B -ntp -o -DskipTests package -pl benchmarks -am >&2
fi
CP="$JAR:benchmarks/target/lib/*"
[ -n "${GRAPH_JAR:-}" ] && CP="$GRAPH_JAR:$CP"
PY=/usr/bin/python3
if [ "${TORCH_BLAS:-nd4j-openblas}" = nd4j-openblas ]; then
  obout="$ROOT/benchmarks/target/openblas"
  obdir="$obout/org/bytedeco/openblas/linux-x86_64"
  if [ ! -f "$obdir/libopenblas.so.0" ]; then
    $PY -m zipfile -e "$(ls benchmarks/target/lib/openblas-*-linux-x86_64.jar | head -1)" "$obout"
  fi
  PY="env LD_PRELOAD=$obdir/libopenblas.so.0 LD_LIBRARY_PATH=$obdir /usr/bin/python3"
fi
REPEATS=${REPEATS:-3}; WARMUP=${WARMUP:-1}; ITERS=${ITERS:-3}; NODES=${NODES:-100000}; EDGES=${EDGES:-1000000}
DIM=${DIM:-32}; STEPS=${STEPS:-4}; MODES=${MODES:-"forward backward"}; JAVA_HEAP=${JAVA_HEAP:-1g}; SIDES=${SIDES:-"principia pytorch"}
DATA=benchmarks/target/diffusion-data
RAW=benchmarks/target/diffusion-solve-raw.txt
TIMEV=benchmarks/target/diffusion-time-v.txt
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
threads_list=("$@")
[ $# -eq 0 ] && threads_list=(1 2)
: > "$RAW"
echo "# PyTorch BLAS: ${TORCH_BLAS:-nd4j-openblas}; OMP_WAIT_POLICY=$OMP_WAIT_POLICY; repeats=$REPEATS warmup=$WARMUP iters=$ITERS nodes=$NODES edges=$EDGES dim=$DIM steps=$STEPS heap=$JAVA_HEAP ${GRAPH_JAR:+graph jar $GRAPH_JAR}; raw lines in $RAW"
rss() { awk -F': ' '/Maximum resident set size/ { printf "max_rss_mb=%.0f", $2 / 1024 }' "$TIMEV"; }
for t in "${threads_list[@]}"; do
  export OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t
  for m in $MODES; do
    for r in $(seq "$REPEATS"); do
      echo "load $(awk '{ print $1 }' /proc/loadavg) threads=$t mode=$m repeat=$r" >> "$RAW"
      if [[ " $SIDES " == *" principia "* ]]; then
        line=$(/usr/bin/time -v -o "$TIMEV" java -Xms$JAVA_HEAP -Xmx$JAVA_HEAP -cp "$CP" io.principia.benchmarks.DiffusionSolveBenchmark \
          --write "$DATA" --mode "$m" --nodes "$NODES" --edges "$EDGES" --dim "$DIM" --steps "$STEPS" --warmup "$WARMUP" --iters "$ITERS" \
          2>/dev/null | grep '^principia_diffusion_solve')
        echo "$line $(rss)" | tee -a "$RAW" >&2
      fi
      if [[ " $SIDES " == *" pytorch "* ]]; then
        [ -f "$DATA/x0.npy" ] || java -cp "$CP" io.principia.benchmarks.DiffusionSolveBenchmark --write "$DATA" --nodes "$NODES" \
          --edges "$EDGES" --dim "$DIM" --warmup 0 --iters 1 >/dev/null 2>&1
        line=$(/usr/bin/time -v -o "$TIMEV" $PY benchmarks/python/diffusion_solve.py --data "$DATA" --mode "$m" --steps "$STEPS" \
          --threads "$t" --warmup "$WARMUP" --iters "$ITERS")
        echo "$line $(rss)" | tee -a "$RAW" >&2
      fi
    done
  done
done
awk '
  /^load/ { loads = loads " " $2; next }
  /_diffusion_solve / {
    side = ($1 == "principia_diffusion_solve") ? "p" : "t"
    for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    key = v["mode"] SUBSEP v["threads"]
    if (!(key in seen)) { seen[key] = 1; order[++n] = key }
    m = v["median_ms"] + 0; b = v["min_ms"] + 0; r = v["max_rss_mb"] + 0
    if (!((side, key) in mn) || m < mn[side, key]) mn[side, key] = m
    if (!((side, key) in mx) || m > mx[side, key]) mx[side, key] = m
    if (!((side, key) in best) || b < best[side, key]) best[side, key] = b
    if (!((side, key) in rs) || r < rs[side, key]) rs[side, key] = r
    nfe[side, key] = v["nfe"]; loss[side, key] = v["loss"]; gn[side, key] = v["grad_norm"]
  }
  END {
    printf "%-8s %-7s %9s %8s %9s %7s %9s %8s %9s %7s %9s %10s %5s %10s %10s %12s %12s\n", "mode", "threads", "p_med_ms", "spread", "p_best", "p_rss",
      "t_med_ms", "spread", "t_best", "t_rss", "ratio_med", "ratio_best", "nfe", "loss_p", "loss_t", "gradnorm_p", "gradnorm_t"
    for (i = 1; i <= n; i++) {
      k = order[i]; split(k, kk, SUBSEP)
      rm = ((("t", k) in mn) && (("p", k) in mn)) ? mn["p", k] / mn["t", k] : 0
      rb = ((("t", k) in best) && (("p", k) in best)) ? best["p", k] / best["t", k] : 0
      printf "%-8s %-7s %9.1f %8.1f %9.1f %7.0f %9.1f %8.1f %9.1f %7.0f %9.2f %10.2f %5s %10s %10s %12s %12s\n", kk[1], kk[2], mn["p", k], mx["p", k] - mn["p", k],
        best["p", k], rs["p", k], mn["t", k], mx["t", k] - mn["t", k], best["t", k], rs["t", k], rm, rb, nfe["p", k] "/" nfe["t", k], loss["p", k], loss["t", k], gn["p", k], gn["t", k]
    }
    printf "# 1-min load average before each repeat:%s\n", loads
  }' "$RAW"
