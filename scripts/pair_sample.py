#!/usr/bin/env python3
"""Build the labelled pair sample used to fit and measure the pair scorer.

usage: scripts/pair_sample.py DEV_DIR [--seed 5] [--per-set 1500] > sample.tsv

DEV_DIR holds one folder per development set with units.id, units.en, units.docs (line i of
.id translates line i of .en). For each set, up to --per-set true pairs are drawn; for each
one, two negatives are made from the same Indonesian unit: a random English unit of the set
(kind `random`) and the English unit just before or after it (kind `neighbour`).

Output: tab-separated with header `set kind label id en` (text escaped as in selaras corpora).
"""
import argparse
import os
import random
import sys


def esc(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dev")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--per-set", type=int, default=1500)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    out = sys.stdout
    out.write("set\tkind\tlabel\tid\ten\n")
    for name in sorted(os.listdir(a.dev)):
        d = os.path.join(a.dev, name)
        if not os.path.isfile(os.path.join(d, "units.id")):
            continue
        with open(os.path.join(d, "units.id"), encoding="utf-8") as f:
            ids = f.read().split("\n")
        with open(os.path.join(d, "units.en"), encoding="utf-8") as f:
            ens = f.read().split("\n")
        n = min(len(ids), len(ens))
        while n and not ids[n - 1] and not ens[n - 1]:
            n -= 1
        chosen = list(range(n))
        rng.shuffle(chosen)
        for i in sorted(chosen[: a.per_set]):
            j = rng.randrange(n - 1)
            if j >= i:
                j += 1
            k = i + 1 if (i == 0 or (rng.random() < 0.5 and i + 1 < n)) else i - 1
            for kind, label, e in (("true", 1, i), ("random", 0, j), ("neighbour", 0, k)):
                out.write(f"{name}\t{kind}\t{label}\t{esc(ids[i])}\t{esc(ens[e])}\n")


if __name__ == "__main__":
    main()
