#!/usr/bin/env python3
"""Align a corpus of article pairs with selaras under Apache Spark.

Input: JSON Lines, one article pair per line: {"doc": ..., "id": "<text>", "en": "<text>"}
(any Hadoop-readable path: local, HDFS, S3 ...). Each partition is piped through
`selaras batch - --format jsonl` (RDD.pipe); selaras reads the partition's lines on stdin and
writes one JSON object per aligned pair on stdout. The result is written as JSON Lines text
files (one part file per partition) under OUTPUT.

selaras must be installed on every worker (same path; see --selaras). Corpus-level learning is
per partition (each selaras process learns online from the documents it sees). Documents that
fail (bad JSON line, empty side) are reported one per line on the executor's stderr (Spark's
executor logs; a line number there counts lines of the partition) and make selaras exit with
code 3. Spark checks each partition's exit code (RDD.pipe with checkCode): any code but 0 fails
the task and so the job, and this script then removes the output directory (no partial part
files, no _SUCCESS) and exits with selaras's code (3 some documents failed, 2 bad input or
usage, 1 anything else). With --allow-failed exit code 3 (and only 3) is accepted: the job
completes without the failed documents.

usage:
  spark-submit scripts/spark_align.py INPUT.jsonl OUTPUT_DIR [--partitions N]
      [--selaras PATH] [--allow-failed] [-- extra selaras batch options]
  (or: python3 scripts/spark_align.py ... with pyspark installed; local mode by default)
"""
import argparse
import json
import os
import re
import shlex
import sys


def failed_code(message):
    """The exit code of the piped command named in a failed job's message (PySpark's
    "Pipe function `...' exited with error code N"), or None when there is none."""
    m = re.search(r"exited with error code (\d+)", message)
    return int(m.group(1)) if m else None


def hadoop_path(sc, output):
    """OUTPUT as a Hadoop path and its file system (local, HDFS, S3 ...)."""
    path = sc._jvm.org.apache.hadoop.fs.Path(output)
    return path, path.getFileSystem(sc._jsc.hadoopConfiguration())


def output_exists(sc, output):
    path, fs = hadoop_path(sc, output)
    return fs.exists(path)


def remove_output(sc, output):
    """Remove what the failed job left at OUTPUT (it did not exist before the run)."""
    path, fs = hadoop_path(sc, output)
    if fs.exists(path):
        fs.delete(path, True)


def main():
    argv = sys.argv[1:]
    extra = []
    if "--" in argv:
        k = argv.index("--")
        argv, extra = argv[:k], argv[k + 1 :]
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--partitions", type=int, default=0, help="repartition the input first")
    ap.add_argument("--selaras", default="selaras", help="the selaras binary on the workers")
    ap.add_argument("--master", default=os.environ.get("SPARK_MASTER", "local[*]"))
    ap.add_argument(
        "--allow-failed",
        action="store_true",
        help="do not fail the task when some documents of a partition fail (exit code 3)",
    )
    args = ap.parse_args(argv)

    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.appName("selaras-align")
        .master(args.master)
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    sc = spark.sparkContext
    # A failed task is reported below, in one line; Spark's own log of it is a page of stack.
    sc.setLogLevel("OFF")
    if output_exists(sc, args.output):
        print(f"spark_align: {args.output} exists: give a new output directory", file=sys.stderr)
        spark.stop()
        sys.exit(2)
    docs = sc.textFile(args.input)
    if args.partitions > 0:
        docs = docs.repartition(args.partitions)
    cmd = [args.selaras, "batch", "-", "--quiet", "--format", "jsonl", "--jobs", "1"] + extra
    if args.allow_failed:
        # Exit code 3 means "some documents failed, the rest is complete": accept it.
        cmd = ["sh", "-c", shlex.join(cmd) + '; s=$?; [ "$s" -eq 3 ] && exit 0; exit "$s"']
    # RDD.pipe takes one command string and splits it with shlex; checkCode makes a partition
    # whose command exits with another code than 0 fail its task.
    pairs = docs.pipe(shlex.join(cmd), checkCode=True)
    try:
        pairs.saveAsTextFile(args.output)
    except Exception as e:  # a Py4J error carrying the task's failure
        code = failed_code(str(e))
        remove_output(sc, args.output)
        if code is None:
            first = next((l for l in str(e).splitlines() if l.strip()), "")
            print(f"spark_align: the job failed: {first}", file=sys.stderr)
            code = 1
        else:
            hint = " (some documents failed: see the executors' stderr, or use --allow-failed)"
            print(
                f"spark_align: a partition's selaras exited with code {code}; "
                f"{args.output} is not written" + (hint if code == 3 else ""),
                file=sys.stderr,
            )
        spark.stop()
        sys.exit(code if code in (1, 2, 3) else 1)

    # A small summary, computed from the written corpus.
    written = sc.textFile(args.output).map(json.loads)
    by_bead = dict(written.map(lambda r: (r["bead"], 1)).reduceByKey(lambda a, b: a + b).collect())
    n_docs = written.map(lambda r: r["doc"]).distinct().count()
    print(
        json.dumps(
            {
                "input_lines": docs.count(),
                "partitions": docs.getNumPartitions(),
                "documents_aligned": n_docs,
                "pairs": sum(by_bead.values()),
                "pairs_by_bead": by_bead,
            },
            sort_keys=True,
        )
    )
    spark.stop()


if __name__ == "__main__":
    main()
