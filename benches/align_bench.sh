#!/bin/sh
# Align-speed benchmark: builds document pairs of about 1k, 10k and 100k sentences by
# concatenating whole dev bench documents (../shared/data/dev/*/bench/*/{id,en}.lines, in
# order, repeated as needed), then times `selaras align --presplit` on each with
# /usr/bin/time (wall and user time, peak RSS). Also times the Bible benchmark as one
# running-text pair (with and without the finer clause search) and 1,000 short article pairs.
#
# Usage: benches/align_bench.sh [SIZES...]      (default: 1000 10000 100000)
# Env:   SELARAS=path/to/selaras (default target/release/selaras, built if missing)
#        ALIGN_ARGS="--no-learn" extra arguments for selaras align
#        RUNS=5 runs per size up to 10,000 sentences (one run beyond); the table gives the
#        best and the median (wall and user seconds) and the largest peak RSS.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
dev="$root/../shared/data/dev"
bin=${SELARAS:-$root/target/release/selaras}
[ -x "$bin" ] || (cd "$root" && cargo build --release --quiet)
[ -d "$dev" ] || { echo "skipping: ../shared not found"; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sizes=${*:-1000 10000 100000}

# Runs of `/usr/bin/time -f "%e %U %M"`, one per line, as "wall best/median, user best/median,
# largest peak RSS in MB".
summary() {
    python3 - "$1" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
w = [r[0] for r in rows]; u = [r[1] for r in rows]; m = max(r[2] for r in rows)
print(f"{min(w):.2f}/{statistics.median(w):.2f} {min(u):.2f}/{statistics.median(u):.2f} {int(m // 1024)}")
PY
}


echo "machine: $(nproc) cores, $(uname -m); selaras align --presplit --format ladder ${ALIGN_ARGS:-}"
printf '%-10s %-8s %-8s %-5s %-18s %-18s %-8s\n' sentences id en runs "wall_s best/median" "user_s best/median" peak_MB
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
    runs=${RUNS:-5}
    [ "$n" -le 10000 ] || runs=1
    : > "$work/runs"
    r=0
    while [ $r -lt "$runs" ]; do
        # shellcheck disable=SC2086
        /usr/bin/time -f "%e %U %M" -o "$work/time" "$bin" align --presplit --format ladder ${ALIGN_ARGS:-} \
            "$work/id.n" "$work/en.n" > "$work/out"
        cat "$work/time" >> "$work/runs"
        r=$((r + 1))
    done
    set -- $(summary "$work/runs")
    printf '%-10s %-8s %-8s %-5s %-18s %-18s %-8s\n' "$n" "$(wc -l < "$work/id.n")" "$(wc -l < "$work/en.n")" "$runs" "$1" "$2" "$3"
done

# Running text whose units are not sentences: the Bible benchmark's documents (id.txt, en.txt)
# joined into one pair of 8,306 verses, aligned end to end by `selaras align` (segmentation,
# clause alignment; the finer search runs on it) and with `--clause-pairs never`.
bible="$dev/ebible_ags_web_all/bench"
if [ -d "$bible" ]; then
    : > "$work/id.txt"
    : > "$work/en.txt"
    for d in "$bible"/d*; do
        { cat "$d/id.txt"; echo; } >> "$work/id.txt"
        { cat "$d/en.txt"; echo; } >> "$work/en.txt"
    done
    for mode in auto never; do
        : > "$work/runs"
        r=0
        while [ $r -lt "${RUNS:-5}" ]; do
            # shellcheck disable=SC2086
            /usr/bin/time -f "%e %U %M" -o "$work/time" "$bin" align --clause-pairs "$mode" ${ALIGN_ARGS:-} \
                "$work/id.txt" "$work/en.txt" > "$work/out"
            cat "$work/time" >> "$work/runs"
            r=$((r + 1))
        done
        set -- $(summary "$work/runs")
        echo "running text, Bible benchmark as one pair, selaras align --clause-pairs $mode: $1 s wall, $2 s user (best/median), $3 MB peak"
    done
fi

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
