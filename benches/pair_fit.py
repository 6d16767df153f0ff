#!/usr/bin/env python3
"""Fit the logistic model of `selaras pair`'s document score (src/pair/score.rs, MODEL).

    python3 benches/pair_bench.py --keep DIR -- --candidates DIR/cands.tsv
    python3 benches/pair_fit.py DIR [DIR...]

Reads the truth the benchmark wrote (DIR/truth.tsv) and every candidate pair the search
proposed with its features (DIR/cands.tsv, written by the hidden `--candidates FILE`
option), fits the model by Newton's method (true pairs against all other candidates, a
small ridge), prints the weights in the order of `MODEL`, and the precision and recall of
competitive linking with the fitted scores at a few thresholds. Then fits the second
stage (MARGIN_MODEL: intercept and the weight of the margins over each document's best
rival; the pair's own log-odds enter with the fixed weight OWN_WEIGHT) and reports it alike.
"""

import collections
import math
import sys

LOG_RATIO_MEAN = -0.1
Z_CAP = 12.0
RIVAL_FLOOR = -6.0
OWN_WEIGHT = 0.5


def design(r):
    """The features as src/pair/score.rs `design` computes them."""
    return [
        r["cover_id"],
        r["cover_en"],
        abs(r["log_ratio"] - LOG_RATIO_MEAN),
        math.log(r["num_matched"] + 1),
        math.log(r["num_unmatched"] + 1),
        r["in_order"],
        r["cover_near"],
        r["monotone"],
    ]


def margins(rows):
    """Each row's clamped log-odds and its summed margins, as src/pair/score.rs `with_margins`
    computes them: z minus the best other candidate's of its Indonesian and of its English
    document, a rival never counted below RIVAL_FLOOR."""
    clamp = lambda z: max(-Z_CAP, min(Z_CAP, z))
    top = collections.defaultdict(list)
    for r in rows:
        top[("i", r["i"])].append((clamp(r["z"]), r["e"]))
        top[("e", r["e"])].append((clamp(r["z"]), r["i"]))
    for k in top:
        top[k] = sorted(top[k], key=lambda t: (-t[0], t[1]))[:2]

    def rival(key, other):
        best = [z for z, o in top[key] if o != other]
        return max(best[0] if best else RIVAL_FLOOR, RIVAL_FLOOR)

    for r in rows:
        z = clamp(r["z"])
        r["own"] = z
        r["margin"] = 2 * z - rival(("i", r["i"]), r["e"]) - rival(("e", r["e"]), r["i"])


def load(d):
    truth, set_of = {}, {}
    with open(d + "/truth.tsv", encoding="utf-8") as f:
        next(f)
        for line in f:
            s, i, e = line.rstrip("\n").split("\t")
            if i:
                set_of[i] = s
            if i and e:
                truth[i] = e
    rows = []
    with open(d + "/cands.tsv", encoding="utf-8") as f:
        header = next(f).rstrip("\n").split("\t")
        for line in f:
            r = line.rstrip("\n").split("\t")
            i, e = r[0][: -len(".txt")], r[1][: -len(".txt")]
            x = dict(zip(header[2:], map(float, r[2:])))
            x.update(y=int(truth.get(i) == e), set=set_of[i], i=i, e=e)
            rows.append(x)
    return truth, set_of, rows


def solve(a, b):
    m = len(b)
    M = [a[i][:] + [b[i]] for i in range(m)]
    for c in range(m):
        p = max(range(c, m), key=lambda r: abs(M[r][c]))
        M[c], M[p] = M[p], M[c]
        for r in range(m):
            if r != c:
                f = M[r][c] / M[c][c]
                for k in range(c, m + 1):
                    M[r][k] -= f * M[c][k]
    return [M[i][m] / M[i][i] for i in range(m)]


def sigmoid(z):
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def fit(xs, ys, offsets=None, ridge=1e-3, rounds=25):
    """Logistic regression by Newton's method: the intercept and weights of `xs` (each row's
    log-odds plus its fixed offset)."""
    n = len(xs[0]) + 1
    w = [0.0] * n
    offsets = offsets or [0.0] * len(xs)
    for _ in range(rounds):
        g = [0.0] * n
        h = [[0.0] * n for _ in range(n)]
        for x, y, o in zip(xs, ys, offsets):
            xx = [1.0] + x
            p = sigmoid(o + sum(a * b for a, b in zip(w, xx)))
            for a in range(n):
                g[a] += (p - y) * xx[a]
                for b in range(n):
                    h[a][b] += p * (1 - p) * xx[a] * xx[b]
        for a in range(n):
            h[a][a] += ridge
            g[a] += ridge * w[a]
        w = [a - b for a, b in zip(w, solve(h, g))]
    return w


def link(rows, threshold):
    taken_i, taken_e, kept = set(), set(), []
    for r in sorted(rows, key=lambda r: -r["p"]):
        if r["p"] < threshold:
            break
        if r["i"] in taken_i or r["e"] in taken_e:
            continue
        taken_i.add(r["i"])
        taken_e.add(r["e"])
        kept.append(r)
    return kept


def report(rows, truth, set_of, key):
    for r in rows:
        r["p"] = r[key]
    for threshold in (0.1, 0.3, 0.5, 0.7):
        per = collections.defaultdict(lambda: [0, 0, 0])
        for r in link(rows, threshold):
            per[r["set"]][0] += r["y"]
            per[r["set"]][1] += 1
        for i in truth:
            per[set_of[i]][2] += 1
        total = [sum(v[k] for v in per.values()) for k in range(3)]
        shown = ", ".join(f"{s} {a / max(b, 1):.4f}/{a / c:.4f}" for s, (a, b, c) in sorted(per.items()))
        print(f"  threshold {threshold}: P/R {shown}; all {total[0] / max(total[1], 1):.4f}/{total[0] / total[2]:.4f}")


def main():
    dirs = sys.argv[1:]
    truth, set_of, rows = {}, {}, []
    for n, d in enumerate(dirs):
        t, s, r = load(d)
        # Several collections: names kept apart by the collection's number.
        truth.update({f"{n}/{i}": f"{n}/{e}" for i, e in t.items()})
        set_of.update({f"{n}/{i}": v for i, v in s.items()})
        for x in r:
            x["i"], x["e"] = f"{n}/{x['i']}", f"{n}/{x['e']}"
        rows += r
    found = sum(r["y"] for r in rows)
    print(f"{len(rows)} candidate pairs, {found} of the {len(truth)} true pairs among them")
    w = fit([design(r) for r in rows], [r["y"] for r in rows])
    print("MODEL:", ", ".join(f"{v:.3f}" for v in w))
    for r in rows:
        r["z"] = sum(a * b for a, b in zip(w, [1.0] + design(r)))
        r["p0"] = sigmoid(r["z"])
    print("own features only:")
    report(rows, truth, set_of, "p0")
    margins(rows)
    own = [OWN_WEIGHT * r["own"] for r in rows]
    w2 = fit([[r["margin"]] for r in rows], [r["y"] for r in rows], own)
    print("MARGIN_MODEL:", ", ".join(f"{v:.3f}" for v in w2))
    for r, o in zip(rows, own):
        r["p1"] = sigmoid(o + w2[0] + w2[1] * r["margin"])
    print("with margins:")
    report(rows, truth, set_of, "p1")


if __name__ == "__main__":
    main()
