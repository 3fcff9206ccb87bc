#!/usr/bin/env bash
# DL4J training throughput of the 29-factor architecture as zinfer builds it, before (OpenMP threads spinning,
# DL4J's default) and after (OMP_WAIT_POLICY=PASSIVE, as zinfer's launcher sets; and a larger batch), against
# PyTorch on the same architecture, back to back. Needs plugin/target/zinfer.jar and python3-torch.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=plugin/target/zinfer.jar
run() { java -Xmx6g -cp "$jar" benchmarks/TrainingBenchmark.java "$@" 2>&1 | grep '^dl4j_train'; }
for round in 1 2; do
  echo "round $round"
  env -u OMP_WAIT_POLICY bash -c "$(declare -f run); jar=$jar; run 256 8 true" | sed 's/^/  before: /'
  OMP_WAIT_POLICY=PASSIVE run 256 8 true | sed 's/^/  after:  /'
  OMP_WAIT_POLICY=PASSIVE run 1000 3 true | sed 's/^/  after:  /'
  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/torch_train.py --batches 8 | sed 's/^/  /'
done
