#!/usr/bin/env python3
"""Partly translated documents whose English holds text of its own: are the rows from the
part without a translation scored below 0.5, and the translated part's rows kept high?

Cuts the units of the dev gold sets (../shared/data/dev: FLORES-200 dev, UD PUD, the New
Testament) into documents of 6-12 consecutive units, one unit a line (aligned with
`--presplit`, so that each row's units are known). In each "mixed" document the English translates only
the first (or, half the time, the last) 40-60 % of the Indonesian units; the rest of the
English is the same number of units (at least two) taken from another document of the set, so
the alignment finds sentences to pair on both sides where nothing translates (`--place
middle`: the translation of the first and the last units, the other document's in between;
`--text`: running text in paragraphs of 1-3 units, segmented by selaras). The same
documents fully translated are the control. It runs `selaras batch` over both and reports:

- rows from the untranslated part (their English from the other document) scored >= 0.5
  (target: few; a row there is a wrong pair);
- right rows (holding a true pair of units) scored >= 0.5, in the mixed documents and in the
  control, and other wrong rows scored >= 0.5;
- documents listed as not translations (a mixed document keeps its translated part).

    cargo build --release && python3 benches/mixed_bench.py [--seed S] [--place ends|middle]
        [--text] [--keep DIR]
"""

import argparse
import csv
import os
import random
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import mispaired  # noqa: E402

csv.field_size_limit(1 << 30)


def make(dev, out, seed, place="ends", text=False):
    """Write OUT/{mixed,control}/*.{id,en}.txt; return {doc: (set of foreign English units,
    the document's true pairs of units)}. PLACE: where the other document's units go
    (`ends`: at the start or the end, `middle`: between two translated parts); TEXT: running
    text in paragraphs of 1-3 units instead of a unit a line."""
    for sub in ("mixed", "control"):
        os.makedirs(os.path.join(out, sub))
    foreign = {}
    for s, set_name in enumerate(mispaired.SETS):
        rng = random.Random(seed * 1000 + s)
        ids, ens = mispaired.read_units(dev, set_name)
        docs, k = [], 0
        while len(ids) - k >= 6:
            n = rng.randint(6, 12)
            docs.append((ids[k : k + n], ens[k : k + n]))
            k += n
        if len(docs) < 2:
            continue
        for d, (iu, eu) in enumerate(docs):
            h = max(2, round(rng.uniform(0.4, 0.6) * len(iu)))
            o = d
            while o == d:
                o = rng.randrange(len(docs))
            other = docs[o][1]
            m = max(2, min(len(iu) - h, len(other)))
            tail = rng.random() < 0.5
            if place == "middle":
                # The translation of the first and the last units, the other document's in
                # between (where the Indonesian has its own middle units).
                start = rng.randrange(len(other) - m + 1)
                a = max(1, h // 2)
                en = eu[:a] + other[start : start + m] + eu[a + len(iu) - h :]
            elif tail:
                start = rng.randrange(len(other) - m + 1)
                en = eu[:h] + other[start : start + m]
            else:
                start = rng.randrange(len(other) - m + 1)
                en = other[start : start + m] + eu[len(iu) - h :]
            foreign_units = other[start : start + m]
            name = "%s-%04d" % (set_name.split("_")[0], d)
            for sub, en_units in (("mixed", en), ("control", eu)):
                for side, units in (("id", iu), ("en", en_units)):
                    path = os.path.join(out, sub, f"{name}.{side}.txt")
                    with open(path, "w", encoding="utf-8") as f:
                        if text:
                            f.write(mispaired.text(mispaired.cut(units, rng)))
                        else:
                            f.write("".join(u + "\n" for u in units))
            foreign[name] = (set(u.strip() for u in foreign_units), list(zip(iu, eu)))
    return foreign


def run(binary, directory, out, text):
    split = [] if text else ["--presplit"]
    subprocess.run([binary, "batch", "-q"] + split + [directory, "-o", out], check=False)
    with open(out, encoding="utf-8") as f:
        r = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(r)
        ci = {h: i for i, h in enumerate(header)}
        rows = [(row[ci["doc"]], float(row[ci["score"]]), row[ci["id"]], row[ci["en"]]) for row in r]
    with open(out + ".errors.tsv", encoding="utf-8") as f:
        next(f)
        errors = [line.split("\t", 1)[0] for line in f]
    return rows, errors


def squash(s):
    return " ".join(s.split())


def report(name, rows, errors, truth, mixed, ndocs):
    """Rows by kind: the untranslated part's (their English holds a unit of the other
    document), right ones (they hold a true pair of units), other wrong ones."""
    per = {}
    for doc, score, id_text, en in rows:
        set_name = doc.split("-")[0]
        units, pairs = truth[doc]
        i, e = squash(id_text), squash(en)
        # A row holds a unit, or (in running text) a sentence of one.
        within = lambda part, whole: part and whole and (part in whole or whole in part)
        if mixed and any(within(squash(u), e) for u in units):
            kind = 0
        elif any(within(squash(a), i) and within(squash(b), e) for a, b in pairs):
            # Right where it holds a true pair (a unit pair in a 2-1 bead of a merge counts).
            kind = 1
        else:
            kind = 2
        v = per.setdefault(set_name, [[0, 0], [0, 0], [0, 0]])
        v[kind][0] += 1
        v[kind][1] += score >= 0.5
    share = lambda v: f"{v[1]}/{v[0]} ({100.0 * v[1] / max(1, v[0]):.1f} %)"
    for set_name, (foreign, right, other) in sorted(per.items()):
        listed = sum(1 for d in errors if d.startswith(set_name))
        part = f"untranslated part {share(foreign)}; " if mixed else ""
        print(
            f"{name:8} {set_name:10} rows >= 0.5: {part}right {share(right)}; other wrong "
            f"{share(other)}; listed as not translations: {listed}/{ndocs[set_name]}"
        )


def main():
    root = os.path.dirname(HERE)
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dev", default=os.path.join(root, "..", "shared", "data", "dev"))
    ap.add_argument("--bin", default=os.path.join(root, "target", "release", "selaras"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--place", choices=("ends", "middle"), default="ends",
                    help="where the other document's units go: at the start or the end (default), "
                    "or between two translated parts")
    ap.add_argument("--text", action="store_true",
                    help="running text in paragraphs of 1-3 units (segmented by selaras), not a "
                    "unit a line")
    ap.add_argument("--keep", help="write the collections here instead of a temporary directory")
    args = ap.parse_args()
    out = args.keep or tempfile.mkdtemp(prefix="mixed-")
    if args.keep:
        os.makedirs(out, exist_ok=True)
    foreign = make(args.dev, out, args.seed, args.place, args.text)
    ndocs = {}
    for doc in foreign:
        ndocs[doc.split("-")[0]] = ndocs.get(doc.split("-")[0], 0) + 1
    rows, errors = run(args.bin, os.path.join(out, "mixed"), os.path.join(out, "mixed.tsv"), args.text)
    report("mixed", rows, errors, foreign, True, ndocs)
    rows, errors = run(args.bin, os.path.join(out, "control"), os.path.join(out, "control.tsv"), args.text)
    report("control", rows, errors, foreign, False, ndocs)
    if not args.keep:
        shutil.rmtree(out)


if __name__ == "__main__":
    sys.exit(main())
