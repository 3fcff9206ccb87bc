#!/usr/bin/env bash
# The GPU machine's check, run there from the repository root with benchmarks/gpu/pack/ carried along (built
# here by benchmarks/gpu/pack.sh): no Java, Maven or network needed. Finds the CUDA libraries (driver, toolkit
# or pip wheels), then writes to $OUT (default benchmarks/gpu/results/local):
#   report.md        GPU, driver, libraries; Adam steps against the CPU's bits; parity of the 4 thesis models
#                    against the CPU engine; the device trainer's gradient and 200 steps' losses against the CPU
#                    trainer's, its training throughput (29-factor design, 1000 nt, batch 256 and 1000) beside
#                    PyTorch training the same design on the same GPU; scan throughput (29-factor model, step 50,
#                    >= 1M windows, tracks written) at 3 batch sizes beside PyTorch scoring the same windows
#   throughput.tsv, training.txt, torch.txt, torch_train.txt, nvidia-smi.txt, java.log
# At most about 9 minutes. usage: benchmarks/gpu/device-check.sh [--quick]
set -uo pipefail
cd "$(dirname "$0")/../.."
PACK=benchmarks/gpu/pack
OUT=${OUT:-benchmarks/gpu/results/local}
mkdir -p "$OUT"
BATCHES=1024,4096,16384
COPIES=25
if [ "${1:-}" = "--quick" ]; then BATCHES=4096; COPIES=2; fi
[ -f "$PACK/runtime.tar.xz" ] || { echo "device-check.sh: $PACK is missing; run benchmarks/gpu/pack.sh first and carry it" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
tar -C "$WORK" -xJf "$PACK/runtime.tar.xz"
JAVA="$WORK/runtime/bin/java"

# CUDA's libraries: pip wheels under every Python's site-packages (PyTorch brings them), the driver, toolkits
CUDA_DIRS=""
for site in $(python3 -c 'import site, sys; print(" ".join(site.getsitepackages() + [site.getusersitepackages()]))' 2>/dev/null); do
    [ -d "$site/nvidia" ] && CUDA_DIRS="$CUDA_DIRS:$(find "$site/nvidia" -maxdepth 3 -type d -name lib | sort | tr '\n' ':')"
done
for dir in /usr/local/nvidia/lib64 /usr/local/nvidia/lib /usr/local/cuda*/lib64 /usr/local/cuda*/targets/x86_64-linux/lib /usr/lib/x86_64-linux-gnu; do
    [ -d "$dir" ] && CUDA_DIRS="$CUDA_DIRS:$dir"
done
export ZINFER_CUDA_PATH="${CUDA_DIRS#:}"
export LD_LIBRARY_PATH="$ZINFER_CUDA_PATH${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
(nvidia-smi; nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv) > "$OUT/nvidia-smi.txt" 2>&1
echo "ZINFER_CUDA_PATH=$ZINFER_CUDA_PATH" > "$OUT/java.log"

timeout 360 "$JAVA" -Xmx24g --add-modules jdk.incubator.vector -Dorg.bytedeco.javacpp.cachedir="$WORK/javacpp" -cp "$PACK/lib/*" \
    org.zinfer.gpu.DeviceCheck --pack "$PACK/data" --out "$OUT" --batches "$BATCHES" --copies "$COPIES" >> "$OUT/java.log" 2>&1
echo "java exit $?" >> "$OUT/java.log"
GENOME="$OUT/work/genome.fa"
timeout 120 python3 benchmarks/gpu/torch_gpu.py "$PACK/data/multilabel_classification_convrnn_on_generated_data.h5" "$GENOME" \
    --step 50 --batches "$BATCHES" --check "$PACK/data/windows.bin" "$PACK/data/multilabel_classification_convrnn_on_generated_data.h5.f32" \
    > "$OUT/torch.txt" 2>&1
echo "torch exit $?" >> "$OUT/torch.txt"
for batch in 256 1000; do
    timeout 30 python3 benchmarks/torch_train.py --device cuda --batch "$batch" --batches 20
    echo "torch_train exit $?"
done > "$OUT/torch_train.txt" 2>&1
rm -rf "$OUT/work"

[ -f "$OUT/report.md" ] || { echo "# zinfer device check: no report (see java.log)" > "$OUT/report.md"; tail -40 "$OUT/java.log" >> "$OUT/report.md"; }
{
    echo
    echo "## PyTorch on the same GPU"
    echo
    echo '```'
    cat "$OUT/torch.txt"
    echo '```'
    echo
    echo "| batch | zinfer scan (tracks written), windows/s | zinfer scoring only | PyTorch (scoring only) | scan / PyTorch | scoring / PyTorch |"
    echo "|---|---|---|---|---|---|"
    if [ -f "$OUT/throughput.tsv" ]; then
        tail -n +2 "$OUT/throughput.tsv" | while IFS=$'\t' read -r batch windows encode score scanned waited bytes; do
            torch=$(sed -n "s/^torch batch=$batch .*windows_per_s=\([0-9.]*\)$/\1/p" "$OUT/torch.txt")
            if [ -n "$torch" ]; then
                awk -v b="$batch" -v s="$scanned" -v c="$score" -v t="$torch" \
                    'BEGIN { printf "| %d | %.0f | %.0f | %.0f | %.2f | %.2f |\n", b, s, c, t, s / t, c / t }'
            fi
        done
    fi
    echo
    echo "## Training beside PyTorch on the same GPU"
    echo
    echo '```'
    cat "$OUT/torch_train.txt"
    echo '```'
    echo
    echo "| batch | zinfer device trainer, windows/s | PyTorch, windows/s | zinfer / PyTorch |"
    echo "|---|---|---|---|"
    [ -f "$OUT/training.txt" ] && while read -r line; do
        batch=$(sed -n 's/^train batch=\([0-9]*\) .*/\1/p' <<< "$line")
        ours=$(sed -n 's/.*windows_per_s=\([0-9.]*\)$/\1/p' <<< "$line")
        torch=$(sed -n "s/^torch_train device=cuda batch=$batch windows_per_s=\([0-9.]*\)$/\1/p" "$OUT/torch_train.txt")
        [ -n "$torch" ] && awk -v b="$batch" -v z="$ours" -v t="$torch" 'BEGIN { printf "| %d | %.0f | %.0f | %.2f |\n", b, z, t, z / t }'
    done < "$OUT/training.txt"
} >> "$OUT/report.md"
cat "$OUT/report.md"
