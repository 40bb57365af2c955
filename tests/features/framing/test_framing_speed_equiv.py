"""Speed round (2026-11-23): the counts read off UTF-8 bytes must equal the plain str counts.

framing.partisan.v1 counts ! ? sentence ends and digits on the UTF-8 bytes of the normalised
text, and builds the model's byte tokens from the same bytes. These tests compare them with the
plain definitions on texts written for this file (non-ASCII punctuation, case-folding specials,
curly quotes next to '?', emoji, control bytes)."""

from __future__ import annotations

import math
import random

import pytest

from features.framing.partisan import (
    _FROM_BYTE_TOKEN,
    _SENTENCE_END,
    PartisanFraming,
    _byte_tokens,
    _sentence,
    _utf8,
    normalise,
    tokens,
)

_ENDS = (". ", ".\n", "? ", "?\n", "! ", "!\n")

TEXTS = [
    "", " ", "?", "!", ". ", "a. b? c! d.\ne?\nf!\n", "Stop!! Really?? Yes. ",
    "Ünïcödé? ¿Qué? ¡Sí! 42 km. Done.\n", "Kelvin \u212a sign. Long \u017f s! İstanbul 1999? ",
    "“Quoted?” he asked. ‘Single’ quotes! “so-called” experts?\n”", "emoji 🙂. 🙂? 🙂!\n🙂",
    "digits ١٢٣ (Arabic-Indic) and 123 and ５６ (fullwidth).", "tab.\tnew!\rline?\x0bend.",
    "x\x00y. \x7f? \x85!\u2028.\u00a0", "שלום. עולם? world!", "a" * 300 + ". " + "9" * 40,
    "THE ALL-CAPS HEADLINE! U.S. NATO. Then plain text? 2026-11-23.",
]


def _rand_texts(n: int = 300) -> list[str]:
    rnd = random.Random(23)
    parts = [".", "?", "!", " ", "\n", "a", "Q", "7", "é", "İ", "\u212a", "“", "”", "’", '"',
             "🙂", "\u00a0", "\u2028", "x y", "\r"]
    return ["".join(rnd.choice(parts) for _ in range(rnd.randint(0, 80))) for _ in range(n)]


@pytest.mark.parametrize("text", TEXTS + _rand_texts())
def test_partisan_byte_counts_equal_str_counts(text: str) -> None:
    _, dense, _, _ = PartisanFraming().analyse(text)
    low = normalise(text)
    n_words = len(text.split())
    per100 = 100.0 / max(n_words, 1)
    assert dense["exclamation_rate"] == text.count("!") * per100
    assert dense["question_rate"] == text.count("?") * per100
    assert dense["words_per_sentence"] == n_words / (sum(text.count(e) for e in _ENDS) + 1)
    digits = sum(1 for c in low if "0" <= c <= "9")
    assert math.isclose(dense["digit_rate"], 100.0 * digits / max(len(low), 1),
                        rel_tol=0, abs_tol=1e-12)


@pytest.mark.parametrize("text", TEXTS + _rand_texts())
def test_partisan_byte_tokens_from_utf8_equal_regex_tokens(text: str) -> None:
    low = normalise(text)
    got = _byte_tokens(low, _utf8(low))
    assert got == _byte_tokens(low)
    if any(c in low for c in "\x01\x02\x03"):
        assert got is None
    else:
        assert [_FROM_BYTE_TOKEN.get(t) or t.decode() for t in got] == tokens(low)


def test_partisan_sentence_counts_see_non_ascii_neighbours() -> None:
    # "é. " is one sentence end; "?é" is none: UTF-8 continuation bytes never pair with ASCII
    _, dense, _, _ = PartisanFraming().analyse("café. thé?é fin")
    assert dense["words_per_sentence"] == 3 / 2


def _sentence_plain(text: str, start: int, end: int, reach: int = 300) -> str:
    left = text[max(0, start - reach):start]
    cut = max((m.end() for m in _SENTENCE_END.finditer(left)), default=0)
    right = text[end:end + reach]
    stop = _SENTENCE_END.search(right)
    return left[cut:] + text[start:end] + (right[:stop.start()] if stop else right)


@pytest.mark.parametrize("text", TEXTS + _rand_texts(100))
def test_partisan_sentence_equals_finditer_version(text: str) -> None:
    for start in range(0, len(text) + 1, 3):
        for end in (start, min(len(text), start + 4)):
            for reach in (5, 300):
                assert _sentence(text, start, end, reach) == _sentence_plain(text, start, end, reach)


# --- speed round 3 (2026-11-23): ASCII-mapped bytes, word statistics, windows ---------------
import re
import sys

from features.framing.partisan import (
    _ASCII_WS,
    _FIRST_PERSON,
    _FIRST_PERSON_TRIGGERS,
    _FP_WINDOW,
    _LINE_BREAKS,
    _NON_ASCII_WS,
    _SCARE,
    _bag,
    _first_person_span,
    _scare_spans,
    _word_stats,
    ascii_bytes,
    ascii_low,
    load_lexicon,
)

ROUND3_TEXTS = TEXTS + [
    "NATO and the U.S. said F-35 jets (A-10S) ÉTAT éTAT ΑΘΗΝΑ ǅUNGLA 1999 $100 ‘OK’ “USA”",
    "Kelvin \u212aILO word \u212a-9 İSTANBUL KING’S ‘Quoted’ it’s",
    "nbsp\xa0between WORDS\xa0HERE and\u2009thin\u3000ideographic \u2028line\u2029para\x85nel",
    "x\x1cy\x1dz\x1e w\x1fv WORD\x1cCAPS \r\n\r\nline\r\n \n\t\nLAST",
    "a" * 200 + "?" + "\n" * 3 + "END. ? ! . ?\n!\n.",
    "lone surrogate \ud800 here. \udfff?",
    "i think " + " " * 40 + "we believe. the author" + " " * 30 + "agrees. in my\n\n\n opinion",
    "i" + " " * 130 + "think",
    "     leading and trailing spaces    ",
]


def _rand_round3(n: int = 400) -> list[str]:
    rnd = random.Random(3)
    parts = [" ", "  ", "\n", "\r\n", "\t", "\x1c", "\xa0", "\u2009", "a", "B", "CAPS", "É", "é",
             "ǅ", "\u212a", "İ", "Σ", "ς", "9", ".", "!", "?", '"', "“", "”", "’", "‘", "-", "(",
             "🙂", "\x00", "\x01", "so-called ", "so called", "i think ", "we believe ",
             "the author agrees ", "in my opinion ", "imho", "libtards", "regime", "utter nonsense",
             "said ", "Said ", "as ", " " * 30]
    return ["".join(rnd.choice(parts) for _ in range(rnd.randint(0, 120))) for _ in range(n)]


R3 = ROUND3_TEXTS + _rand_round3()


def test_round3_unicode_facts_behind_the_byte_paths() -> None:
    """Facts over all of Unicode that the byte paths rely on."""
    to_ascii, multi = [], []
    for cp in range(128, sys.maxunicode + 1):
        c = chr(cp)
        low = c.lower()
        if len(low) != 1:
            multi.append(c)
        elif low.isascii():
            to_ascii.append(c)
        if len(low) == 1:
            # boundary checks read the original text, splitting/sentence cuts are unchanged
            assert c.isalnum() == low.isalnum() and c.isspace() == low.isspace(), hex(cp)
            assert (low in ".!?\n\"“”'") == (c in ".!?\n\"“”'") or c in "’‘", hex(cp)
    assert to_ascii == ["\u212a"] and multi == ["\u0130"]
    assert sorted(_NON_ASCII_WS) == [c for c in map(chr, range(128, sys.maxunicode + 1))
                                     if c.isspace()]
    assert bytes(c for c in range(128) if chr(c).isspace()) == _ASCII_WS
    assert all(len(f"x{chr(c)}y".splitlines()) == 2 for c in _LINE_BREAKS)
    assert sorted(c for c in _ASCII_WS if len(f"x{chr(c)}y".splitlines()) == 2) == sorted(
        _LINE_BREAKS)


def test_round3_lexicon_and_triggers_are_ascii_without_question_mark() -> None:
    assert all(t.isascii() and "?" not in t for t in load_lexicon().terms)
    assert all(t.isascii() and "?" not in t for t in _FIRST_PERSON_TRIGGERS)


@pytest.mark.parametrize("text", R3)
def test_round3_ascii_bytes_equal_normalised_text(text: str) -> None:
    bo, lb = ascii_bytes(text)
    assert lb == normalise(text).encode("ascii", "replace") == ascii_low(text)
    assert len(bo) == len(text)
    assert bo == text.replace("’", "'").replace("‘", "'").encode("ascii", "replace")


@pytest.mark.parametrize("text", R3)
def test_round3_bag_equals_regex_tokens(text: str) -> None:
    got = sorted(_bag(text, ascii_low(text)))
    want = sorted({"“": b"\x01", "”": b"\x02", "?": b"\x03"}.get(t) or t.encode() for t in
                  tokens(normalise(text)))
    assert got == want


@pytest.mark.parametrize("text", R3)
def test_round3_word_stats_equal_split_isupper_splitlines(text: str) -> None:
    words = text.split()
    want = (len(words), sum(1 for w in words if w.isupper() and len(w) >= 4),
            sum(1 for ln in text.splitlines() if ln and not ln.isspace()))
    got = _word_stats(text, ascii_bytes(text)[0])
    if any(c in text for c in _NON_ASCII_WS):
        assert got is None
    else:
        assert got == want
    # the detector's features use the same definitions either way
    _, dense, _, _ = PartisanFraming().analyse(text)
    per100 = 100.0 / max(want[0], 1)
    assert dense["caps_rate"] == want[1] * per100
    assert dense["paragraph_rate"] == want[2] * per100
    assert dense["log_words"] == math.log1p(want[0])


@pytest.mark.parametrize("text", R3 + TEXTS + _rand_texts(200))
def test_round3_scare_spans_equal_regex(text: str) -> None:
    assert list(_scare_spans(text)) == [m.span() for m in _SCARE.finditer(text)]


def test_round3_scare_spans_random_quotes_against_regex() -> None:
    rnd = random.Random(5)
    parts = ['"', "“", "”", " ", "\n", "a", "é", "_", "9", ".", "x" * 39, "y" * 41, "\u2009"]
    for _ in range(3000):
        text = "".join(rnd.choice(parts) for _ in range(rnd.randint(0, 30)))
        assert list(_scare_spans(text)) == [m.span() for m in _SCARE.finditer(text)], text


@pytest.mark.parametrize("text", R3)
def test_round3_first_person_window_equals_whole_text_match(text: str) -> None:
    low = normalise(text)
    for pos in range(len(text)):
        m = _FIRST_PERSON.match(low, pos)
        assert _first_person_span(text, pos) == (None if m is None else m.span()), pos


def test_round3_first_person_window_bound() -> None:
    # a path of _FIRST_PERSON holds at most 30 non-space characters in at most 4 space runs, so
    # a window without a 24-space run cannot be read to its end
    for text in ["the present columnist " + " " * 23 + "is" + " " * 23 + "convinced",
                 "in " + " " * 23 + "our" + " " * 23 + "honest" + " " * 23 + "opinion"]:
        low = normalise(text)
        assert _FIRST_PERSON.match(low).end() == len(text)
        assert _first_person_span(text, 0) == (0, len(text))
    assert _FP_WINDOW - 31 > 4 * 23


def test_round3_triggers_overlap_only_where_the_word_start_check_drops_them() -> None:
    # a trigger starting inside another trigger's occurrence (or at its start) would be missed by
    # the non-overlapping search; the only such pair is "honestly" two letters into "imho"
    found = []
    for a in _FIRST_PERSON_TRIGGERS:
        for b in _FIRST_PERSON_TRIGGERS:
            for k in range(len(a)):
                if (a, k) != (b, 0):
                    seg = a[k:]
                    n = min(len(seg), len(b))
                    if seg[:n] == b[:n]:
                        found.append((a, b, k))
    assert found == [("imho", "honestly", 2)]
    assert "imho"[1].isalnum()  # the letter before "honestly" fails the word-start check


@pytest.mark.parametrize("text", R3)
def test_round3_trigger_starts_equal_overlapping_search(text: str) -> None:
    import ahocorasick_rs

    from features.framing.partisan import _first_person_triggers

    lb = ascii_low(text)
    over = ahocorasick_rs.BytesAhoCorasick([t.encode() for t in _FIRST_PERSON_TRIGGERS])
    low = normalise(text)
    want = sorted({s for _, s, _ in over.find_matches_as_indexes(lb, overlapping=True)
                   if s == 0 or not low[s - 1].isalnum()})
    got = [s for _, s, _ in _first_person_triggers().find_matches_as_indexes(lb)
           if s == 0 or not text[s - 1].isalnum()]
    assert got == want


def _in_quote_plain(text: str, pos: int) -> bool:
    para = text[text.rfind("\n", 0, pos) + 1:pos]
    return para.count("“") > para.count("”") or para.count('"') % 2 == 1


@pytest.mark.parametrize("text", R3)
def test_round3_in_quote_equals_plain_counts(text: str) -> None:
    from features.framing.partisan import _in_quote

    for pos in range(len(text) + 1):
        assert _in_quote(text, pos) == _in_quote_plain(text, pos)


@pytest.mark.parametrize("text", R3 + TEXTS + _rand_texts(100))
def test_round3_sentence_bounds_equal_sentence(text: str) -> None:
    from features.framing.partisan import _sentence_bounds

    for start in range(0, len(text) + 1, 2):
        for end in (start, min(len(text), start + 5)):
            for reach in (4, 300):
                a, b = _sentence_bounds(text, start, end, reach)
                assert text[a:b] == _sentence(text, start, end, reach)


def _attributed_plain(text: str, a: int, b: int) -> bool:
    from features.framing.partisan import _ATTRIBUTION, _ATTRIBUTION_LOW, _FOLD_SPECIAL

    sent = normalise(text[a:b])
    if any(c in sent for c in _FOLD_SPECIAL):
        return _ATTRIBUTION.search(text[a:b]) is not None
    return _ATTRIBUTION_LOW.search(sent) is not None


ATTR_TEXTS = [
    "He said “the experts” were wrong", "“Experts” SAID so", "saidé “x”", "é said “x”",
    "according\xa0to “them”", "according \u2009 to them", "ac\u212aording", "ſaid “x”",
    "İ said", "they told—“us”", "“x” — claimed", "re-told “x”", "said_ “x”", "_said “x”",
    "stated\u2014", "Σ said ς", "calls? “x”", "call “x”", "according\nto", "🙂said🙂",
]


@pytest.mark.parametrize("text", ATTR_TEXTS + R3)
def test_round3_attributed_equals_plain(text: str) -> None:
    from features.framing.partisan import _attributed

    lb = ascii_low(text)
    n = len(text)
    for a in range(0, n + 1, max(1, n // 15)):
        for b in range(a, n + 1, max(1, n // 15)):
            assert _attributed(text, lb, a, b) == _attributed_plain(text, a, b), (a, b)


def test_round3_attributed_random() -> None:
    from features.framing.partisan import _attributed

    rnd = random.Random(8)
    parts = ["said", "SAID", "told", "according", " ", "\xa0", "to", "é", "“", "”", "—", "ſ",
             "\u212a", "İ", "_", "x", "?", "\n", "calls", "stated", "\x1c"]
    for _ in range(3000):
        text = "".join(rnd.choice(parts) for _ in range(rnd.randint(0, 12)))
        assert _attributed(text, ascii_low(text), 0, len(text)) == _attributed_plain(
            text, 0, len(text)), text


def test_round3_attribution_words_cover_every_alternative() -> None:
    from features.framing.partisan import _ATTRIBUTION, _ATTRIBUTION_WORDS

    body = _ATTRIBUTION.pattern[len(r"\b(?:"):-len(r")\b")]
    alternatives = body.split("|")
    assert len(alternatives) > 25
    for alt in alternatives:
        literal = re.match(r"[a-z]+", alt).group(0)  # "according\s+to" -> "according", "calls?"
        if alt.endswith("?"):
            literal = literal[:-1]
        assert literal in _ATTRIBUTION_WORDS, alt


@pytest.mark.parametrize("n", [0, 1, 5, 31, 32, 33, 100])
def test_round3_count_equals_str_and_bytes_count(n: int) -> None:
    from features.framing.partisan import _count

    rnd = random.Random(n)
    for _ in range(20):
        parts = ["“"] * n + ["x", "é", "?", "🙂", " "] * rnd.randint(0, 30)
        rnd.shuffle(parts)
        text = "".join(parts)
        for ch in ("“", "?", "”"):
            assert _count(text, ch) == text.count(ch)
        b = text.encode("utf-8")
        assert _count(b, b"?") == b.count(b"?")


@pytest.mark.parametrize("text", R3)
def test_round3_pair_counts_equal_plain_counts(text: str) -> None:
    from features.framing.partisan import _pair_counts

    bo = ascii_bytes(text)[0]
    words, ends, digits = _pair_counts(bo)
    assert ends == sum(text.count(e) for e in (". ", ".\n", "! ", "!\n"))
    assert digits == sum(1 for c in text if "0" <= c <= "9")
    if not any(c in text for c in _NON_ASCII_WS):
        assert words == len(text.split())
