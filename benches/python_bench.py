#!/usr/bin/env python3
"""Python package overhead: aligning the same 10k x 10k pre-split sentences through
`selaras.align` (a whole `python3` process: import, read, align) and through the binary
(`selaras align --presplit --format ladder`), alternately, RUNS times each, with
/usr/bin/time. Prints best and median wall seconds, peak memory and the ratio of medians.

The sentences are whole dev bench documents (../shared/data/dev/*/bench/d*/{id,en}.lines)
concatenated in order, as benches/align_bench.sh builds them.

usage: benches/python_bench.py [N]        (default 10000; needs `pip install .` first)
env:   SELARAS=path/to/selaras  PYTHON=python with the package  RUNS=5
"""
import glob
import os
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEV = os.path.join(ROOT, "..", "shared", "data", "dev")
BIN = os.environ.get("SELARAS", os.path.join(ROOT, "target", "release", "selaras"))
PY = os.environ.get("PYTHON", sys.executable)
RUNS = int(os.environ.get("RUNS", "5"))

PY_ALIGN = """
import sys, selaras
read = lambda p: [l for l in open(p, encoding="utf-8").read().split("\\n") if l.strip()]
beads = selaras.align(read(sys.argv[1]), read(sys.argv[2]))
print(len(beads))
"""


def lines(path):
    with open(path, encoding="utf-8") as f:
        return [l for l in f.read().split("\n") if l.strip()]


def build(n, out_id, out_en):
    docs = sorted(glob.glob(os.path.join(DEV, "*", "bench", "d*")))
    ids, ens = [], []
    while len(ids) < n:
        for d in docs:
            ids += lines(os.path.join(d, "id.lines"))
            ens += lines(os.path.join(d, "en.lines"))
            if len(ids) >= n:
                break
    for path, side in ((out_id, ids), (out_en, ens)):
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(side) + "\n")
    return len(ids), len(ens)


def timed(cmd):
    """Wall seconds and peak RSS (MB) of one run of `cmd`."""
    out = subprocess.run(
        ["/usr/bin/time", "-f", "%e %M", *cmd],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    )
    wall, rss = out.stderr.strip().splitlines()[-1].split()
    return float(wall), int(rss) // 1024


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    if not os.path.isdir(DEV):
        print("skipping: ../shared/data/dev not found")
        return
    with tempfile.TemporaryDirectory() as tmp:
        id_path, en_path = os.path.join(tmp, "id"), os.path.join(tmp, "en")
        ni, ne = build(n, id_path, en_path)
        cmds = {
            "binary": [BIN, "align", "--presplit", "--format", "ladder", id_path, en_path],
            "python": [PY, "-c", PY_ALIGN, id_path, en_path],
        }
        runs = {k: [] for k in cmds}
        for _ in range(RUNS):
            for k, cmd in cmds.items():
                runs[k].append(timed(cmd))
    print(f"machine: {os.cpu_count()} cores; {ni} x {ne} pre-split sentences, {RUNS} runs each")
    print(f"{'':8} {'wall_s best':>12} {'median':>8} {'peak_MB':>8}")
    for k, r in runs.items():
        w = [x[0] for x in r]
        print(f"{k:8} {min(w):12.2f} {statistics.median(w):8.2f} {max(x[1] for x in r):8}")
    med = {k: statistics.median(x[0] for x in r) for k, r in runs.items()}
    print(f"python / binary (medians): {med['python'] / med['binary']:.3f}")


if __name__ == "__main__":
    main()
