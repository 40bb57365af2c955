"""credscore on Spark: score DataFrames with ``mapInPandas`` and run whole crawls as a job.

``score_dataframe(df)`` adds the verdict columns to a DataFrame with ``id``, ``text`` or
``html``, and optional ``url`` (and ``title``/``published``) columns. Rows travel to the Python
workers as Arrow batches; each worker process builds one :class:`~scorer.scoring.Scorer` the first
time it needs it and keeps it for every later batch (Spark reuses Python workers), so the model
loads once per worker, not per row. The ``report`` column holds the same JSON line
``credscore score`` writes for that record; a bad record becomes a row with ``error_code`` and
``error_message`` set, never a failed stage.

``run_job`` (``credscore spark-score INPUT... -o OUT``) reads WARC and JSONL files (one task per
file, streamed with credscore's own readers) or Parquet, scores them, and writes Parquet
partitioned by ``decision`` (``error`` for records that failed), then checks that the counts of
records in, scored and failed reconcile.

Requires ``pip install credscore[spark]`` and a Java runtime.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from features.registry import SIGNALS

logger = logging.getLogger(__name__)

#: Columns ``score_dataframe`` adds, with their Spark SQL types.
RESULT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("score", "double"), ("label", "string"), ("decision", "string"), ("p_low", "double"),
    *((f"{s}_score", "double") for s in SIGNALS),
    ("reasons", "string"), ("report", "string"),
    ("error_code", "string"), ("error_message", "string"),
)
_DOC_FIELDS = ("id", "text", "html", "url", "title", "published")

# One Scorer per Python worker process, keyed by model location.
_SCORERS: dict[str, Any] = {}


def _scorer(model_path: str | None, no_model: bool) -> Any:
    key = f"{model_path}|{no_model}"
    if key not in _SCORERS:
        from scorer.scoring import Scorer

        path = model_path
        if path and not os.path.exists(path):
            from pyspark import SparkFiles  # shipped with SparkContext.addFile

            path = SparkFiles.get(os.path.basename(path.rstrip("/")))
        _SCORERS[key] = Scorer.load(path, use_model=not no_model)
    return _SCORERS[key]


def _records_for(pdf: Any, scorer: Any) -> list[dict[str, Any]]:
    """Output records for one pandas batch, one per row, in order (the error boundary)."""
    from scorer.io.readers import RecordError, document_from_mapping
    from scorer.report import error_record

    items: list[Any] = []
    for n, row in enumerate(pdf.to_dict(orient="records")):
        clean = {k: v for k, v in row.items() if _present(v)}
        rid = clean.get("id")
        read_code = clean.pop("_read_error_code", None)
        read_msg = clean.pop("_read_error_message", None)
        extra_json = clean.pop("_extra", None)
        if extra_json:
            clean.update({k: v for k, v in json.loads(extra_json).items() if k not in clean})
        if read_code:
            items.append(RecordError(str(rid), str(read_code), str(read_msg or read_code)))
            continue
        items.append(document_from_mapping(clean, str(rid) if rid is not None else f"row{n}",
                                           f"row {n}"))
    try:
        return scorer.records(items)  # type: ignore[no-any-return]
    except Exception as exc:  # never fail the stage: every row still gets an error record
        logger.exception("batch failed")
        return [error_record(getattr(it, "id", ""), "internal_error",
                             f"{type(exc).__name__}: {exc}") for it in items]


def _present(value: Any) -> bool:
    if value is None:
        return False
    try:
        import math

        return not (isinstance(value, float) and math.isnan(value))
    except TypeError:
        return True


def _result_frame(pdf: Any, records: Sequence[dict[str, Any]]) -> Any:
    from scorer.io.writers import dumps_record

    out = pdf.copy()
    cols: dict[str, list[Any]] = {name: [] for name, _ in RESULT_COLUMNS}
    for rec in records:
        err = rec.get("error")
        if err:
            for name, _ in RESULT_COLUMNS:
                cols[name].append(None)
            cols["decision"][-1] = "error"
            cols["error_code"][-1] = err["code"]
            cols["error_message"][-1] = err["message"]
            cols["report"][-1] = dumps_record(rec)
            continue
        cred = rec["credibility"]
        cols["score"].append(float(cred["score"]))
        cols["label"].append(cred["label"])
        cols["decision"].append(cred["decision"])
        cols["p_low"].append(float(cred["p_low"]))
        for s in SIGNALS:
            v = rec["signals"][s]["score"]
            cols[f"{s}_score"].append(None if v is None else float(v))
        cols["reasons"].append(json.dumps(rec["reasons"], ensure_ascii=False))
        cols["report"].append(dumps_record(rec))
        cols["error_code"].append(None)
        cols["error_message"].append(None)
    for name, values in cols.items():
        out[name] = values
    return out


def score_dataframe(df: Any, model_path: str | None = None, *, no_model: bool = False,
                    ship_model: bool = True) -> Any:
    """``df`` with the verdict columns added (see :data:`RESULT_COLUMNS`).

    ``model_path``: a model directory on shared storage, or a local one that is shipped to the
    executors with ``SparkContext.addFile`` (``ship_model=True``). ``None``: the shipped default
    model, which must be installed with credscore on every worker.
    """
    from pyspark.sql.types import StructField, StructType, _parse_datatype_string

    cols = set(df.columns)
    if "id" not in cols or not ({"text", "html"} & cols):
        raise ValueError("score_dataframe needs an 'id' column and a 'text' or 'html' column; "
                         f"got {sorted(cols)}")
    path = None
    if model_path is not None:
        path = str(Path(model_path).resolve()) if os.path.exists(model_path) else model_path
        if ship_model and os.path.isdir(path):
            df.sparkSession.sparkContext.addFile(path, recursive=True)
            path = os.path.basename(path.rstrip("/"))  # resolved on workers with SparkFiles
    schema = StructType(list(df.schema.fields) + [
        StructField(name, _parse_datatype_string(kind), True) for name, kind in RESULT_COLUMNS])

    def score_batches(batches: Iterable[Any]) -> Iterator[Any]:
        scorer = _scorer(path, no_model)
        for pdf in batches:
            yield _result_frame(pdf, _records_for(pdf, scorer))

    return df.mapInPandas(score_batches, schema)


# --- the job ----------------------------------------------------------------------------------

_READ_SCHEMA = ("id string, text string, html string, url string, title string, "
                "published string, _extra string, _read_error_code string, "
                "_read_error_message string")


def _read_file_rows(path: str) -> Iterator[tuple[Any, ...]]:
    """Rows of one WARC or JSONL file, streamed with credscore's readers (one Spark task)."""
    from scorer.document import Document
    from scorer.io.readers import ReadOptions, read_path

    for item in read_path(path, ReadOptions()):
        if isinstance(item, Document):
            extra = json.dumps(dict(item.extra), ensure_ascii=False) if item.extra else None
            yield (item.id, item.text or None, item.html, item.url, item.title, item.published,
                   extra, None, None)
        else:
            yield (item.id, None, None, None, None, None, None, item.code, item.message)


def read_inputs(spark: Any, inputs: Sequence[str]) -> Any:
    """A DataFrame of documents from WARC/JSONL files (one task each) or Parquet files."""
    from scorer.io.readers import format_of

    files: list[str] = []
    for inp in inputs:
        if os.path.isdir(inp) and not any(n.endswith(".parquet") for n in os.listdir(inp)):
            for root, _dirs, names in os.walk(inp):
                files.extend(os.path.join(root, n) for n in sorted(names))
        else:
            files.append(inp)
    parquet = [f for f in files if f.endswith(".parquet") or os.path.isdir(f)]
    streamed = [f for f in files if f not in parquet and format_of(f) in ("warc", "jsonl")]
    skipped = sorted(set(files) - set(parquet) - set(streamed))
    if skipped:
        logger.warning("spark-score reads WARC, JSONL and Parquet; skipping %s", skipped)
    frames = []
    if streamed:
        rdd = spark.sparkContext.parallelize(streamed, len(streamed)).flatMap(_read_file_rows)
        frames.append(spark.createDataFrame(rdd, _READ_SCHEMA))
    for p in parquet:
        pdf = spark.read.parquet(p)
        for name in ("text", "html", "url", "title", "published", "_extra",
                     "_read_error_code", "_read_error_message"):
            if name not in pdf.columns:
                pdf = pdf.withColumn(name, __import__("pyspark.sql.functions",
                                                      fromlist=["lit"]).lit(None).cast("string"))
        frames.append(pdf.select(*[c.split(" ")[0] for c in _READ_SCHEMA.split(", ")]))
    if not frames:
        raise ValueError("no WARC, JSONL or Parquet input found")
    out = frames[0]
    for f in frames[1:]:
        out = out.unionByName(f)
    return out


def run_job(inputs: Sequence[str], output: str, model_path: str | None = None,
            no_model: bool = False, master: str | None = None) -> dict[str, int]:
    """Score ``inputs`` and write Parquet partitioned by decision; return the counts."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("credscore")
    if master:
        builder = builder.master(master)
    spark = builder.getOrCreate()
    docs = read_inputs(spark, inputs)
    scored = score_dataframe(docs, model_path, no_model=no_model).drop(
        "_extra", "_read_error_code", "_read_error_message").cache()
    scored.write.mode("overwrite").partitionBy("decision").parquet(output)
    counts = {row["decision"]: row["count"] for row in scored.groupBy("decision").count().collect()}
    n_in = docs.count()
    n_failed = counts.get("error", 0)
    n_scored = sum(v for k, v in counts.items() if k != "error")
    scored.unpersist()
    result = {"records_in": n_in, "scored": n_scored, "failed": n_failed, **{
        f"decision_{k}": v for k, v in sorted(counts.items())}}
    if n_in != n_scored + n_failed:
        raise RuntimeError(f"counts do not reconcile: {result}")
    return result


def register_cli(subparsers: Any) -> None:
    """Add ``credscore spark-score``."""
    p = subparsers.add_parser("spark-score", help="score WARC/JSONL/Parquet inputs on Spark and "
                              "write Parquet partitioned by decision (needs pyspark and Java)")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("-o", "--output", required=True, help="output Parquet directory")
    p.add_argument("--model", default=None, help="model directory (shipped to executors)")
    p.add_argument("--no-model", action="store_true", help="heuristic fallback, no model")
    p.add_argument("--master", default=None, help="Spark master (default: from spark-submit, "
                   "else local[*])")
    p.add_argument("--force", action="store_true", help="overwrite an existing output")

    def run(args: Any) -> int:
        import sys

        if os.path.exists(args.output) and not args.force:
            print(f"credscore: {args.output} exists; add --force to overwrite it",
                  file=sys.stderr)
            return 2
        counts = run_job(args.inputs, args.output, args.model, args.no_model, args.master)
        print(json.dumps(counts), file=sys.stderr)
        return 1 if counts["failed"] else 0

    p.set_defaults(func=run)


def _main(argv: Sequence[str] | None = None) -> int:
    """``spark-submit .../scorer/integrations/spark.py INPUT... -o OUT``: the job as a script."""
    import argparse

    parser = argparse.ArgumentParser(prog="credscore-spark")
    sub = parser.add_subparsers(dest="command", required=True)
    register_cli(sub)
    args = parser.parse_args(["spark-score", *(argv if argv is not None else __import__(
        "sys").argv[1:])])
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(_main())
