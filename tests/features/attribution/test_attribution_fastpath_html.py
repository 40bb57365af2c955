"""attribution (HTML input): the speed round's fast paths give the answers of their references.

Second speed round (2026-11-23): ``chooser.shown_list`` matches a list without compiling a regex
per list (``shown_match`` against ``shown_pattern``), the page is parsed with a plain lxml parser
(``markup._parse``: the tree of ``lxml.html.fromstring``), element text is XPath ``string()``
(``markup.text_content``: lxml.html's ``text_content()``), the attribute-hint pre-test runs on
lower-cased bytes (``markup.hinted_indexes`` against ``hinted_indexes_reference``) and
``markup.clean_author`` caches its results. Fixtures are written for these tests.
"""

from __future__ import annotations

import random
import re

import lxml.html
import pytest
from lxml import etree

from features.attribution import chooser, markup

_SEP_PIECES = [" ", "\t", "\n", "\xa0", ",", ";", "and", "und", "&", "And", "an", "a", "x",
               "and ", " and ", ", ", " & ", "; und "]
_NAMES = ["Ann Lee", "Bo", "and", "an", "& B", ",", " A", "und", "Mia"]


def _random_rows(seed: int, count: int) -> list[tuple[str, list[str]]]:
    rnd = random.Random(seed)
    out = []
    for _ in range(count):
        names = [rnd.choice(_NAMES) for _ in range(rnd.randint(2, 4))]
        parts: list[str] = []
        for i, n in enumerate(names):
            if i:
                parts.extend(rnd.choice(_SEP_PIECES) for _ in range(rnd.randint(0, 3)))
            parts.append(n if rnd.random() < 0.9 else rnd.choice(_NAMES))
        parts.extend(rnd.choice(_SEP_PIECES) for _ in range(rnd.randint(0, 2)))
        out.append(("".join(parts), names))
    return out


@pytest.mark.parametrize("chunk,names,expected", [
    ("Ann Lee, Bo Roe and Mia Fox wrote", ["Ann Lee", "Bo Roe", "Mia Fox"],
     "Ann Lee, Bo Roe and Mia Fox"),
    ("Ann Lee and Bo Roe", ["Ann Lee", "Bo Roe"], "Ann Lee and Bo Roe"),
    ("Ann Lee & Bo Roe", ["Ann Lee", "Bo Roe"], "Ann Lee & Bo Roe"),
    ("Ann Lee; und Bo Roe", ["Ann Lee", "Bo Roe"], "Ann Lee; und Bo Roe"),
    # the optional "and" after a comma is given back when the next name starts with it
    ("Ann Lee, and Bo", ["Ann Lee", "and Bo"], "Ann Lee, and Bo"),
    ("Ann Lee Bo Roe", ["Ann Lee", "Bo Roe"], None),
    ("Ann Lee,Bo Roe", ["Ann Lee", "Bo Roe"], "Ann Lee,Bo Roe"),
    ("Ann Lee andBo Roe", ["Ann Lee", "Bo Roe"], None),
    ("Bo Roe, Ann Lee", ["Ann Lee", "Bo Roe"], None),
])
def test_shown_match_fixture_rows(chunk, names, expected):
    end = chooser.shown_match(chunk, names)
    assert (chunk[:end] if end >= 0 else None) == expected
    m = chooser.shown_pattern(names).match(chunk)
    assert (m.group(0) if m else None) == expected


def test_shown_match_equals_the_compiled_regex_on_random_rows():
    hits = 0
    patterns: dict[tuple[str, ...], re.Pattern[str]] = {}
    for chunk, names in _random_rows(11, 6000):
        key = tuple(names)
        if key not in patterns:
            patterns[key] = chooser.shown_pattern(names)
        m = patterns[key].match(chunk)
        end = chooser.shown_match(chunk, names)
        assert end == (m.end() if m else -1), (chunk, names)
        hits += end >= 0
    assert hits > 200  # the table exercises matches, not only failures


def test_shown_list_reads_the_row_the_page_shows():
    html = ("<html><body><p>By <a href='/a'>Ann Lee</a>, <a href='/b'>Bo Roe</a> and "
            "<a href='/c'>Mia Fox</a></p></body></html>")
    assert chooser.shown_list(html, "Ann Lee; Bo Roe; Mia Fox") == "Ann Lee, Bo Roe and Mia Fox"
    assert chooser.shown_list(html, "Ann Lee; Mia Fox") is None


_PAGES = [
    ("<html><head><title>T</title></head><body><!-- a comment --><p class='Byline'>By "
     "<b>Jane</b> Doe<!-- hidden --> here</p><?pi x?></body></html>"),
    "<div><span class='AUTHOR'>Jane Doe</span><span>tail</span></div>",  # a fragment
    "<p>one element</p>",
    "<span>x</span> loose text <em>y</em>",
    "<!DOCTYPE html><html><body><div id='verfasser'>Ann \u212aelvin</div></body></html>",
    "<html><body><p>a</p></body><body><p>b</p></body></html>",  # two bodies
    ("<html><head><meta name='author' content='Ann Lee'></head><head><title>x</title></head>"
     "<body><p rel='author'>Ann</p></body></html>"),  # two heads
]


@pytest.mark.parametrize("html", _PAGES)
def test_parse_gives_the_lxml_html_tree(html):
    tree = markup._parse(html)
    ref = lxml.html.fromstring(html)
    assert etree.tostring(tree.getroottree()) == etree.tostring(ref.getroottree())
    assert etree.tostring(tree) == etree.tostring(ref)
    for el, rel in zip(tree.iter(), ref.iter()):
        if isinstance(rel.tag, str):
            assert markup.text_content(el) == rel.text_content()


def _hint_page(rnd: random.Random) -> str:
    words = ["author", "AUTHOR", "Autor", "aut", "byline", "BYLINE", "verfasser", "Auteur",
             "fn", "user", "team", "x", "\u212a", "\u0130", "é", "ß", "-", " ", "post", "vcard"]
    els = []
    for _ in range(rnd.randint(0, 25)):
        attr = rnd.choice(["class", "id", "itemprop", "rel", "href"])
        tag = "a" if attr == "href" or rnd.random() < 0.3 else "span"
        value = "".join(rnd.choice(words) for _ in range(rnd.randint(0, 4)))
        els.append(f'<{tag} {attr}="{value}">v</{tag}>')
    return "<html><body>" + "".join(els) + "</body></html>"


def test_hinted_indexes_equal_the_str_reference_on_random_pages():
    rnd = random.Random(5)
    for _ in range(300):
        tree = markup._parse(_hint_page(rnd))
        for pattern in (markup._AUTHOR_HINT, chooser._ATTR_HINT):
            assert markup.hinted_indexes(tree, pattern) == \
                markup.hinted_indexes_reference(tree, pattern)


def test_clean_author_cache_gives_the_uncached_answers():
    values = ["By Jane Doe", "Jane Doe | 12.03.2021", "admin", "Jane Doe Jane Doe",
              "Redaktion", "  ", "Ann Lee, Reuters", "x" * 301]
    for v in values * 2:
        assert markup.clean_author(v) == markup._clean_author(v)
    tree = markup._parse("<html><body><span class='author'>By Mia Roe</span></body></html>")
    smart = tree.xpath("//span/text()")[0]  # a smart string: cached under its plain text
    assert markup.clean_author(smart) == "Mia Roe"
    assert all(type(k) is str for k in markup._CLEANED)
