#!/usr/bin/env python3
"""Check a gold ladder of the bundled corpus against its two texts.

Usage: python3 scripts/check_gold.py corpus/NAME   (reads NAME.id.txt, NAME.en.txt, NAME.gold)
       python3 scripts/check_gold.py FILE.txt      (lists the sentences of one text)

Prints every bead with its sentences and checks that the ladder covers both sides exactly
once, in order. Sentence splitting here is crude:

Splits each line (paragraph) after . ? ! (plus closing quotes/brackets) followed by a
space and an uppercase letter or opening quote, skipping a small list of abbreviations.
Only valid because the corpus texts are written with unambiguous boundaries.
"""
import re
import sys

ABBR = {"Jl", "No", "Prof", "Dr", "Ir", "Drs", "H", "Hj", "Tn", "Ny", "Sdr", "Mr", "Mrs",
        "Ms", "St", "Gen", "Sen", "Corp", "Inc", "Tbk", "Kab", "Kec", "Kel", "S.H", "M.Si",
        "M.Eng", "a.m", "p.m", "U.S", "U.N", "Rp", "Sept", "Oct", "Nov", "Dec", "Jan",
        "Feb", "Aug", "M.Kes", "Sp.PD", "S.T", "M.T", "Ph.D", "Jr", "Sp.A", "dr"}


def split(line):
    out, start = [], 0
    for m in re.finditer(r"[.?!…]+[”\"’')\]]*(?=\s+[“\"‘(]?[A-Z0-9])", line):
        before = line[start:m.start()]
        word = re.split(r"\s", before)[-1] if before else ""
        if m.group().startswith(".") and word.lstrip("(“\"") in ABBR:
            continue
        if m.group().startswith(".") and re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", word.lstrip("(“\"")):
            continue  # initials
        out.append(line[start:m.end()].strip())
        start = m.end()
    rest = line[start:].strip()
    if rest:
        out.append(rest)
    return out


def sentences(path):
    res = []
    with open(path, encoding="utf-8") as f:
        for p, line in enumerate(f):
            if line.strip():
                for s in split(line.strip()):
                    res.append((p, s))
    return res


def parse_side(s):
    s = s.strip()[1:-1]
    return [int(x) for x in s.split(",")] if s.strip() else []


def check(base):
    ids = sentences(base + ".id.txt")
    ens = sentences(base + ".en.txt")
    beads = []
    with open(base + ".gold", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                a, b = line.strip().split(":")[:2]
                beads.append((parse_side(a), parse_side(b)))
    flat_id = [i for a, _ in beads for i in a]
    flat_en = [j for _, b in beads for j in b]
    ok = flat_id == list(range(len(ids))) and flat_en == list(range(len(ens)))
    kinds = {}
    for a, b in beads:
        k = f"{len(a)}-{len(b)}"
        kinds[k] = kinds.get(k, 0) + 1
        print(f"== {a}:{b}  {k}")
        for i in a:
            print(f"  id {i}: {ids[i][1]}")
        for j in b:
            print(f"  en {j}: {ens[j][1]}")
    print(f"# {base}: id {len(ids)} sentences, en {len(ens)} sentences, {len(beads)} beads,",
          ", ".join(f"{k}: {v}" for k, v in sorted(kinds.items())),
          "- coverage OK" if ok else "- COVERAGE ERROR")
    return ok


if __name__ == "__main__":
    arg = sys.argv[1]
    if arg.endswith(".txt"):
        for i, (p, s) in enumerate(sentences(arg)):
            print(f"{i}\t{p}\t{s}")
    else:
        sys.exit(0 if check(arg) else 1)
