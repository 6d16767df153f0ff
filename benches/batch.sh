#!/usr/bin/env bash
# Batch benchmark: end-to-end speed on 1,000 article pairs (15-30 sentences, segmentation
# included) with 1 and 2 threads, and peak memory of the JSON Lines stream mode on growing
# streams (up to 100,000 article pairs). Inputs are generated at run time from the dev sets
# (../shared/data/dev) into a temporary directory; nothing is committed.
#
#   cargo build --release && benches/batch.sh [STREAM_SIZES...]
#
# Needs python3 and GNU time (/usr/bin/time); uses hyperfine when installed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
bin="${SELARAS:-$root/target/release/selaras}"
dev="${SELARAS_DEV:-$root/../shared/data/dev}"
[ -x "$bin" ] || { echo "build first: cargo build --release" >&2; exit 1; }
[ -d "$dev" ] || { echo "skipping: $dev not found" >&2; exit 0; }
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$here/gen_batch.py" "$dev" dir "$tmp/docs" 1000
echo "input: 1000 article pairs, $(cat "$tmp"/docs/*.id.txt | wc -c) + $(cat "$tmp"/docs/*.en.txt | wc -c) bytes"

for j in 1 2; do
  /usr/bin/time -f "%e %U %S %M" -o "$tmp/time$j" \
    "$bin" batch "$tmp/docs" -o "$tmp/out$j.tsv" -j "$j" -q
  read -r wall user sys rss < "$tmp/time$j"
  pairs=$(python3 -c "import json;print(json.load(open('$tmp/out$j.tsv.stats.json'))['pairs']['aligned'])")
  echo "jobs=$j: $pairs pairs aligned in $wall s wall ($user s user, $sys s sys), $(python3 -c "print(round($pairs/$wall))") pairs/s, peak RSS $((rss / 1024)) MiB"
done
cmp -s "$tmp/out1.tsv" "$tmp/out2.tsv" && echo "jobs=1 and jobs=2 outputs are identical" \
  || { echo "jobs=1 and jobs=2 outputs DIFFER" >&2; exit 1; }
# Control for a shared machine: two independent 1-thread runs at once take as long as one
# when two cores are free, twice as long when only one is.
start=$(date +%s.%N)
"$bin" batch "$tmp/docs" -o "$tmp/c1.tsv" -j 1 -q & "$bin" batch "$tmp/docs" -o "$tmp/c2.tsv" -j 1 -q; wait
echo "control: two 1-thread runs side by side: $(python3 -c "import time;print(round(time.time()-$start,2))") s wall (free cores ~ 2 x jobs=1 wall / this)"
/usr/bin/time -f "%e" -o "$tmp/timenl" "$bin" batch "$tmp/docs" -o "$tmp/nl.tsv" -j 2 -q --no-learn
echo "jobs=2 --no-learn: $(cat "$tmp/timenl") s wall"

if command -v hyperfine >/dev/null; then
  hyperfine --warmup 1 --runs 3 \
    "$bin batch $tmp/docs -o $tmp/h1.tsv -q -j 1" \
    "$bin batch $tmp/docs -o $tmp/h2.tsv -q -j 2"
fi

for n in "${sizes[@]}"; do
  python3 "$here/gen_batch.py" "$dev" jsonl - "$n" 7 |
    /usr/bin/time -f "%e %U %M" -o "$tmp/stream" "$bin" batch - -q -j 2 -f jsonl > /dev/null
  read -r wall user rss < "$tmp/stream"
  echo "stream of $n article pairs: $wall s wall ($user s user), peak RSS $((rss / 1024)) MiB"
done
