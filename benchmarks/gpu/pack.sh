#!/usr/bin/env bash
# Builds benchmarks/gpu/pack/ (ignored by git): everything benchmarks/gpu/device-check.sh needs on a GPU machine
# that has no Java, no Maven and no network, in at most 64 MiB:
#   runtime.tar.xz  a jlinked Java 17 runtime (unpacked there)
#   lib/            the GPU path's jars: zinfer's gpu, scoring and formats modules, htsjdk, jHDF, Jackson, the
#                   JavaCPP CUDA presets and JavaCPP; no ND4J or DL4J (their natives cannot travel)
#   data/           the four thesis models, a 2 Mb slice of real hg19 chr22, 2,048 windows cut from it and
#                   each model's scores of them by the CPU engine (PackReference, which needs ND4J: here only);
#                   1,600 simulated windows of the 29 factors with the CPU trainer's gradient and 200 losses of
#                   the 29-factor design on them (PackTraining, also ND4J)
# Then it runs the check on the plain-Java host device against the packed runtime and jars, proving that
# they hold the whole GPU path.
# Skips (exit 0) without ../shared or the JDK's jmods, except under CI=true.
# usage: benchmarks/gpu/pack.sh [--no-build]   (SHARED: ../shared by default)
set -euo pipefail
cd "$(dirname "$0")/../.."
SHARED=${SHARED:-../shared}
PACK=benchmarks/gpu/pack
JDK=${JAVA17_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
REGION=(chr22 19000000 21000000)
MOTIFS=$SHARED/motifs/JASPAR2024_CORE_vertebrates_non-redundant.transfac
for need in "$SHARED/thesis-models" "$SHARED/genome/hg19.chr22_1-22000000.fa.gz" "$MOTIFS" "$JDK/jmods/java.base.jmod"; do
    if [ ! -e "$need" ]; then
        # a user without ../shared (or a JDK without jmods) skips; CI must have both
        echo "pack.sh: $need is missing; skipping" >&2
        [ -z "${CI:-}" ] && exit 0 || exit 1
    fi
done
if [ "${1:-}" != "--no-build" ]; then
    mvn -q -B -ntp -DskipTests install -pl gpu -am
fi
rm -rf "$PACK"
mkdir -p "$PACK/lib" "$PACK/data"

# the jars of the GPU path, from the gpu module's resolved class path
mvn -q -B -ntp -o dependency:build-classpath -pl gpu -Dmdep.includeScope=runtime -Dmdep.outputFile="$PWD/$PACK/classpath.txt" >/dev/null
KEEP='/(zinfer-formats|zinfer-scoring|htsjdk|commons-compress|commons-io|commons-logging|xz|jhdf|slf4j-api|commons-lang3|compress-lzf|lz4-java|jackson-databind|jackson-core|jackson-annotations|cuda|javacpp)-[0-9][^/]*\.jar$'
tr ':' '\n' < "$PACK/classpath.txt" | grep -E "$KEEP" | grep -v 'javacpp-1\.5\.7' | xargs -I{} cp {} "$PACK/lib/"
cp gpu/target/zinfer-gpu-*.jar "$PACK/lib/"
rm "$PACK/classpath.txt"

# the reference, computed here with the full class path (ND4J loads the models for the CPU engine)
FULL=$(mvn -q -B -ntp -o dependency:build-classpath -pl gpu -Dmdep.includeScope=runtime -Dmdep.outputFile=/dev/stdout)
cp "$SHARED"/thesis-models/*.h5 "$PACK/data/"
java --add-modules jdk.incubator.vector -cp "$(ls gpu/target/zinfer-gpu-*.jar):$FULL" org.zinfer.gpu.PackReference \
    "$SHARED/genome/hg19.chr22_1-22000000.fa.gz" "${REGION[@]}" "$PACK/data" "$PACK/data" 2048 2>&1 | sed '/^WARNING: Using incubator/d'
java --add-modules jdk.incubator.vector -cp "$(ls gpu/target/zinfer-gpu-*.jar):$FULL" org.zinfer.gpu.PackTraining \
    "$MOTIFS" "$(sed -n 's/^--factor=//p' test-data/znf29.args)" "$PACK/data" 2>&1 | sed '/^WARNING: Using incubator/d'

# a Java 17 runtime with what the GPU path uses
"$JDK/bin/jlink" --add-modules java.base,java.logging,java.management,java.naming,java.sql,java.xml,jdk.incubator.vector,jdk.unsupported \
    --strip-debug --no-header-files --no-man-pages --compress=2 --output "$PACK/runtime"
tar -C "$PACK" -cf - runtime | xz -T0 -6 > "$PACK/runtime.tar.xz"

# the check itself, on the host device with the packed runtime and jars only: a small genome, every step
"$PACK/runtime/bin/java" --add-modules jdk.incubator.vector -cp "$PACK/lib/*" org.zinfer.gpu.DeviceCheck --device host \
    --pack "$PACK/data" --out "$PACK/host-check" --parity-windows 3 --batches 16 --copies 2 --bases 4000 \
    --train-steps 2 --train-batches 4 --train-seconds 1 2>&1 \
    | sed '/^WARNING: Using incubator/d' > "$PACK/host-check.log"
rm -rf "$PACK/runtime"
if grep -q "FAILED\|FAILS" "$PACK/host-check/report.md"; then
    cat "$PACK/host-check/report.md" >&2
    echo "pack.sh: the host-device check failed" >&2
    exit 1
fi
du -sb "$PACK" | awk '{ printf "pack.sh: %s holds %.1f MiB (the device takes at most 64)\n", $2, $1 / 1048576 }'
