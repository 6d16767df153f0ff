#!/usr/bin/env python3
"""Accuracy on real-world layouts, built from the dev benchmarks (SET/bench/dNNNN, as
make_bench.py writes them): hard-wrapped text and run-in headlines.

Variants of the running-text (.txt) track, each scored like benches/cli_accuracy.py scores
that track (`selaras batch -f jsonl` over a manifest of the set; every segment mapped to the
.lines units its byte span overlaps, beads sharing a unit merged; `selaras eval` against the
set's gold):

- `txt`: the set's own .txt files (paragraphs of 1-3 units, blank lines between them);
- `wrap72`, `wrap60`, `wrap80`: the same paragraphs hard-wrapped at 72, 60 or 80 columns (a
  greedy wrapper turns spaces into line breaks, so every byte stays where it was), read with
  wrap detection (the default); `wrap72 --no-wrapped` reads them line by line, as before
  detection; `wrap72 packed`: no blank line between paragraphs (as text taken from a PDF);
- `head-own`: headlines on a line of their own; `head-run`: run into the first sentence of
  their paragraph. The headlines are made from the gold's 1-1 beads: the document's first
  one, and up to two more short ones (at most 12 English words) chosen at random as subheads, none next to another;
  the unit's final full stop is taken off, and each side is written in title case (small
  function words in lower case) or in sentence case, chosen per document and side (English
  titles mostly title case, Indonesian ones as often one as the other, as in news sites). A
  headline starts its paragraph; the units after it are laid out in paragraphs of 1-3.

Usage: benches/layout_bench.py [ROOT] [--selaras BIN] [--sets a,b] [--variants v1,v2]
                               [--keep DIR] [--seed N]
  ROOT       a directory of sets (default: ../shared/data/dev beside the checkout)
  --keep     write the variant sets under DIR (kept) instead of a temporary directory
"""
import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import cli_accuracy as ca  # noqa: E402

# The span of each unit in a set's own .txt (cli_accuracy's); scoring reads the spans written
# with each variant instead.
UNIT_SPANS = ca.unit_spans

# Words that stay in lower case inside a title-cased headline.
SMALL = {
    "en": set("a an the and or but nor of in on at to for by with from as into over per via vs".split()),
    "id": set("di ke dari dan atau yang untuk dengan pada dalam oleh bagi akan tak tidak si sang".split()),
}

VARIANTS = {
    "txt": ("txt", []),
    "wrap72": ("wrap72", []),
    "wrap72 --no-wrapped": ("wrap72", ["--no-wrapped"]),
    "wrap72 packed": ("wrap72p", []),
    "wrap60": ("wrap60", []),
    "wrap80": ("wrap80", []),
    "head-own": ("headown", []),
    "head-run": ("headrun", []),
}
DEFAULT = "txt,wrap72,wrap72 --no-wrapped,wrap72 packed,wrap60,wrap80,head-own,head-run"


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f if l.strip()]


def wrap(paragraph, width):
    """`paragraph` with some of its spaces turned into line breaks, greedily, so that no line
    is longer than `width` characters unless one word is."""
    out, col = [], 0
    for k, word in enumerate(paragraph.split(" ")):
        if k == 0:
            out.append(word)
            col = len(word)
        elif col + 1 + len(word) <= width:
            out.append(" " + word)
            col += 1 + len(word)
        else:
            out.append("\n" + word)
            col = len(word)
    return "".join(out)


def txt_paragraphs(text):
    return [p for p in text.split("\n\n") if p.strip()]


def headline(unit, lang, title_case):
    """A headline made from a unit: no final full stop; in title case when asked."""
    h = unit.rstrip()
    if h.endswith(".") and not h.endswith(".."):
        h = h[:-1]
    if not title_case:
        return h
    words = h.split(" ")
    for k, w in enumerate(words):
        m = re.search(r"[^\W\d_]", w)
        if not m or (k > 0 and w.lower() in SMALL[lang]):
            continue
        i = m.start()
        if w[i].islower() and not any(c.isupper() for c in w):
            words[k] = w[:i] + w[i].upper() + w[i + 1:]
    return " ".join(words)


def parse_gold(path):
    beads = []
    for line in read_lines(path):
        a, b = line.split(":")
        ids = [int(x) for x in a.strip("[]").split(",") if x]
        ens = [int(x) for x in b.strip("[]").split(",") if x]
        beads.append((ids, ens))
    return beads


def pick_headlines(beads, units_en, rng):
    """The gold beads (their unit indices) made headlines: the first 1-1 bead, and up to two
    more short 1-1 beads, each followed by a bead with a unit on both sides (a headline runs
    into a sentence on each side), none of them a headline."""
    ok = [
        (a[0], b[0])
        for k, (a, b) in enumerate(beads)
        if len(a) == 1 and len(b) == 1 and k + 1 < len(beads) and all(beads[k + 1])
    ]
    if not ok:
        return []
    chosen = [ok[0]]
    rest = [p for p in ok[1:] if len(units_en[p[1]].split()) <= 12]
    rng.shuffle(rest)
    want = 1 + rng.choice((0, 1, 2))
    # A headline is followed by a sentence, not by another headline: a subhead right after
    # one would run into it, not into the first sentence of its paragraph.
    for p in rest:
        if len(chosen) == want:
            break
        if all(abs(p[0] - q[0]) > 1 and abs(p[1] - q[1]) > 1 for q in chosen):
            chosen.append(p)
    return chosen


def layout(units, heads, run_in, rng):
    """Units laid out as paragraphs of 1-3 (blank lines between), a headline starting its
    paragraph, run into the next unit or on a line of its own; returns the text and each
    unit's byte span."""
    paras, cur = [], []
    k = 0
    while k < len(units):
        if k in heads:
            if cur:
                paras.append(cur)
            if run_in and k + 1 < len(units):
                cur = [k, k + 1]
                k += 2
            else:
                paras.append([k])
                cur = []
                k += 1
            continue
        cur.append(k)
        if len(cur) >= rng.choice((1, 1, 2, 2, 3)):
            paras.append(cur)
            cur = []
        k += 1
    if cur:
        paras.append(cur)
    text, spans = b"", [None] * len(units)
    for n, para in enumerate(paras):
        if n:
            text += b"\n\n"
        for j, u in enumerate(para):
            if j:
                text += b" "
            b = units[u].encode("utf-8")
            spans[u] = (len(text), len(text) + len(b))
            text += b
    return text.decode("utf-8") + "\n", spans


def write_doc(dst, src, sides, gold=None):
    os.makedirs(dst, exist_ok=True)
    shutil.copyfile(os.path.join(src, "gold"), os.path.join(dst, "gold"))
    for side, (text, units, spans) in sides.items():
        with open(os.path.join(dst, side + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)
        with open(os.path.join(dst, side + ".lines"), "w", encoding="utf-8") as f:
            f.write("".join(u + "\n" for u in units))
        with open(os.path.join(dst, "spans." + side + ".json"), "w") as f:
            json.dump(spans, f)


def build(bench, out, kind, seed):
    """Write the variant `kind` of the set at `bench` into `out`."""
    for d in ca.docs_of(bench):
        src = os.path.join(bench, d)
        # The same headlines for both head variants: one generator for them, one for layout.
        rng = random.Random(f"{seed}/{d}/heads")
        rng_layout = random.Random(f"{seed}/{d}/layout")
        units = {s: read_lines(os.path.join(src, s + ".lines")) for s in ("id", "en")}
        sides = {}
        if kind.startswith("head"):
            heads = pick_headlines(parse_gold(os.path.join(src, "gold")), units["en"], rng)
            for s, lang_heads in (("id", {h[0] for h in heads}), ("en", {h[1] for h in heads})):
                title = rng.random() < (0.8 if s == "en" else 0.5)
                us = [headline(u, s, title) if k in lang_heads else u for k, u in enumerate(units[s])]
                text, spans = layout(us, lang_heads, kind == "headrun", rng_layout)
                sides[s] = (text, us, spans)
        else:
            for s in ("id", "en"):
                with open(os.path.join(src, s + ".txt"), encoding="utf-8") as f:
                    text = f.read()
                spans = UNIT_SPANS(src, s)
                if kind.startswith("wrap"):
                    width = int(kind[4:6])
                    sep = "\n" if kind.endswith("p") else "\n\n"
                    # A one-byte separator moves the bytes after it: take the spans afresh.
                    paras = [wrap(p, width) for p in txt_paragraphs(text)]
                    text = sep.join(paras) + "\n"
                    spans = respan(text, units[s])
                sides[s] = (text, units[s], spans)
        write_doc(os.path.join(out, d), src, sides)


def respan(text, units):
    """Each unit's byte span in `text`, where spaces between its words may be line breaks."""
    raw = text.encode("utf-8")
    spans, pos = [], 0
    for u in units:
        pat = re.compile(b"[ \n]".join(re.escape(w.encode("utf-8")) for w in u.split(" ")))
        m = pat.search(raw, pos)
        if not m:
            sys.exit(f"unit not found after wrapping: {u[:60]}")
        spans.append((m.start(), m.end()))
        pos = m.end()
    return spans


def spans_from_file(doc_dir, side):
    with open(os.path.join(doc_dir, "spans." + side + ".json")) as f:
        return [tuple(x) for x in json.load(f)]


def score(exe, bench, extra):
    """Strict and lax P/R/F1 of the txt track of `bench`, and the stderr of the batch run."""
    docs = ca.docs_of(bench)
    with tempfile.TemporaryDirectory() as tmp:
        gold, pred = os.path.join(tmp, "gold"), os.path.join(tmp, "pred")
        os.mkdir(gold)
        os.mkdir(pred)
        for d in docs:
            shutil.copyfile(os.path.join(bench, d, "gold"), os.path.join(gold, d))
        man = os.path.join(tmp, "manifest.tsv")
        ca.manifest(man, bench, docs, "txt")
        out = os.path.join(tmp, "corpus.jsonl")
        keep = ["--keep-empty", "--keep-identical", "--keep-num-mismatch"]
        errors = os.path.join(tmp, "errors.tsv")
        ca.batch(exe, [man, "-f", "jsonl", "-o", out, "--errors", errors, *keep], extra)
        ca.txt_ladders(out, bench, pred)
        # Beads that share a unit with another (merged by the scoring): a unit cut in two.
        beads = sum(1 for _ in open(out, encoding="utf-8"))
        merged = sum(sum(1 for _ in open(os.path.join(pred, d))) for d in os.listdir(pred))
        # A document that failed has no prediction file: `selaras eval` scores it as
        # predicting nothing.
        with open(out + ".stats.json") as f:
            wrapped = json.load(f)["wrapped"]
        r = subprocess.run(
            [exe, "eval", "--gold", gold, "--pred", pred, "--format", "json"],
            capture_output=True, text=True,
        )
        if r.returncode != 0:
            sys.exit(f"selaras eval failed on {bench}: {r.stderr.strip()}")
        return json.loads(r.stdout)["overall"], wrapped, beads - merged


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("root", nargs="?", default=os.path.join(ca.REPO, "..", "shared", "data", "dev"))
    ap.add_argument("--selaras", default=os.path.join(ca.REPO, "target", "release", "selaras"))
    ap.add_argument("--sets", default="flores200_dev,ud_pud_test")
    ap.add_argument("--variants", default=DEFAULT)
    ap.add_argument("--keep", default="")
    ap.add_argument("--seed", type=int, default=19)
    a = ap.parse_args()
    a.root, a.selaras = os.path.abspath(a.root), os.path.abspath(a.selaras)
    if not os.path.isfile(a.selaras):
        sys.exit(f"{a.selaras}: no binary (run `cargo build --release` first)")
    ca.unit_spans = spans_from_file
    work = a.keep or tempfile.mkdtemp()
    print(f"{'set':<15} {'variant':<21} {'strict P / R / F1':<22} {'lax F1':<7} wrapped docs (id, en)  units cut")
    try:
        for s in [x for x in a.sets.split(",") if x]:
            bench = os.path.join(a.root, s, "bench")
            built = {}
            for v in [x for x in a.variants.split(",") if x]:
                kind, extra = VARIANTS[v]
                if kind not in built:
                    built[kind] = os.path.join(work, s, kind)
                    build(bench, built[kind], kind, f"{a.seed}/{s}")
                o, w, cut = score(a.selaras, built[kind], extra)
                st = " / ".join("%.3f" % o["strict"][k] for k in ("precision", "recall", "f1"))
                lx = "%.3f" % o["lax"]["f1"]
                print(f"{s:<15} {v:<21} {st:<22} {lx:<7} {w['documents']} ({w['id']}, {w['en']})  {cut}", flush=True)
    finally:
        if not a.keep:
            shutil.rmtree(work)


if __name__ == "__main__":
    main()
