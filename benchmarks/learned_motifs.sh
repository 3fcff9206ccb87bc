#!/usr/bin/env bash
# Does `zinfer motifs` recover the matrices the built-in model was trained on? For each of its 29 factors, the rank
# of the factor's own JASPAR 2024 matrix (test-data/znf29.args) among the learned matrix's matches in all of JASPAR
# 2024 CORE vertebrates (879 matrices). usage: benchmarks/learned_motifs.sh OUT_DIR [zinfer motifs flags...]
# (run from the repository root after mvn package; needs ../shared/motifs)
set -euo pipefail
out=$1; shift
jaspar=../shared/motifs/JASPAR2024_CORE_vertebrates_non-redundant.transfac
java -jar plugin/target/zinfer.jar motifs --jaspar "$jaspar" -o "$out" "$@" 2> "$out.log" || { cat "$out.log"; exit 1; }
/usr/bin/python3 - "$out/matches.tsv" "$jaspar" <<'PY'
import json, sys
matches, jaspar = sys.argv[1:3]
ids = open("test-data/znf29.args").read().split("--factor=")[1].split()[0].split(",")
names = {}
current = None
for line in open(jaspar):
    if line.startswith("AC "):
        current = line.split()[1]
    elif line.startswith("ID ") and current:
        names[current] = line.split()[1]
own = {names[i]: i for i in ids}
ranks = {}
for line in list(open(matches))[1:]:
    factor, rank, target = line.split("\t")[:3]
    if own.get(factor) == target:
        ranks[factor] = int(rank)
result = {"factors": len(own), "own_matrix_first": sum(r == 1 for r in ranks.values()),
          "own_matrix_in_top_3": sum(r <= 3 for r in ranks.values()),
          "own_matrix_in_top_5": len(ranks), "not_in_top_5": sorted(set(own) - set(ranks))}
print(json.dumps(result))
PY
