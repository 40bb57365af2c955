"""Speed round 4 (2026-11-23): the numpy word counts and other fast paths of framing.partisan.v1
must equal their plain definitions exactly (texts written for this file)."""

from __future__ import annotations

import random
from itertools import repeat

import numpy as np
import pytest

from features.framing.partisan import (
    PartisanFraming,
    _bag,
    _model_counts,
    _vocab_arrays,
    _word_counts,
    _word_table,
    ascii_low,
)

MODEL = PartisanFraming().model_path

TEXTS = [
    "", " ", "a", "?", "!!", '"', "“”", "x" * 16, "y" * 17, "z" * 40,
    "The president said the government's internationally reviewed plan was a disaster!",
    "governments government governmental GOVERNMENT Government2026 a1b2c3d4e5f6g7h8 9",
    "12345678 123456789 1234567890123456 12345678901234567 abcdefgh abcdefghi",
    "“Quoted?” he asked. ‘Single’ quotes! “so-called” experts?\n” İstanbul \u212a é ß",
    "emoji🙂word 🙂 tab\tnew\nline\x00zero\x01one\x02two\x03three\x7fdel",
    "said says told according stated added spokesman spokeswoman statement reported",
    "i me my we us our you your yours yourselves ourselves myself",
    "ab" * 3000,
]


def _rand_texts(n: int = 300) -> list[str]:
    rnd = random.Random(4)
    parts = ["the", "said", "government", "internationally", "a", "1", "x" * 9, "q" * 16,
             "w" * 17, " ", "  ", "\n", ".", "!", "?", '"', "“", "”", "’", "é", "🙂", "\x00",
             "İ", "president", "trump", "media"]
    return ["".join(rnd.choice(parts) for _ in range(rnd.randint(0, 120))) for _ in range(n)]


def _plain_counts(text: str) -> tuple[np.ndarray, int]:
    vocab = _vocab_arrays(MODEL)
    toks = _bag(text, ascii_low(text))
    ix = [vocab.index.get(t, vocab.size) for t in toks]
    return np.bincount(np.array(ix, dtype=np.intp), minlength=vocab.size + 1), len(toks)


def test_word_table_is_built_for_the_shipped_model() -> None:
    assert _vocab_arrays(MODEL).table is not None


@pytest.mark.parametrize("text", TEXTS + _rand_texts())
def test_model_counts_equal_bag_counts(text: str) -> None:
    counts, n = _model_counts(text, ascii_low(text), _vocab_arrays(MODEL))
    want, want_n = _plain_counts(text)
    assert n == want_n
    assert counts.tolist() == want.tolist()


@pytest.mark.parametrize("text", TEXTS + _rand_texts(100))
def test_word_counts_count_every_alnum_run(text: str) -> None:
    lb = ascii_low(text)
    counts, n = _word_counts(lb, _vocab_arrays(MODEL))
    assert n == len(lb.translate(bytes(c if chr(c).isalnum() and c < 128 else 32
                                       for c in range(256))).split())
    assert int(counts.sum()) == n


def test_word_table_finds_every_vocabulary_word_and_nothing_else() -> None:
    vocab = _vocab_arrays(MODEL)
    words = [k for k in vocab.index if k.isalnum()]
    lb = b" ".join(words) + b" " + b" ".join(w + b"x" for w in words) + b" " + b" ".join(
        w[:-1] for w in words if len(w) > 1)
    counts, n = _word_counts(lb, vocab)
    toks = lb.split()
    want = np.bincount(np.fromiter(map(vocab.index.get, toks, repeat(vocab.size)), dtype=np.intp),
                       minlength=vocab.size + 1)
    assert n == len(toks)
    assert counts.tolist() == want.tolist()
    assert all(counts[vocab.index[w]] >= 1 for w in words)


def test_word_table_refuses_long_or_clashing_vocabularies() -> None:
    assert _word_table([b"a" * 17]) is None
    assert _word_table([b"a\x00b"]) is None
    assert _word_table([b"ab", b"ab"]) is None
    assert _word_table([b"ab", b"cd"]) is not None


@pytest.mark.parametrize("title", ["Utter nonsense from the libtards", "🙂 “Quoted” title?"])
def test_title_tokens_join_the_text_tokens(title: str) -> None:
    from features.framing.partisan import _tfidf_dot, load_model
    from scorer.document import Document

    det = PartisanFraming()
    text = "The council said the plan was approved, and critics called it a disaster! " * 20
    r = det(Document(text=text, title=title))
    _, dense, _, _ = det.analyse(text)
    bag = _bag(title, ascii_low(title)) + _bag(text, ascii_low(text))
    prob = load_model(MODEL).probability_from_dot(_tfidf_dot(_vocab_arrays(MODEL), bag, dense),
                                                  dense)
    assert r.features["hyperpartisan_prob"] == prob
    assert r.features["pronoun_we_rate"] == dense["pronoun_we_rate"]


_STATS_TEXTS = TEXTS + [
    "a.\nb!\rc.\r\nd! e.\x0bf!\x0cg.\x1ch\x1di\x1ej\x1fk.\tl", "\n\n  \n\t\nx\n \n", "x\r\n\r\ny",
    "end.", "end. ", ".", "!\n", "  lead", "trail  ", "\x0b\x0c", "Kelvin \u212a. K!", "A\u00a0B",
    "x\u2028y\u3000z", "\x85", "’‘ “” — 🙂 é. ?!",
]


@pytest.mark.parametrize("text", _STATS_TEXTS + _rand_texts(200))
def test_low_counts_equal_pair_counts_and_runs(text: str) -> None:
    from features.framing.partisan import _low_counts, _pair_counts, _word_stats, ascii_bytes

    bo, lb = ascii_bytes(text)
    words, ends, digits, first, length = _low_counts(lb)
    assert (words, ends, digits) == _pair_counts(bo)
    plain = _word_stats(text, bo)
    if plain is not None:
        assert plain[0] == words == len(text.split())
        assert plain[2] == sum(1 for ln in text.splitlines() if ln and not ln.isspace())
    runs = lb.translate(bytes(c if (97 <= c <= 122 or 48 <= c <= 57) else 32
                              for c in range(256))).split()
    assert [lb[f:f + n] for f, n in zip(first.tolist(), length.tolist())] == runs


@pytest.mark.parametrize("text", _STATS_TEXTS + _rand_texts(200) + ["é" * 300 + "\u2009",
                                                                     "é" * 300])
def test_non_ascii_space_equals_plain_scan(text: str) -> None:
    from features.framing.partisan import _NON_ASCII_WS, _non_ascii_space, ascii_bytes

    assert _non_ascii_space(text, ascii_bytes(text)[0]) == any(c in text for c in _NON_ASCII_WS)
    assert set(_NON_ASCII_WS) == {c for c in map(chr, range(128, 0x110000)) if c.isspace()}


@pytest.mark.parametrize("text", _STATS_TEXTS + _rand_texts(200) + ["é" * 300 + "?“”"])
def test_odd_chars_count_marks_like_the_text(text: str) -> None:
    from features.framing.partisan import _odd_chars, ascii_bytes

    chars = _odd_chars(text, ascii_bytes(text)[0])
    if chars is None:
        assert text.isascii() or sum(1 for c in text if c == "?" or ord(c) > 127) > 256
        return
    # ascii_bytes turns ’ and ‘ into "'" before encoding: they are not at a "?" offset
    assert chars == [c for c in text if c == "?" or (ord(c) > 127 and c not in "’‘")]
    for mark in "?“”":
        assert chars.count(mark) == text.count(mark)
