#!/usr/bin/env python3
"""Run the selaras binary on malformed inputs across its commands and report what breaks.

    python3 scripts/fuzz_cli.py [--runs N] [--seed S] [--bin target/release/selaras]

Each run writes one generated input (random bytes, truncated UTF-8, UTF-16 with and without
its mark, huge lines, empty files, control characters, manifests with bad rows, JSON Lines with
bad fields, ladders and Moses pairs gone wrong) into a fresh temporary directory and runs one
command on it. A run fails when the binary panics (exit 101 or "panicked"), hangs (a
timeout), exits with a code it does not document (0, 1, 2, 3, 4), says nothing on stderr when
it fails (but for exit 3 under -q: the errors file holds them), writes an output and still
exits 2, or leaves a hidden temporary file or directory behind.
Prints the counts and each failure's command; exit 1 when any run failed.
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOOD_ID = open(os.path.join(ROOT, "tests/data/batch/good/pasar.id.txt"), encoding="utf-8").read()
GOOD_EN = open(os.path.join(ROOT, "tests/data/batch/good/pasar.en.txt"), encoding="utf-8").read()
DOCUMENTED = {0, 1, 2, 3, 4}


def text_variant(rng, base):
    """A malformed variant of a text, as bytes."""
    raw = base.encode("utf-8") or b"x"
    kind = rng.choice([
        "random", "truncate", "utf16", "utf16_nobom", "huge_line", "empty", "blank",
        "controls", "nul", "bom_only", "mixed_ends", "splice", "good",
    ])
    if kind == "random":
        return bytes(rng.getrandbits(8) for _ in range(rng.choice([1, 10, 500, 5000])))
    if kind == "truncate":
        s = raw + "ĕéè—“”".encode("utf-8")
        return s[: rng.randrange(1, len(s))]
    if kind == "utf16":
        return base.encode(rng.choice(["utf-16", "utf-16-be"])) if rng.random() < 0.5 else b"\xff\xfe" + base.encode("utf-16-le")[: rng.randrange(1, 200)]
    if kind == "utf16_nobom":
        return base.encode("utf-16-le")
    if kind == "huge_line":
        word = rng.choice(["kata ", "x", "Harga. ", "a" * 1000 + " "])
        return (word * rng.choice([10_000, 200_000]))[:2_000_000].encode()
    if kind == "empty":
        return b""
    if kind == "blank":
        return b" \n\t\r\n  \n"
    if kind == "controls":
        return bytes(rng.choice([1, 2, 7, 8, 27, 127, 65, 32]) for _ in range(300))
    if kind == "nul":
        k = rng.randrange(len(raw))
        return raw[:k] + b"\x00" + raw[k:]
    if kind == "bom_only":
        return b"\xef\xbb\xbf"
    if kind == "mixed_ends":
        return raw.replace(b"\n", rng.choice([b"\r", b"\r\n", b"\x0b", "\u2028".encode()]))
    if kind == "splice":
        k = rng.randrange(len(raw))
        return raw[:k] + bytes(rng.getrandbits(8) for _ in range(5)) + raw[k:]
    return raw


def field(rng):
    return rng.choice([
        "x", "", None, 5, [1, 2], {"a": 1}, "a\tb\nc", "\u0000", True, "../" * 30 + "etc/passwd",
        "Harga beras naik.", "doc with spaces", "ы" * 300,
    ])


def jsonl_lines(rng, corpus):
    """JSON Lines: a batch stream (doc/id/en texts) or a corpus (id_text/en_text)."""
    lines = []
    for i in range(rng.randrange(0, 6)):
        if rng.random() < 0.2:
            lines.append(rng.choice(["{", "[]", "null", "{\"doc\":", "\ufeff{}", "{}", "42", "\"s\""]))
            continue
        if corpus:
            obj = {"doc": field(rng), "id": rng.choice([[i], [], "x", [-1], [2 ** 70]]),
                   "en": rng.choice([[i], [], None]), "bead": field(rng), "score": field(rng),
                   "id_text": rng.choice([GOOD_ID[:80], field(rng)]), "en_text": rng.choice([GOOD_EN[:80], field(rng)])}
        else:
            obj = {"doc": rng.choice([f"d{i}", field(rng), "d0"]), "id": rng.choice([GOOD_ID, field(rng)]),
                   "en": rng.choice([GOOD_EN, field(rng)])}
        for k in list(obj):
            if rng.random() < 0.1:
                del obj[k]
        lines.append(json.dumps(obj, ensure_ascii=rng.random() < 0.5))
    return ("\n".join(lines) + rng.choice(["", "\n", "\r\n"])).encode()


def manifest(rng, d):
    rows = [rng.choice(["doc\tid\ten", "doc\tid", "id\ten\tdoc", "", "doc\tid\ten\textra"])]
    for i in range(rng.randrange(0, 5)):
        name = f"f{i}"
        with open(os.path.join(d, name + ".id.txt"), "wb") as f:
            f.write(text_variant(rng, GOOD_ID))
        with open(os.path.join(d, name + ".en.txt"), "wb") as f:
            f.write(text_variant(rng, GOOD_EN))
        row = rng.choice([
            f"{name}\t{name}.id.txt\t{name}.en.txt", f"{name}\t{name}.id.txt", f"\t{name}.id.txt\t{name}.en.txt",
            f"{name}\tmissing.txt\t{name}.en.txt", f"{name}\t{d}\t{name}.en.txt", f"{name}\t\t",
            "a\tb\tc\td", "\"q\t\"x\ty",
        ])
        rows.append(row)
    data = "\n".join(rows).encode()
    if rng.random() < 0.2:
        data += b"\nbad\t\xff\xfe.txt\tx\n"
    return data


def table(rng):
    rows = [rng.choice(["doc\tid_idx\ten_idx\tbead\tscore\tid\ten", "id\ten", "x\ty", "", "id"])]
    for i in range(rng.randrange(0, 6)):
        rows.append(rng.choice([
            f"d\t{i}\t{i}\t1-1\t0.9\tHarga naik.\tPrices rose.", "Harga naik.\tPrices rose.", "a\tb\tc",
            f"d\t{i},x\t\t1-0\t0.1\tx\t", "\"unclosed\tx", "\t", "d\t99999999999999999999\t0\t1-1\t1\ta\tb",
        ]))
    data = "\n".join(rows).encode()
    return text_variant(rng, data.decode()) if rng.random() < 0.2 else data


def ladder(rng):
    lines = [rng.choice(["[0]:[0]:0.9", "[0,1]:[1]", "[]:[]", "[x]:[0]", "[0]:[0]:nan", "[99999999999999999999]:[0]",
                         "[0]:[0", "", "[1]:[1]:1.0"]) for _ in range(rng.randrange(0, 5))]
    return "\n".join(lines).encode()


def case(rng, d):
    """Write the inputs of one run into d; return its command (without the binary)."""
    w = lambda name, data: open(os.path.join(d, name), "wb").write(data) and None or os.path.join(d, name)
    p = lambda name: os.path.join(d, name)
    cmd = rng.choice(["split", "align", "align_fmt", "batch_dir", "batch_manifest", "batch_stream",
                      "score", "check", "report", "eval", "score_jsonl", "check_moses", "pair"])
    if cmd == "split":
        w("t.txt", text_variant(rng, GOOD_ID))
        return ["split", "--lang", rng.choice(["id", "en"]), p("t.txt"), "-o", p("out.txt")] + rng.choice([[], ["--presplit"], ["--wrapped"], ["-f", "jsonl"]])
    if cmd in ("align", "align_fmt"):
        w("a.id.txt", text_variant(rng, GOOD_ID))
        w("a.en.txt", text_variant(rng, GOOD_EN) if rng.random() < 0.7 else GOOD_EN.encode())
        fmt = rng.choice(["tsv", "jsonl", "moses", "tmx", "side", "ladder"]) if cmd == "align_fmt" else "tsv"
        extra = rng.choice([[], ["--presplit"], ["--keep-empty"], ["--whole-sentences"], ["--no-learn"]])
        return ["align", p("a.id.txt"), p("a.en.txt"), "-f", fmt, "-o", p("out")] + extra
    if cmd == "batch_dir":
        os.mkdir(p("docs"))
        for i in range(rng.randrange(1, 4)):
            w(f"docs/n{i}.id.txt", text_variant(rng, GOOD_ID))
            w(f"docs/n{i}.en.txt", text_variant(rng, GOOD_EN))
        fmt = rng.choice(["tsv", "jsonl", "moses", "tmx", "ladder"])
        return ["batch", "-q", "-j", "2", p("docs"), "-f", fmt, "-o", p("out")]
    if cmd == "batch_manifest":
        w("m.tsv", manifest(rng, d))
        return ["batch", "-q", "-j", "2", p("m.tsv"), "-o", p("out.tsv")]
    if cmd == "batch_stream":
        return ["batch", "-q", "-j", "2", "-", "-o", p("out.tsv")], jsonl_lines(rng, False)
    if cmd in ("score", "check", "report"):
        w("t.tsv", table(rng))
        out = ["-o", p("out.html" if cmd == "report" else "out.tsv")]
        extra = rng.choice([[], ["--quoted"], ["--from", "text"], ["--no-baseline"]])
        return [cmd, p("t.tsv")] + out + extra + (["-q"] if cmd == "check" else [])
    if cmd == "score_jsonl":
        w("t.jsonl", jsonl_lines(rng, True) if rng.random() < 0.8 else text_variant(rng, GOOD_ID))
        return ["score", p("t.jsonl"), "-o", p("out.tsv")]
    if cmd == "check_moses":
        w("c.id", text_variant(rng, GOOD_ID))
        w("c.en", text_variant(rng, GOOD_EN))
        return ["check", "-q", "--from", "moses", p("c"), "-o", p("out.tsv")]
    if cmd == "eval":
        w("g.ladder", ladder(rng))
        w("p.ladder", ladder(rng))
        return ["eval", "--gold", p("g.ladder"), "--pred", p("p.ladder"), "-o", p("out.txt")]
    # pair
    for side in ("ids", "ens"):
        os.mkdir(p(side))
        for i in range(rng.randrange(0, 3)):
            w(f"{side}/d{i}.txt", text_variant(rng, GOOD_ID if side == "ids" else GOOD_EN))
    return ["pair", "-q", "-j", "2", p("ids"), p("ens"), "-o", p("out.tsv")]


def keep(into, d, run):
    """Copy a failed run's directory into `into` (when given) as run-N."""
    if into:
        shutil.copytree(d, os.path.join(into, f"run-{run}"), symlinks=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=22)
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/selaras"))
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--keep", help="copy the inputs of each failed run into this directory")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    codes, failures = {}, []
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as d:
            made = case(rng, d)
            cmd, stdin = made if isinstance(made, tuple) else (made, b"")
            try:
                p = subprocess.run([args.bin] + cmd, input=stdin, capture_output=True, timeout=args.timeout)
            except subprocess.TimeoutExpired:
                failures.append(("hang", cmd))
                keep(args.keep, d, run)
                continue
            codes[(cmd[0], p.returncode)] = codes.get((cmd[0], p.returncode), 0) + 1
            err = p.stderr.decode("utf-8", "replace")
            problem = None
            if p.returncode == 101 or "panicked" in err:
                problem = "panic: " + err.strip()[-300:]
            elif p.returncode not in DOCUMENTED:
                problem = f"exit {p.returncode}"
            elif p.returncode not in (0, 3) and not err.strip():
                # Exit 3 with -q: the failed documents are in the errors file.
                problem = f"exit {p.returncode} with nothing on stderr"
            leftovers = [n for _, dirs, names in os.walk(d) for n in names + dirs
                         if n.startswith(".") and n.endswith((".tmp", ".old"))]
            if leftovers:
                problem = f"temporary files left: {leftovers}"
            if p.returncode == 2 and any(os.path.exists(os.path.join(d, n)) for n in ("out", "out.tsv", "out.txt", "out.html", "out.id")):
                problem = problem or "exit 2 with an output written"
            if problem:
                failures.append((problem, cmd))
                keep(args.keep, d, run)
    print(f"{args.runs} runs, seed {args.seed}: {len(failures)} failures")
    for (c, code), n in sorted(codes.items()):
        print(f"  {c:<6} exit {code}: {n}")
    for problem, cmd in failures[:40]:
        print(f"FAIL {problem}\n     selaras {' '.join(cmd)}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
