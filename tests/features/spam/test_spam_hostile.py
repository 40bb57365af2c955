"""Both spam detectors stay linear on 200,000-character hostile documents and HTML.

The inputs are long runs of one unit (the backtracking shapes of tests/reliability/redos_probe.py
plus spam-shaped units: links, braces, hidden markup, obfuscation), ended by a character that
makes a pending match fail. A quadratic step (the old ``([^{}]+)\\{`` CSS rule regex, the old
"is this TLD inside a known link" scan) takes tens of seconds here; linear code takes well under
a second per call.
"""

from __future__ import annotations

import time

import pytest

from features.spam import detectors
from features.spam.hidden_html import _STYLE_RULE_RE, HiddenHtmlDetector
from scorer.document import Document

N = 200_000
#: Far above the ~0.1-1.5 s a linear pass needs on a loaded machine, far below a quadratic pass.
LIMIT_S = 8.0
UNITS = ["a", " ", "a\n", "#", "{", "a{", "-", "\u200b", "a\u200b", "\u0332a", "<a ", "www.",
         "a.com ", "a" * 40 + ".com.", "<a href='http://x.com'>", "c a s i n o ", "%2", "&#",
         ".x{display:none}", "<div hidden>", "slot gacor ", "казино ",
         "velvet sofa | garden gnome outlet 3XL\n"]  # the last: 6,000 line-model candidates


def _text(unit: str) -> str:
    return unit * (N // len(unit)) + "!\x00"


def _html(unit: str) -> str:
    body = _text(unit)[: N // 2]
    return ("<html><head><style>" + body + "</style></head><body><div style='display:none'>"
            + body + "</div><p>x</p></body></html>")


@pytest.mark.parametrize("unit", UNITS)
def test_spam_detectors_linear_on_hostile_documents(unit: str) -> None:
    text = _text(unit)
    doc = Document(text=text, language="en", html=_html(unit))
    for det in detectors():
        start = time.perf_counter()
        res = det(doc)
        took = time.perf_counter() - start
        assert took < LIMIT_S, f"{det.name} took {took:.1f}s on {unit!r} x {N}"
        for ev in res.evidence:
            if ev.span is not None:
                assert 0 <= ev.span.start < ev.span.end <= len(text)


def test_style_rule_regex_linear_without_braces() -> None:
    css = "#" * N + "!"
    start = time.perf_counter()
    assert _STYLE_RULE_RE.search(css) is None
    assert time.perf_counter() - start < 1.0


def test_style_rule_regex_still_reads_rules() -> None:
    css = "p{color:red} .ad-x, div.hid { display : none } #z{x:y}"
    rules = [(m.group(1).strip(), m.group(2).strip()) for m in _STYLE_RULE_RE.finditer(css)]
    assert rules == [("p", "color:red"), (".ad-x, div.hid", "display : none"), ("#z", "x:y")]


def test_hidden_html_find_maps_collapsed_whitespace_to_original_offsets() -> None:
    text = "Intro line.\n\nbest  casino\n  bonus   site here\nOutro."
    span = HiddenHtmlDetector._find(text, "best casino bonus site")
    assert span is not None and text[span.start:span.end] == "best  casino\n  bonus   site"


def test_spam_detectors_linear_on_many_distinct_keyword_lines() -> None:
    # ~6,000 different candidate lines: per-line whole-document scans would be quadratic here.
    lines = [f"velvet sofa {i} | garden gnome outlet x{i * 7}" for i in range(6000)]
    text = "\n".join(lines)[:N]
    doc = Document(text=text, language="en")
    for det in detectors():
        start = time.perf_counter()
        det(doc)
        assert time.perf_counter() - start < LIMIT_S
