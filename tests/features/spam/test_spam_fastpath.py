"""Speed shortcuts of spam.injected give the same answers as the plain computations they replace.

Each shortcut is checked against a straightforward reference written here (the code it replaced)
on fixture texts that hit its edge cases.
"""

from __future__ import annotations

import re

import pytest

from features.spam import normalize, structure
from features.spam.injected import (
    _FUNC,
    _LETTERS_RE,
    InjectedSpamDetector,
    _DocWords,
    _lower_starts,
)
from scorer.document import Document

WORD_TEXTS = [
    "The broadcast was cast aside. Cast members said the cast list was final.",
    "aaaa aaaaa aaaa-aaaa aaaa_aaaa 1aaaa aaaa2 aaaa",
    "Café owners met at the café; CAFÉ prices rose. Cafés closed.",
    "Ballot ballots ballot\nballot. (ballot) 'ballot' ballot's ballotballot",
    "İstanbul istanbul ISTANBUL dispute over İzmir and izmir harbour",
    "",
]


def _table(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for w in _LETTERS_RE.findall(text.lower()):
        if len(w) >= 4 and w not in _FUNC:
            counts[w] = counts.get(w, 0) + 1
    return counts


@pytest.mark.parametrize("text", WORD_TEXTS)
def test_docwords_count_matches_word_table(text: str) -> None:
    table = _table(text)
    words = set(table) | {"cast", "aaaa", "café", "ballot", "istanbul", "zzzz", "allo"}
    dw = _DocWords(text)
    for w in sorted(words):
        assert dw.count(w) == table.get(w, 0), w


def test_docwords_count_falls_back_to_table(monkeypatch: pytest.MonkeyPatch) -> None:
    text = " ".join(["ballot"] * 50 + ["ballots"] * 20 + ["voter"] * 3)
    monkeypatch.setattr(_DocWords, "MAX_FINDS", 10)
    dw = _DocWords(text)
    assert dw.count("voter") == 3  # 3 finds: under the cap, no table
    assert dw._counts is None
    assert dw.count("ballot") == 50  # 70 substring hits: the table is built
    assert dw._counts is not None
    assert dw.count("ballots") == 20


def test_docwords_overlap_unchanged_by_counting() -> None:
    text = "Council votes on harbour budget.\ncheap replica watches outlet\nHarbour budget passes."
    line = "cheap replica watches outlet"
    start = text.index(line)
    dw = _DocWords(text)
    assert dw.overlap(start, start + len(line), line, 1) == 0.0
    own = "harbour budget passes"  # "passes" occurs once: 2 of 3 words are shared
    s2 = text.index("Harbour")
    assert dw.overlap(s2, s2 + len(own), own, 1) == pytest.approx(2 / 3)
    with_table = _DocWords(text)
    with_table._table()  # the word table the counts replace
    assert with_table.overlap(s2, s2 + len(own), own, 1) == dw.overlap(s2, s2 + len(own), own, 1)
    assert with_table.overlap(start, start + len(line), line, 1) == 0.0


def _lower_starts_reference(text: str) -> list[tuple[int, int]]:
    out = [(m.start(), m.end()) for m in re.finditer(r"\. +(?=[a-z])", text)]
    n = len(text)
    for mark in ("! ", "? "):
        i = text.find(mark)
        while i >= 0:
            j = i + 2
            while j < n and text[j] == " ":
                j += 1
            if j < n and "a" <= text[j] <= "z":
                out.append((i, j))
            i = text.find(mark, i + 1)
    return out


@pytest.mark.parametrize("text", [
    "Wow! it works? yes.  and more!   again!! no?? sure! Fine? x!",
    "!a ! b? c?!d. e.\n! f!",
    "No marks at all here",
    "?",
    "end!",
])
def test_lower_starts_matches_reference(text: str) -> None:
    assert list(_lower_starts(text)) == _lower_starts_reference(text)


@pytest.mark.parametrize("text", [
    "See Http://Example.com/page and hTTp://x.org now.",
    "Visit WWW.SITE.COM or www.site.com or Www.Site.Com today.",
    "Plain text with a domain example.net and no scheme.",
    "The HTTP protocol and the WWW. Nothing else.",
    "casino-x.xyz/bonus https://spam.top/a http://b.bet",
])
def test_links_same_with_and_without_lowered_text(text: str) -> None:
    det = InjectedSpamDetector()
    assert det._links(text, text.lower()) == det._links(text, None)


def _digits_reference(words: list[str]) -> int:
    stripped = [w.strip(structure._STRIP) for w in words]
    return sum(1 for w in stripped if not w.isalpha() and any(c.isdigit() for c in w))


@pytest.mark.parametrize("line,digit_share,price,brand", [
    ("cheap rolex watches outlet online", 0.0, 0.0, 0.0),
    ("rolex 24% off today only", 0.2, 1.0, 0.0),
    ("area of 5 km² near the river", 2 / 7, 0.0, 0.0),  # "km²": isdigit, not a \d digit
    ("phone x² model launch", 0.25, 0.0, 0.0),
    ("buy slot88 and bet365 now", 0.4, 0.0, 0.4),
    ("price ٣٠ dollars", 1 / 3, 1.0, 0.0),  # Arabic-Indic digits are \d
])
def test_line_features_digit_shortcuts(line: str, digit_share: float, price: float,
                                       brand: float) -> None:
    low = line.lower()
    words = low.split()
    x = structure.line_features(line, low, words, 0, frozenset(), 0.0, False, 0, _FUNC,
                                frozenset())
    f = dict(zip(structure.FEATURES, x))
    assert f["digit_share"] == pytest.approx(digit_share)
    assert f["digit_share"] == _digits_reference(words) / len(words)
    assert f["price_or_percent"] == price
    assert f["brand_model_share"] == pytest.approx(brand)


@pytest.mark.parametrize("line,repeat", [
    ("casino casino bonus slots", 0.5),
    ("casino bonus slots online", 0.0),
    ("the the the of of", 0.0),  # function words do not count
    ("Bonus bonus BONUS free", 0.75),
])
def test_line_features_repeat_share(line: str, repeat: float) -> None:
    low = line.lower()
    x = structure.line_features(line, low, low.split(), 0, frozenset(), 0.0, False, 0, _FUNC,
                                frozenset())
    assert dict(zip(structure.FEATURES, x))["repeat_share"] == pytest.approx(repeat)


@pytest.mark.parametrize("text,expected", [
    ("c_a_s_i_n_o games", True),
    ("s*l*o*t*s here", True),
    ("c a s i n o online", True),
    ("b.o.n.u.s. codes", True),
    ("go-c-a-s-i-n-o-now", True),
    ("An ordinary sentence with snake_case and a * footnote.", False),
])
def test_needs_rewrite_triggers(text: str, expected: bool) -> None:
    assert normalize.needs_rewrite(text) is expected


@pytest.mark.parametrize("text", ["", " ", "\n\t \u3000\u2003", "\x1c\x1d"])
def test_injected_whitespace_only_is_empty_result(text: str) -> None:
    r = InjectedSpamDetector()(Document(text=text, language="en"))
    assert r.score == 0.0 and r.evidence == ()
    assert set(r.features.values()) == {0.0}


@pytest.mark.parametrize("text,word,fancy", [
    ("Play cas\u200bino now \ud800 here", "casino", False),  # lone surrogate + zero width
    ("Best с\u0430sino bonus \u201cquoted\u201d", "casino", False),  # Cyrillic homoglyphs
    ("\U0001d412\U0001d40b\U0001d40e\U0001d413 games \ud83d\ude00", "slot", True),  # maths bold
    ("A\u0332M\u0332B\u0332 tickets \u2014 sale", "amb", True),  # combining underline
])
def test_fold_finds_disguised_words_among_other_non_ascii(text: str, word: str,
                                                          fancy: bool) -> None:
    f = normalize.fold(text)
    assert word in f.base
    assert f.fancy is fancy
    assert len(f.base) == len(f.leet)


def test_docwords_count_uses_table_for_long_texts_and_many_words(
        monkeypatch: pytest.MonkeyPatch) -> None:
    text = "harbour budget vote " * 10
    monkeypatch.setattr(_DocWords, "MAX_FIND_CHARS", 100)
    dw = _DocWords(text)
    assert dw.count("harbour") == 10 and dw._counts is not None
    monkeypatch.setattr(_DocWords, "MAX_FIND_CHARS", 10_000)
    monkeypatch.setattr(_DocWords, "MAX_FIND_WORDS", 2)
    dw = _DocWords(text)
    assert dw.count("harbour") == 10 and dw.count("budget") == 10 and dw._counts is None
    assert dw.count("vote") == 10  # a third word: answered from the table
    assert dw._counts is not None and dw.count("budget") == 10


# -- line-model regex pre-tests (speed round): a necessary condition checked first ------------
PRE_TEST_LINES = [
    "May 5, 2020 Washington",  # digits, no price, no brand-model token
    "Save 20% off today only",
    "price $ 5 or 5 usd or 7 euros or 3 dollars",
    "iPhone12 and SM-G950 and 4K TV and 12abc",
    "a-1 and ab-12 and 1a and x9 and 2020s",
    "\u0663\u0664abc and ab\u0663 (Arabic-Indic digits)",
    "100% sure, 50 % maybe, 12%off",
    "£5, €7, ¥9, ₹3 and plain 45",
    "no digits at all",
    "",
]


@pytest.mark.parametrize("line", PRE_TEST_LINES)
def test_line_features_price_pretest_same_answer(line: str) -> None:
    low = line.lower()
    plain = structure._PRICE_RE.search(low) is not None
    assert (structure._may_price(low) and structure._PRICE_RE.search(low) is not None) == plain


@pytest.mark.parametrize("line", PRE_TEST_LINES)
def test_line_features_brand_model_pretest_same_count(line: str) -> None:
    plain = len(structure._BRAND_MODEL_RE.findall(line))
    pre = structure._BRAND_MODEL_PRE_RE.search(line) is not None
    assert (plain if pre else 0) == plain
    if plain:
        assert pre
