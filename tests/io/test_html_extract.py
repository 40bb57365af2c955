"""scorer.io.html fast extractor: behaviour on pages written for these tests, and the speed
shortcuts (plain lxml elements, skipped regexes, text cache) giving the answers of the plain code."""

from __future__ import annotations

import random

import pytest

from scorer.io import html as H

PARA = ("The county council voted on Tuesday to rebuild the old stone bridge over the river, "
        "after engineers found cracks in two of its arches during the spring inspection.")
PARA2 = ("Work is expected to start in autumn and to last about eighteen months, during which "
         "a temporary footbridge will carry pedestrians and cyclists across the water.")
PARA3 = ("Residents who spoke at the meeting asked for the works to avoid the summer market "
         "season, and the council agreed to review the schedule with local traders.")

PAGE = f"""<!DOCTYPE html><html><head><title>Page title | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="By Jane Roe">
<meta property="article:published_time" content="2024-03-05">
<link rel="canonical" href=" https://news.example.org/bridge ">
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "Bridge to be rebuilt",
 "author": {{"@type": "Person", "name": "Ignored Because Meta Came First"}}}}</script>
<style>.x{{color:red}}</style></head>
<body>
<div id="cookie-banner"><p>We use cookies on this site to improve your experience of it, and
for advertising purposes as explained in our policy.</p></div>
<header><a href="/">Example News</a></header>
<nav><ul><li><a href="/a">Local</a></li><li><a href="/b">Sport</a></li></ul></nav>
<main><article><h1>Bridge to be rebuilt</h1>
<div class="share-tools">Share this <a href="#">Facebook</a></div>
<div class="article-body">
<p>{PARA}</p>
<p>{PARA2}  <span hidden>hidden words</span></p>
<ul class="related-links"><li><a href="/x">Another story about bridges</a></li></ul>
<li><a href="/y">Only a link</a></li>
<p>{PARA3}</p>
</div></article></main>
<footer><p>Copyright Example News, all rights reserved, reproduction forbidden.</p></footer>
</body></html>"""


def test_html_extract_fast_keeps_article_blocks_and_drops_furniture() -> None:
    text, _ = H.extract_fast(PAGE)
    assert text.split("\n") == [PARA, PARA2, PARA3]
    for gone in ("cookies", "Share this", "Local", "Copyright", "hidden words", "Only a link"):
        assert gone not in text


def test_html_extract_fast_metadata_order_of_sources() -> None:
    _, meta = H.extract_fast(PAGE)
    assert meta == {"author": "Jane Roe", "published": "2024-03-05", "site_name": "Example News",
                    "canonical_url": "https://news.example.org/bridge",
                    "title": "Bridge to be rebuilt", "extractor": "fast"}


def test_html_extract_fast_title_tag_when_no_other_title() -> None:
    page = f"<html><head><title> A  plain\ttitle </title></head><body><p>{PARA}</p></body></html>"
    _, meta = H.extract_fast(page)
    assert meta["title"] == "A plain title"


def test_html_extract_fast_layout_wrapper_named_like_furniture_is_kept() -> None:
    # Over 500 characters of paragraphs in the wrapper: a layout wrapper, kept; the real
    # sidebar (one paragraph) goes.
    page = (f"<html><body><div class='page-with-sidebar'><p>{PARA}</p><p>{PARA2}</p>"
            f"<p>{PARA3}</p><p>{PARA}</p></div><div class='sidebar'><p>{PARA2}</p></div>"
            "</body></html>")
    text, _ = H.extract_fast(page)
    assert text.split("\n") == [PARA, PARA2, PARA3, PARA]


def test_html_extract_fast_loose_text_between_breaks_is_a_block() -> None:
    page = f"<html><body><div>{PARA}<br><br>\n\n{PARA2}\n\nshort<br>too</div></body></html>"
    text, _ = H.extract_fast(page)
    assert text.split("\n") == [PARA, PARA2]  # "short too": under 40 characters


def test_html_extract_fast_whitespace_is_squeezed_inside_blocks() -> None:
    page = f"<html><body><p>{PARA.replace(' ', '  ', 3)}\t\u00a0end</p></body></html>"
    text, _ = H.extract_fast(page)
    assert text == PARA + " end"


def test_html_extract_fast_tail_text_of_dropped_element_survives() -> None:
    # The <p> loses its <span hidden>; the text after it stays in the paragraph.
    page = f"<html><body><p>{PARA} <span hidden>x</span>and after.</p></body></html>"
    text, _ = H.extract_fast(page)
    assert text == PARA + " and after."


@pytest.mark.parametrize("html", ["", "   ", "<", "\x00\xff" * 50, "<p>😀</p>" * 50,
                                  "<div>" * 3000 + "x", "<html><body></body></html>",
                                  "<p>broken <b><i><table><tr><td>" * 100])
def test_html_extract_fast_edge_inputs_never_raise(html: str) -> None:
    text, meta = H.extract_fast(html)
    assert isinstance(text, str) and isinstance(meta, dict)


# --- the speed shortcuts answer as the plain code ------------------------------------------------

def test_html_text_equals_lxml_html_text_content() -> None:
    import lxml.html

    page = PAGE + "<p>a<!-- c --><b>b</b>c&amp;<![CDATA[d]]></p>"
    doc = lxml.html.document_fromstring(page)
    H._parser()
    for el in doc.iter():
        if isinstance(el.tag, str):
            assert H._text(el) == el.text_content()


@pytest.mark.parametrize("text", ["", " ", "a b", "a  b", "a\tb", "a\u00a0b", "a\nb", " a ",
                                  "a\r\nb", "a\f\vb", "a \u2003 b", "\u00a0", "x" * 50])
def test_html_squeeze_equals_space_regex(text: str) -> None:
    assert H._squeeze(text) == H._SPACE.sub(" ", text)


def test_html_furniture_ascii_shortcut_equals_case_insensitive_regex() -> None:
    assert H._FURNITURE.pattern == H._FURNITURE.pattern.lower()
    words = ["nav", "NAV", "Menu", "footer", "side-bar", "read-more", "Cookie", "ads", "ad",
             "main", "article", "body-text", "story", "x", "-", "_", " ", "comments", "comment",
             "Related", "skip-link", "SKIP-LINK", "widget", "tags", "tag"]
    rnd = random.Random(3)
    for _ in range(5000):
        attrs = "".join(rnd.choice(words) for _ in range(rnd.randint(0, 4)))
        assert attrs.isascii()
        assert (H._FURNITURE_ASCII.search(attrs.lower()) is not None) == \
            (H._FURNITURE.search(attrs) is not None), attrs
