"""The HTML report as a person sees it: headless Chromium opens it, clicks, and we check the DOM.

Needs Debian's ``chromium`` (``scripts/install_browser.sh``); skipped when it is missing. The
page's own JavaScript renders the table and each document view; ``report_check.js`` (appended to
a copy of the report) sorts, filters and opens every document like a user would, and reports what
the DOM showed. The screenshot goes to ``reports/report-fixture-screenshot.png``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import chromium
import fixture_batch

from scorer.io.html_report import HtmlReportWriter

HERE = Path(__file__).parent
REPO = HERE.parent.parent
SCREENSHOT = REPO / "reports" / "report-fixture-screenshot.png"

pytestmark = pytest.mark.skipif(chromium.find_chromium() is None,
                                reason="chromium not installed (scripts/install_browser.sh)")


@pytest.fixture(scope="module")
def batch() -> list[dict[str, Any]]:
    return fixture_batch.records()


@pytest.fixture(scope="module")
def report(batch: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "report.html"
    with path.open("w", encoding="utf-8") as fh:
        writer = HtmlReportWriter(fh)
        for rec in batch:
            writer.write(rec)
        writer.close()
    return path


@pytest.fixture(scope="module")
def seen(report: Path) -> dict[str, Any]:
    """What the check script saw in the browser."""
    page = chromium.with_script(report, (HERE / "report_check.js").read_text("utf-8"),
                                report.with_name("report-check.html"))
    result = chromium.read_result(chromium.dump_dom(page))
    assert result["errors"] == []
    return result


def _spans(rec: dict[str, Any]) -> list[dict[str, Any]]:
    """The record's spans in the order the page numbers them."""
    out = [dict(s, signal=sig) for sig, b in rec["signals"].items() for s in b["spans"]]
    return sorted(out, key=lambda s: (s["start"], s["end"], s["code"]))


def _by_score(batch: list[dict[str, Any]], desc: bool) -> list[str]:
    scored = [(r["credibility"]["score"], i, r["id"]) for i, r in enumerate(batch)
              if "credibility" in r]
    scored.sort(key=lambda t: ((-t[0] if desc else t[0]), t[1]))
    return [t[2] for t in scored] + [r["id"] for r in batch if "credibility" not in r]


def test_browser_page_loads_without_network(seen: dict[str, Any], batch: list[dict[str, Any]]) -> None:
    assert seen["resources"] == []
    assert seen["count"] == f"{len(batch)} documents"
    assert seen["initial"] == [r["id"] for r in batch]


def test_browser_table_sorts_by_score(seen: dict[str, Any], batch: list[dict[str, Any]]) -> None:
    assert seen["sortDesc"]["aria"] == "descending"
    assert seen["sortDesc"]["ids"] == _by_score(batch, desc=True)
    assert seen["sortDesc"]["ids"][0] == "clean-wire"
    assert seen["sortAsc"]["aria"] == "ascending"
    assert seen["sortAsc"]["ids"] == _by_score(batch, desc=False)
    assert seen["sortAsc"]["ids"][-1] == "broken-record"  # errors sort last either way
    assert seen["sortId"]["ids"] == sorted(r["id"] for r in batch)
    assert seen["sortSpam"]["ids"][0] == "spammed-blog"


def test_browser_filters_narrow_the_table(seen: dict[str, Any], batch: list[dict[str, Any]]) -> None:
    assert seen["filterText"]["ids"] == ["spammed-blog"]
    assert seen["filterText"]["count"] == f"1 of {len(batch)} documents"
    assert seen["filterNone"] == {"ids": [], "message": "No document matches the filters."}
    assert seen["filterReject"] == [r["id"] for r in batch
                                    if r.get("credibility", {}).get("decision") == "reject"]
    assert seen["filterSignal"] == ["translated"]
    assert seen["filterHist"] == [r["id"] for r in batch
                                  if "credibility" in r and r["credibility"]["score"] < 10]
    assert seen["filterReason"] == [r["id"] for r in batch
                                    if any(x["code"] == "framing_signal" for x in r.get("reasons", []))]
    assert len(seen["filterReason"]) == 2
    assert seen["backToList"] is True
    assert seen["keyNext"] == "#doc=1" and seen["keyEscape"] is True


def test_browser_highlights_sit_on_the_span_text(seen: dict[str, Any],
                                                 batch: list[dict[str, Any]]) -> None:
    checked = 0
    for rec in batch:
        doc = seen["docs"][rec["id"]]
        assert doc["visible"] and doc["listHidden"]
        if "error" in rec:
            assert doc["error"] is not None and rec["error"]["code"] in doc["error"]
            continue
        assert doc["text"] == rec["text"]  # the text view shows the whole text, unmangled
        spans = _spans(rec)
        assert len(doc["spans"]) == len(spans)
        assert doc["evidenceRows"] == len(spans)
        for k, span in enumerate(spans):
            assert doc["spans"][str(k)] == span["text"] == rec["text"][span["start"]:span["end"]]
            assert span["code"] in doc["titles"][str(k)]
            assert span["message"] in doc["titles"][str(k)]
            assert span["signal"] in doc["signals"][str(k)].split()
            checked += 1
        assert doc["reasons"] == [r["code"] for r in rec["reasons"]]
    assert checked >= 12


def test_browser_overlapping_spans_share_a_segment(seen: dict[str, Any]) -> None:
    doc = seen["docs"]["spammed-blog"]
    # "slots casino" (framing) sits inside the spam line: one segment carries both signals
    assert any("multi" in c and "sig-spam" in c and "sig-framing" in c for c in doc["markClasses"])
    assert doc["signals"]["1"] == "spam framing"


def test_browser_astral_characters_keep_offsets(seen: dict[str, Any]) -> None:
    # two emoji before the last span: JavaScript counts them twice (UTF-16)
    doc = seen["docs"]["translated"]
    assert doc["spans"]["2"] == "Republic of the Korea"


def test_browser_markup_in_text_stays_text(seen: dict[str, Any]) -> None:
    doc = seen["docs"]["markup"]
    assert "</script><script>alert('x')</script>" in doc["text"]
    assert doc["spans"]["0"] == "so-called experts"


def test_browser_document_view_shows_source_rating(seen: dict[str, Any]) -> None:
    doc = seen["docs"]["spammed-blog"]
    assert "lowcred.example" in doc["source"] and "unreliable" in doc["source"]
    assert doc["score"].startswith("2.0")
    assert "spam (3)" in doc["legend"] and "framing (4)" in doc["legend"]
    assert "bylinenone found" in doc["attribution"]
    assert "bylineANNA PETROVA" in seen["docs"]["clean-wire"]["attribution"]
    assert "creditsnone" in doc["attribution"]


def test_browser_screenshot_saved(report: Path) -> None:
    out = chromium.screenshot(report, SCREENSHOT, fragment="#doc=1")
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
