#!/usr/bin/env python3
"""Build selaras's bundled Indonesian-English lexicon from the FreeDict eng-ind dictd files.

Usage:
    python3 scripts/build_lexicon.py LEXICON_DIR [OUTPUT]

LEXICON_DIR holds `freedict-eng-ind.index` and `freedict-eng-ind.dict.dz` (Debian package
dict-freedict-eng-ind 2022.12.07-2). OUTPUT defaults to corpus/lexicon/freedict-id-en.tsv
relative to the repository root (the parent of this script's directory).

Output: UTF-8, one pair per line, `id<TAB>en`, lowercased, sorted, deduplicated, preceded by
comment lines starting with `#`.

Entry structure in the .dict.dz (one entry per English headword):

    headword /pronunciation/ ... <pos>
    1. terjemahan, terjemahan lain 2.     <- Indonesian translation line of sense 1
    english gloss of sense 1              <- English gloss (explanation), not a translation
     3.                                   <- marker: another gloss of the same sense follows
    another english gloss
    2. terjemahan                         <- sense 2
    gloss

An entry with a single sense has no numbers: the first line after the headword line is the
translation line, the rest is gloss. Only translation lines are used. Stdlib only.
"""
import gzip
import os
import re
import sys

B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
MAX_WORDS = 3
# A "word" side: letters (incl. accented Latin), internal hyphens, apostrophes, spaces.
WORDY = re.compile(r"^[a-zà-öø-ÿāăčėęěğīıłńōőœřśşšţťūůűźżžșț'’-]+( [a-zà-öø-ÿāăčėęěğīıłńōőœřśşšţťūůűźżžșț'’-]+)*$")
NUMBERED = re.compile(r"^(\d+)\.\s+(.*)$")
GLOSS_MARK = re.compile(r"^\s+\d+\.\s*$")
TRAILING_MARK = re.compile(r"\s+\d+\.\s*$")


def b64(s):
    n = 0
    for c in s:
        n = n * 64 + B64.index(c)
    return n


def translation_lines(entry):
    """Return the Indonesian translation lines of one dictd entry (header line excluded)."""
    lines = entry.split("\n")[1:]
    lines = [ln for ln in lines if ln.strip()]
    if not lines:
        return []
    if NUMBERED.match(lines[0]):
        out = []
        for ln in lines:
            m = NUMBERED.match(ln)  # no leading space: a sense's translation line
            if m:
                out.append(TRAILING_MARK.sub("", m.group(2)))
        return out
    return [TRAILING_MARK.sub("", lines[0])]


def headword(entry):
    """The English headword as written on the entry's first line (before pronunciation/pos)."""
    first = entry.split("\n", 1)[0]
    return re.split(r"\s+[/<]", first, maxsplit=1)[0].strip()


def clean(term):
    # wiki links: [[target|shown]] -> shown, [[target]] -> target
    term = re.sub(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]", r"\1", term)
    term = re.sub(r"\([^)]*\)|\[[^\]]*\]|<[^>]*>|/[^/]*/", " ", term)
    term = term.replace("’", "'").strip().strip("\"'“”‘.!?:").strip()
    term = re.sub(r"\s+", " ", term).lower()
    if not term or not WORDY.match(term):
        return None
    if term.startswith("-") or term.endswith("-"):  # affixes, not words
        return None
    if len(term.split(" ")) > MAX_WORDS:
        return None
    return term


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    src = argv[1]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    dst = argv[2] if len(argv) > 2 else os.path.join(root, "corpus", "lexicon", "freedict-id-en.tsv")
    with open(os.path.join(src, "freedict-eng-ind.index"), encoding="utf-8") as f:
        index = [ln.rstrip("\n").split("\t") for ln in f if ln.strip()]
    with gzip.open(os.path.join(src, "freedict-eng-ind.dict.dz")) as f:
        data = f.read()

    pairs = set()
    n_head = n_head_used = n_terms = n_dropped_id = n_dropped_en = 0
    for head, off, length in index:
        if head.startswith("00database"):
            continue
        n_head += 1
        entry = data[b64(off):b64(off) + b64(length)].decode("utf-8")
        en = clean(headword(entry) or head)
        if en is None:
            n_dropped_en += 1
            continue
        used = False
        for line in translation_lines(entry):
            for term in re.split(r"[,;]", line):
                if not term.strip():
                    continue
                n_terms += 1
                idw = clean(term)
                if idw is None:
                    n_dropped_id += 1
                    continue
                pairs.add((idw, en))
                used = True
        n_head_used += used

    pairs = sorted(pairs)
    tmp = dst + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write("# selaras lexicon derived from FreeDict eng-ind 2022.11.18 (WikDict, Wiktionary); "
                "CC BY-SA 3.0; see LICENSE\n")
        f.write("# id\ten\n")
        for idw, en in pairs:
            f.write(f"{idw}\t{en}\n")
    os.replace(tmp, dst)
    ids = {p[0] for p in pairs}
    ens = {p[1] for p in pairs}
    print(f"headwords: {n_head} (used {n_head_used}, dropped as non-words {n_dropped_en})")
    print(f"translation terms: {n_terms} (dropped {n_dropped_id})")
    print(f"pairs: {len(pairs)}; distinct id: {len(ids)}; distinct en: {len(ens)}")
    print(f"written: {dst}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
