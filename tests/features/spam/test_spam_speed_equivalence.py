"""Fast paths of spam.injected against their reference implementations (speed round).

Each fast path must give exactly what the plain code gave; the references below are the plain
code (kept here, not in the package). Random texts are drawn with a fixed seed from pieces that
hit the edge cases: lexicon terms, non-ASCII letters with and without case, quotes, emoji,
lone surrogates, sentence marks and whitespace of every kind.
"""

from __future__ import annotations

import math
import random
import re

import pytest

from features.spam import injected, lexicon, normalize, structure
from features.spam.injected import _FUNC, _FURNITURE

_PIECES = [" ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2028", "\x0b", ". ", "! ", "? ", ".  ",
           "a", "B", "The", "Casino", "x", "?", "-", "1", "’", "—", "“", "é", "É", "ı", "İ",
           "\u212a", "ş", "\u0441", "\U0001f600", "\U0001d40a", "\uff33", "\u0332", "\u200b",
           "&amp;", "%41", "\ud800", "中文", " | ", "Hermes bags", "cheap", "vs.", "U.S."]


def _texts(n: int, seed: int, terms: bool = False) -> list[str]:
    rng = random.Random(seed)
    pool = _PIECES + (list(lexicon.keywords().terms[::7]) if terms else [])
    return ["".join(rng.choice(pool) for _ in range(rng.randint(0, 24))) for _ in range(n)]


def _find_ref(text: str) -> object:
    """The str automaton, on the text with each lone surrogate read as U+FFFD (it cannot
    encode them; lexicon.find answers for such text instead of raising)."""
    text = "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)
    try:
        return lexicon.keywords().automaton.find_matches_as_indexes(text)
    except Exception as exc:  # noqa: BLE001 - the exception type is part of the behaviour
        return type(exc)


def test_lexicon_find_matches_str_automaton_on_folded_texts() -> None:
    kw = lexicon.keywords()
    fast = 0
    for text in _texts(6000, 1, terms=True):
        f = normalize.fold(text)
        try:
            got: object = lexicon.find(kw, f.leet, f.chars)
        except Exception as exc:  # noqa: BLE001
            got = type(exc)
        assert got == _find_ref(f.leet), text
        fast += f.leet.isascii() or (f.chars is not None and kw.term_chars.isdisjoint(f.chars))
    assert fast > 1000  # the byte paths were exercised


def test_lexicon_find_reads_a_lone_surrogate_as_a_replacement_character() -> None:
    kw = lexicon.keywords()
    f = normalize.fold("casino \ud800 bonus")
    with pytest.raises(UnicodeEncodeError):  # what the automaton itself does
        kw.automaton.find_matches_as_indexes(f.leet)
    got = lexicon.find(kw, f.leet, f.chars)
    assert got == kw.automaton.find_matches_as_indexes(f.leet.replace("\ud800", "\ufffd"))
    assert any(f.leet[a:b] == "casino" for _, a, b in got)


def test_fold_lower_text_and_chars_are_exact() -> None:
    for text in _texts(6000, 2):
        f = normalize.fold(text)
        if f.lower_text:
            assert f.base == text.lower()
        if f.chars is not None:
            assert f.chars == {c for c in f.leet if not c.isascii()}
        if f.offsets is None and not f.fancy and f.obfuscations == 0 \
                and len(text.lower()) == len(text):
            assert f.base == text.lower()


def test_cap_starts_equal_combined_regex() -> None:
    for text in _texts(4000, 3):
        assert [m.span() for m in injected._cap_starts(text)] == \
            [m.span() for m in injected._CAP_START_RE.finditer(text)]


def _lines_ref(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        if line.strip():
            out.append((s + len(line) - len(line.lstrip()), e - (len(line) - len(line.rstrip()))))
    return out


def test_line_regex_equals_split_and_strip() -> None:
    for text in _texts(4000, 4):
        assert [m.span() for m in injected._LINE_RE.finditer(text)] == _lines_ref(text)


def _line_features_ref(seg: str, low: str, words: list[str], func: int, vocab: frozenset[str],
                       overlap: float, edge: bool, n_links: int, func_words: frozenset[str],
                       furniture: frozenset[str], between: bool = False) -> list[float]:
    """structure.line_features before the speed round (plain loops)."""
    strip = structure._STRIP
    n = len(words) or 1
    toks = seg.split()
    alpha = [t for t in toks if t[:1].isalpha()]
    na = len(alpha) or 1
    caps = sum(1 for t in alpha if t[0].isupper())
    lower = sum(1 for t in alpha if t.islower())
    seps = sum(seg.count(c) for c in structure._SEPARATORS)
    stripped = [w.strip(strip) for w in words]
    letters = [w for w in stripped if w.isalpha()]
    nl = len(letters) or 1
    oov = sum(1 for w in letters if w not in vocab)
    digits = sum(1 for w in stripped if not w.isalpha() and any(c.isdigit() for c in w))
    commerce = sum(1 for w in stripped if w in structure.COMMERCE)
    furn = sum(1 for w in stripped if w in furniture)
    counts: dict[str, int] = {}
    for w in stripped:
        if len(w) >= 3 and w not in func_words:
            counts[w] = counts.get(w, 0) + 1
    most = max(counts.values(), default=0)
    return [
        math.log1p(len(words)), func / n, 1.0 if seg[-1:] in ".!?\"”’)" else 0.0, caps / na,
        lower / na, min(2.0, seps / n), oov / nl, overlap, 1.0 if edge else 0.0, digits / n,
        commerce / n, 1.0 if structure._PRICE_RE.search(low) else 0.0, furn / n,
        most / n if most >= 2 else 0.0,
        min(15.0, sum(len(t) for t in toks) / max(1, len(toks))) / 10.0,
        min(1.0, len(structure._BRAND_MODEL_RE.findall(seg)) / n),
        1.0 if n_links else 0.0, 1.0 if caps == len(alpha) and alpha else 0.0,
        1.0 if seg[:1] in "\"'“‘-–—•*" else 0.0, 1.0 if ":" in seg else 0.0,
        1.0 if seg[:1].islower() else 0.0, 1.0 if between else 0.0,
    ]


@pytest.mark.parametrize("seed", [5, 6])
def test_line_features_equal_plain_loops(seed: int) -> None:
    rng = random.Random(seed)
    words = ["cheap", "Cheap", "deals", "sale", "the", "of", "share", "Photo", "rolex", "X200",
             "$5", "50%", "off", "|", ",", "Milano", "escort", "news", "12", "a1b2", "’s",
             "Ünïcode", "中文", "bonus", "bonus", "-", "•", "said", "Reuters"]
    vocab = frozenset(["cheap", "deals", "sale", "news", "said", "share"])
    for _ in range(3000):
        seg = " ".join(rng.choice(words) for _ in range(rng.randint(1, 30)))
        low = seg.lower()
        ws = low.split()
        func = sum(w in _FUNC for w in ws)
        args = (seg, low, ws, func, vocab, 0.0, rng.random() < 0.5, rng.randint(0, 2), _FUNC,
                _FURNITURE, rng.random() < 0.5)
        assert structure.line_features(*args) == _line_features_ref(*args), seg


def test_detector_outputs_on_random_texts_are_total() -> None:
    """Smoke: the fast paths never raise on texts the plain code handled (surrogates aside,
    which the keyword automaton rejects in both)."""
    det = injected.InjectedSpamDetector()
    from scorer.document import Document

    for text in _texts(800, 7, terms=True):
        if re.search("[\ud800-\udfff]", text):
            continue
        r = det(Document(text=text, language="en"))
        for e in r.evidence:
            if e.span is not None:
                assert 0 <= e.span.start < e.span.end <= len(text)

