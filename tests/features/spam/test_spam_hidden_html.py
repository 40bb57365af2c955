"""Tests of spam.hidden_html.v1 (fixtures written for these tests)."""

from __future__ import annotations

import math

import pytest

from features.spam import HiddenHtmlDetector
from scorer.document import Document

DET = HiddenHtmlDetector()
ARTICLE = ("<p>The library will close for two weeks in March while workers replace the roof "
           "and repair the reading room, the city said on Friday.</p>")
SPAM_LINKS = ('<a href="https://best-casino-online.xyz/">online casino</a> '
              '<a href="https://slots-gacor.vip/">slot gacor</a> '
              '<a href="https://cheap-pills.top/">buy cheap viagra</a>')
TEXT = ("The library will close for two weeks in March while workers replace the roof and "
        "repair the reading room, the city said on Friday.")


def page(hidden_open: str, hidden_close: str = "</div>", head: str = "") -> str:
    return (f"<html><head>{head}</head><body><article>{ARTICLE}</article>"
            f"{hidden_open}{SPAM_LINKS}{hidden_close}</body></html>")


HIDDEN = [
    ("display_none", page('<div style="display:none">')),
    ("visibility_hidden", page('<div style="visibility: hidden;">')),
    ("font_size_zero", page('<div style="font-size:0px;">')),
    ("offscreen", page('<div style="position:absolute;left:-9999px">')),
    ("text_indent", page('<p style="text-indent:-5000px">', "</p>")),
    ("hidden_attr", page("<div hidden>")),
    ("css_class", page('<div class="x1 seo">', head="<style>.seo{display:none}</style>")),
]


@pytest.mark.parametrize("name,html", HIDDEN, ids=[h[0] for h in HIDDEN])
def test_hidden_html_flags_hidden_spam_links(name: str, html: str) -> None:
    res = DET(Document(text=TEXT, html=html, language="en", url="https://library.example.org/a"))
    codes = {e.code for e in res.evidence}
    assert "hidden_html" in codes and "hidden_spam_link" in codes, name
    assert res.score is not None and res.score >= 0.5
    # The hidden text did not reach doc.text: document-level evidence, no span.
    assert all(e.span is None for e in res.evidence)
    assert res.features["hidden_spam_links"] >= 2


def test_hidden_html_span_when_text_present() -> None:
    html = page('<div style="display:none">')
    hidden_text = "online casino slot gacor buy cheap viagra"
    text = TEXT + "\n" + hidden_text
    res = DET(Document(text=text, html=html, language="en"))
    spans = [e.span for e in res.evidence if e.span is not None]
    assert spans and all(text[s.start:s.end] == hidden_text for s in spans)


def test_hidden_html_ignores_hidden_menu_and_visible_links() -> None:
    menu = ('<nav style="display:none"><a href="/news">News</a> <a href="/sport">Sport</a> '
            '<a href="https://www.facebook.com/share">Share</a></nav>')
    html = (f"<html><body>{menu}<article>{ARTICLE}</article>"
            f"<div class='footer'>{SPAM_LINKS}</div></body></html>")
    res = DET(Document(text=TEXT, html=html, language="en", url="https://example.org/x"))
    assert res.evidence == () and res.score == 0.0


def test_hidden_html_none_without_html() -> None:
    res = DET(Document(text=TEXT, language="en"))
    assert res.score is None and all(v == 0.0 for v in res.features.values())


@pytest.mark.parametrize("html", ["", "   ", "<", "<div style='display:none'", "\x00\xff" * 100,
                                  "<div hidden>" * 3000, "<p>😀</p>" * 100,
                                  "<style>.a{display:none}</style><p class='a'>x</p>"])
def test_hidden_html_edge_inputs_never_raise(html: str) -> None:
    res = DET(Document(text="", html=html))
    assert all(math.isfinite(v) for v in res.features.values())
    assert res.score is None or 0.0 <= res.score <= 1.0
