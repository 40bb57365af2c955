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
    evidence, dense, _, _ = PartisanFraming().analyse(text)
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
