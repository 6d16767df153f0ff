#!/usr/bin/env python3
"""Write a corpus TSV (the `selaras align`/`batch` format) from the gold ladders of a bench
directory: one document per bench folder, one row per gold bead.

usage: scripts/gold_corpus.py BENCH_DIR [--limit N] > corpus.tsv

Useful to try `selaras check`/`report` on known-good alignments.
"""
import argparse
import os
import re
import sys


def esc(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bench")
    ap.add_argument("--limit", type=int, default=0)
    a = ap.parse_args()
    out = sys.stdout
    out.write("doc\tid_idx\ten_idx\tbead\tscore\tid\ten\n")
    names = sorted(n for n in os.listdir(a.bench) if os.path.isfile(os.path.join(a.bench, n, "gold")))
    if a.limit:
        names = names[: a.limit]
    for n in names:
        d = os.path.join(a.bench, n)
        ids = open(os.path.join(d, "id.lines"), encoding="utf-8").read().split("\n")
        ens = open(os.path.join(d, "en.lines"), encoding="utf-8").read().split("\n")
        for line in open(os.path.join(d, "gold"), encoding="utf-8"):
            m = re.match(r"\[([\d,\s]*)\]:\[([\d,\s]*)\]", line.strip())
            if not m:
                continue
            i = [int(x) for x in m.group(1).split(",") if x.strip()]
            e = [int(x) for x in m.group(2).split(",") if x.strip()]
            out.write("%s\t%s\t%s\t%d-%d\t1.0\t%s\t%s\n" % (
                n, ",".join(map(str, i)), ",".join(map(str, e)), len(i), len(e),
                esc(" ".join(ids[k] for k in i)), esc(" ".join(ens[k] for k in e))))


if __name__ == "__main__":
    main()
