#!/usr/bin/env bash
# Per-op timings (add, matmul, tanh, softmax, layerNorm; 64x128 and 1024x1024; forward and
# forward+backward; float32) in Principia (JMH, OpBenchmark) and in PyTorch (python/ops.py), side by side.
#
# Usage: benchmarks/run-ops.sh [threads]      (default 2)
# Environment:
#   OMP_WAIT_POLICY  PASSIVE (default) or ACTIVE; used by both sides.
#   TORCH_BLAS       nd4j-openblas (default): PyTorch runs with the OpenBLAS that ND4J ships
#                    (LD_PRELOAD), so both matmuls use the same BLAS. system: whatever libblas.so.3
#                    Debian's torch finds (the reference BLAS unless an OpenBLAS package is installed).
#   JMH_ARGS         extra JMH arguments, e.g. "-p op=matmul -p size=64x128"; with "-bm sample"
#                    the Principia column is JMH's median instead of its mean.
# Needs Debian's python3-torch (apt-get install python3-torch) for the PyTorch column.
# Raw results: benchmarks/target/ops-jmh.csv, ops-jmh.log, ops-pytorch.txt. About 6 minutes on 2 cores.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
threads="${1:-2}"
policy="${OMP_WAIT_POLICY:-PASSIVE}"
JAR=benchmarks/target/principia-benchmarks-0.1.0-SNAPSHOT.jar
if [ ! -f "$JAR" ] || [ -n "$(find core/src/main benchmarks/src -newer "$JAR" -name '*.java' -print -quit)" ]; then
  ./mvnw -q -B -ntp -o -DskipTests package -pl benchmarks -am >&2
fi
CP="$JAR:benchmarks/target/lib/*"
PY=/usr/bin/python3
OUT=benchmarks/target
export OMP_WAIT_POLICY="$policy" OMP_NUM_THREADS="$threads" OPENBLAS_NUM_THREADS="$threads"

echo "JMH: OpBenchmark, threads=$threads OMP_WAIT_POLICY=$policy (log: $OUT/ops-jmh.log)" >&2
# shellcheck disable=SC2086
java -cp "$CP" org.openjdk.jmh.Main OpBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s \
  -rf csv -rff "$OUT/ops-jmh.csv" ${JMH_ARGS:-} > "$OUT/ops-jmh.log" 2>&1 \
  || { tail -30 "$OUT/ops-jmh.log" >&2; exit 1; }

preload=""
case "${TORCH_BLAS:-nd4j-openblas}" in
  nd4j-openblas)
    obdir="$OUT/openblas/org/bytedeco/openblas/linux-x86_64"
    if [ ! -f "$obdir/libopenblas.so.0" ]; then
      objar=$(ls benchmarks/target/lib/openblas-*-linux-x86_64.jar | head -1)
      $PY -m zipfile -e "$objar" "$OUT/openblas"
    fi
    preload="$ROOT/$obdir/libopenblas.so.0" ;;
  system) ;;
  *) echo "run-ops.sh: TORCH_BLAS must be nd4j-openblas or system, got '$TORCH_BLAS'" >&2; exit 2 ;;
esac
echo "PyTorch: python/ops.py, threads=$threads OMP_WAIT_POLICY=$policy BLAS=${TORCH_BLAS:-nd4j-openblas}" >&2
if [ -n "$preload" ]; then
  LD_PRELOAD="$preload" LD_LIBRARY_PATH="$(dirname "$preload")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
    $PY benchmarks/python/ops.py --threads "$threads" > "$OUT/ops-pytorch.txt"
else
  $PY benchmarks/python/ops.py --threads "$threads" > "$OUT/ops-pytorch.txt"
fi

$PY - "$OUT/ops-jmh.csv" "$OUT/ops-pytorch.txt" <<'EOF'
import csv, sys
jmh = {}  # the mean (-bm avgt, the default) or, with -bm sample, the median (p0.50 row)
with open(sys.argv[1]) as f:
    for row in csv.DictReader(f):
        name, key = row["Benchmark"], (row["Param: op"], row["Param: size"], row["Param: mode"])
        if name.endswith("p0.50") or (name.endswith(".run") and key not in jmh):
            jmh[key] = float(row["Score"])
torch = {}
with open(sys.argv[2]) as f:
    for line in f:
        if line.startswith("#") or not line.strip():
            continue
        op, size, mode, us = line.split()[:4]
        torch[(op, size, mode)] = float(us)
print(f"{'op':<10} {'size':<10} {'mode':<17} {'principia_us':>13} {'pytorch_us':>12} {'ratio':>7}")
for key in list(torch) + [k for k in jmh if k not in torch]:
    p, q = jmh.get(key), torch.get(key)
    ps = f"{p:.1f}" if p is not None else "-"
    qs = f"{q:.1f}" if q is not None else "-"
    rs = f"{p / q:.2f}" if p is not None and q else "-"
    print(f"{key[0]:<10} {key[1]:<10} {key[2]:<17} {ps:>13} {qs:>12} {rs:>7}")
EOF
