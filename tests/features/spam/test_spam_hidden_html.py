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


def _starts_agree(s: str) -> None:
    """_hide_decl_starts finds a start inside every _HIDE_RE match, and only real starts."""
    from features.spam.hidden_html import _CASE_SPECIALS, _HIDE_RE, _hide_decl_starts

    if any(c in s for c in _CASE_SPECIALS):
        return
    starts = _hide_decl_starts(s.lower())
    assert all(_HIDE_RE.match(s, p) for p in starts), repr(s)
    for p in range(len(s)):
        m = _HIDE_RE.match(s, p)
        if m:
            assert any(p <= q < max(m.end(), p + 1) for q in starts), repr(s)
    assert bool(starts) == (_HIDE_RE.search(s) is not None), repr(s)


TOKENS = ["display", "Visibility", "font-size", "OPACITY", "left", "Top", "right", "text-indent",
          "margin-left", "hidden", "none", "HIDDEN", "d\u0131splay", "\u017fize", "H\u0130dden",
          "\u212a", ":", " ", "\t", "\n", "-999", "-12", "0", ".00", "px", "rem", "%", ";", "!", "}",
          "/", ">", "=", "\u2003", '"', "a", "9"]


def test_hidden_html_precheck_equals_regex_on_random_markup() -> None:
    import random

    from features.spam.hidden_html import _PRECHECK_RE, _precheck

    rnd = random.Random(8)
    for _ in range(20000):
        s = "".join(rnd.choice(TOKENS) for _ in range(rnd.randint(0, 9)))
        assert _precheck(s) == (_PRECHECK_RE.search(s) is not None), repr(s)
        _starts_agree(s)


@pytest.mark.parametrize("css", [c for c, _ in PRECHECK_CASES] + [
    ".a{font-size:0}", ".a{font-size:0\n}", ".a{opacity:0}", ".b{left:-999px}.c{color:red}",
    "x{margin-left:-9999px}", "x{margin-top : -1000px;}"])
def test_hidden_html_declaration_starts_match_regex(css: str) -> None:
    _starts_agree(css)


def _hidden_classes_reference(css: str) -> frozenset[str]:
    """The per-rule regex scan that _hidden_classes replaces."""
    from features.spam.hidden_html import _CLASS_SEL_RE, _HIDE_RE, _STYLE_RULE_RE

    found = set()
    for m in _STYLE_RULE_RE.finditer(css):
        if _HIDE_RE.search(m.group(2)):
            for sel in m.group(1).split(","):
                cm = _CLASS_SEL_RE.match(sel)
                if cm:
                    found.add(cm.group(1))
    return frozenset(found)


def test_hidden_html_hidden_classes_equal_per_rule_scan_on_random_css() -> None:
    import random
    from types import SimpleNamespace

    sels = [".seo", ".x1", "div.hide", "p", ".a, .b", " .c ", "#id", ".d:hover", ""]
    decls = ["display:none", "display : None", "DISPLAY:none!important", "left:-999px",
             "margin-left:-1000px", "top: -12px", "font-size:0", "font-size:0\n", "opacity:0.0 ",
             "opacity:0.5", "visibility:hidden", "color:red", "text-indent:-5000px",
             "d\u0131splay:none", "font-\u017fize:0", "\u212a:1", ""]
    junk = ["{", "}", "@media screen{", "\n", " ", ";"]
    rnd = random.Random(9)
    flagged = 0
    for _ in range(4000):
        parts = []
        for _ in range(rnd.randint(0, 5)):
            if rnd.random() < 0.75:
                body = rnd.choice([";", " ; ", ";\n"]).join(
                    rnd.choice(decls) for _ in range(rnd.randint(0, 3)))
                parts.append(f"{rnd.choice(sels)}{{{body}}}")
            else:
                parts.append(rnd.choice(junk))
        css = "".join(parts)
        root = SimpleNamespace(iter=lambda tag, css=css: [SimpleNamespace(text=css)])
        expected = _hidden_classes_reference(css)
        flagged += bool(expected)
        assert HiddenHtmlDetector._hidden_classes(root) == expected, css
    assert flagged > 1000  # the table exercises hiding rules, not only empty answers
