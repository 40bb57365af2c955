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


# _precheck must answer exactly as the case-insensitive regex it replaces (a speed-only change).
PRECHECK_CASES = [
    ("", False), ("plain article text with no styles", False),
    ('<div style="display:none">', True), ('<div style="DISPLAY : None">', True),
    ('<div style="display:inline">', False), ("visibility:\thidden", True),
    ("VISIBILITY: visible", False), ("font-size:0px;", True), ("font-size: 0.00em}", True),
    ("font-size:0", True), ("font-size:0\n", True), ("font-size:0 x", False),
    ("font-size:0.5em;", False), ("font-size:12px", False), ("opacity:0;", True),
    ("opacity: 0.0 !important", True), ("opacity:0.3;", False), ("left:-9999px", True),
    ("LEFT :  -120px", True), ("left:-99px", False), ("margin-top:-1000px", True),
    ("text-indent:\n-5000px", True), ("top: -100", True), ("right:-100em", True),
    ("bottom:-9999px", False), ("width:-9999px", False), ("https://a.example/x:-1234", False),
    ("<div hidden>", True), ("<div\thidden=''>", True), ("<p>a hidden gem</p>", True),
    ("<p>hidden gem</p>", False), ("<p>unhidden</p>", False), ("<input type=hidden>", False),
    ("<div HIDDEN/>", True), ("d\u0131splay:none", True), ("d\u0130splay:none", True),
    ("vi\u017fibility:hidden", True), ("fonT-\u017fize:0;", True), ("<p> h\u0131dden </p>", True),
    ("\u017f display:block", False), ("\u212a display:none", True), ("\u212aeft:-999", False),
    ("\u2003hidden\u2003", True), ("display:none" + "\u0130", True),
]


@pytest.mark.parametrize("html,expected", PRECHECK_CASES)
def test_hidden_html_precheck_matches_case_insensitive_regex(html: str, expected: bool) -> None:
    from features.spam.hidden_html import _PRECHECK_RE, _precheck

    assert (_PRECHECK_RE.search(html) is not None) == expected
    assert _precheck(html) == expected


def test_hidden_html_precheck_equals_regex_on_random_markup() -> None:
    import random

    from features.spam.hidden_html import _HIDE_RE, _PRECHECK_RE, _has_hide_decl, _precheck

    tokens = ["display", "Visibility", "font-size", "OPACITY", "left", "Top", "right",
              "text-indent", "margin-left", "hidden", "none", "HIDDEN", "d\u0131splay",
              "\u017fize", "H\u0130dden", "\u212a", ":", " ", "\t", "\n", "-999", "-12", "0",
              ".00", "px", "rem", "%", ";", "!", "}", "/", ">", "=", "\u2003", '"', "a", "9"]
    rnd = random.Random(8)
    for _ in range(20000):
        s = "".join(rnd.choice(tokens) for _ in range(rnd.randint(0, 9)))
        assert _precheck(s) == (_PRECHECK_RE.search(s) is not None), repr(s)
        assert _has_hide_decl(s) == (_HIDE_RE.search(s) is not None), repr(s)


@pytest.mark.parametrize("css", [c for c, _ in PRECHECK_CASES] + [
    ".a{font-size:0}", ".a{font-size:0\n}", ".a{opacity:0}", ".b{left:-999px}.c{color:red}"])
def test_hidden_html_hide_declaration_check_matches_regex(css: str) -> None:
    from features.spam.hidden_html import _HIDE_RE, _has_hide_decl

    assert _has_hide_decl(css) == (_HIDE_RE.search(css) is not None)


def test_hidden_html_sheet_check_implies_every_rule_check() -> None:
    # _hidden_classes skips a style sheet without a hiding declaration: sound only if a
    # declaration block (followed by "}" in the sheet) matching implies the sheet matching.
    from features.spam.hidden_html import _HIDE_RE, _STYLE_RULE_RE

    for body in ("font-size:0", "font-size:0\n", "opacity: 0.0 ", "display:none", "top:-500"):
        sheet = f".x{{{body}}}"
        decls = [m.group(2) for m in _STYLE_RULE_RE.finditer(sheet)]
        assert decls == [body] and _HIDE_RE.search(body) and _HIDE_RE.search(sheet)
