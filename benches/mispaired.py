#!/usr/bin/env python3
"""Mis-paired collection benchmark: does `selaras batch` keep documents that are not
translations out of the corpus, and keep the ones that are?

Cuts the units of the dev gold sets (../shared/data/dev: FLORES-200 dev, UD PUD, the New
Testament) into documents of 4-12 consecutive units, written as running text in paragraphs of
1-3 units (chosen independently for each side), as benches/pair_bench.py does (`--sizes 1,2`:
documents of one or two units, too short for the document model). Then:
- 10 % of the documents are given another document's English (half the time the next
  document of the same set, which in the Bible is the next chapter of the same book: same
  names, same topic);
- 5 % are swapped (the Indonesian file holds the English text and the reverse);
- 5 % are partly parallel: the English translates only a run of the Indonesian paragraphs
  (40-70 % of the units);
- with `--mixed F`, a share F are mixed: the English translates such a run and holds as many
  units of another document before or after it;
- the rest are genuine.

It runs `selaras batch` on the manifest twice (as it is, and with --keep-unparallel: every
document's rows, the reference for what was lost) and `selaras align` on mis-paired pairs,
and reports:
- the share of kept rows that come from mis-paired documents (target <= 0.5 %);
- mis-paired documents listed as not translations in OUT.errors.tsv (target: every one);
- the share of the good documents' rows kept (target >= 97 %);
- genuine documents passing (target >= 99.5 %), and swapped and partly parallel ones;
- `align` on mis-paired pairs: beads scored below 0.5 (target >= 90 %);
- rows whose id column holds the English text (target 0).

    cargo build --release && python3 benches/mispaired.py [--seed S] [--keep DIR]

scripts/fit_document.py builds the same collections (other seeds) to fit the document model.
"""

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile

csv.field_size_limit(1 << 30)

SETS = ["flores200_dev", "ud_pud_test", "ebible_ags_web_all"]


def read_units(dev, name):
    def lines(ext):
        with open(os.path.join(dev, name, "units." + ext), encoding="utf-8") as f:
            return [l.rstrip("\n").strip() for l in f]

    return lines("id"), lines("en")


def cut(units, rng):
    """Units cut into paragraphs of 1-3 units: lists of units."""
    out, k = [], 0
    while k < len(units):
        n = rng.randint(1, 3)
        out.append(units[k : k + n])
        k += n
    return out


def paragraph_run(paras, units, rng):
    """A run of paragraphs holding 40-70 % of the UNITS: its first paragraph, the paragraph
    after its last, and how many units it holds."""
    want = rng.uniform(0.4, 0.7) * units
    a = rng.randrange(len(paras))
    b, got = a, 0
    while b < len(paras) and got < want:
        got += len(paras[b])
        b += 1
    return a, b, got


def text(paras):
    return "\n\n".join(" ".join(p) for p in paras) + "\n"


def make(dev, out, seed, sizes=(4, 12), mis=0.10, swap=0.05, partial=0.05, mixed=0.0):
    """Write OUT/docs/*.txt and OUT/manifest.tsv (documents of SIZES units, least and most);
    return {doc: (kind, set, id text, en text)}. MIXED: the share of documents whose English
    translates a run of the Indonesian paragraphs and holds another document's paragraphs
    before or after it (drawn after the others, so that 0 leaves the collection as it was)."""
    os.makedirs(os.path.join(out, "docs"))
    truth = {}
    rows = []
    for s, set_name in enumerate(SETS):
        rng = random.Random(seed * 1000 + s)
        ids, ens = read_units(dev, set_name)
        docs, k = [], 0
        while len(ids) - k >= sizes[0]:
            n = rng.randint(*sizes)
            docs.append((ids[k : k + n], ens[k : k + n]))
            k += n
        for d, (iu, eu) in enumerate(docs):
            r = rng.random()
            ip = cut(iu, rng)
            kind = "genuine"
            if r < mis:
                kind = "mispaired"
                o = d + 1 if (rng.random() < 0.5 and d + 1 < len(docs)) else d
                while o == d:
                    o = rng.randrange(len(docs))
                ep = cut(docs[o][1], rng)
            elif r < mis + swap:
                kind = "swapped"
                ep = cut(eu, rng)
            elif r < mis + swap + partial and len(ip) >= 3:
                kind = "partial"
                a, b, got = paragraph_run(ip, len(iu), rng)
                if got < 2 or b - a == len(ip):
                    kind = "genuine"
                    ep = cut(eu, rng)
                else:
                    start = sum(len(p) for p in ip[:a])
                    ep = cut(eu[start : start + got], rng)
            elif r < mis + swap + partial + mixed and len(ip) >= 3:
                kind = "mixed"
                # The run's translation, and as many units of another document (at least
                # two) before or after it.
                a, b, got = paragraph_run(ip, len(iu), rng)
                o = d
                while o == d:
                    o = rng.randrange(len(docs))
                other = docs[o][1]
                m = max(2, min(len(iu) - got, len(other)))
                if got < 2 or b - a == len(ip) or m > len(other):
                    kind = "genuine"
                    ep = cut(eu, rng)
                else:
                    k = rng.randrange(len(other) - m + 1)
                    start = sum(len(p) for p in ip[:a])
                    own, foreign = cut(eu[start : start + got], rng), cut(other[k : k + m], rng)
                    ep = own + foreign if rng.random() < 0.5 else foreign + own
            else:
                ep = cut(eu, rng)
            name = "%s-%04d" % (set_name.split("_")[0], d)
            id_text, en_text = text(ip), text(ep)
            files = (id_text, en_text) if kind != "swapped" else (en_text, id_text)
            for side, t in zip(("id", "en"), files):
                with open(os.path.join(out, "docs", f"{name}.{side}.txt"), "w", encoding="utf-8") as f:
                    f.write(t)
            truth[name] = (kind, set_name, id_text, en_text)
            rows.append(name)
    with open(os.path.join(out, "manifest.tsv"), "w", encoding="utf-8") as f:
        f.write("doc\tid\ten\tlabel\n")
        for name in rows:
            label = 0 if truth[name][0] == "mispaired" else 1
            f.write(f"{name}\tdocs/{name}.id.txt\tdocs/{name}.en.txt\t{label}\n")
    return truth


def corpus_rows(path):
    with open(path, encoding="utf-8") as f:
        r = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(r)
        ci = {h: i for i, h in enumerate(header)}
        return [(row[ci["doc"]], float(row[ci["score"]]), row[ci["id"]], row[ci["en"]]) for row in r]


def batch(binary, out, name, extra, jobs):
    path = os.path.join(out, name)
    cmd = [binary, "batch", "-q", os.path.join(out, "manifest.tsv"), "-o", path] + extra
    if jobs:
        cmd += ["-j", str(jobs)]
    subprocess.run(cmd, check=False)
    errors = {}
    with open(path + ".errors.tsv", encoding="utf-8") as f:
        next(f)
        for line in f:
            doc, _, reason = line.rstrip("\n").split("\t", 2)
            errors[doc] = reason
    return corpus_rows(path), errors


def squash(s):
    return " ".join(s.split())


def report(truth, rows, errors, every, align_beads):
    kinds = {}
    for doc, (kind, *_rest) in truth.items():
        kinds.setdefault(kind, []).append(doc)
    bad = set(kinds.get("mispaired", []))
    kept_bad = sum(1 for r in rows if r[0] in bad)
    print(f"documents: {len(truth)} ({', '.join(f'{k} {len(v)}' for k, v in sorted(kinds.items()))})")
    print(f"rows kept: {len(rows)}, from mis-paired documents: {kept_bad} "
          f"({100.0 * kept_bad / max(1, len(rows)):.2f} %; target <= 0.5 %)")
    listed = sum(1 for d in bad if "not a translation" in errors.get(d, ""))
    print(f"mis-paired documents listed as not translations: {listed}/{len(bad)} (target: every one)")
    good_all = sum(1 for r in every if r[0] not in bad)
    good_kept = sum(1 for r in rows if r[0] not in bad)
    print(f"good documents' rows kept: {good_kept}/{good_all} "
          f"({100.0 * good_kept / max(1, good_all):.2f} %; target >= 97 %)")
    for kind in ("genuine", "swapped", "partial", "mixed"):
        docs = kinds.get(kind, [])
        if kind == "mixed" and not docs:
            continue
        passed = sum(1 for d in docs if d not in errors)
        print(f"{kind} documents passing: {passed}/{len(docs)} ({100.0 * passed / max(1, len(docs)):.2f} %)"
              + ("; target >= 99.5 %" if kind == "genuine" else ""))
        for d in docs:
            if d in errors:
                print(f"  lost: {d}: {errors[d]}")
    english_id = 0
    for doc, _, id_text, _ in rows:
        _, _, itext, etext = truth[doc]
        t = squash(id_text)
        if t and t not in squash(itext) and t in squash(etext):
            english_id += 1
    print(f"rows with English in the id column: {english_id} (target 0)")
    below, total = align_beads
    print(f"align on mis-paired pairs: {below}/{total} beads below 0.5 "
          f"({100.0 * below / max(1, total):.2f} %; target >= 90 %)")


def align_mispaired(binary, out, truth, limit):
    below = total = 0
    docs = [d for d, t in truth.items() if t[0] == "mispaired"][:limit]
    for d in docs:
        p = subprocess.run(
            [binary, "align", "--keep-empty", "--keep-identical", "--keep-num-mismatch",
             os.path.join(out, "docs", f"{d}.id.txt"), os.path.join(out, "docs", f"{d}.en.txt")],
            capture_output=True, text=True)
        for line in p.stdout.splitlines()[1:]:
            score = float(line.split("\t")[4])
            total += 1
            below += score < 0.5
    return below, total


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dev", default=os.path.join(root, "..", "shared", "data", "dev"))
    ap.add_argument("--bin", default=os.path.join(root, "target", "release", "selaras"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=0)
    ap.add_argument("--align-docs", type=int, default=40, help="mis-paired pairs run through align")
    ap.add_argument(
        "--sizes",
        default="4,12",
        help="units a document holds, least and most (1,2: short documents, too short for the "
        "document model)",
    )
    ap.add_argument("--mixed", type=float, default=0.0,
                    help="share of documents whose English holds another document's paragraphs "
                    "beside its translation of some (0 by default)")
    ap.add_argument("--keep", help="write the collection here instead of a temporary directory")
    args = ap.parse_args()
    out = args.keep or tempfile.mkdtemp(prefix="mispaired-")
    if args.keep:
        os.makedirs(out, exist_ok=True)
    sizes = tuple(int(x) for x in args.sizes.split(","))
    truth = make(args.dev, out, args.seed, sizes, mixed=args.mixed)
    rows, errors = batch(args.bin, out, "out.tsv", [], args.jobs)
    every, _ = batch(args.bin, out, "all.tsv", ["--keep-unparallel"], args.jobs)
    beads = align_mispaired(args.bin, out, truth, args.align_docs)
    report(truth, rows, errors, every, beads)
    if not args.keep:
        import shutil

        shutil.rmtree(out)


if __name__ == "__main__":
    sys.exit(main())
