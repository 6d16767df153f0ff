#!/usr/bin/env python3
"""Fit the bead calibration (logistic regression) on features dumped by the dev bench.

Usage:
  SELARAS_DEV_DUMP=/tmp/beads.tsv SELARAS_DEV_TRACKS=lines \
      cargo test --release --test dev_bench -- --nocapture
  python3 scripts/fit_calibration.py /tmp/beads.tsv

Each dump line: set, current score, feature values (the first is the constant 1, as in
src/align/calibrate.rs), label (1 = the bead is in the gold). Sets are weighted equally so
the large Bible set does not dominate. Prints the coefficients to paste into
src/align/calibrate.rs, then ROC AUC and expected calibration error (10 equal-width bins) per
set and overall, for the fitted model and for leave-one-set-out fits (how it generalises to a
set it was not fitted on). Pure Python, no dependencies.
"""
import math
import sys


def load(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            rows.append((p[0], float(p[1]), [float(x) for x in p[2:-1]], int(p[-1])))
    return rows


def sigmoid(z):
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def fit(rows, ridge=1e-3, iters=50):
    """Weighted logistic regression by Newton's method."""
    k = len(rows[0][2])
    sets = {}
    for r in rows:
        sets[r[0]] = sets.get(r[0], 0) + 1
    w = [0.0] * k
    for _ in range(iters):
        g = [0.0] * k
        h = [[0.0] * k for _ in range(k)]
        for s, _, x, y in rows:
            wt = len(rows) / (len(sets) * sets[s])
            p = sigmoid(sum(a * b for a, b in zip(w, x)))
            for i in range(k):
                g[i] += wt * (p - y) * x[i]
                for j in range(k):
                    h[i][j] += wt * p * (1 - p) * x[i] * x[j]
        for i in range(k):
            g[i] += ridge * w[i]
            h[i][i] += ridge
        step = solve(h, g)
        w = [a - b for a, b in zip(w, step)]
        if max(abs(s) for s in step) < 1e-9:
            break
    return w


def solve(a, b):
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        if abs(m[c][c]) < 1e-12:
            continue
        for r in range(n):
            if r != c:
                f = m[r][c] / m[c][c]
                for j in range(c, n + 1):
                    m[r][j] -= f * m[c][j]
    return [m[i][n] / m[i][i] if abs(m[i][i]) > 1e-12 else 0.0 for i in range(n)]


def auc(scores, labels):
    pairs = sorted(zip(scores, labels))
    pos = sum(labels)
    neg = len(labels) - pos
    if pos == 0 or neg == 0:
        return float("nan")
    rank_sum, i = 0.0, 0
    while i < len(pairs):
        j = i
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            j += 1
        avg = (i + j + 1) / 2.0
        rank_sum += avg * sum(1 for t in range(i, j) if pairs[t][1])
        i = j
    return (rank_sum - pos * (pos + 1) / 2.0) / (pos * neg)


def ece(scores, labels, bins=10):
    tot = len(scores)
    err = 0.0
    for b in range(bins):
        idx = [i for i, s in enumerate(scores) if min(int(s * bins), bins - 1) == b]
        if idx:
            conf = sum(scores[i] for i in idx) / len(idx)
            acc = sum(labels[i] for i in idx) / len(idx)
            err += len(idx) / tot * abs(conf - acc)
    return err


def report(name, rows, w):
    s = [sigmoid(sum(a * b for a, b in zip(w, r[2]))) for r in rows]
    y = [r[3] for r in rows]
    print(f"  {name:22} n={len(rows):5}  right={sum(y)/len(y):.3f}  AUC={auc(s, y):.3f}  ECE={ece(s, y):.3f}")


def main():
    rows = load(sys.argv[1])
    sets = sorted({r[0] for r in rows})
    w = fit(rows)
    print("COEF = [" + ", ".join(f"{x:.4f}" for x in w) + "]")
    print("fitted on all sets:")
    for s in sets:
        report(s, [r for r in rows if r[0] == s], w)
    report("all", rows, w)
    print("leave one set out (fit on the others, test on it):")
    for s in sets:
        wo = fit([r for r in rows if r[0] != s])
        report(s, [r for r in rows if r[0] == s], wo)
    print("current scores in the dump:")
    for s in sets + ["all"]:
        sub = [r for r in rows if s == "all" or r[0] == s]
        sc = [r[1] for r in sub]
        y = [r[3] for r in sub]
        print(f"  {s:22} AUC={auc(sc, y):.3f}  ECE={ece(sc, y):.3f}")


if __name__ == "__main__":
    main()
