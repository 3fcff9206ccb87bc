#!/usr/bin/env python3
"""zinfer scan against PyTorch on the same model and the same windows, several rounds back to back.

For each round it runs `zinfer scan` (fast engine) and benchmarks/torch_scan.py over one region at one
step, and reports two rates for each: the engine's own windows/s (both exclude process start and model
loading; zinfer's includes writing 29 bigWigs and bedGraphs and the JIT's warm-up, PyTorch's writes nothing)
and the whole process's (windows over wall time: JVM or Python start, imports and model loading included).
It prints each round, the medians, their ratios, and peak RSS. It then checks that the numbers mean the
same thing: zinfer's fast engine against its DL4J reference path and against PyTorch, on the first 2,000
windows.

With --reverse-complement both score every window on both strands (zinfer scan --reverse-complement, and
PyTorch's forward pass on each window and on its reverse complement), and the check compares those means.

usage: scan_vs_pytorch.py [--rounds 3] [--region chr22:17000001-18000000] [--step 50] [--model H5] [--genome FA]
                          [--reverse-complement] [--jar JAR]   (JAR: another build, e.g. an older one to compare)
Needs: plugin/target/zinfer.jar (mvn -DskipTests package), python3-torch, samtools, and Debian's
libopenblas0-pthread (without it Debian's PyTorch runs on the reference BLAS, several times slower).
"""
import argparse
import gzip
import os
import re
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared")


def strands(args):
    return ["--reverse-complement"] if args.reverse_complement else []


def timed(command, env=None):
    """Runs a command under /usr/bin/time; returns (stdout+stderr, peak RSS in MB, wall seconds)."""
    result = subprocess.run(["/usr/bin/time", "-f", "peak_rss_kb=%M wall_s=%e"] + command, capture_output=True, text=True, env=env)
    output = result.stdout + result.stderr
    if result.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(command), output))
    rss = int(re.search(r"peak_rss_kb=(\d+)", output).group(1)) / 1024
    return output, rss, float(re.search(r"wall_s=([\d.]+)", output).group(1))


def zinfer(args, out, region, engine="fast"):
    command = ["java", "-jar", args.jar, "scan", "--engine", engine,
               "-m", args.model, "-f", args.genome, "--region", region, "--step", str(args.step), "-o", out] + strands(args)
    output, rss, wall = timed(command)
    rate = float(re.search(r"([\d,]+) windows/s; tracks", output).group(1).replace(",", ""))
    windows = int(re.search(r"scored ([\d,]+) windows", output).group(1).replace(",", ""))
    return windows, rate, rss, windows / wall


def torch(args, region, check=None):
    env = dict(os.environ, OMP_WAIT_POLICY="PASSIVE")
    command = ["/usr/bin/python3", os.path.join(ROOT, "benchmarks/torch_scan.py"), args.model, args.genome, region,
               "--step", str(args.step), "--threads", str(os.cpu_count())] + (["--check", check] if check else []) + strands(args)
    output, rss, wall = timed(command, env)
    match = re.search(r"torch windows=(\d+) seconds=[\d.]+ windows_per_s=([\d.]+)", output)
    return int(match.group(1)), float(match.group(2)), rss, int(match.group(1)) / wall


def bedgraph_values(directory):
    values = {}
    for name in sorted(os.listdir(directory)):
        if name.endswith(".bedGraph.gz"):
            for line in gzip.open(os.path.join(directory, name), "rt"):
                if line.startswith("track"):
                    continue
                contig, start, end, value = line.split("\t")
                values.setdefault(int(start), []).append(float(value))
    return values


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--region", default="chr22:17000001-18000000")
    parser.add_argument("--step", type=int, default=50)
    parser.add_argument("--model", default=os.path.join(SHARED, "thesis-models/multilabel_classification_convrnn_on_generated_data.h5"))
    parser.add_argument("--genome", default=os.path.join(SHARED, "genome/hg19.chr22_1-22000000.fa.gz"))
    parser.add_argument("--reverse-complement", action="store_true")
    parser.add_argument("--jar", default=os.path.join(ROOT, "plugin/target/zinfer.jar"))
    args = parser.parse_args()
    blas = os.path.realpath("/usr/lib/x86_64-linux-gnu/libblas.so.3")
    print("PyTorch BLAS: %s" % blas)
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for r in range(args.rounds):
            zw, zrate, zrss, zwhole = zinfer(args, os.path.join(tmp, "z%d" % r), args.region)
            tw, trate, trss, twhole = torch(args, args.region)
            if zw != tw:
                sys.exit("window counts differ: zinfer %d, torch %d" % (zw, tw))
            rows.append((zrate, trate, zrss, trss, zwhole, twhole))
            print("round %d: %d windows; zinfer %.0f windows/s, whole process %.0f (peak RSS %.0f MB); "
                  "PyTorch %.0f windows/s, whole process %.0f (peak RSS %.0f MB)"
                  % (r + 1, zw, zrate, zwhole, zrss, trate, twhole, trss), flush=True)
        z, t, zwhole, twhole = (statistics.median(row[i] for row in rows) for i in (0, 1, 4, 5))
        print("median: zinfer %.0f windows/s, PyTorch %.0f windows/s, ratio %.2f; whole process: zinfer %.0f, PyTorch %.0f, "
              "ratio %.2f; peak RSS zinfer %.0f MB, PyTorch %.0f MB"
              % (z, t, z / t, zwhole, twhole, zwhole / twhole, max(row[2] for row in rows), max(row[3] for row in rows)))

        contig, span = args.region.split(":")
        first = int(span.replace(",", "").split("-")[0])
        small = "%s:%d-%d" % (contig, first, first + 2000 * args.step - 1)
        zinfer(args, os.path.join(tmp, "fast"), small)
        zinfer(args, os.path.join(tmp, "reference"), small, engine="reference")
        check = os.path.join(tmp, "torch.tsv")
        torch(args, small, check)
        fast = bedgraph_values(os.path.join(tmp, "fast"))
        reference = bedgraph_values(os.path.join(tmp, "reference"))
        half = 1000 // 2 - args.step // 2
        torch_values = {int(line.split("\t")[0]) + half: [float(v) for v in line.split("\t")[1:]] for line in open(check)}
        print("check on %d windows: max |fast - DL4J reference| = %.2g, max |fast - PyTorch| = %.2g" % (
            len(fast), max(abs(a - b) for k in fast for a, b in zip(fast[k], reference[k])),
            max(abs(a - b) for k in fast for a, b in zip(fast[k], torch_values[k]))))


if __name__ == "__main__":
    main()
