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
executor logs; a line number there counts lines of the partition) and make selaras exit with code 3, which Spark treats as a failed task; with
--allow-failed a small shell wrapper turns exit code 3 into 0 so the job completes without
those documents.

usage:
  spark-submit scripts/spark_align.py INPUT.jsonl OUTPUT_DIR [--partitions N]
      [--selaras PATH] [--allow-failed] [-- extra selaras batch options]
  (or: python3 scripts/spark_align.py ... with pyspark installed; local mode by default)
"""
import argparse
import json
import os
import shlex
import sys


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
    sc.setLogLevel("ERROR")
    docs = sc.textFile(args.input)
    if args.partitions > 0:
        docs = docs.repartition(args.partitions)
    cmd = [args.selaras, "batch", "-", "--quiet", "--format", "jsonl", "--jobs", "1"] + extra
    if args.allow_failed:
        # Exit code 3 means "some documents failed, the rest is complete": accept it.
        cmd = ["sh", "-c", shlex.join(cmd) + '; s=$?; [ "$s" -eq 3 ] && exit 0; exit "$s"']
    # RDD.pipe takes one command string and splits it with shlex.
    pairs = docs.pipe(shlex.join(cmd))
    pairs.saveAsTextFile(args.output)

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
