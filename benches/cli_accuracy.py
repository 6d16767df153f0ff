#!/usr/bin/env python3
"""Accuracy of the selaras binary alone on alignment benchmarks laid out as make_bench.py
writes them (SET/bench/dNNNN/{id,en}.{lines,txt} and gold), on both tracks:

- lines: `selaras batch MANIFEST --presplit -f ladder` over the .lines files;
- txt:   `selaras batch MANIFEST -f jsonl` over the running .txt files; each segment is mapped
         to the .lines units its byte span overlaps and beads sharing a unit are merged (the
         benchmark's rule for the txt track), then written as unit ladders.

Both are scored with `selaras eval` (strict and lax P/R/F1, Vecalign's definitions). After the
table, the lines track's strict F1 beside the other aligners' figures on the same benchmarks, as
the benchmarks' README (ROOT/README.md) reports them, when it has such a table. Every
document of a set goes into one batch run, so the learned lexicon is gathered over the set, as
in tests/dev_bench.rs; the figures should equal that test's.

Usage: benches/cli_accuracy.py [ROOT] [--selaras BIN] [--sets a,b] [--tracks lines,txt]
                               [--batch-args "ARGS"]
  ROOT       a directory of sets (default: ../shared/data/dev beside the checkout)
  --selaras  the binary (default: target/release/selaras; build it first)
  ARGS       extra options for every `selaras batch` run (e.g. "--no-learn --whole-sentences")
"""
import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def docs_of(bench):
    return sorted(
        d for d in os.listdir(bench) if os.path.isfile(os.path.join(bench, d, "gold"))
    )


def manifest(path, bench, docs, ext):
    with open(path, "w", encoding="utf-8") as f:
        f.write("doc\tid\ten\n")
        for d in docs:
            p = os.path.join(bench, d)
            f.write(f"{d}\t{os.path.join(p, 'id.' + ext)}\t{os.path.join(p, 'en.' + ext)}\n")


def batch(exe, args, extra):
    r = subprocess.run([exe, "batch", *args, "-q", *extra], capture_output=True, text=True)
    # 3: some documents failed (listed in the errors file); their predictions stay empty.
    if r.returncode not in (0, 3):
        sys.exit(f"selaras batch failed ({r.returncode}): {r.stderr.strip()}")


def unit_spans(doc_dir, side):
    """Byte span of each .lines unit inside the .txt text of one side."""
    with open(os.path.join(doc_dir, side + ".txt"), "rb") as f:
        text = f.read()
    spans, pos = [], 0
    with open(os.path.join(doc_dir, side + ".lines"), encoding="utf-8") as f:
        for line in f:
            unit = line.strip().encode("utf-8")
            if not unit:
                continue
            at = text.find(unit, pos)
            if at < 0:
                sys.exit(f"{doc_dir}: unit not found in {side}.txt: {line.strip()[:60]}")
            spans.append((at, at + len(unit)))
            pos = at + len(unit)
    return spans


def units_of(seg_spans, units):
    return sorted({k for a, b in seg_spans for k, (x, y) in enumerate(units) if x < b and a < y})


def txt_ladders(jsonl, bench, out_dir):
    by_doc = {}
    with open(jsonl, encoding="utf-8") as f:
        for line in f:
            bead = json.loads(line)
            by_doc.setdefault(str(bead["doc"]), []).append(bead)
    for doc, beads in by_doc.items():
        p = os.path.join(bench, doc)
        ui, ue = unit_spans(p, "id"), unit_spans(p, "en")
        merged = []
        for bead in beads:
            a, b = units_of(bead["id_spans"], ui), units_of(bead["en_spans"], ue)
            if not a and not b:
                continue
            # Merge with every earlier unit bead sharing a unit, not only the last one.
            a, b = set(a), set(b)
            for k in range(len(merged) - 1, -1, -1):
                if a & set(merged[k][0]) or b & set(merged[k][1]):
                    a |= set(merged[k][0])
                    b |= set(merged[k][1])
                    del merged[k]
            merged.append((sorted(a), sorted(b)))
        with open(os.path.join(out_dir, doc), "w", encoding="utf-8") as f:
            for a, b in merged:
                f.write("[%s]:[%s]\n" % (",".join(map(str, a)), ",".join(map(str, b))))


def other_aligners(root):
    """The table of other aligners' strict F1 in ROOT/README.md: (header, {set: [figures]})."""
    try:
        with open(os.path.join(root, "README.md"), encoding="utf-8") as f:
            lines = [l.strip() for l in f]
    except OSError:
        return None, {}
    for i, l in enumerate(lines):
        cells = [c.strip() for c in l.strip("|").split("|")]
        if l.startswith("|") and cells[0] == "set" and any("Gale" in c for c in cells):
            rows = {}
            for r in lines[i + 2 :]:
                if not r.startswith("|"):
                    break
                c = [x.strip() for x in r.strip("|").split("|")]
                rows[c[0]] = c[1:]
            return cells[1:], rows
    return None, {}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("root", nargs="?", default=os.path.join(REPO, "..", "shared", "data", "dev"))
    ap.add_argument("--selaras", default=os.path.join(REPO, "target", "release", "selaras"))
    ap.add_argument("--sets", default="")
    ap.add_argument("--tracks", default="lines,txt")
    ap.add_argument("--batch-args", default="", help="extra options for every `selaras batch`")
    a = ap.parse_args()
    # The manifests name files by absolute paths: a relative ROOT is taken from here.
    a.root = os.path.abspath(a.root)
    a.selaras = os.path.abspath(a.selaras)
    extra = shlex.split(a.batch_args)
    if not os.path.isfile(a.selaras):
        sys.exit(f"{a.selaras}: no binary (run `cargo build --release` first)")
    sets = [s for s in a.sets.split(",") if s] or sorted(
        s for s in os.listdir(a.root) if os.path.isdir(os.path.join(a.root, s, "bench"))
    )
    lines_f1 = {}
    print(f"{'set':<22} {'track':<6} {'strict P / R / F1':<26} {'lax P / R / F1':<26} docs failed")
    for s in sets:
        bench = os.path.join(a.root, s, "bench")
        docs = docs_of(bench)
        for track in a.tracks.split(","):
            with tempfile.TemporaryDirectory() as tmp:
                gold, pred = os.path.join(tmp, "gold"), os.path.join(tmp, "pred")
                os.mkdir(gold)
                for d in docs:
                    shutil.copyfile(os.path.join(bench, d, "gold"), os.path.join(gold, d))
                man = os.path.join(tmp, "manifest.tsv")
                errors = os.path.join(tmp, "errors.tsv")
                if track == "lines":
                    manifest(man, bench, docs, "lines")
                    batch(a.selaras, [man, "--presplit", "-f", "ladder", "-o", pred, "--errors", errors], extra)
                elif track == "txt":
                    manifest(man, bench, docs, "txt")
                    out = os.path.join(tmp, "corpus.jsonl")
                    keep = ["--keep-empty", "--keep-identical", "--keep-num-mismatch"]
                    batch(a.selaras, [man, "-f", "jsonl", "-o", out, "--errors", errors, *keep], extra)
                    os.mkdir(pred)
                    txt_ladders(out, bench, pred)
                else:
                    sys.exit(f"unknown track {track} (lines, txt)")
                # A failed document has no prediction file: `selaras eval` scores it as
                # predicting nothing.
                os.makedirs(pred, exist_ok=True)
                with open(errors, encoding="utf-8") as f:
                    failed = max(0, sum(1 for _ in f) - 1)
                r = subprocess.run(
                    [a.selaras, "eval", "--gold", gold, "--pred", pred, "--format", "json"],
                    capture_output=True, text=True, check=True,
                )
                o = json.loads(r.stdout)["overall"]
                st = " / ".join("%.3f" % o["strict"][k] for k in ("precision", "recall", "f1"))
                lx = " / ".join("%.3f" % o["lax"][k] for k in ("precision", "recall", "f1"))
                print(f"{s:<22} {track:<6} {st:<26} {lx:<26} {len(docs)} {failed}")
                if track == "lines":
                    lines_f1[s] = o["strict"]["f1"]
    header, others = other_aligners(a.root)
    if header and lines_f1:
        print("\nlines track, strict F1 (other aligners as ROOT/README.md reports them):")
        print(" | ".join(["set", *header, "selaras"]))
        for s, f1 in lines_f1.items():
            print(" | ".join([s, *others.get(s, ["-"] * len(header)), "%.3f" % f1]))


if __name__ == "__main__":
    main()
