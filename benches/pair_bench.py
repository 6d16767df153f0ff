#!/usr/bin/env python3
"""Document pairing benchmark for `selaras pair`.

Cuts the units of the dev gold sets (../shared/data/dev: FLORES-200 dev, UD PUD, the New
Testament) into documents of 4-12 consecutive units, written as running text in paragraphs
of 1-3 units (chosen independently for each side), gives every file a random name, and
removes the partner of 10 % of the documents on each side. Then runs `selaras pair` on the
two piles under /usr/bin/time and scores its manifest against the truth: precision (pairs
written that are right) and recall (true pairs written), per set and over all.

    cargo build --release && python3 benches/pair_bench.py [--copies N] [--jobs J] [--seed S]

--units MIN,MAX sets the document length (default 4,12 units); --units 20,40 gives documents
of a news article's length, for timing and memory. --copies N cuts the same units N times with different seeds (other cuts, other paragraphs),
for a larger collection: the documents of different copies then overlap in content (a unit
is in N documents per side), which makes the task harder than real collections, where an
article is written once. Each copy is scored as its own set. Inputs go to a temporary
directory (or --keep DIR); nothing is committed.
"""

import argparse
import os
import random
import subprocess
import sys
import tempfile

SETS = ["flores200_dev", "ud_pud_test", "ebible_ags_web_all"]


def read_units(dev, name):
    def lines(ext):
        with open(os.path.join(dev, name, "units." + ext), encoding="utf-8") as f:
            return [l.rstrip("\n") for l in f]

    return lines("id"), lines("en")


def paragraphs(units, rng):
    """Units joined into paragraphs of 1-3 units, paragraphs separated by a blank line."""
    out, k = [], 0
    while k < len(units):
        n = rng.randint(1, 3)
        out.append(" ".join(u.strip() for u in units[k : k + n]))
        k += n
    return "\n\n".join(out) + "\n"


def name(rng):
    return "%016x" % rng.getrandbits(64)


def make(dev, out, seed, copies, drop, units=(4, 12)):
    """Write OUT/id/*.txt, OUT/en/*.txt; return the truth: (set, id name or None, en name or None)."""
    os.makedirs(os.path.join(out, "id"))
    os.makedirs(os.path.join(out, "en"))
    truth = []
    for copy in range(copies):
        for s, set_name in enumerate(SETS):
            rng = random.Random(seed * 1000 + copy * 10 + s)
            ids, ens = read_units(dev, set_name)
            label = set_name if copies == 1 else f"{set_name}#{copy}"
            k = 0
            while k < len(ids):
                n = rng.randint(*units)
                if len(ids) - k < units[0]:
                    break
                id_text = paragraphs(ids[k : k + n], rng)
                en_text = paragraphs(ens[k : k + n], rng)
                k += n
                r = rng.random()
                id_name = None if drop <= r < 2 * drop else name(rng)
                en_name = None if r < drop else name(rng)
                for side, nm, text in (("id", id_name, id_text), ("en", en_name, en_text)):
                    if nm:
                        with open(os.path.join(out, side, nm + ".txt"), "w", encoding="utf-8") as f:
                            f.write(text)
                truth.append((label, id_name, en_name))
    return truth


def score(truth, manifest):
    base = os.path.dirname(manifest)
    predicted = {}
    with open(manifest, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        ci, ce = header.index("id"), header.index("en")
        for line in f:
            row = line.rstrip("\n").split("\t")
            stem = lambda p: os.path.splitext(os.path.basename(os.path.join(base, p)))[0]
            predicted[stem(row[ci])] = stem(row[ce])
    sets = {}
    for label, i, e in truth:
        t = sets.setdefault(label, [0, 0, 0])  # right, predicted, gold
        if i and e:
            t[2] += 1
        if i and i in predicted:
            t[1] += 1
            t[0] += int(predicted[i] == e)
    rows = []
    total = [0, 0, 0]
    for label, t in sets.items():
        rows.append((label, t))
        total = [a + b for a, b in zip(total, t)]
    rows.append(("all", total))
    for label, (right, pred, gold) in rows:
        p = right / pred if pred else 0.0
        r = right / gold if gold else 0.0
        print(f"{label:24} precision {p:.4f} ({right}/{pred})  recall {r:.4f} ({right}/{gold})")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dev", default=os.path.join(root, "..", "shared", "data", "dev"))
    ap.add_argument("--bin", default=os.path.join(root, "target", "release", "selaras"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--copies", type=int, default=1)
    ap.add_argument("--drop", type=float, default=0.1)
    ap.add_argument("--jobs", type=int, default=0)
    ap.add_argument("--units", default="4,12",
                    help="units a document, MIN,MAX (news articles hold 20-40 sentences)")
    ap.add_argument("--keep", help="write the collections here (a new directory) and keep them")
    ap.add_argument("extra", nargs="*", help="more options for selaras pair")
    a = ap.parse_args()
    if not os.path.isdir(a.dev):
        print(f"skipping: {a.dev} not found", file=sys.stderr)
        return
    tmp = None
    if a.keep:
        out = a.keep
    else:
        tmp = tempfile.TemporaryDirectory()
        out = tmp.name
    units = tuple(int(x) for x in a.units.split(","))
    truth = make(a.dev, out, a.seed, a.copies, a.drop, units)
    with open(os.path.join(out, "truth.tsv"), "w", encoding="utf-8") as f:
        f.write("set\tid\ten\n")
        for label, i, e in truth:
            f.write(f"{label}\t{i or ''}\t{e or ''}\n")
    n_id = sum(1 for _, i, _ in truth if i)
    n_en = sum(1 for _, _, e in truth if e)
    print(f"documents: {n_id} Indonesian x {n_en} English, "
          f"{sum(1 for _, i, e in truth if i and e)} true pairs (seed {a.seed}, copies {a.copies})")
    manifest = os.path.join(out, "pairs.tsv")
    timing = os.path.join(out, "time.txt")
    cmd = ["/usr/bin/time", "-f", "%e %U %S %M", "-o", timing, a.bin, "pair",
           os.path.join(out, "id"), os.path.join(out, "en"), "-o", manifest]
    if a.jobs:
        cmd += ["-j", str(a.jobs)]
    cmd += a.extra
    rc = subprocess.run(cmd).returncode
    if rc not in (0, 3):
        sys.exit(f"selaras pair exited with {rc}")
    wall, user, sys_, rss = open(timing).read().split()[-4:]
    print(f"time: wall {float(wall):.2f} s, user {float(user):.2f} s, sys {float(sys_):.2f} s, "
          f"peak RSS {int(rss) // 1024} MiB")
    score(truth, manifest)


if __name__ == "__main__":
    main()
