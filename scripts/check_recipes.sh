#!/usr/bin/env bash
# Run the two recipes of docs/batch.md for more than one machine end to end on this machine,
# and compare each with a direct `selaras batch` run over the same documents:
#
#   - GNU parallel (scripts/parallel_shards.sh, N shards) against `selaras batch DIR`;
#   - Apache Spark in local mode (scripts/spark_align.py, N partitions) against
#     `selaras batch - --format jsonl` on the same JSON Lines.
#
# Rows only one side has are printed; the exit code is 1 when there are any, 0 when every
# recipe gives the direct run's rows. Learning is per shard or partition in the recipes and
# over the whole input in the direct run, so the comparison runs with --no-learn by default
# (then every document's alignment is its own and the rows must be the same); other options
# after `--` are passed to every run.
#
# usage: cargo build --release && scripts/check_recipes.sh [DIR] [N] [-- selaras options]
#   DIR: a directory of NAME.id.txt + NAME.en.txt pairs (default tests/data/batch/good)
#   N:   shards and partitions (default 2)
#
# Needs python3, GNU parallel and Java 11 or later (for Spark). pyspark is installed with pip
# into a virtual environment, $VENV (default target/spark-venv), on the first run. Set
# SKIP_SPARK=1 to run the GNU parallel recipe only.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
bin="${SELARAS:-$root/target/release/selaras}"
[ -x "$bin" ] || { echo "build first: cargo build --release" >&2; exit 1; }
dir="$root/tests/data/batch/good"
n=2
if [ $# -gt 0 ] && [ "$1" != "--" ]; then dir="$1"; shift; fi
if [ $# -gt 0 ] && [ "$1" != "--" ]; then n="$1"; shift; fi
[ "${1:-}" = "--" ] && shift
opts=("$@")
[ ${#opts[@]} -gt 0 ] || opts=(--no-learn)
tmp="$(mktemp -d)"
trap 'rm -rf -- "$tmp"' EXIT
differ=0

# Print the rows of file A missing from file B and of B missing from A (as sorted lines).
compare() {
  local name="$1" a="$2" b="$3"
  sort "$a" > "$tmp/a"
  sort "$b" > "$tmp/b"
  local only_a only_b
  only_a=$(comm -23 "$tmp/a" "$tmp/b" | wc -l)
  only_b=$(comm -13 "$tmp/a" "$tmp/b" | wc -l)
  echo "$name: $(wc -l < "$a") rows, direct run $(wc -l < "$b"); only in $name $only_a, only in the direct run $only_b"
  if [ "$only_a" -gt 0 ] || [ "$only_b" -gt 0 ]; then
    differ=1
    comm -23 "$tmp/a" "$tmp/b" | head -n 20 | sed "s/^/  < /"
    comm -13 "$tmp/a" "$tmp/b" | head -n 20 | sed "s/^/  > /"
  fi
}

# GNU parallel: N shards joined, against one run over the directory.
SELARAS="$bin" "$here/parallel_shards.sh" "$dir" "$tmp/shards.tsv" "$n" "${opts[@]}" || {
  code=$?
  [ "$code" -eq 3 ] || exit "$code"
}
"$bin" batch "$dir" -q -o "$tmp/direct.tsv" "${opts[@]}" || [ $? -eq 3 ]
compare "parallel ($n shards)" "$tmp/shards.tsv" "$tmp/direct.tsv"

if [ "${SKIP_SPARK:-0}" = 1 ]; then
  exit "$differ"
fi

# Spark: the directory as JSON Lines, N partitions in local mode, against one stream run.
python3 - "$dir" > "$tmp/docs.jsonl" <<'PY'
import json, pathlib, sys
d = pathlib.Path(sys.argv[1])
for idf in sorted(d.glob("*.id.txt")):
    name = idf.name[: -len(".id.txt")]
    enf = d / f"{name}.en.txt"
    if enf.exists():
        doc = {"doc": name, "id": idf.read_text(), "en": enf.read_text()}
        print(json.dumps(doc, ensure_ascii=False))
PY
venv="${VENV:-$root/target/spark-venv}"
if ! "$venv/bin/python" -c "import pyspark" 2>/dev/null; then
  echo "installing pyspark into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet pyspark
fi
"$venv/bin/python" "$here/spark_align.py" "$tmp/docs.jsonl" "$tmp/spark" \
  --partitions "$n" --master "local[$n]" --selaras "$bin" -- "${opts[@]}" > "$tmp/spark.summary"
echo "spark summary: $(cat "$tmp/spark.summary")"
"$bin" batch - -q -f jsonl "${opts[@]}" < "$tmp/docs.jsonl" > "$tmp/direct.jsonl" || [ $? -eq 3 ]
# One JSON object per line, keys sorted, so that equal rows are equal lines.
canon() { python3 -c 'import json,sys
for l in sys.stdin:
    print(json.dumps(json.loads(l), sort_keys=True, ensure_ascii=False))'; }
cat "$tmp"/spark/part-* | canon > "$tmp/spark.jsonl"
canon < "$tmp/direct.jsonl" > "$tmp/direct.canon.jsonl"
compare "spark ($n partitions)" "$tmp/spark.jsonl" "$tmp/direct.canon.jsonl"
exit "$differ"
