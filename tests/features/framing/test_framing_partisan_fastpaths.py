"""The fast paths of framing.partisan.v1 must give exactly what the plain versions give.

Fixture texts are written for these tests."""

from __future__ import annotations

import math
import random

import pytest

from features.framing.partisan import (
    _FROM_BYTE_TOKEN,
    _SCARE,
    PartisanFraming,
    _byte_tokens,
    _scare_spans,
    load_model,
    normalise,
    token_style,
    tokens,
)
from scorer.document import Document

TEXTS = [
    "", " ", "!!", "a!b?c", 'He said "so" and “the experts” agreed?!', "Crème brûlée ÜBER 42x",
    "İstanbul İ libtards", "emoji 🙂🙂 text", "tab\tnew\nline", "x\x00y", "ab\x01cd",
    "a\x02b\x03c", "’quoted‘ it's", "שלום world", '("one") "two words" “three”word"',
]


def _rand_texts(n: int = 400) -> list[str]:
    rnd = random.Random(11)
    parts = ['"', "“", "”", "?", "!", " ", "a", "Zq", "9", "é", "İ", "\n", "(", ".", "\x01",
             "so-called ", "I think ", "libtard"]
    return ["".join(rnd.choice(parts) for _ in range(rnd.randint(0, 60))) for _ in range(n)]


@pytest.mark.parametrize("text", TEXTS + _rand_texts())
def test_byte_tokens_equal_regex_tokens(text: str) -> None:
    low = normalise(text)
    got = _byte_tokens(low)
    if any(c in low for c in "\x01\x02\x03"):
        assert got is None  # falls back to the regex
    else:
        assert [_FROM_BYTE_TOKEN.get(t) or t.decode() for t in got] == tokens(low)


@pytest.mark.parametrize("text", TEXTS + _rand_texts())
def test_scare_spans_equal_finditer(text: str) -> None:
    assert list(_scare_spans(text)) == [m.span() for m in _SCARE.finditer(text)]


@pytest.mark.parametrize("title", [None, "A title about regimes!", "x\x01y title"])
@pytest.mark.parametrize("text", [
    "The regime's “so-called” reforms are utter nonsense! Why? I think they fail. " * 20,
    "Plain report\x02 with a control byte, officials said. " * 5,
])
def test_probability_fast_path_equals_plain_model(text: str, title: str | None) -> None:
    det = PartisanFraming()
    result = det(Document(text=text, title=title))
    _, dense, toks, _ = det.analyse(text)
    if title and title[:200] not in text[:1000]:
        toks = tokens(normalise(title[:1000])) + toks
    style = token_style(toks, load_model().idf)
    assert style["pronoun_i_rate"] > 0 or "I think" not in text
    for name, value in style.items():
        assert math.isclose(result.features[name], value, rel_tol=1e-12, abs_tol=1e-12), name
    dense.update(style)
    assert math.isclose(result.features["hyperpartisan_prob"], load_model().probability(toks, dense),
                        rel_tol=1e-12, abs_tol=1e-12)
