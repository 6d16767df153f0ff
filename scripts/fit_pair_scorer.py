#!/usr/bin/env python3
"""Fit the PairScorer coefficients and report ROC AUC.

usage:
  scripts/pair_sample.py DEV_DIR > sample.tsv
  selaras score --features sample.tsv > feats.tsv
  scripts/fit_pair_scorer.py feats.tsv

Reads the `label`, `kind`, `set`, `score` and `f_*` columns written by `selaras score
--features`, fits an L2-regularised logistic regression (Newton's method, pure Python) on
true pairs against random and neighbour negatives (equal weight per negative kind), prints
the coefficients in the order of pair.rs INPUTS (bias first), and the ROC AUC per set and
negative kind both of the fitted model and of the `score` column (the model built in).
It also fits the length model of pair.rs (LEN_MU, LEN_VAR_BASE, LEN_VAR_SHORT) from the
true pairs' character lengths when run with --length SAMPLE.tsv.
"""
import argparse
import csv
import math
import sys

csv.field_size_limit(1 << 30)


def auc(pos, neg):
    """ROC AUC by the rank-sum formula (ties count half)."""
    allv = sorted([(v, 1) for v in pos] + [(v, 0) for v in neg])
    rank_sum = 0.0
    i = 0
    while i < len(allv):
        j = i
        while j < len(allv) and allv[j][0] == allv[i][0]:
            j += 1
        r = (i + j + 1) / 2.0
        rank_sum += r * sum(1 for k in range(i, j) if allv[k][1] == 1)
        i = j
    n1, n0 = len(pos), len(neg)
    return (rank_sum - n1 * (n1 + 1) / 2.0) / (n1 * n0)


def solve(a, b):
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c and m[c][c] != 0:
                f = m[r][c] / m[c][c]
                for k in range(c, n + 1):
                    m[r][k] -= f * m[c][k]
    return [m[i][n] / m[i][i] if m[i][i] else 0.0 for i in range(n)]


def fit(xs, ys, ws, lam=1e-3, iters=30):
    d = len(xs[0])
    beta = [0.0] * d
    for _ in range(iters):
        g = [0.0] * d
        h = [[0.0] * d for _ in range(d)]
        for x, y, w in zip(xs, ys, ws):
            t = sum(a * b for a, b in zip(x, beta))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, t))))
            for i in range(d):
                g[i] += w * (p - y) * x[i]
                for j in range(i, d):
                    h[i][j] += w * p * (1 - p) * x[i] * x[j]
        for i in range(d):
            for j in range(i):
                h[i][j] = h[j][i]
            g[i] += lam * beta[i] * len(xs)
            h[i][i] += lam * len(xs)
        step = solve(h, g)
        beta = [b - s for b, s in zip(beta, step)]
        if max(abs(s) for s in step) < 1e-7:
            break
    return beta


def length_model(path):
    """Fit ln((en+1)/(id+1)) ~ N(mu, base + short/n) on the true pairs of a sample."""
    rs, ns = [], []
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["label"] != "1":
                continue
            li, le = len(row["id"]), len(row["en"])
            if li and le:
                rs.append(math.log((le + 1) / (li + 1)))
                ns.append((li + le) / 2)
    mu = sum(rs) / len(rs)
    # least squares of squared residual on [1, 1/n]
    ys = [(r - mu) ** 2 for r in rs]
    xs = [[1.0, 1.0 / n] for n in ns]
    a = [[sum(x[i] * x[j] for x in xs) for j in range(2)] for i in range(2)]
    b = [sum(x[i] * y for x, y in zip(xs, ys)) for i in range(2)]
    base, short = solve(a, b)
    print(f"LEN_MU = {mu:.4f}; LEN_VAR_BASE = {base:.4f}; LEN_VAR_SHORT = {short:.3f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("feats", nargs="?")
    ap.add_argument("--length", help="fit the length model from this sample instead")
    ap.add_argument("--lambda", dest="lam", type=float, default=1e-3)
    a = ap.parse_args()
    if a.length:
        length_model(a.length)
        return
    rows = []
    with open(a.feats, encoding="utf-8", newline="") as f:
        rd = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        fcols = [c for c in rd.fieldnames if c.startswith("f_")]
        for row in rd:
            rows.append(row)
    xs = [[1.0] + [float(r[c]) for c in fcols] for r in rows]
    ys = [int(r["label"]) for r in rows]
    ws = [1.0 if y == 1 else 0.5 for y in ys]
    beta = fit(xs, ys, ws, a.lam)
    print("inputs: bias, " + ", ".join(c[2:] for c in fcols))
    print("COEF = [" + ", ".join(f"{b:.4f}" for b in beta) + "]")
    fitted = [sum(x * b for x, b in zip(xv, beta)) for xv in xs]
    sets = sorted({r["set"] for r in rows})
    print(f"{'set':24} {'negatives':10} {'AUC fitted':>10} {'AUC built-in':>12}")
    for s in sets + ["all"]:
        for kind in ("random", "neighbour"):
            idx = [i for i, r in enumerate(rows) if s in ("all", r["set"])]
            pos = [i for i in idx if rows[i]["kind"] == "true"]
            neg = [i for i in idx if rows[i]["kind"] == kind]
            a1 = auc([fitted[i] for i in pos], [fitted[i] for i in neg])
            a2 = auc([float(rows[i]["score"]) for i in pos], [float(rows[i]["score"]) for i in neg])
            print(f"{s:24} {kind:10} {a1:10.4f} {a2:12.4f}")


if __name__ == "__main__":
    main()
