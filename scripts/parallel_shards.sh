#!/usr/bin/env bash
# Align a directory (or manifest) of article pairs as N independent shards with GNU parallel,
# then concatenate the shard corpora. `selaras batch --shard K/N` picks a deterministic 1/N
# of the documents by a stable hash of the document id, so the shards never overlap and
# together cover every document; each shard writes its own OUT.K.tsv, stats and errors.
# The same command line spreads over machines with `parallel -S host1,host2 ...` (shared
# file system) or by giving each machine one K.
#
# usage: scripts/parallel_shards.sh INPUT OUT.tsv N [extra selaras batch options]
set -euo pipefail
in="$1"; out="$2"; n="$3"; shift 3
selaras="${SELARAS:-selaras}"
seq 1 "$n" | parallel --halt never --line-buffer \
  "$selaras" batch "$in" -o "$out.{}-of-$n.tsv" --shard "{}/$n" -j 1 -q "$@" \
  || status=$?
# One header, then the rows of every shard in shard order.
head -n 1 "$out.1-of-$n.tsv" > "$out.tmp"
for k in $(seq 1 "$n"); do tail -n +2 "$out.$k-of-$n.tsv" >> "$out.tmp"; done
mv "$out.tmp" "$out"
# parallel exits with the number of failed jobs; selaras exits 3 when documents failed.
exit "${status:-0}"
