"""attribution.*: the fast paths give the answers of the plain reference implementations.

The speed round replaced ``str.lower`` + a ``str`` automaton by ASCII-mapped bytes, two quote
regexes by str.find loops, and an "aut" scan by a colon scan; these tests compare each fast path
with its reference on fixtures and on random strings built from awkward pieces (KELVIN SIGN,
dotted capital I, no-break spaces, curly quotes, final sigma, "?").
"""

from __future__ import annotations

import random

import pytest

from features.attribution import _common as c
from features.attribution import credits, sourcing

_PIECES = ["said", " ", "\n", "\xa0", "He", "he", "I", "i", "’", "“", "”", '"', "we", "We’re",
           "İ", "K", "\u212a", "Σ", "ERKLÄRTE", "erklärte", "According to", "Reuters", "(AP)",
           "AP", "By", "by", "Jane", "Doe", ",", "a", "senior", "analyst", "at", "The", "Times",
           "reported", ".", "via", "Via", "Author:", "AUTHOR:", "Autorin:", "sources", "the author",
           "of", "Go to Source", "—", "é", "Ä", "?", "…", "told", "Smith", "x" * 40]


def _random_texts(seed: int, count: int) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for k in range(count):
        parts = [rnd.choice(_PIECES) for _ in range(rnd.randint(0, 30))]
        out.append(" ".join(parts) if k % 2 else "".join(parts))
    return out


def _reference_quotes(text: str, max_len: int = 700) -> list[tuple[int, int, int]]:
    out = []
    for mark, pattern in (("“", sourcing._CURLY), ('"', sourcing._STRAIGHT)):
        if mark in text:
            for m in pattern.finditer(text):
                s, e = m.span()
                if e - s <= max_len + 2:
                    out.append((s, e, text.count(" ", s + 1, e - 1) + 1))
    return sorted(out) if ('"' in text and "“" in text) else out


@pytest.mark.parametrize("text,expected", [
    ("“One two three,” she said.", [(0, 16)]),
    ("“open “nested” close”", [(6, 14)]),
    ("“broken\nline” and “ok”", [(18, 22)]),
    ('He said "a b" and "c"', [(8, 13), (18, 21)]),
    ("“”  \"\"", []),
])
def test_find_quotes_fixture_spans(text, expected):
    got = sourcing.find_quotes(text)
    assert [(q.start, q.end) for q in got] == expected
    for q in got:
        assert text[q.start] in "“\"" and text[q.end - 1] in "”\""


def test_find_quotes_matches_the_regex_reference_on_random_text():
    rnd = random.Random(7)
    for _ in range(3000):
        text = "".join(rnd.choice('ab “”"\n') for _ in range(rnd.randint(0, 40)))
        for max_len in (700, 5):
            assert [tuple(q) for q in sourcing.find_quotes(text, max_len)] == \
                _reference_quotes(text, max_len), text


def test_find_quotes_respects_the_700_character_body_limit():
    assert len(sourcing.find_quotes("“" + "x" * 700 + "”")) == 1
    assert sourcing.find_quotes("“" + "x" * 701 + "”") == []


def test_scan_fast_path_equals_reference_on_random_text():
    for text in _random_texts(11, 3000):
        fast = c.scan_uncached(text)
        exact = c._scan_exact(text)
        assert fast == exact, repr(text)
        assert fast[0] == c.ascii_lower(text)
        assert len(fast[0]) == len(text)


@pytest.mark.parametrize("text,label,span_text", [
    ("I think we’re right, she said.", "fp", " we’"),
    ("Er erklärte es.", "speech", "erklärte"),
    ("ER ERKLÄRTE ES.", "speech", "ERKLÄRTE"),  # undecided by the cheap check: reference path
    ("The \u212aelvin sign said nothing.", "speech", "said"),  # KELVIN SIGN: reference path
    ("İstanbul: he said so", "speech", "said"),  # str.lower changes the length here
])
def test_scan_finds_non_ascii_and_awkward_matches(text, label, span_text):
    _low, matches, _words = c.scan_uncached(text)
    assert matches == c._scan_exact(text)[1]
    assert any(lab == label and text[s:e] == span_text for lab, _i, s, e in matches)


def test_scan_false_ascii_candidate_falls_back_to_reference():
    # " i…" maps to the same bytes as the phrase " i’" but is not a match
    text = "and i… well, we? said Doe"
    assert c.scan_uncached(text) == c._scan_exact(text)
    assert not any(lab == "fp" for lab, _i, _s, _e in c.scan_uncached(text)[1])


def test_agency_matches_equal_the_str_automaton():
    ag = c.agencies()
    for text in _random_texts(13, 1500) + ["LONDON (Reuters) — “AP” said", "Agence France-Presse"]:
        c.ascii_lower(text)  # as scan does: leaves the raw mapping for agency_matches
        assert c.agency_matches(text) == ag.automaton.find_matches_as_indexes(text)
    assert c.agency_matches("no raw mapping cached (AFP) here") == \
        ag.automaton.find_matches_as_indexes("no raw mapping cached (AFP) here")


@pytest.mark.parametrize("text,heads", [
    ("Author: Jane Doe\nBody", ["Author: "]),
    ("x (Autorin: Erika Muster)", ["Autorin: "]),
    ("The author: nobody", []),  # lower-case label, not at a head position
    ("AUTHOR:\tJohn Roe", ["AUTHOR:\t"]),
    ("By Jane Doe and Written by Max Roe", ["By ", "Written by "]),
])
def test_byline_heads_fixture_table(text, heads):
    got = credits._byline_heads(text, c.ascii_lower(text), 0, len(text))
    assert [m.group(0) for m in got] == heads


def test_byline_heads_colon_scan_equals_aut_scan():
    def reference(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
        low = c.lower_same_length(text)
        out = []
        i = low.find("aut", lo, hi)
        while i >= 0:
            if (i == 0 or text[i - 1] in credits._BEFORE_HEAD) and \
                    low.startswith(("auth", "autor", "auteur"), i):
                m = credits._BYLINE_HEAD.match(text, i)
                if m:
                    out.append(m.span())
            i = low.find("aut", i + 1, hi)
        return out

    rnd = random.Random(17)
    pieces = ["Author:", "AUTHOR:", "Authors:", "Autor:", "Auteur:", "Autorin:", "aut", ":", " ",
              "\n", "(", "x", "Jane"]
    for _ in range(4000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 10)))
        lo = rnd.randint(0, len(text))
        hi = rnd.randint(lo, len(text))
        got = [m.span() for m in credits._byline_heads(text, c.ascii_lower(text), lo, hi)
               if m.group(0)[:1] in "Aa"]
        assert got == reference(text, lo, hi), (text, lo, hi)
