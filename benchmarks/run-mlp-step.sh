#!/usr/bin/env bash
# The MLP training step (784-256-256-10, batch 128, Adam) in Principia and in PyTorch, side by side.
# Usage: benchmarks/run-mlp-step.sh [threads...]   (default: 1 2)
# Needs Debian's python3-torch (apt-get install python3-torch) for the PyTorch column.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
if [ ! -f benchmarks/target/principia-benchmarks-0.1.0-SNAPSHOT.jar ] || [ -n "$(find core/src/main benchmarks/src -newer benchmarks/target/principia-benchmarks-0.1.0-SNAPSHOT.jar -name '*.java' -print -quit)" ]; then
  ./mvnw -q -B -ntp -DskipTests package -pl benchmarks -am >&2
fi
CP="benchmarks/target/principia-benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*"
PY=/usr/bin/python3
threads_list=("${@:-1 2}")
[ $# -eq 0 ] && threads_list=(1 2)
printf "%-8s %-8s %14s %14s %8s\n" wait threads principia_us pytorch_us ratio
for policy in ${WAIT_POLICIES:-PASSIVE ACTIVE}; do
  for t in "${threads_list[@]}"; do
    p=$(OMP_WAIT_POLICY=$policy OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t java -Xmx2g -cp "$CP" io.principia.benchmarks.MlpStepBenchmark 2>/dev/null | sed -n 's/.*median_us=\([0-9.]*\).*/\1/p')
    q=$(OMP_WAIT_POLICY=$policy OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t $PY benchmarks/python/mlp_step.py --threads "$t" | sed -n 's/.*median_us=\([0-9.]*\).*/\1/p')
    ratio=$(awk -v a="$p" -v b="$q" 'BEGIN { printf "%.2f", a / b }')
    printf "%-8s %-8s %14s %14s %8s\n" "$policy" "$t" "$p" "$q" "$ratio"
  done
done
