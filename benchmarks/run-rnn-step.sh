#!/usr/bin/env bash
# The recurrent training step (pixel-MNIST shape: B=128, H=128, T=784, input 1; Linear(H,10) on h_T,
# cross-entropy, RMSprop lr 1e-3) in Principia and in PyTorch, side by side.
# Usage: benchmarks/run-rnn-step.sh [threads...]   (default: 1 2)
# Env: WARMUP (default 2), ITERS (default 5), STEPS (default 784), MODELS (default "lstm momentum"),
#      JAVA_ARGS (extra RnnStepBenchmark flags, e.g. --gc-between-steps).
# PyTorch columns: the MomentumRNN-style cell loop (x2h/h2h Linear, chunk, Python loop over T) and,
# for the LSTM only, torch.nn.LSTM. Both sides use the official init (orthogonal W_x, eye U, forget bias 1).
# Memory: step_peak = RSS high-water mark over the run minus RSS before the first step, in MB.
# Needs Debian's python3-torch (apt-get install python3-torch) for the PyTorch columns.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
JAR=benchmarks/target/principia-benchmarks-0.1.0-SNAPSHOT.jar
if [ ! -f "$JAR" ] || [ -n "$(find core/src/main recurrent/src/main benchmarks/src -newer "$JAR" -name '*.java' -print -quit)" ]; then
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
echo "# PyTorch BLAS: ${TORCH_BLAS:-nd4j-openblas}"
WARMUP=${WARMUP:-2}; ITERS=${ITERS:-5}; STEPS=${STEPS:-784}
threads_list=("$@")
[ $# -eq 0 ] && threads_list=(1 2)
field() { sed -n "s/.* $1=\([-0-9.]*\).*/\1/p"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == "" || b + 0 == 0) print "-"; else printf "%.2f", a / b }'; }
load() { awk '{ print $1 }' /proc/loadavg; }
printf "# warmup=%s iters=%s T=%s  (ms = median training step; mem = step peak RSS MB; load = 1-min loadavg before each run)\n" "$WARMUP" "$ITERS" "$STEPS"
printf "%-9s %-7s %12s %14s %6s %14s %6s %10s %10s %10s %s\n" model threads principia_ms pytorch_cell_ms ratio pytorch_nnlstm_ms ratio p_mem_mb cell_mem_mb nn_mem_mb load
for model in ${MODELS:-lstm momentum}; do
  for t in "${threads_list[@]}"; do
    export OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t
    l1=$(load)
    jline=$(java -Xmx2g -cp "$CP" io.principia.benchmarks.RnnStepBenchmark --model "$model" --warmup "$WARMUP" --iters "$ITERS" --steps "$STEPS" ${JAVA_ARGS:-} 2>/dev/null | grep '^principia_rnn_step')
    echo "$jline" >&2
    l2=$(load)
    pymodel=$([ "$model" = lstm ] && echo lstm_cells || echo momentum_cells)
    cline=$($PY benchmarks/python/rnn_step.py --model "$pymodel" --threads "$t" --warmup "$WARMUP" --iters "$ITERS" --steps "$STEPS")
    echo "$cline" >&2
    nline=""; l3="-"
    if [ "$model" = lstm ]; then
      l3=$(load)
      nline=$($PY benchmarks/python/rnn_step.py --model nn_lstm --threads "$t" --warmup "$WARMUP" --iters "$ITERS" --steps "$STEPS")
      echo "$nline" >&2
    fi
    p=$(echo "$jline" | field median_ms); c=$(echo "$cline" | field median_ms); n=$(echo "$nline" | field median_ms)
    pm=$(echo "$jline" | field step_peak_mb); cm=$(echo "$cline" | field step_peak_mb); nm=$(echo "$nline" | field step_peak_mb)
    printf "%-9s %-7s %12s %14s %6s %14s %6s %10s %10s %10s %s\n" "$model" "$t" "$p" "$c" "$(ratio "$p" "$c")" "${n:--}" \
      "$(ratio "$p" "$n")" "$pm" "$cm" "${nm:--}" "$l1/$l2/$l3"
  done
done
