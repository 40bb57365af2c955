"""Typed round (2026-11-23): the lexicon trie scan, the one-pass text statistics and the sparse
model columns of ``partisan_loops`` give exactly what the automaton, ``_low_counts`` /
``_word_stats`` / ``_odd_chars`` and the numpy tf-idf steps give. Runs as whatever this process
imported: compiled in a built tree, plain Python in the source checkout (the same code, slowly)."""

from __future__ import annotations

import functools
import random

import numpy as np
import pytest

from features.framing import partisan as P
from features.framing import partisan_loops as L
from scorer.document import Document


@functools.lru_cache(maxsize=1)
def _lexicon_trie():
    return P._trie(P.load_lexicon().terms)


def _soup(rng: random.Random, terms: list[str]) -> bytes:
    """Pieces of lexicon terms, whole terms and separators: dense, overlapping matches."""
    parts = []
    for _ in range(rng.randint(1, 12)):
        r = rng.random()
        if r < 0.5:
            t = rng.choice(terms)
            if rng.random() < 0.5:
                t = t[rng.randint(0, len(t) - 1):]
            if rng.random() < 0.3:
                t = t[:rng.randint(1, len(t))]
            parts.append(t)
        elif r < 0.8:
            parts.append(rng.choice([" ", "-", "x", "ab", "s", "'", "1", "?", ".", ", ", "\n"]))
        else:
            parts.append("".join(rng.choice("abcdefghijklmnopqrstuvwxyz -'")
                                 for _ in range(rng.randint(1, 6))))
    return "".join(parts).encode("ascii")


SOUPS = [_soup(random.Random(seed), list(P.load_lexicon().terms)) for seed in range(120)]
FIXED = [b"", b"a", b" ", b"slideshow trial", b"the so-called experts, 1abc def",
         b"utter nonsense!utter-nonsense", "x" * 300 + " absurd show trial",
         b"libtards and rethuglicans", b"aabsurd show trial", b"abusive priests?abusive"]
FIXED = [f if isinstance(f, bytes) else f.encode() for f in FIXED]


@pytest.mark.parametrize("lb", FIXED + SOUPS)
def test_typed_trie_scan_equals_automaton(lb: bytes) -> None:
    lex = P.load_lexicon()
    trie = _lexicon_trie()
    assert L.trie_scan(lb, *trie[:4], 0) == lex.automaton.find_matches_as_indexes(
        lb, overlapping=False)


@pytest.mark.parametrize("bounds", [1, 2])
@pytest.mark.parametrize("lb", FIXED + SOUPS)
def test_typed_run_scan_equals_trie_scan(lb: bytes, bounds: int) -> None:
    trie = _lexicon_trie()
    want = L.trie_scan(lb, *trie[:4], bounds)
    assert L.run_scan(lb, *trie, bounds) == want
    # and the filter only drops matches whose neighbour byte is an ASCII letter or digit
    full = L.trie_scan(lb, *trie[:4], 0)
    alnum = set(b"abcdefghijklmnopqrstuvwxyz0123456789")
    assert want == [(i, s, e) for i, s, e in full
                    if not ((s > 0 and lb[s - 1] in alnum)
                            or (bounds == 2 and e < len(lb) and lb[e] in alnum))]


def test_typed_trie_first_index_of_repeated_term() -> None:
    cls, trans, term, ncls, _, _ = P._trie(("ab", "abc", "ab"))
    assert L.trie_scan(b"ab abc", cls, trans, term, ncls, 0) == [(0, 0, 2), (1, 3, 6)]
    assert P._trie(()) is None and P._trie(("a", "")) is None


STAT_ALPHABET = (list("aZ?!. \n\r\t\x0b\x0c\x1c\x1d\x1e\x1f1xYQ")
                 + ["\u2019", "\xe9", "\xc9", "\u212a", "\u201c", "\xdf", "\u0130", "\xa0",
                    "\u2028", "ABCD", "abcd", "WORD", "W?RD", "NATO.", "4444"])


def _stat_texts() -> list[str]:
    rng = random.Random(11)
    out = ["", " ", "ABCD", "ABCD efG HELLO? WORLD\r\n\r\nX\x0bY\x1c \xc9COLE \xc9cole \xc0B?C",
           "\u201cHi\u201d said ? ?? \u212aELVIN", "?" * 300 + " A" * 3, "x\r\ny\n\n z "]
    for _ in range(150):
        out.append("".join(rng.choice(STAT_ALPHABET) for _ in range(rng.randint(0, 60))))
    return out


@pytest.mark.parametrize("text", _stat_texts())
def test_typed_text_stats_equals_separate_passes(text: str) -> None:
    bo, lb = P.ascii_bytes(text)
    words, ends, digits, first, length, caps, unsure, lines, marks = L.text_stats(bo, lb)
    want = P._low_counts(lb)
    assert (words, ends, digits) == tuple(want[:3])
    assert np.asarray(first).tolist() == np.asarray(want[3]).tolist()
    assert np.asarray(length).tolist() == np.asarray(want[4]).tolist()
    stats = P._word_stats(text, bo, None)
    if stats is not None:
        caps += sum(1 for k in range(0, len(unsure), 2)
                    if text[unsure[k]:unsure[k + 1]].isupper())
        assert stats == (words, caps, lines)
    odd = P._odd_chars(text, bo)
    if odd is not None:
        assert odd == [text[i] for i in marks]
    if marks is not None:
        assert [i for i, b in enumerate(bo) if b == 63] == marks


@pytest.mark.parametrize("seed", range(20))
def test_typed_nonzero_counts_equal_numpy(seed: int) -> None:
    rng = np.random.default_rng(seed)
    vocab = P._vocab_arrays(P.PartisanFraming().model_path)
    counts = np.zeros(vocab.size + 1, dtype=np.intp)
    k = int(rng.integers(0, 400))
    np.add.at(counts, rng.integers(0, vocab.size + 1, size=k), 1)
    cols, cnt, sums = L.nonzero_counts(counts, vocab.size, vocab.group_cols, vocab.group_starts)
    assert np.asarray(cols).tolist() == np.flatnonzero(counts[:vocab.size]).tolist()
    assert np.asarray(cnt).tolist() == counts[np.flatnonzero(counts[:vocab.size])].tolist()
    assert sums == np.add.reduceat(counts[vocab.group_cols], vocab.group_starts).tolist()


@pytest.mark.parametrize("lb", [b"", b"so called", b"so-called", b"xso calledso-called",
                                b"called so", b"also called", b"so  called", b"socalled",
                                b"so-calledcalled", b"so calle", b"calledso called"])
def test_typed_so_called_check(lb: bytes) -> None:
    assert P._so_called_in(lb) == (b"so-called" in lb or b"so called" in lb)


def test_typed_detector_spans_on_fixture() -> None:
    text = ('The so-called "experts" spread utter nonsense about the Kyiv regime. I strongly '
            "believe the libtards are wrong. SHOCKING NEWS: \u00c9COLE \u201cbad\u201d.")
    r = P.PartisanFraming()(Document(text=text, language="en"))
    codes = {e.code for e in r.evidence}
    assert {"scare_quotes", "first_person_opinion"} <= codes
    for e in r.evidence:
        if e.span is not None:
            assert text[e.span.start:e.span.end] in e.message
    assert r.features["caps_rate"] > 0


def test_typed_fp_next_words_come_from_the_regex() -> None:
    # every adverb/verb of the first alternative is in the pattern, and every two-letter start
    # outside _FP_NEXT2 makes the regex fail after "i " / "we " (with one or more spaces)
    pat = P._FIRST_PERSON.pattern
    letters = "abcdefghijklmnopqrstuvwxyz'-"
    for a in letters:
        for b in letters:
            two = (a + b).encode()
            for head in ("i ", "we ", "i \t  ", "we\n"):
                for tail in ("", "lieve", "ink", "ree", "ongly believe", " believe"):
                    m = P._FIRST_PERSON.match(head + a + b + tail)
                    if m is not None:
                        assert two in P._FP_NEXT2, (head, a + b, tail)
    for w in P._FP_NEXT2:
        assert w.decode() in pat


@pytest.mark.parametrize("text", ["i believe", "we  think", "i \u00a0believe", "i x", "we",
                                  "i ", "we\tstrongly agree", "in my view", "imho", "i?x",
                                  "i really do think", "we are sure", "i b", "i bxlieve"])
def test_typed_fp_hopeless_never_hides_a_match(text: str) -> None:
    lb = P.ascii_low(text)
    if P._fp_hopeless(lb, 0):
        assert P._first_person_span(text, 0, lb) is None
