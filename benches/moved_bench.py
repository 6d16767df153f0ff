#!/usr/bin/env python3
"""Moved-content benchmark: documents where a block of English units sits elsewhere than its
Indonesian original, as when a news translator moves a paragraph.

From each dev benchmark (ROOT/SET/bench/dNNNN/{id,en}.lines and gold, as make_bench.py writes
them) it builds OUT/SET/bench/dNNNN/ with the same layout: in most documents (--p-move) a block
of 2-3 consecutive English units (whole gold beads with both sides) is moved at least --min-jump
units forwards or backwards; the gold ladder follows the units (it is then non-monotonic,
written in Indonesian order); id.txt / en.txt are the units as running text, 1-3 units to a
paragraph chosen independently per side, as make_bench.py does. `moved` lists each document's
moved gold beads.

Then it runs `selaras batch` on both tracks (as benches/cli_accuracy.py does: pre-split .lines
with ladders out; running .txt with JSONL out, segments mapped back to units) and scores with
score.py's definitions (strict: a bead identical to a gold bead; lax: sharing a unit on both
sides with a gold bead; recall leaves out beads with an empty side), over all documents, and
over the moved beads alone (recall: gold moved beads found exactly). It also counts predicted
crossing beads (out of order with their neighbours) in documents where nothing moved, which
should be none.

Usage: benches/moved_bench.py [ROOT] [--out DIR] [--selaras BIN] [--sets a,b]
                              [--tracks lines,txt] [--seed N] [--batch-args "ARGS"]
  ROOT  a directory of sets (default: ../shared/data/dev beside the checkout)
  DIR   where the benchmark is written (default: a temporary directory, removed afterwards)
"""
import argparse
import os
import random
import re
import shlex
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import cli_accuracy  # noqa: E402  (its batch runner and the txt track's unit mapping)

LINE = re.compile(r"^\s*\[([^\]]*)\]\s*:\s*\[([^\]]*)\]")


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f if l.strip()]


def parse_ladder(path):
    beads = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = LINE.match(line)
            if not m:
                continue
            s = tuple(sorted(int(x) for x in m.group(1).replace(" ", "").split(",") if x))
            t = tuple(sorted(int(x) for x in m.group(2).replace(" ", "").split(",") if x))
            if s or t:
                beads.append((s, t))
    return beads


def ladder_text(beads):
    return "".join("[%s]:[%s]\n" % (",".join(map(str, s)), ",".join(map(str, t))) for s, t in beads)


def choose_move(gold, rnd, min_jump):
    """A block of consecutive gold beads with both sides holding 2-3 English units, and where
    its English goes: (first bead, beads, English position to insert before, in the order
    without the block), or None."""
    n_en = sum(len(t) for _, t in gold)
    starts = list(range(len(gold)))
    rnd.shuffle(starts)
    want = rnd.choice((2, 3))
    for s in starts:
        units, k = 0, s
        while k < len(gold) and gold[k][0] and gold[k][1] and units < want:
            units += len(gold[k][1])
            k += 1
        if units < 2 or units > 3:
            continue
        block = [j for _, t in gold[s:k] for j in t]
        lo = block[0]
        rest = n_en - len(block)
        # Insertion points (English units before it, once the block is out) at least
        # `min_jump` units away from where the block was, at a bead boundary.
        bounds, acc = set(), 0
        for b in gold:
            if b in gold[s:k]:
                continue
            bounds.add(acc)
            acc += len(b[1])
        bounds.add(rest)
        targets = sorted(p for p in bounds if abs(p - lo) >= min_jump)
        if targets:
            return s, k - s, rnd.choice(targets)
    return None


def move(gold, s, count, at):
    """The gold ladder and the new order of the English units (old indices) after moving the
    English units of beads s..s+count to position `at` (of the order without them)."""
    block = [j for _, t in gold[s:s + count] for j in t]
    inb = set(block)
    n_en = sum(len(t) for _, t in gold)
    rest = [j for j in range(n_en) if j not in inb]
    order = rest[:at] + block + rest[at:]
    new = {old: k for k, old in enumerate(order)}
    moved = [(a, tuple(sorted(new[j] for j in b))) for a, b in gold]
    return moved, order


def paragraphs(lines, rnd):
    paras, j = [], 0
    while j < len(lines):
        m = rnd.choice((1, 1, 2, 2, 3))
        paras.append(" ".join(lines[j:j + m]))
        j += m
    return "\n\n".join(paras) + "\n"


def build(root, out, sets, seed, p_move, min_jump):
    for s in sets:
        src = os.path.join(root, s, "bench")
        rnd = random.Random(f"{seed}:{s}")
        for d in cli_accuracy.docs_of(src):
            ids = read_lines(os.path.join(src, d, "id.lines"))
            ens = read_lines(os.path.join(src, d, "en.lines"))
            gold = parse_ladder(os.path.join(src, d, "gold"))
            pick = choose_move(gold, rnd, min_jump) if rnd.random() < p_move else None
            order, moved = list(range(len(ens))), []
            if pick:
                first, count, at = pick
                gold, order = move(gold, first, count, at)
                moved = gold[first:first + count]
            dst = os.path.join(out, s, "bench", d)
            os.makedirs(dst, exist_ok=True)
            en2 = [ens[j] for j in order]
            files = {
                "id.lines": "\n".join(ids) + "\n",
                "en.lines": "\n".join(en2) + "\n",
                "gold": ladder_text(gold),
                "moved": ladder_text(moved),
                "id.txt": paragraphs(ids, rnd),
                "en.txt": paragraphs(en2, rnd),
            }
            for name, text in files.items():
                with open(os.path.join(dst, name), "w", encoding="utf-8") as f:
                    f.write(text)


def counts(gold, test):
    """score.py's counts: strict right / wrong, lax right / wrong of the test beads."""
    gold_set = set(gold)
    links = {}
    for s, t in gold:
        for a in s:
            links.setdefault(a, set()).update(t)
    c = [0, 0, 0, 0]
    for s, t in set(test):
        if (s, t) in gold_set:
            c[0] += 1
            c[2] += 1
            continue
        c[1] += 1
        c[2 if any(links.get(a, set()) & set(t) for a in s) else 3] += 1
    return c


def prf(p, r):
    def div(a, b):
        return a / b if b else 0.0

    out = []
    for tp, fp in ((0, 1), (2, 3)):
        prec, rec = div(p[tp], p[tp] + p[fp]), div(r[tp], r[tp] + r[fp])
        out.append((prec, rec, div(2 * prec * rec, prec + rec)))
    return out


def crossings(beads):
    """Beads whose English lies before that of an earlier bead (in Indonesian order)."""
    seen, n = -1, 0
    for s, t in sorted((b for b in beads if b[0] and b[1]), key=lambda b: b[0][0]):
        if t[0] < seen:
            n += 1
        seen = max(seen, t[-1])
    return n


def score(bench, pred):
    p, r, mv = [0] * 4, [0] * 4, [0, 0]
    false_cross, still = 0, 0
    for d in cli_accuracy.docs_of(bench):
        gold = parse_ladder(os.path.join(bench, d, "gold"))
        path = os.path.join(pred, d)
        test = parse_ladder(path) if os.path.isfile(path) else []
        for k, v in enumerate(counts(gold, test)):
            p[k] += v
        full = lambda bs: [b for b in bs if b[0] and b[1]]  # noqa: E731
        for k, v in enumerate(counts(full(test), full(gold))):
            r[k] += v
        moved = parse_ladder(os.path.join(bench, d, "moved"))
        found = set(test)
        mv[0] += sum(1 for b in moved if b in found)
        mv[1] += len(moved)
        if not moved:
            still += 1
            false_cross += crossings(test)
    return prf(p, r), mv, still, false_cross


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("root", nargs="?", default=os.path.join(HERE, "..", "..", "shared", "data", "dev"))
    ap.add_argument("--out")
    ap.add_argument("--selaras", default=os.path.join(HERE, "..", "target", "release", "selaras"))
    ap.add_argument("--sets", default="flores200_dev,ud_pud_test,ebible_ags_web_all")
    ap.add_argument("--tracks", default="lines,txt")
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--p-move", type=float, default=0.8)
    ap.add_argument("--min-jump", type=int, default=3)
    ap.add_argument("--batch-args", default="")
    a = ap.parse_args()
    a.root, a.selaras = os.path.abspath(a.root), os.path.abspath(a.selaras)
    if not os.path.isfile(a.selaras):
        sys.exit(f"{a.selaras}: no binary (run `cargo build --release` first)")
    sets = [s for s in a.sets.split(",") if s]
    tmp = tempfile.mkdtemp()
    try:
        out = os.path.abspath(a.out) if a.out else os.path.join(tmp, "moved")
        build(a.root, out, sets, a.seed, a.p_move, a.min_jump)
        extra = shlex.split(a.batch_args)
        print(f"{'set':<20} {'track':<6} {'strict P / R / F1':<22} {'lax F1':<7} "
              f"{'moved found':<13} {'unmoved docs':<13} false crossings")
        for s in sets:
            bench = os.path.join(out, s, "bench")
            docs = cli_accuracy.docs_of(bench)
            for track in a.tracks.split(","):
                work = os.path.join(tmp, f"{s}.{track}")
                os.makedirs(work)
                pred = os.path.join(work, "pred")
                man, errors = os.path.join(work, "manifest.tsv"), os.path.join(work, "errors.tsv")
                if track == "lines":
                    cli_accuracy.manifest(man, bench, docs, "lines")
                    args = [man, "--presplit", "-f", "ladder", "-o", pred, "--errors", errors]
                    cli_accuracy.batch(a.selaras, args, extra)
                elif track == "txt":
                    cli_accuracy.manifest(man, bench, docs, "txt")
                    corpus = os.path.join(work, "corpus.jsonl")
                    keep = ["--keep-empty", "--keep-identical", "--keep-num-mismatch"]
                    cli_accuracy.batch(a.selaras, [man, "-f", "jsonl", "-o", corpus, "--errors", errors, *keep], extra)
                    os.mkdir(pred)
                    cli_accuracy.txt_ladders(corpus, bench, pred)
                else:
                    sys.exit(f"unknown track {track} (lines, txt)")
                (strict, lax), mv, still, false_cross = score(bench, pred)
                st = "%.3f/%.3f/%.3f" % strict
                print(f"{s:<20} {track:<6} {st:<22} {lax[2]:<7.3f} {mv[0]:>5}/{mv[1]:<7} "
                      f"{still:<13} {false_cross}")
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
