#!/usr/bin/env python3
"""Speed and memory of selaras's default paths, in one run (the README's speed table).

Builds its inputs at run time from the dev sets' parallel units (../shared/data/dev) in a
temporary directory (nothing is committed) and times whole processes with /usr/bin/time:

- news: the FLORES-200 and UD PUD units in order (repeated to the size), 10k and 100k
  sentences a side, once pre-split (one unit a line, `align --presplit`) and once as running
  text (the same units in paragraphs of 1-3, `align`: segmentation and clause alignment);
- verse: the New Testament benchmark's documents joined into one pair of about 8k units,
  pre-split (`id.lines`) and as the benchmark's running text (`id.txt`; verses often end at
  a comma, so the finer clause search runs);
- batch: a directory of 1,000 and 5,000 generated news article pairs (benches/gen_batch.py)
  through `batch -j 2` with corpus learning: pairs/s and peak memory (which should not grow
  with the number of documents);
- a JSON Lines stream of generated article pairs through `batch -` (online learning; memory
  should stay flat however long the stream);
- hunalign on the same pre-split 10k lines, when a hunalign binary is given (HUNALIGN=path),
  with the bundled lexicon as its dictionary (`en @ id` lines), for the ratio.

    cargo build --release && python3 benches/speed.py [--runs N] [--sizes 10000,100000]
        [--wait-idle 0.9]

Prints one line per job (best and median wall time over the runs, user time, peak RSS) and
the ratios the targets are stated in. Runs of 100k sentences and of 5,000 articles are made
once unless --runs-large says otherwise.
"""

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def units(dev, name):
    with open(os.path.join(dev, name, "units.id"), encoding="utf-8") as f:
        ids = [l.strip() for l in f]
    with open(os.path.join(dev, name, "units.en"), encoding="utf-8") as f:
        ens = [l.strip() for l in f]
    return [(i, e) for i, e in zip(ids, ens) if i and e]


def take(pairs, n):
    out = []
    while len(out) < n:
        out += pairs[: n - len(out)]
    return out


def write_presplit(pairs, path):
    for k, side in ((0, "id"), (1, "en")):
        with open(f"{path}.{side}", "w", encoding="utf-8") as f:
            f.write("\n".join(p[k] for p in pairs) + "\n")


def write_running(pairs, path, seed):
    """Paragraphs of 1-3 units, chosen independently for each side."""
    for k, side in ((0, "id"), (1, "en")):
        rng = random.Random(seed * 2 + k)
        paras, i = [], 0
        while i < len(pairs):
            step = rng.randint(1, 3)
            paras.append(" ".join(p[k] for p in pairs[i : i + step]))
            i += step
        with open(f"{path}.{side}", "w", encoding="utf-8") as f:
            f.write("\n\n".join(paras) + "\n")


def counts(arg):
    """A comma-separated list of sizes, zeros left out."""
    return [int(x) for x in arg.split(",") if x.strip() and int(x) > 0]


def join_bench(bench, presplit, running):
    """The benchmark's documents joined into one pair, as `presplit.{id,en}` (its .lines
    files) and `running.{id,en}` (its .txt files, a blank line between documents); returns
    the units a side."""
    docs = sorted(d for d in os.listdir(bench) if os.path.isdir(os.path.join(bench, d)))
    counts = []
    for side in ("id", "en"):
        lines, texts = [], []
        for d in docs:
            with open(os.path.join(bench, d, side + ".lines"), encoding="utf-8") as f:
                lines += [l for l in f.read().split("\n") if l.strip()]
            with open(os.path.join(bench, d, side + ".txt"), encoding="utf-8") as f:
                texts.append(f.read().strip())
        with open(f"{presplit}.{side}", "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        with open(f"{running}.{side}", "w", encoding="utf-8") as f:
            f.write("\n\n".join(texts) + "\n")
        counts.append(len(lines))
    return counts


def idle_share(seconds=0.5):
    """The share of the machine's CPU time spent idle over the next `seconds` (Linux
    /proc/stat; None elsewhere)."""
    def read():
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        return v[3] + v[4], sum(v)

    try:
        a = read()
        time.sleep(seconds)
        b = read()
    except OSError:
        return None
    return (b[0] - a[0]) / max(1, b[1] - a[1])


# --wait-idle: the idle share a run waits for, and the longest wait in seconds.
WAIT_IDLE = None


def wait_idle():
    """On a shared machine, wait (at most WAIT_IDLE[1] seconds) until the CPUs have been
    idle for at least the share WAIT_IDLE[0] over half a second."""
    if WAIT_IDLE is None:
        return
    share, most = WAIT_IDLE
    end = time.time() + most
    while time.time() < end:
        x = idle_share()
        if x is None or x >= share:
            return
        time.sleep(0.5)


def timed(cmd, runs, stdin=None, cwd=None):
    """(wall seconds of each run, user seconds of each run, largest peak RSS in MB); `stdin`:
    a file each run reads on its standard input; `cwd`: where it runs."""
    walls, users, peak = [], [], 0
    for _ in range(runs):
        wait_idle()
        with tempfile.NamedTemporaryFile("r") as t, open(stdin or os.devnull, "rb") as inp:
            subprocess.run(
                ["/usr/bin/time", "-f", "%e %U %M", "-o", t.name] + cmd,
                stdin=inp,
                cwd=cwd,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=True,
            )
            wall, user, rss = t.read().split()[-3:]
        walls.append(float(wall))
        users.append(float(user))
        peak = max(peak, int(rss) // 1024)
    return walls, users, peak


def line(label, walls, users, peak, extra=""):
    best, med = min(walls), statistics.median(walls)
    print(
        f"{label:<44} wall {best:7.2f} / {med:7.2f} s  user {min(users):7.2f} s  "
        f"peak {peak:5d} MB  runs {len(walls)}{extra}",
        flush=True,
    )
    return best


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="runs of the small jobs")
    ap.add_argument("--runs-large", type=int, default=1, help="runs of 100k and 5,000 articles")
    ap.add_argument("--sizes", default="10000,100000", help="news sentences a side")
    ap.add_argument("--articles", default="1000,5000", help="article pairs for batch")
    ap.add_argument("--stream", default="10000", help="article pairs in the JSON Lines stream")
    ap.add_argument("--selaras", default=os.path.join(ROOT, "target", "release", "selaras"))
    ap.add_argument("--dev", default=os.path.join(ROOT, "..", "shared", "data", "dev"))
    ap.add_argument(
        "--wait-idle",
        type=float,
        metavar="SHARE",
        help="start each run only once the CPUs were idle this share of half a second "
        "(e.g. 0.9; waits at most 60 s): for a machine shared with other jobs",
    )
    args = ap.parse_args()
    global WAIT_IDLE
    if args.wait_idle is not None:
        WAIT_IDLE = (args.wait_idle, 60.0)
    if not os.path.isdir(args.dev):
        sys.exit(f"speed.py: {args.dev} not found (the dev sets, beside the checkout)")
    if not os.access(args.selaras, os.X_OK):
        sys.exit(f"speed.py: {args.selaras} not found: cargo build --release first")
    sel = args.selaras
    print(f"machine: {os.cpu_count()} cores, {platform.machine()}, load {os.getloadavg()[0]:.1f}")
    if WAIT_IDLE:
        print(f"each run starts once the CPUs were idle {WAIT_IDLE[0]:.0%} of half a second")
    print(f"binary: {sel}; best / median wall time, user time, peak RSS (/usr/bin/time)")
    tmp = tempfile.mkdtemp(prefix="selaras-speed-")
    try:
        news = units(args.dev, "flores200_dev") + units(args.dev, "ud_pud_test")
        best = {}
        for n in counts(args.sizes):
            runs = args.runs if n <= 10000 else args.runs_large
            pairs = take(news, n)
            p, r = os.path.join(tmp, f"p{n}"), os.path.join(tmp, f"r{n}")
            write_presplit(pairs, p)
            write_running(pairs, r, n)
            w, u, m = timed([sel, "align", "--presplit", "-f", "ladder", p + ".id", p + ".en"], runs)
            best[("pre", n)] = line(f"news {n} x {n}, align --presplit", w, u, m)
            w, u, m = timed([sel, "align", "-f", "ladder", r + ".id", r + ".en"], runs)
            t = line(f"news {n} x {n}, align (running text)", w, u, m)
            print(f"{'':<44} running text / pre-split: {t / best[('pre', n)]:.2f}x")
        sizes = sorted(n for (k, n) in best if k == "pre")
        if len(sizes) > 1:
            a, b = sizes[0], sizes[-1]
            print(f"{'':<44} pre-split {b} / {a}: {best[('pre', b)] / best[('pre', a)]:.1f}x")
        p, r = os.path.join(tmp, "verse_p"), os.path.join(tmp, "verse_r")
        verses = join_bench(os.path.join(args.dev, "ebible_ags_web_all", "bench"), p, r)
        w, u, m = timed([sel, "align", "--presplit", "-f", "ladder", p + ".id", p + ".en"], args.runs)
        pre = line(f"verse {verses[0]} x {verses[1]}, align --presplit", w, u, m)
        w, u, m = timed([sel, "align", "-f", "ladder", r + ".id", r + ".en"], args.runs)
        t = line(f"verse {verses[0]} x {verses[1]}, align (running text)", w, u, m)
        print(f"{'':<44} running text / pre-split: {t / pre:.2f}x")
        hun = os.environ.get("HUNALIGN")
        if hun and ("pre", 10000) in best:
            p = os.path.join(tmp, "p10000")
            dic = os.path.join(tmp, "id-en.dic")
            with open(dic, "w", encoding="utf-8") as out:
                for name in ("freedict-id-en.tsv", "core-id-en.tsv"):
                    with open(os.path.join(ROOT, "corpus", "lexicon", name), encoding="utf-8") as f:
                        for l in f:
                            if not l.startswith("#") and "\t" in l:
                                i, e = l.rstrip("\n").split("\t")[:2]
                                out.write(f"{e} @ {i}\n")
            # hunalign writes a file of its own where it runs.
            w, u, m = timed([hun, dic, p + ".id", p + ".en"], args.runs, cwd=tmp)
            h = line("news 10000 x 10000, hunalign + bundled lexicon", w, u, m)
            print(f"{'':<44} selaras / hunalign: {best[('pre', 10000)] / h:.2f}x")
        for n in counts(args.articles):
            runs = args.runs if n <= 1000 else args.runs_large
            d = os.path.join(tmp, f"docs{n}")
            subprocess.run(
                [sys.executable, os.path.join(HERE, "gen_batch.py"), args.dev, "dir", d, str(n)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            out = os.path.join(tmp, f"batch{n}.tsv")
            w, u, m = timed([sel, "batch", d, "-o", out, "-j", "2", "-q"], runs)
            with open(out, encoding="utf-8") as f:
                rows = sum(1 for _ in f) - 1
            with open(out + ".stats.json", encoding="utf-8") as f:
                aligned = json.load(f)["pairs"]["aligned"]
            line(
                f"batch -j 2, {n} article pairs (directory)",
                w,
                u,
                m,
                f"  {aligned} pairs aligned ({rows} kept), {aligned / min(w):,.0f} pairs/s",
            )
        for n in counts(args.stream):
            stream = os.path.join(tmp, f"stream{n}.jsonl")
            with open(stream, "w", encoding="utf-8") as f:
                subprocess.run(
                    [sys.executable, os.path.join(HERE, "gen_batch.py"), args.dev, "jsonl", "-", str(n), "7"],
                    check=True,
                    stdout=f,
                )
            out = os.path.join(tmp, f"stream{n}.tsv")
            w, u, m = timed([sel, "batch", "-", "-o", out, "-j", "2", "-q"], args.runs_large, stream)
            with open(out + ".stats.json", encoding="utf-8") as f:
                aligned = json.load(f)["pairs"]["aligned"]
            line(
                f"batch -j 2, JSON Lines stream of {n} article pairs",
                w,
                u,
                m,
                f"  {aligned} pairs aligned, {aligned / min(w):,.0f} pairs/s",
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
