#!/usr/bin/env bash
# Memory of one neural-ODE solve + backward, adjoint against backprop through the solver, as the number
# of solver steps grows: classical RK4 on a fixed grid of N = 10, 100, 1000 steps (step size 1/N over
# [0, 1]; 4 evaluations per step), same model and weights as run-ode-step.sh (y [128, 64], 64-256-64
# tanh MLP, float32), one solve per process (warmup 0, iters 1), 1 thread.
# Usage: benchmarks/run-ode-memory.sh [N...]   (default: 10 100 1000)
# Env: SETTINGS, the Principia settings to print one table each for, "JVM options@benchmark flags" separated
#      by "|" (default: a 512 MB heap touched up front, so that heap growth is not counted as step memory,
#      as is and with "--gc-every 10": System.gc() every 10 field
#      evaluations, which makes the RSS follow the live arrays: ND4J frees native memory only when the
#      GC reclaims an INDArray); TORCH_BLAS=system as in run-ode-step.sh.
# Columns (MB): graph = GraphStats.retainedBytes of the loss before backward (arrays the recorded graph
# keeps alive; Principia only); step_peak = RSS high-water mark during the solve + backward minus RSS
# before it (VmHWM reset through /proc/self/clear_refs); max_rss = the whole process's maximum RSS
# from /usr/bin/time -v (JVM or Python interpreter, libraries and all).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
JAR=benchmarks/target/principia-benchmarks-0.1.0-SNAPSHOT.jar
if [ ! -f "$JAR" ] || [ -n "$(find core/src/main ode/src/main benchmarks/src -newer "$JAR" -name '*.java' -print -quit)" ]; then
  ./mvnw -q -B -ntp -DskipTests package -pl benchmarks -am >&2
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
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
WEIGHTS=benchmarks/target/ode-weights
RAW=benchmarks/target/ode-memory-raw.txt
steps_list=("$@")
[ $# -eq 0 ] && steps_list=(10 100 1000)
: > "$RAW"
field() { sed -n "s/.* $1=\([-0-9.]*\).*/\1/p" | head -1; }
maxrss() { sed -n 's/.*Maximum resident set size (kbytes): \([0-9]*\).*/\1/p' "$1" | awk '{ printf "%.0f", $1 / 1024 }'; }
IFS='|' read -r -a settings <<< "${SETTINGS:--Xms512m -Xmx512m -XX:+AlwaysPreTouch@|-Xms512m -Xmx512m -XX:+AlwaysPreTouch@--gc-every 10}"
declare -A tpeak trss tms
first=1
for setting in "${settings[@]}"; do
  jopts=${setting%%@*}; jargs=${setting#*@}
  echo "# Principia JVM options: $jopts; benchmark flags: ${jargs:-none}"
  printf "%-6s %-9s %10s %14s %12s %12s %14s %12s %12s\n" steps mode p_graph_mb p_step_peak_mb p_max_rss_mb p_ms t_step_peak_mb t_max_rss_mb t_ms
  for n in "${steps_list[@]}"; do
    for mode in backprop adjoint; do
      # shellcheck disable=SC2086
      /usr/bin/time -v -o /tmp/ode-mem-java.$$ java $jopts -cp "$CP" io.principia.benchmarks.OdeStepBenchmark --write-weights "$WEIGHTS" \
        --method rk4 --steps "$n" --modes "$mode" --warmup 0 --iters 1 $jargs 2>/dev/null | grep '^principia_ode_step' > /tmp/ode-mem-j.$$
      jline=$(cat /tmp/ode-mem-j.$$); echo "$jline load=$(awk '{ print $1 }' /proc/loadavg) java_opts=$jopts" >> "$RAW"
      if [ "$first" = 1 ]; then
        /usr/bin/time -v -o /tmp/ode-mem-python.$$ $PY benchmarks/python/ode_step.py --weights "$WEIGHTS" --method rk4 --steps "$n" \
          --modes "$mode" --warmup 0 --iters 1 > /tmp/ode-mem-t.$$
        tline=$(cat /tmp/ode-mem-t.$$); echo "$tline" >> "$RAW"
        tpeak[$n$mode]=$(echo "$tline" | field step_peak_mb); trss[$n$mode]=$(maxrss /tmp/ode-mem-python.$$); tms[$n$mode]=$(echo "$tline" | field median_ms)
      fi
      printf "%-6s %-9s %10s %14s %12s %12s %14s %12s %12s\n" "$n" "$mode" "$(echo "$jline" | field graph_mb)" "$(echo "$jline" | field step_peak_mb)" \
        "$(maxrss /tmp/ode-mem-java.$$)" "$(echo "$jline" | field median_ms)" "${tpeak[$n$mode]}" "${trss[$n$mode]}" "${tms[$n$mode]}"
    done
  done
  first=0
done
rm -f /tmp/ode-mem-*.$$
