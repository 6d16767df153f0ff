#!/usr/bin/env bash
# Align a directory (or manifest) of article pairs as N independent shards with GNU parallel,
# then join the shard corpora into one TSV corpus. `selaras batch --shard K/N` picks a
# deterministic 1/N of the documents by a stable hash of the document id, so the shards never
# overlap and together cover every document. The same command line spreads over machines with
# `parallel -S host1,host2 ...` (shared file system) or by giving each machine one K.
#
# usage: scripts/parallel_shards.sh INPUT OUT.tsv N [extra selaras batch options]
#
# Writes OUT.tsv (one header, then the rows of every shard in shard order), OUT.tsv.errors.tsv
# (the failed documents of every shard, one header) and OUT.tsv.stats.json (a JSON array of
# the shards' stats), each only when every shard has finished. The shards are written in a
# temporary directory beside OUT.tsv, removed at the end whatever happens: files of an earlier
# run are never read, and nothing else is left.
#
# Exit codes are selaras's: 0 every document aligned; 3 the corpus is complete but some
# documents failed (see OUT.tsv.errors.tsv); 2 bad input or usage, 1 another failure (the
# code of the first shard that ended so; no output is written); 128 + S for a shard killed by
# signal S, 130 when the run itself is interrupted (Ctrl-C; no output is written). Needs GNU
# parallel, python3.
set -euo pipefail
if [ $# -lt 3 ]; then
  echo "usage: $0 INPUT OUT.tsv N [extra selaras batch options]" >&2
  exit 2
fi
in="$1"; out="$2"; n="$3"; shift 3
case "$n" in
  ''|*[!0-9]*|0) echo "$0: N must be a whole number of shards, 1 or more, not '$n'" >&2; exit 2 ;;
esac
selaras="${SELARAS:-selaras}"
command -v parallel >/dev/null || { echo "$0: GNU parallel is not installed" >&2; exit 1; }

tmp="$(mktemp -d "$(dirname -- "$out")/.$(basename -- "$out").shards.XXXXXX")"
trap 'rm -rf -- "$tmp"' EXIT
# Interrupted: stop once the shards have stopped, with the shell's code for the signal (the
# temporary directory goes with the EXIT trap; no output is written).
trap 'echo "$0: interrupted: no corpus is written" >&2; exit 130' INT
trap 'echo "$0: terminated: no corpus is written" >&2; exit 143' TERM

# Every shard runs to its end (--halt never); the job log keeps each one's exit code.
seq 1 "$n" | parallel --halt never --line-buffer --joblog "$tmp/jobs" \
  "$selaras" batch "$in" -o "$tmp/{}.tsv" --shard "{}/$n" -j 1 -q "$@" || true

# The exit code of each shard, in shard order (the job log's 7th column, and its 8th: the
# signal that killed it, if one did; a shard that did not start has no line and counts as a
# failure).
status=0
for k in $(seq 1 "$n"); do
  read -r code signal < <(awk -F'\t' -v k="$k" 'NR > 1 && $1 == k { print $7, $8 }' "$tmp/jobs") || true
  if [ -z "${code:-}" ]; then
    echo "$0: shard $k/$n did not run: no corpus is written" >&2
    exit 1
  fi
  if [ "${signal:-0}" != 0 ]; then
    echo "$0: shard $k/$n was killed by signal $signal: no corpus is written" >&2
    exit $((128 + signal))
  fi
  case "$code" in
    0) ;;
    3) [ "$status" -ne 0 ] || status=3 ;;
    *)
      echo "$0: shard $k/$n failed (exit code $code): no corpus is written" >&2
      exit "$code"
      ;;
  esac
done

# Every shard finished: join them, each file complete before it takes its final name. A
# shard's errors file names files relative to its own directory, the temporary one, whose
# parent is OUT.tsv's directory: a file named `../x` there is `x` beside OUT.tsv.errors.tsv.
head -n 1 "$tmp/1.tsv" > "$tmp/corpus"
head -n 1 "$tmp/1.tsv.errors.tsv" > "$tmp/errors"
for k in $(seq 1 "$n"); do
  tail -n +2 "$tmp/$k.tsv" >> "$tmp/corpus"
  tail -n +2 "$tmp/$k.tsv.errors.tsv" \
    | awk -F'\t' -v OFS='\t' 'substr($2, 1, 3) == "../" { $2 = substr($2, 4) } { print }' \
    >> "$tmp/errors"
done
python3 - "$tmp" "$n" > "$tmp/stats" <<'PY'
import json, sys
tmp, n = sys.argv[1], int(sys.argv[2])
shards = [json.load(open(f"{tmp}/{k}.tsv.stats.json")) for k in range(1, n + 1)]
json.dump(shards, sys.stdout, indent=2)
print()
PY
mv -- "$tmp/errors" "$out.errors.tsv"
mv -- "$tmp/stats" "$out.stats.json"
mv -- "$tmp/corpus" "$out"
if [ "$status" -eq 3 ]; then
  echo "$0: some documents failed: see $out.errors.tsv" >&2
fi
exit "$status"
