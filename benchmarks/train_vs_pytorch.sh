#!/usr/bin/env bash
# Training throughput of the 29-factor architecture as zinfer builds it: DL4J before (OpenMP threads spinning,
# DL4J's default) and after (OMP_WAIT_POLICY=PASSIVE, as zinfer's launcher sets; and a larger batch), zinfer's
# own CPU trainer, and PyTorch on the same architecture, back to back. Needs plugin/target/zinfer.jar and
# python3-torch.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=plugin/target/zinfer.jar
# OpenBLAS's kernels as zinfer's launcher chooses them (its AVX-512 ones on CPUs with AVX-512) unless already set
core=$(java -cp "$jar" org.zinfer.scoring.compute.OpenBlasCore)
if [ -n "$core" ] && [ -z "${OPENBLAS_CORETYPE:-}" ]; then export OPENBLAS_CORETYPE=$core; fi
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-}"
run() { java -Xmx6g --add-modules=jdk.incubator.vector -cp "$jar" benchmarks/TrainingBenchmark.java "$@" 2>&1 | grep '_train '; }
for round in 1 2; do
  echo "round $round"
  env -u OMP_WAIT_POLICY bash -c "$(declare -f run); jar=$jar; run 256 8 true" | sed 's/^/  before: /'
  OMP_WAIT_POLICY=PASSIVE run 256 8 true | sed 's/^/  after:  /'
  OMP_WAIT_POLICY=PASSIVE run 1000 3 true | sed 's/^/  after:  /'
  OMP_WAIT_POLICY=PASSIVE run 256 8 true zinfer | sed 's/^/  /'
  OMP_WAIT_POLICY=PASSIVE run 100 20 true zinfer | sed 's/^/  /'
  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/torch_train.py --batches 8 | sed 's/^/  /'
done
