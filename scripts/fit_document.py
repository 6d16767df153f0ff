#!/usr/bin/env python3
"""Fit the document model of src/align/document.rs (COEF, in the order of INPUTS).

Builds mis-paired collections from the dev sets as benches/mispaired.py does (seeds 2, 3, 6
and 7 by default; the benchmark itself uses seed 1, and seeds 4 and 5 are left for checking),
writes the document features of each with
`cargo run --release --example document_features`, both as `batch` aligns a collection and as
`align` aligns each document (`--align`), and fits an L2-regularised logistic regression
(Newton's method, pure Python): documents that translate each other (genuine, swapped, partly
parallel, and 5 % mixed: --mixed) against documents given another document's English. The mis-paired documents get
four times the weight of all the others together (--negative-weight), since keeping one of them
puts rows of garbage in the corpus. Prints the coefficients and, at the 0.5 decision, the
documents passing and caught, and the ones on the wrong side.

    python3 scripts/fit_document.py [--seeds 2,3,6,7] [--features FEATS.tsv ...]
"""

import argparse
import csv
import math
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "benches"))
import mispaired  # noqa: E402

# Must match document.rs design().
INPUTS = [
    "bias",
    "supported",
    "mean_pair",
    "stretch",
    "log_stretch_sentences",
    "unpaired",
    "mean_bead",
    "in_order",
    "strong",
    "cover_near",
    "log_run_odds",
]


def design(r):
    f = lambda k: float(r[k])
    return [
        1.0,
        f("supported"),
        f("mean_pair"),
        f("stretch"),
        math.log(1.0 + f("stretch_sentences")),
        f("unpaired"),
        f("mean_bead"),
        f("in_order"),
        f("strong"),
        f("cover_near"),
        math.log1p(f("run_odds")),
    ]


def sigmoid(t):
    if t < -40:
        return 0.0
    return 1.0 / (1.0 + math.exp(-t))


def solve(a, b):
    """Solve a x = b (Gaussian elimination with partial pivoting)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c and m[c][c] != 0:
                k = m[r][c] / m[c][c]
                for j in range(c, n + 1):
                    m[r][j] -= k * m[c][j]
    return [m[i][n] / m[i][i] for i in range(n)]


def fit(xs, ys, ws, lam):
    d = len(xs[0])
    beta = [0.0] * d
    for _ in range(50):
        g = [0.0] * d
        h = [[0.0] * d for _ in range(d)]
        for x, y, w in zip(xs, ys, ws):
            p = sigmoid(sum(a * b for a, b in zip(x, beta)))
            for i in range(d):
                g[i] += w * (y - p) * x[i]
                for j in range(d):
                    h[i][j] += w * p * (1 - p) * x[i] * x[j]
        for i in range(1, d):
            g[i] -= lam * beta[i]
            h[i][i] += lam
        step = solve(h, g)
        beta = [b + s for b, s in zip(beta, step)]
        if max(abs(s) for s in step) < 1e-8:
            break
    return beta


def features(seeds, dev, mixed):
    """The feature rows of the collections of these seeds (built in temporary directories)."""
    rows = []
    for s in seeds:
        with tempfile.TemporaryDirectory(prefix="fit-document-") as d:
            mispaired.make(dev, os.path.join(d, "c"), s, mixed=mixed)
            for mode in ([], ["--align"]):
                p = subprocess.run(
                    ["cargo", "run", "--release", "--quiet", "--example", "document_features",
                     "--", os.path.join(d, "c", "manifest.tsv")] + mode,
                    cwd=ROOT, check=True, capture_output=True, text=True)
                rows += list(csv.DictReader(p.stdout.splitlines(), delimiter="\t"))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dev", default=os.path.join(ROOT, "..", "shared", "data", "dev"))
    ap.add_argument("--seeds", default="2,3,6,7")
    ap.add_argument("--mixed", type=float, default=0.05,
                    help="share of mixed documents (English with another document's paragraphs "
                    "beside a translation of some), which translate each other")
    ap.add_argument("--features", nargs="*", help="feature files already written")
    ap.add_argument("--lambda", dest="lam", type=float, default=0.1)
    ap.add_argument("--negative-weight", type=float, default=4.0,
                    help="weight of the mis-paired, as a multiple of all the others together")
    args = ap.parse_args()
    if args.features:
        rows = []
        for p in args.features:
            with open(p, encoding="utf-8") as f:
                rows += list(csv.DictReader(f, delimiter="\t"))
    else:
        rows = features([int(s) for s in args.seeds.split(",")], args.dev, args.mixed)
    # Documents judged by their languages have no features.
    rows = [r for r in rows if r["supported"] != "null"]
    xs = [design(r) for r in rows]
    ys = [int(r["label"]) for r in rows]
    npos, nneg = sum(ys), len(ys) - sum(ys)
    ws = [1.0 if y else args.negative_weight * npos / nneg for y in ys]
    beta = fit(xs, ys, ws, args.lam)
    print("COEF = [" + ", ".join("%.4f" % b for b in beta) + "]")
    for name, b in zip(INPUTS, beta):
        print(f"  {name:24} {b:+.4f}")
    probs = [sigmoid(sum(a * b for a, b in zip(x, beta))) for x in xs]
    pos = [p for p, y in zip(probs, ys) if y]
    neg = [p for p, y in zip(probs, ys) if not y]
    print(f"translations passing (p >= 0.5): {sum(p >= 0.5 for p in pos)}/{len(pos)}")
    print(f"mis-paired caught (p < 0.5): {sum(p < 0.5 for p in neg)}/{len(neg)}")
    for r, p, y in zip(rows, probs, ys):
        if (p >= 0.5) != bool(y):
            print(f"  wrong: {r['doc']} label {y} p {p:.3f}")


if __name__ == "__main__":
    sys.exit(main())
