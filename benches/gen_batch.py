#!/usr/bin/env python3
"""Generate synthetic article pairs for the batch benchmark from the dev sets' parallel units.

Each article is a run of 15-30 consecutive units of one set (FLORES-200 dev, UD PUD), laid
out as paragraphs of 1-3 units (chosen independently per side, so segmentation is needed);
about 5% of units lose their counterpart. Output: a directory of NAME.id.txt + NAME.en.txt
(`dir`), or JSON Lines on stdout (`jsonl`). Nothing generated is committed.

usage: gen_batch.py DEV_DIR dir OUT_DIR N [SEED]
       gen_batch.py DEV_DIR jsonl - N [SEED]
"""
import json
import os
import random
import sys


def load(dev):
    sets = []
    for name in ("flores200_dev", "ud_pud_test"):
        d = os.path.join(dev, name)
        with open(os.path.join(d, "units.id"), encoding="utf-8") as f:
            ids = [l.strip() for l in f]
        with open(os.path.join(d, "units.en"), encoding="utf-8") as f:
            ens = [l.strip() for l in f]
        sets.append(list(zip(ids, ens)))
    return sets


def paragraphs(units, rng):
    out, k = [], 0
    while k < len(units):
        n = rng.randint(1, 3)
        out.append(" ".join(units[k : k + n]))
        k += n
    return "\n\n".join(out) + "\n"


def article(sets, rng):
    units = rng.choice(sets)
    n = rng.randint(15, 30)
    start = rng.randrange(0, len(units) - n)
    ids, ens = [], []
    for i, e in units[start : start + n]:
        r = rng.random()
        if r >= 0.025:
            ids.append(i)
        if r < 0.025 or r >= 0.05:
            ens.append(e)
    return paragraphs(ids, rng), paragraphs(ens, rng)


def main():
    # `-h`/`--help` prints this text; arguments that are not the usage below exit 1 with it.
    args = sys.argv[1:]
    if any(a in ("-h", "--help") for a in args):
        try:
            print(__doc__.strip())
        except BrokenPipeError:
            pass
        return
    if len(args) not in (4, 5) or args[1] not in ("dir", "jsonl") or not args[3].isdigit():
        sys.exit("usage: " + __doc__.split("usage: ", 1)[1].strip())
    dev, mode, out, n = args[0], args[1], args[2], int(args[3])
    rng = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 13)
    sets = load(dev)
    if mode == "dir":
        os.makedirs(out, exist_ok=True)
        for k in range(n):
            i, e = article(sets, rng)
            with open(os.path.join(out, f"a{k:06d}.id.txt"), "w", encoding="utf-8") as f:
                f.write(i)
            with open(os.path.join(out, f"a{k:06d}.en.txt"), "w", encoding="utf-8") as f:
                f.write(e)
    else:
        w = sys.stdout
        try:
            for k in range(n):
                i, e = article(sets, rng)
                w.write(json.dumps({"doc": f"a{k:06d}", "id": i, "en": e}, ensure_ascii=False))
                w.write("\n")
        except BrokenPipeError:
            pass


if __name__ == "__main__":
    main()
