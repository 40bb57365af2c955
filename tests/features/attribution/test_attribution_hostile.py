"""attribution.*: no super-linear regex work on hostile documents.

Long runs of the characters that byline, dateline, credit and quote patterns look for (spaces,
capitalised words, "By ", quotes, dashes, initials, URLs ...) must be processed in time roughly
proportional to their length, and the results must stay well-formed. A quadratic pattern takes
minutes on 200,000 characters, so the generous time bounds below only catch real regressions.
"""

from __future__ import annotations

import importlib
import math
import re
import time

import pytest

from features.attribution import detectors
from scorer.document import Document

LENGTH = 200_000
UNITS = (" ", "  \t", "A", "AB", "Ab ", "A. ", "Mr. ", "By ", "BY ", "by ", "By Ab ", "Author: ",
         "\"", "“", "”", "' ", "-", "—", " — ", "--", ":", "( ", "(AP) ", "AB, ", "Ab, Ab ",
         "said ", "said Ab ", "\n", "\n\n", "a-", "a.b", "www.", "http://", "@", "|", "1",
         "Go to Source ", "via Ab ", ", ", "\u200b", "é")


def _hostile(unit: str) -> str:
    return unit * (LENGTH // len(unit)) + "!\x00"


def _check(result, doc: Document) -> None:
    for name, value in result.features.items():
        assert isinstance(value, float) and math.isfinite(value), name
    assert result.score is None or 0.0 <= result.score <= 1.0
    for ev in result.evidence:
        if ev.span is not None:
            assert 0 <= ev.span.start <= ev.span.end <= len(doc.text)
            assert doc.text[ev.span.start:ev.span.end]


@pytest.mark.parametrize("unit", UNITS)
def test_attribution_detectors_linear_on_hostile_text(unit):
    doc = Document(text=_hostile(unit), language="en")
    for det in detectors():
        start = time.process_time()
        result = det(doc)
        took = time.process_time() - start
        _check(result, doc)
        assert took < 5.0, f"{det.name} took {took:.1f}s on {unit!r} x {LENGTH}"


@pytest.mark.parametrize("unit", ("By ", "Ab ", " ", "AB", "Von Ab ", "Autor: ", "-", "“"))
def test_attribution_credits_linear_on_hostile_html(unit):
    body = _hostile(unit)
    html = (f'<html><head><meta name="author" content="{body[:5000]}"></head><body>'
            f'<p class="byline">{body[:20000]}</p><p>{body}</p></body></html>')
    doc = Document(text=body, html=html, language="en")
    for det in detectors():
        start = time.process_time()
        result = det(doc)
        took = time.process_time() - start
        _check(result, doc)
        assert took < 10.0, f"{det.name} took {took:.1f}s on HTML of {unit!r}"


@pytest.mark.parametrize("body", [
    '<div class="author">' * 3000 + "x" + "</div>" * 3000,        # deep author containers
    '<span class="author">x</span>' * 20000,                      # many author elements
    '<div class="byline"><a>x</a></div>' * 20000,                 # many byline links
    '<div class="comment"><div id="autor">' * 1500 + "x" + "</div></div>" * 1500,
    "<span>By</span>" * 20000,                                    # many lone labels
    "<p>25.10.2022 - Mara Linn x</p>" * 20000,                    # many date lines
    '<div class="author-box">' + "<p>word " * 50000 + "</div>",   # one huge author container
])
def test_attribution_markup_linear_on_hostile_element_shapes(body):
    html = f"<html><head></head><body>{body}</body></html>"
    doc = Document(text="Plain text.", html=html, url="https://example.org/a", language="en")
    start = time.process_time()
    result = detectors()[0](doc)
    took = time.process_time() - start
    _check(result, doc)
    assert took < 5.0, f"markup lookup took {took:.1f}s on {body[:40]!r}"


def _module_patterns() -> list[tuple[str, re.Pattern[str]]]:
    found = []
    for mod_name in ("features.attribution._common", "features.attribution.credits",
                     "features.attribution.markup", "features.attribution.sourcing"):
        mod = importlib.import_module(mod_name)
        for attr, value in vars(mod).items():
            if isinstance(value, re.Pattern):
                found.append((f"{mod_name}.{attr}", value))
    return found


@pytest.mark.parametrize("name,pattern", _module_patterns(),
                         ids=lambda v: v if isinstance(v, str) else "")
def test_attribution_pattern_search_is_linear(name, pattern):
    # the reliability probe's shape: search a 20,000-character run ending in a mismatch
    start = time.process_time()
    for unit in UNITS:
        pattern.search(unit * (20_000 // len(unit)) + "!\x00")
    took = time.process_time() - start
    assert took < 2.0, f"{name}: {took:.2f}s"
