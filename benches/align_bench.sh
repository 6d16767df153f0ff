#!/bin/sh
# Align-speed benchmark: builds document pairs of about 1k, 10k and 100k sentences by
# concatenating whole dev bench documents (../shared/data/dev/*/bench/*/{id,en}.lines, in
# order, repeated as needed), then times `selaras align --presplit` on each with
# /usr/bin/time -v (wall time and peak RSS). Also times 1,000 short article pairs aligned
# one by one.
#
# Usage: benches/align_bench.sh [SIZES...]      (default: 1000 10000 100000)
# Env:   SELARAS=path/to/selaras (default target/release/selaras, built if missing)
#        ALIGN_ARGS="--no-learn" extra arguments for selaras align
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
dev="$root/../shared/data/dev"
bin=${SELARAS:-$root/target/release/selaras}
[ -x "$bin" ] || (cd "$root" && cargo build --release --quiet)
[ -d "$dev" ] || { echo "skipping: ../shared not found"; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sizes=${*:-1000 10000 100000}


echo "machine: $(nproc) cores, $(uname -m); selaras align --presplit --format ladder ${ALIGN_ARGS:-}"
printf '%-10s %-10s %-10s %-10s %-10s %-10s\n' sentences id en wall_s user_s peak_MB
for n in $sizes; do
    # Whole documents, in order, repeated as needed, until the Indonesian side has n lines.
    python3 - "$dev" "$n" "$work/id.n" "$work/en.n" <<'PY'
import glob, sys
dev, n, out_id, out_en = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
docs = sorted(glob.glob(dev + "/*/bench/d*"))
ids, ens = [], []
while len(ids) < n:
    for d in docs:
        a = [l for l in open(d + "/id.lines", encoding="utf-8").read().split("\n") if l.strip()]
        b = [l for l in open(d + "/en.lines", encoding="utf-8").read().split("\n") if l.strip()]
        ids += a
        ens += b
        if len(ids) >= n:
            break
open(out_id, "w", encoding="utf-8").write("\n".join(ids) + "\n")
open(out_en, "w", encoding="utf-8").write("\n".join(ens) + "\n")
PY
    # shellcheck disable=SC2086
    /usr/bin/time -v "$bin" align --presplit --format ladder ${ALIGN_ARGS:-} "$work/id.n" "$work/en.n" \
        > "$work/out" 2> "$work/time"
    secs=$(grep 'Elapsed (wall clock)' "$work/time" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    rss=$(grep 'Maximum resident set size' "$work/time" | awk '{print $NF}')
    user=$(grep 'User time' "$work/time" | awk '{print $NF}')
    printf '%-10s %-10s %-10s %-10s %-10s %-10s\n' "$n" "$(wc -l < "$work/id.n")" "$(wc -l < "$work/en.n")" "$secs" "$user" "$((rss / 1024))"
done

# 1,000 short article pairs (the dev bench documents, repeated to 1,000), in one process with
# `selaras batch --presplit -j 1` (one core; learning over all of them, as batch does).
ls -d "$dev"/*/bench/d* > "$work/dirs"
printf "doc\tid\ten\n" > "$work/manifest.tsv"
k=0
while [ $k -lt 1000 ]; do
    while read -r d; do
        [ $k -lt 1000 ] || break
        if [ -s "$d/id.lines" ] && [ -s "$d/en.lines" ] && grep -q '[^[:space:]]' "$d/en.lines" && grep -q '[^[:space:]]' "$d/id.lines"; then
            printf 'doc%04d\t%s\t%s\n' "$k" "$d/id.lines" "$d/en.lines" >> "$work/manifest.tsv"
            k=$((k+1))
        fi
    done < "$work/dirs"
done
/usr/bin/time -v "$bin" batch --presplit -j 1 -q ${ALIGN_ARGS:-} -f ladder -o "$work/batch" "$work/manifest.tsv" \
    > /dev/null 2> "$work/time" || true
secs=$(grep 'Elapsed (wall clock)' "$work/time" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
user=$(grep 'User time' "$work/time" | awk '{print $NF}')
rss=$(grep 'Maximum resident set size' "$work/time" | awk '{print $NF}')
echo "1000 article pairs, selaras batch --presplit -j 1: ${secs} s wall, ${user} s user, $((rss / 1024)) MB peak"
