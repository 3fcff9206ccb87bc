#!/usr/bin/env bash
# Contribution tracks against scan on the same windows: zinfer scan, then zinfer explain by its default method
# (integrated gradients over one point: one forward and one backward pass, as gradient × input; METHOD=gradient
# or METHOD=ism picks another) for one factor (CTCF) and for five, over one region of real sequence at one step, several rounds back to
# back, all with the built-in model. Windows/s are zinfer's own (process start and model loading excluded, as in
# scan_vs_pytorch.py); prints each round, the medians and the ratios to scan.
# usage: [ZINFER_JAR=JAR] benchmarks/explain_speed.sh [ROUNDS] [REGION] [STEP]   (needs the jar, default
# plugin/target/zinfer.jar, and ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
region=${2:-chr22:17000001-18000000}
step=${3:-50}
method=${METHOD:-integrated-gradients}
genome=../shared/genome/hg19.chr22_1-22000000.fa.gz
jar=${ZINFER_JAR:-plugin/target/zinfer.jar}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

rate() { grep -oE '[0-9,.]+ windows/s' | tail -1 | tr -d ',' | cut -d' ' -f1; }
run() {
  local name=$1
  shift
  java -jar "$jar" "$@" -f "$genome" --region "$region" --step "$step" -o "$work/$name" 2>&1 | rate
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
declare -A all
for round in $(seq "$rounds"); do
  scan=$(run scan scan)
  one=$(run explain1 explain --method "$method" --factor CTCF)
  five=$(run explain5 explain --method "$method" --factor ZNF143 --factor CTCF --factor Yy1 --factor REST --factor EGR1)
  rm -rf "${work:?}"/*
  echo "round $round: scan $scan, explain CTCF $one ($(ratio "$one" "$scan")× scan), explain 5 factors $five windows/s" >&2
  all[scan]+="$scan " all[explain_CTCF]+="$one " all[explain_5]+="$five "
done
median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
scan=$(echo "${all[scan]}" | median)
for name in scan explain_CTCF explain_5; do
  m=$(echo "${all[$name]}" | median)
  printf '%-13s windows/s: %-30s median %8.0f  ratio to scan %s\n' "$name" "${all[$name]}" "$m" "$(ratio "$m" "$scan")"
done
