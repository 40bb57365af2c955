"""HtmlReportWriter without a browser: structure, embedded data, escaping, offsets, summary."""

from __future__ import annotations

import base64
import gzip
import html
import io
import json
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.io.html_report import HtmlReportWriter, utf16_offsets

SIGS = ("spam", "translation", "attribution", "framing", "source")


def make_record(rid: str, text: str, score: float, spans: list[tuple[str, int, int, str]] = (),
                decision: str | None = None, **extra: Any) -> dict[str, Any]:
    """A report dict shaped like ``Report.to_dict(include_text=True)``."""
    decision = decision or ("accept" if score >= 70 else "reject" if score < 40 else "review")
    signals: dict[str, Any] = {s: {"score": None, "spans": [], "findings": []} for s in SIGS}
    signals["source"].update({"domain": extra.pop("domain", None), "ratings": {}})
    for sig, a, b, code in spans:
        signals[sig]["spans"].append({"start": a, "end": b, "code": code, "text": text[a:b],
                                      "message": f"{code} here", "detector": f"{sig}.t.v1"})
        signals[sig]["score"] = 0.9
    return {"id": rid, "url": None, "domain": signals["source"]["domain"], "language": "en",
            "credibility": {"score": score, "label": "x", "decision": decision,
                            "p_low": 1 - score / 100},
            "signals": signals,
            "reasons": [{"code": f"{sig}_signal", "signal": sig, "message": "m", "weight": 0.5}
                        for sig in dict.fromkeys(s[0] for s in spans)],
            "model": {"name": "test-model", "version": "7"}, "detectors": [],
            "schema_version": "1.0", "text": text, **extra}


def render(records: list[dict[str, Any]], **kw: Any) -> str:
    buf = io.StringIO()
    w = HtmlReportWriter(buf, **kw)
    for r in records:
        w.write(r)
    w.close()
    return buf.getvalue()


def embedded(page: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The table rows and the per-document payloads embedded in the page."""
    rows = json.loads(re.search(r'<script type="application/json" id="cs-rows">(.*?)</script>',
                                page, re.DOTALL).group(1))
    docs = []
    for m in re.finditer(r'<script type="([^"]+)"( data-gz)? id="d(\d+)">(.*?)</script>', page,
                         re.DOTALL):
        body = m.group(4)
        if m.group(2):
            assert m.group(1) == "text/plain"
            body = gzip.decompress(base64.b64decode(body)).decode("utf-8")
        else:
            assert m.group(1) == "application/json"
        assert int(m.group(3)) == len(docs)
        docs.append(json.loads(body))
    return rows, docs


BATCH = [
    make_record("a", "Plain text with a casino line here.", 20.0,
                [("spam", 18, 29, "SPAM_GAMBLING"), ("framing", 18, 24, "LOADED_TERM")],
                domain="bad.example"),
    make_record("b", "Clean wire copy.", 91.5),
    {"id": "c", "error": {"code": "bad_input", "message": "not JSON"}, "schema_version": "1.0"},
    make_record("d", "Mixed 😀 emoji then ✨ flagged words.", 55.0,
                [("translation", 21, 28, "MT_X")]),
]


def test_html_report_nothing_written_before_close() -> None:
    buf = io.StringIO()
    w = HtmlReportWriter(buf)
    w.write(BATCH[0])
    assert buf.getvalue() == ""
    w.close()
    assert buf.getvalue().startswith("<!DOCTYPE html>")
    w.close()  # closing twice is harmless
    with pytest.raises(ValueError):
        w.write(BATCH[1])


def test_html_report_is_self_contained() -> None:
    page = render(BATCH)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"<(link|img|iframe)\b", page)
    assert not re.search(r"""\ssrc\s*=\s*["']""", page)  # no src attributes
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page)
    assert page.rstrip().endswith("</html>")


def test_html_report_embeds_one_row_and_one_payload_per_record_in_order() -> None:
    rows, docs = embedded(render(BATCH))
    assert [r["id"] for r in rows] == ["a", "b", "c", "d"]
    assert [d["id"] for d in docs] == ["a", "b", "c", "d"]
    assert [r["i"] for r in rows] == [0, 1, 2, 3]
    assert rows[2]["e"] == ["bad_input", "not JSON"] and rows[2]["d"] == "error"
    assert rows[0]["s"] == 20.0 and rows[0]["d"] == "reject" and rows[0]["dom"] == "bad.example"
    assert rows[0]["r"] == [["spam_signal", "spam"], ["framing_signal", "framing"]]
    assert rows[0]["sg"]["spam"] == [0.9, 1] and rows[1]["sg"]["spam"] == [None, 0]


@pytest.mark.parametrize("rid", ["a", "d"])
def test_html_report_js_offsets_address_the_span_text(rid: str) -> None:
    rec = next(r for r in BATCH if r["id"] == rid)
    _, docs = embedded(render(BATCH))
    doc = next(d for d in docs if d["id"] == rid)
    assert doc["text"] == rec["text"]
    units = doc["text"].encode("utf-16-le")
    assert doc["spans"]
    for start, end, sig, code, msg, det, text, js_a, js_b in doc["spans"]:
        assert rec["text"][start:end] == text
        assert units[2 * js_a:2 * js_b].decode("utf-16-le") == text  # what JavaScript slices
        assert code in {s["code"] for s in rec["signals"][sig]["spans"]}


def test_html_report_row_keeps_reasons_beyond_the_top_three() -> None:
    rec = make_record("many", "t", 30.0)
    rec["reasons"] = [{"code": f"R{k}", "signal": "spam", "message": "m", "weight": 0.1}
                      for k in range(5)]
    rows, _ = embedded(render([rec, make_record("few", "t", 30.0)]))
    assert rows[0]["r"] == [["R0", "spam"], ["R1", "spam"], ["R2", "spam"]]
    assert rows[0]["ra"] == ["R3", "R4"] and "ra" not in rows[1]


def test_utf16_offsets_count_astral_characters_twice() -> None:
    text = "a😀b✨c😀d"
    assert utf16_offsets(text, [0, 1, 2, 3, 4, 5, 6, 7]) == [0, 1, 3, 4, 5, 6, 8, 9]
    assert utf16_offsets("plain", [0, 5]) == [0, 5]


def test_html_report_script_payload_cannot_close_its_element() -> None:
    hostile = "x </script><script>alert(1)</script> <!-- y"
    page = render([make_record("</script>", hostile, 50.0, [("spam", 2, 11, "C")],
                               title="<b>t</b>")], title="<i>batch</i>")
    # every </script> in the page closes one of our own script elements
    assert page.count("</script>") == page.count("<script")
    assert "<i>batch</i>" not in page and html.escape("<i>batch</i>") in page
    _, docs = embedded(page)
    assert docs[0]["text"] == hostile and docs[0]["id"] == "</script>"


def test_html_report_summary_counts() -> None:
    page = render(BATCH)
    cards = {k: v for v, k in re.findall(
        r'<div class="v">([^<]*)</div><div class="k">([^<]*)</div>', page)}
    assert cards["documents"] == "4"
    assert cards["accept"] == "1" and cards["review"] == "1" and cards["reject"] == "1"
    assert cards["errors"] == "1"
    bins = re.findall(r'<title>score (\d+)&ndash;\d+[^:]*: (\d+) documents</title>', page)
    counts = {int(lo): int(n) for lo, n in bins}
    assert len(counts) == 10 and sum(counts.values()) == 3
    assert counts[20] == 1 and counts[50] == 1 and counts[90] == 1
    bars = re.findall(r'data-lo="(\d+)".*?class="bar dec-(\w+)"', page)
    assert ("20", "reject") in bars and ("50", "review") in bars and ("90", "accept") in bars
    sig_rows = dict(re.findall(r'<tr data-signal="(\w+)">.*?<td class="num">(\d+)</td>', page))
    assert sig_rows == {"spam": "1", "translation": "1", "attribution": "0", "framing": "1",
                        "source": "0"}
    assert 'data-reason="spam_signal"' in page and 'data-error="bad_input"' in page
    assert "test-model 7" in page
    assert "languages: en 3</p>" in page


def test_html_report_compression_is_optional_and_lossless() -> None:
    packed, plain = render(BATCH), render(BATCH, compress=False)
    assert " data-gz id=" in packed and " data-gz id=" not in plain
    assert embedded(packed) == embedded(plain)
    assert render(BATCH) == packed  # reproducible (gzip mtime fixed)


def test_html_report_empty_batch_is_a_valid_page() -> None:
    page = render([])
    rows, docs = embedded(page)
    assert rows == [] and docs == []
    assert '<div class="v">0</div><div class="k">documents</div>' in page
    assert page.rstrip().endswith("</html>")


def test_html_report_score_100_lands_in_the_top_bin() -> None:
    page = render([make_record("p", "t", 100.0)])
    assert re.search(r"<title>score 90&ndash;100 \(incl\. 100\): 1 documents</title>", page)


def test_html_report_truncates_long_text_and_keeps_late_spans_listed() -> None:
    text = "abc " * 50 + "casino"
    rec = make_record("long", text, 10.0, [("spam", 200, 206, "LATE"), ("spam", 0, 3, "EARLY")])
    _, docs = embedded(render([rec], max_text_chars=100))
    doc = docs[0]
    assert doc["truncated"] is True and len(doc["text"]) == 100 and doc["text_len"] == len(text)
    by_code = {s[3]: s for s in doc["spans"]}
    assert by_code["EARLY"][7:] == [0, 3]
    assert by_code["LATE"][7:] == [None, None] and by_code["LATE"][6] == "casino"


def test_html_report_record_without_text_still_lists_evidence() -> None:
    rec = make_record("nt", "some casino text", 30.0, [("spam", 5, 11, "C")])
    del rec["text"]
    _, docs = embedded(render([rec]))
    assert docs[0]["text"] is None and docs[0]["spans"][0][6] == "casino"
    assert docs[0]["spans"][0][7:] == [None, None]


def test_html_report_odd_values_do_not_raise() -> None:
    weird = make_record("w", "text \ud800 lone surrogate", 50.0)
    weird["credibility"]["p_low"] = float("nan")
    weird["signals"]["spam"]["spans"].append({"start": "x", "end": None, "code": 3})
    weird["signals"]["spam"]["spans"].append({"start": 90, "end": 95, "code": "OOB",
                                              "text": "", "message": "out of bounds"})
    weird["reasons"].append("not a dict")
    weird["signals"]["novel"] = {"score": 0.2, "spans": [], "findings": [{"code": "N"}]}
    junk = {"id": "j", "credibility": "high", "model": 3, "signals": {"spam": {"spans": 5,
            "findings": "x"}, "framing": []}, "reasons": 7, "detectors": "abc", "text": 12}
    page = render([weird, {"id": 5, "error": "just a string"}, {}, junk])
    rows, docs = embedded(page)
    assert len(rows) == 4 and docs[0]["cred"]["p_low"] is None
    assert docs[3]["spans"] == [] and docs[3]["text"] is None and docs[3]["detectors"] == []
    assert "novel" in json.loads(re.search(r'id="cs-meta">(.*?)</script>', page).group(1))["signals"]
    assert [s[3] for s in docs[0]["spans"]] == ["OOB"] and docs[0]["spans"][0][7] is None


def test_html_report_ascii_only_output_for_non_utf8_handles() -> None:
    class AsciiIO(io.StringIO):
        encoding = "ascii"

    buf = AsciiIO()
    w = HtmlReportWriter(buf)
    w.write(make_record("é", "Zürich 😀 — naïve", 80.0, [("spam", 0, 6, "Z")]))
    w.close()
    buf.getvalue().encode("ascii")
    _, docs = embedded(buf.getvalue())
    assert docs[0]["text"] == "Zürich 😀 — naïve"


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=80), cuts=st.lists(st.tuples(st.integers(0, 80), st.integers(0, 80)),
                                                max_size=6))
def test_html_report_offsets_property(text: str, cuts: list[tuple[int, int]]) -> None:
    spans = [("spam", min(a, b), max(a, b), "P") for a, b in cuts
             if max(a, b) <= len(text)]
    rec = make_record("h", text, 42.0, spans)
    _, docs = embedded(render([rec]))
    units = text.encode("utf-16-le", "surrogatepass")
    for start, end, *_rest, text_, js_a, js_b in docs[0]["spans"]:
        assert units[2 * js_a:2 * js_b].decode("utf-16-le", "surrogatepass") == text[start:end]


def test_html_report_through_the_cli(tmp_path: Any) -> None:
    """``credscore score --format html`` writes this page with the text of every document."""
    from scorer.cli import main

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "one.txt").write_text("A short note about the harbour reopening.\n",
                                             encoding="utf-8")
    (tmp_path / "in" / "two.txt").write_text("Another short note, about the bridge.\n",
                                             encoding="utf-8")
    out = tmp_path / "report.html"
    assert main(["score", str(tmp_path / "in"), "--format", "html", "-o", str(out),
                 "--no-model"]) == 0
    page = out.read_text(encoding="utf-8")
    rows, docs = embedded(page)
    assert len(rows) == len(docs) == 2
    assert {d["text"] for d in docs} == {"A short note about the harbour reopening.\n",
                                         "Another short note, about the bridge.\n"}
    assert "Content-Security-Policy" in page
