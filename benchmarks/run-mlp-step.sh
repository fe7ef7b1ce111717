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
# Debian's torch links the reference BLAS (a 1024x1024 matmul takes ~50x longer than OpenBLAS); by
# default PyTorch runs with the OpenBLAS that ND4J ships, so both sides use the same BLAS.
# TORCH_BLAS=system keeps Debian's.
preload=""
if [ "${TORCH_BLAS:-nd4j-openblas}" = nd4j-openblas ]; then
  out="$ROOT/benchmarks/target/openblas"
  obdir="$out/org/bytedeco/openblas/linux-x86_64"
  if [ ! -f "$obdir/libopenblas.so.0" ]; then
    $PY -m zipfile -e "$(ls benchmarks/target/lib/openblas-*-linux-x86_64.jar | head -1)" "$out"
  fi
  preload="$obdir/libopenblas.so.0"
fi
echo "PyTorch BLAS: ${TORCH_BLAS:-nd4j-openblas}" >&2
threads_list=("${@:-1 2}")
[ $# -eq 0 ] && threads_list=(1 2)
printf "%-8s %-8s %14s %14s %8s\n" wait threads principia_us pytorch_us ratio
for policy in ${WAIT_POLICIES:-PASSIVE ACTIVE}; do
  for t in "${threads_list[@]}"; do
    p=$(OMP_WAIT_POLICY=$policy OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t java -Xmx2g -cp "$CP" io.principia.benchmarks.MlpStepBenchmark 2>/dev/null | sed -n 's/.*median_us=\([0-9.]*\).*/\1/p')
    q=$(LD_PRELOAD="$preload" LD_LIBRARY_PATH="${preload:+$(dirname "$preload")}" OMP_WAIT_POLICY=$policy OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t $PY benchmarks/python/mlp_step.py --threads "$t" | sed -n 's/.*median_us=\([0-9.]*\).*/\1/p')
    ratio=$(awk -v a="$p" -v b="$q" 'BEGIN { printf "%.2f", a / b }')
    printf "%-8s %-8s %14s %14s %8s\n" "$policy" "$t" "$p" "$q" "$ratio"
  done
done
