"""Spark local[2] against ``credscore score --jobs 2`` on the same JSONL documents.

    python benchmarks/speed/spark_vs_cli.py [--input work_data/speed/corpus_text.jsonl]

Prints a markdown section (and appends it to reports/benchmarks.md with --append). Spark's time
is measured twice: the whole job including the JVM and session start, and the scoring job alone
on a warm session (what a long-running cluster job pays per batch).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--input", default=str(ROOT / "work_data/speed/corpus_text.jsonl"))
    ap.add_argument("--append", action="store_true")
    args = ap.parse_args()
    n = sum(1 for _ in open(args.input, "rb"))
    tmp = Path(tempfile.mkdtemp())
    # credscore score --jobs 2
    t = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "scorer", "score", "--quiet", args.input, "-o",
                           str(tmp / "cli.jsonl"), "--jobs", "2"], cwd=ROOT)
    cli_s = time.monotonic() - t
    assert proc.returncode in (0, 1)
    # Spark local[2]
    t0 = time.monotonic()
    from pyspark.sql import SparkSession

    from scorer.integrations.spark import read_inputs, score_dataframe

    spark = (SparkSession.builder.master("local[2]").appName("credscore-bench")
             .config("spark.ui.enabled", "false").config("spark.driver.memory", "4g")
             .getOrCreate())
    started = time.monotonic() - t0
    # A JSONL file is one task (streamed by credscore's reader); split it so both cores work.
    parts = tmp / "parts"
    parts.mkdir()
    lines = open(args.input, "rb").readlines()
    half = len(lines) // 2
    (parts / "a.jsonl").write_bytes(b"".join(lines[:half]))
    (parts / "b.jsonl").write_bytes(b"".join(lines[half:]))

    def job() -> float:
        out = tmp / "spark_out"
        if out.exists():
            shutil.rmtree(out)
        t = time.monotonic()
        df = read_inputs(spark, [str(parts / "a.jsonl"), str(parts / "b.jsonl")])
        score_dataframe(df).select("id", "report", "decision").write.parquet(str(out))
        return time.monotonic() - t

    first = job()  # cold Python workers: each loads the model once
    warm = job()
    rows = spark.read.parquet(str(tmp / "spark_out")).count()
    spark.stop()
    cli_lines = (tmp / "cli.jsonl").read_text().splitlines()
    same = rows == len(cli_lines) == n
    lines_md = [
        "",
        "## Spark local[2] vs `credscore score --jobs 2`",
        "",
        f"Command: `python benchmarks/speed/spark_vs_cli.py` ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}); "
        f"{n:,} text documents of ~5 KB from the speed corpus, the shipped model, same machine, "
        "run back to back.",
        "",
        "| run | seconds | docs/s | overhead vs CLI |",
        "|---|---:|---:|---:|",
        f"| `credscore score --jobs 2` (process start to exit) | {cli_s:.1f} | {n / cli_s:,.0f} | – |",
        f"| Spark job, cold workers (session already up; {started:.1f} s to start it) | {first:.1f} "
        f"| {n / first:,.0f} | {100 * (first / cli_s - 1):+.0f}% |",
        f"| Spark job, warm workers | {warm:.1f} | {n / warm:,.0f} | "
        f"{100 * (warm / cli_s - 1):+.0f}% |",
        "",
        f"Records out: Spark {rows:,}, CLI {len(cli_lines):,} (equal: {same}).",
    ]
    text = "\n".join(lines_md) + "\n"
    print(text)
    if args.append:
        with open(ROOT / "reports/benchmarks.md", "a") as fh:
            fh.write(text)


if __name__ == "__main__":
    main()
