"""Spark local-mode tests: the DataFrame API and the job give what ``credscore score`` gives."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pyspark = pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("Spark needs a Java runtime (scripts/install_system_deps.sh installs one)",
                allow_module_level=True)

from scorer.cli import main  # noqa: E402
from scorer.integrations.spark import read_inputs, run_job, score_dataframe  # noqa: E402

ARTICLES = [
    ("w1", "https://www.harbour-news.example/city/flood-barrier",
     "By LENA FISCHER\n\nROTTERDAM (AP) — The port authority said on Tuesday it would extend the "
     "storm barrier by two kilometres. \"We cannot wait for the next flood,\" said Pieter de Boer, "
     "the authority's chief engineer."),
    ("s1", None, "slot gacor hari ini deposit pulsa maxwin\nThe town fair opened on Friday with "
                 "a parade and a brass band.\nslot gacor hari ini deposit pulsa maxwin"),
    ("m1", "http://203.0.113.9/story", "The minister of the Economy declared that the measures "
                                       "will be applied, a- he declared in conference of press."),
]


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[2]").appName("credscore-test")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "2")
               .config("spark.driver.bindAddress", "127.0.0.1")
               .config("spark.driver.host", "127.0.0.1").getOrCreate())
    yield session
    session.stop()


@pytest.fixture()
def jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "batch.jsonl"
    lines = [json.dumps({"id": i, "url": u, "text": t}) if u else json.dumps({"id": i, "text": t})
             for i, u, t in ARTICLES]
    lines.insert(2, '{"id": "broken", "text": ')
    path.write_text("\n".join(lines) + "\n")
    return path


def _cli_lines(path: Path, tmp_path: Path) -> list[str]:
    out = tmp_path / "cli.jsonl"
    assert main(["score", "--quiet", "--no-model", str(path), "-o", str(out)]) == 1
    return out.read_text().splitlines()


def test_spark_report_column_equals_cli_output(spark, jsonl: Path, tmp_path: Path) -> None:
    expected = _cli_lines(jsonl, tmp_path)
    df = read_inputs(spark, [str(jsonl)])
    rows = score_dataframe(df, no_model=True).orderBy("id").collect()
    got = {r["id"]: r["report"] for r in rows}
    want = {json.loads(line)["id"]: line for line in expected}
    assert got == want
    by_id = {r["id"]: r for r in rows}
    bad = by_id[f"{jsonl}:3"]
    assert bad["decision"] == "error" and bad["error_code"] == "bad_json"
    assert by_id["s1"]["spam_score"] is not None
    assert by_id["w1"]["decision"] in ("accept", "review", "reject")
    assert json.loads(by_id["w1"]["reasons"]) == json.loads(want["w1"])["reasons"]


def test_spark_job_writes_parquet_by_decision_and_counts_reconcile(spark, jsonl: Path,
                                                                   tmp_path: Path) -> None:
    out = tmp_path / "scored"
    counts = run_job([str(jsonl)], str(out), no_model=True)
    assert counts["records_in"] == 4
    assert counts["scored"] == 3 and counts["failed"] == 1
    assert (out / "decision=error").is_dir()
    back = spark.read.parquet(str(out))
    assert back.count() == 4
    assert back.filter("decision = 'error'").count() == 1
