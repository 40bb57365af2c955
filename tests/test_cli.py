"""End-to-end tests of the ``credscore`` command line on fixtures written for these tests."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from scorer.cli import main
from tests.conftest import EXAMPLES, ROOT

ARTICLE = ("The county library reopened its main reading room on Saturday after a two-year "
           "renovation, the library's director said. Visitors queued before the doors opened "
           "and the new children's wing was full by noon.")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, Any]], str]:
    code = main(["score", "--no-model", *argv])
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines() if line.strip()]
    return code, records, err


def test_score_text_files_keeps_order_and_ids(capsys, check_record) -> None:
    files = sorted(str(p) for p in EXAMPLES.glob("*.txt"))
    code, records, _ = run([*files, "--include-text"], capsys)
    assert code == 0
    assert [r["id"] for r in records] == files
    for rec in records:
        check_record(rec)


def test_score_folder_recursive_with_glob(tmp_path: Path, capsys, check_record) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(ARTICLE)
    (tmp_path / "two.txt").write_text(ARTICLE)
    (tmp_path / "skip.md").write_text(ARTICLE)
    code, records, _ = run([str(tmp_path), "--glob", "*.txt"], capsys)
    assert code == 0
    assert [Path(r["id"]).name for r in records] == ["one.txt", "two.txt"]
    for rec in records:
        check_record(rec, None)


def test_score_jsonl_malformed_line_gives_one_error_and_exit_1(tmp_path: Path, capsys,
                                                               check_record) -> None:
    src = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": "a", "text": ARTICLE, "url": "https://www.example.org/x",
                         "batch": 7}),
             '{"id": "b", "text": "unterminated',
             "",
             json.dumps({"id": "c", "html": f"<html><body><p>{ARTICLE}</p></body></html>"}),
             json.dumps({"id": "d", "body": "no text field"}),
             json.dumps(["not", "an", "object"])]
    src.write_text("\n".join(lines) + "\n")
    code, records, err = run([str(src)], capsys)
    assert code == 1
    assert [r["id"] for r in records] == ["a", f"{src}:2", "c", "d", f"{src}:6"]
    assert [("error" in r) for r in records] == [False, True, False, True, True]
    assert records[1]["error"]["code"] == "bad_json"
    assert records[3]["error"]["code"] == "missing_text"
    assert records[0]["batch"] == 7  # unknown fields carried through untouched
    assert records[0]["domain"] == "example.org"
    assert "5 records: 2 scored, 3 failed" in err
    for rec in records:
        check_record(rec, None)


def test_score_jsonl_with_bom_and_crlf(tmp_path: Path, capsys) -> None:
    src = tmp_path / "in.jsonl"
    body = json.dumps({"id": "x", "text": ARTICLE}) + "\r\n\r\n" + json.dumps(
        {"id": "y", "text": ARTICLE}) + "\r\n"
    src.write_bytes(b"\xef\xbb\xbf" + body.encode())
    code, records, _ = run([str(src)], capsys)
    assert code == 0
    assert [r["id"] for r in records] == ["x", "y"]


def test_score_csv_and_tsv_with_named_columns(tmp_path: Path, capsys, check_record) -> None:
    src = tmp_path / "in.csv"
    src.write_text('key,body,link\nk1,"' + ARTICLE + '\nsecond line",https://news.example.com/a\n'
                   "k2,,https://news.example.com/b\n")
    code, records, _ = run([str(src), "--text-col", "body", "--id-col", "key",
                            "--url-col", "link"], capsys)
    assert code == 1
    assert [r["id"] for r in records] == ["k1", "k2"]
    assert records[0]["url"] == "https://news.example.com/a"
    assert records[1]["error"]["code"] == "missing_text"
    tsv = tmp_path / "in.tsv"
    tsv.write_text(f"id\ttext\nt1\t{ARTICLE}\n")
    code, records, _ = run([str(tsv)], capsys)
    assert code == 0 and records[0]["id"] == "t1"
    for rec in records:
        check_record(rec, None)


def test_score_csv_without_text_column_says_the_fix(tmp_path: Path, capsys) -> None:
    src = tmp_path / "in.csv"
    src.write_text("a,b\n1,2\n")
    code, records, _ = run([str(src)], capsys)
    assert code == 1
    assert records[0]["error"]["code"] == "missing_column"
    assert "--text-col" in records[0]["error"]["message"]


HTML_PAGE = """<!DOCTYPE html><html><head><title>Library reopens</title>
<meta name="author" content="Ada Brook"><link rel="canonical" href="https://www.citypaper.example/library">
<meta property="og:site_name" content="City Paper"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<article><h1>Library reopens after renovation</h1>
<p>The county library reopened its main reading room on Saturday after a two-year renovation, the director said in a statement to residents.</p>
<p>Visitors queued before the doors opened, and the new children's wing with its reading garden was full by noon, according to staff at the front desk.</p>
<p>The renovation cost less than planned, the council's finance office said, because the old oak shelves were restored rather than replaced.</p>
</article>
<div class="related"><h3>Related stories</h3><ul><li><a href="/a">Council budget vote delayed again this month</a></li></ul></div>
<footer><p>Copyright City Paper. Accept cookies to continue reading our journalism.</p></footer>
</body></html>"""


def test_score_html_file_extracts_main_text_and_metadata(tmp_path: Path, capsys,
                                                         check_record) -> None:
    src = tmp_path / "page.html"
    src.write_text(HTML_PAGE)
    code, records, _ = run([str(src), "--include-text"], capsys)
    assert code == 0
    rec = records[0]
    check_record(rec)
    assert "children's wing" in rec["text"]
    assert "Sport" not in rec["text"] and "Accept cookies" not in rec["text"]
    assert rec["metadata"]["author"] == "Ada Brook"
    assert rec["url"] == "https://www.citypaper.example/library"


def _warc(path: Path, pages: list[tuple[str, str, str]], gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for uri, ctype, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(uri, "response", payload=io.BytesIO(body.encode()),
                                            http_headers=headers)
            writer.write_record(rec)


@pytest.mark.parametrize("gz", [True, False])
def test_score_warc_reads_html_responses_with_target_uri(tmp_path: Path, capsys, gz: bool,
                                                         check_record) -> None:
    src = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    _warc(src, [("https://a.example.com/1", "text/html; charset=utf-8", HTML_PAGE),
                ("https://a.example.com/logo.png", "image/png", "PNG"),
                ("https://b.example.net/2", "text/html", HTML_PAGE)], gz)
    code, records, _ = run([str(src)], capsys)
    assert code == 0
    assert [r["url"] for r in records] == ["https://a.example.com/1", "https://b.example.net/2"]
    assert [r["domain"] for r in records] == ["example.com", "example.net"]
    for rec in records:
        check_record(rec, None)


def test_score_truncated_warc_yields_error_record(tmp_path: Path, capsys) -> None:
    src = tmp_path / "crawl.warc.gz"
    _warc(src, [("https://a.example.com/1", "text/html", HTML_PAGE)] * 3, True)
    data = src.read_bytes()
    src.write_bytes(data[: int(len(data) * 0.8)])
    code, records, _ = run([str(src)], capsys)
    assert code == 1
    assert "error" in records[-1]
    assert sum("error" not in r for r in records) >= 1


def test_score_stdin_text_and_jsonl() -> None:
    proc = subprocess.run([sys.executable, "-m", "scorer", "score", "--quiet", "--no-model", "-"],
                          input=ARTICLE, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    (rec,) = [json.loads(x) for x in proc.stdout.splitlines()]
    assert rec["id"] == "-"
    jsonl = "\n".join(json.dumps({"id": f"s{i}", "text": ARTICLE}) for i in range(3))
    proc = subprocess.run([sys.executable, "-m", "scorer", "score", "--quiet", "--no-model", "-"],
                          input=jsonl, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert [json.loads(x)["id"] for x in proc.stdout.splitlines()] == ["s0", "s1", "s2"]


def test_score_bad_files_become_error_records(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("caf\xe9 cr\xe8me".encode("latin-1"))
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    code, records, _ = run([str(bad), str(binary), str(tmp_path / "missing.txt")], capsys)
    assert code == 1
    assert [r["error"]["code"] for r in records] == ["decode_error", "unsupported", "not_found"]


def test_score_size_limit_gives_too_large_error(tmp_path: Path, capsys) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "big", "text": "word " * 500}) + "\n" +
                   json.dumps({"id": "ok", "text": ARTICLE}) + "\n")
    code, records, _ = run([str(src), "--max-chars", "1000"], capsys)
    assert code == 1
    assert records[0]["error"]["code"] == "too_large"
    assert "error" not in records[1]


def test_score_refuses_to_overwrite_without_force(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("keep me\n")
    code = main(["score", "--quiet", "--no-model", str(EXAMPLES / "wire_report.txt"), "-o",
                 str(out)])
    assert code == 2
    assert out.read_text() == "keep me\n"
    assert "--force" in capsys.readouterr().err
    code = main(["score", "--quiet", "--no-model", str(EXAMPLES / "wire_report.txt"), "-o",
                 str(out), "--force"])
    assert code == 0
    assert json.loads(out.read_text())["id"].endswith("wire_report.txt")


def test_score_resume_after_kill_mid_line(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"r{i}", "text": f"{ARTICLE} {i}"}) + "\n"
                           for i in range(10)))
    full = tmp_path / "full.jsonl"
    assert main(["score", "--quiet", "--no-model", str(src), "-o", str(full)]) == 0
    lines = full.read_text().splitlines(keepends=True)
    part = tmp_path / "part.jsonl"
    part.write_text("".join(lines[:4]) + lines[4][: len(lines[4]) // 2])  # killed mid-line
    assert main(["score", "--quiet", "--no-model", str(src), "-o", str(part), "--resume"]) == 0
    assert part.read_text() == full.read_text()


def test_score_jobs_2_gives_identical_output(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"r{i}", "text": f"{ARTICLE} {i}"}) + "\n"
                           for i in range(70)) + "{broken\n")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["score", "--quiet", "--no-model", str(src), "-o", str(one)]) == 1
    assert main(["score", "--quiet", "--no-model", str(src), "-o", str(two), "--jobs", "2"]) == 1
    assert one.read_bytes() == two.read_bytes()
    assert len(one.read_text().splitlines()) == 71


def test_score_cheap_first_one_record_each_same_decisions(tmp_path: Path, check_record) -> None:
    """--cheap-first: the crawler filter's cascade in the CLI; nothing lost, same decisions."""
    spam = ("casino bonus slot gacor maxwin deposit pulsa terpercaya daftar sekarang "
            "bonus new member 100 situs judi online")
    rows = [
        {"id": "clean", "text": ARTICLE * 3, "url": "https://www.reuters.com/world/x"},
        {"id": "spam", "text": f"{spam}\n{ARTICLE}\n{spam}", "url": "https://blog.example.net/p"},
        {"id": "copy", "text": f"(UPDATE) {ARTICLE}\nGo to Source\nAuthor: Reuters"},
        {"id": "empty", "text": ""},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows) + "{broken\n")
    full, cheap, cheap2 = (tmp_path / n for n in ("full.jsonl", "cheap.jsonl", "cheap2.jsonl"))
    assert main(["score", "--quiet", str(src), "-o", str(full)]) == 1
    assert main(["score", "--quiet", "--cheap-first", str(src), "-o", str(cheap)]) == 1
    assert main(["score", "--quiet", "--cheap-first", "--jobs", "2", str(src),
                 "-o", str(cheap2)]) == 1
    a = [json.loads(x) for x in full.read_text().splitlines()]
    b = [json.loads(x) for x in cheap.read_text().splitlines()]
    assert cheap.read_bytes() == cheap2.read_bytes()
    assert len(a) == len(b) == 5 and [r["id"] for r in a] == [r["id"] for r in b]
    assert ["error" in r for r in a] == ["error" in r for r in b] == [False] * 3 + [True] * 2
    assert b[3]["error"] == a[3]["error"]  # the empty text: the same error record
    for ra, rb in zip(a[:3], b[:3]):
        check_record(rb)
        assert rb["credibility"]["decision"] == ra["credibility"]["decision"]
        assert set(rb["detectors"]) | set(rb["filter"]["skipped"]) == set(ra["detectors"])
    spam_rec = b[1]
    assert spam_rec["credibility"]["decision"] == "reject" and spam_rec["filter"]["cheap_path"]
    assert "framing.partisan.v1" in spam_rec["filter"]["skipped"]


def test_score_csv_output_is_flat(tmp_path: Path, capsys) -> None:
    import csv

    code = main(["score", "--quiet", "--no-model", "--format", "csv",
                 str(EXAMPLES / "wire_report.txt"), str(tmp_path / "nope.txt")])
    out = capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 1
    assert rows[0]["decision"] in ("accept", "review", "reject")
    assert float(rows[0]["score"]) >= 0
    assert "spam_score" in rows[0] and "source_score" in rows[0]
    assert rows[1]["error_code"] == "not_found"


def test_usage_errors_exit_2(capsys) -> None:
    assert main(["score"]) == 2
    assert main(["score", "x", "--format", "xml"]) == 2
    assert main([]) == 2


def test_bad_model_path_exits_3(tmp_path: Path, capsys) -> None:
    code = main(["score", "--quiet", str(EXAMPLES / "wire_report.txt"), "--model",
                 str(tmp_path / "no-such-model")])
    assert code == 3
    assert "model" in capsys.readouterr().err.lower()


def test_detectors_lists_names_versions_and_features(capsys) -> None:
    from features.registry import default_detectors

    assert main(["detectors", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in rows] == [d.name for d in default_detectors()]
    for row in rows:
        assert row["version"].startswith("v") and row["features"]


def test_version_flag(capsys) -> None:
    from scorer import __version__

    assert main(["--version"]) == 0
    assert __version__ in capsys.readouterr().out


def test_score_time_budget_turns_a_slow_document_into_an_error(tmp_path: Path, monkeypatch,
                                                               capsys) -> None:
    import time

    from scorer import scoring
    from scorer.evidence import DetectorResult

    class SlowDetector:  # a detector that hangs on one document
        name = "framing.testslow.v1"
        feature_names = ("x",)

        def __call__(self, doc):
            if "SLOW" in doc.text:
                time.sleep(5)
            return DetectorResult(self.name, {"x": 0.0})

    real = scoring.default_detectors
    monkeypatch.setattr(scoring, "default_detectors", lambda: [*real(), SlowDetector()])
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "slow", "text": "SLOW " + ARTICLE}) + "\n" +
                   json.dumps({"id": "fast", "text": ARTICLE}) + "\n")
    started = time.monotonic()
    code, records, _ = run([str(src), "--time-budget", "0.5"], capsys)
    assert time.monotonic() - started < 4.5
    assert code == 1
    assert records[0]["error"]["code"] == "time_budget"
    assert "error" not in records[1]


def test_score_provenance_marks_original_and_copy(tmp_path: Path, capsys) -> None:
    original = (EXAMPLES / "wire_report.txt").read_text()
    body = original.split("\n\n", 2)[2]  # no headline, no byline
    copy = "(UPDATE) " + body + "\n\nGo to Source\nAuthor: Agence France-Presse\n"
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in [
        {"id": "orig", "text": original, "published": "2024-03-01"},
        {"id": "copy", "text": copy, "published": "2024-03-02"},
        {"id": "other", "text": ARTICLE}]) + "\n")
    code, records, _ = run([str(src), "--provenance"], capsys)
    assert code == 0
    prov = {r["id"]: r["provenance"] for r in records}
    assert prov["orig"]["role"] == "original"
    assert prov["copy"]["role"] == "copy" and prov["copy"]["original_id"] == "orig"
    assert prov["copy"]["relation"] in ("scraped", "misattributed", "syndicated")
    assert prov["other"]["role"] == "unique"


@pytest.mark.parametrize("damage", ["tampered", "other_version", "not_a_model"])
def test_score_refuses_a_damaged_model_with_exit_3(tmp_path: Path, capsys, damage: str) -> None:
    import shutil

    shipped = sorted((ROOT / "models").glob("*/model_card.json"))
    if not shipped:
        pytest.skip("no shipped model")
    model = tmp_path / "model"
    shutil.copytree(shipped[-1].parent, model)
    card = json.loads((model / "model_card.json").read_text())
    if damage == "tampered":
        with open(model / "model.joblib", "ab") as fh:
            fh.write(b"\0")
    elif damage == "other_version":
        card["versions"] = {k: "0.0.1" for k in card["versions"]}
        (model / "model_card.json").write_text(json.dumps(card))
    else:
        (model / "model.joblib").write_bytes(b"this is not a model")
    code = main(["score", "--quiet", str(EXAMPLES / "wire_report.txt"), "--model", str(model)])
    out, err = capsys.readouterr()
    assert code == 3
    assert out == ""
    assert "model" in err.lower() and len(err.strip()) > 20


def test_score_provenance_keeps_error_records_and_order(tmp_path: Path, capsys) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "big", "text": "word " * 500}) + "\n{broken\n" +
                   json.dumps({"id": "ok", "text": ARTICLE}) + "\n")
    code, records, _ = run([str(src), "--provenance", "--max-chars", "1000"], capsys)
    assert code == 1
    assert [r["id"] for r in records] == ["big", f"{src}:2", "ok"]
    assert records[0]["error"]["code"] == "too_large" and "provenance" not in records[0]
    assert records[2]["provenance"]["role"] == "unique" and "text" not in records[2]
