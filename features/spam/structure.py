"""Structural line model of spam.injected: does a line *look* like an injected keyword line?

A small logistic model over per-line structural features (no keyword list of any payload
family): sentence structure (function words, closing punctuation), capitalisation, separators,
English-vocabulary share, topic overlap with the rest of the document, commerce shape (generic
shopping verbs, prices, currency, percent-off), brand+model tokens, repetition, page-furniture
words and position. It is trained by ``benchmarks/spam/train_line_model.py`` on lines of
allsides articles outside the benchmark pools, with payloads of the DEV families only (judol,
gambling_links, pharma) and training-only families (php-spam-filter hosting/software/polish
lists, random English-vocabulary lines, fragments of training articles), and stored as numbers in ``features/data/spam/line_model.json``
(loaded lazily once). Only whole lines that are not running prose (or do not end like a
sentence) and keyword runs glued inside a paragraph are scored, so the cost is about ten
microseconds per candidate, two to three candidates per article.

A second logistic model over the same features plus four of a glued run inside its sentence
(share of words outside the 5,000 most frequent news words, capitalised words after the first,
the function-word contrast where the run was cut, whether it was cut at the sentence end) decides
glued runs (``features/data/spam/glued_model.json``, same training script, ``--glued-only``): it
is trained on the glued-run candidates of the training articles, with DEV and training-only
payload families glued between two sentences, after a paragraph's last sentence or as a
sentence of their own as positives, and its threshold keeps document false positives of clean
training articles at 0.1% (out-of-fold). Since issue 3's fourth round it also reads
:func:`pair_coverage`: the share of the run's consecutive word pairs that occur in news prose
(a one-hash bit table of 1.1 M word pairs of allsides training articles,
``features/data/spam/en_bigrams.npz``, built by ``benchmarks/spam/build_bigrams.py``).

Known false positives: lists of names or products in a legitimate article, tag lists and
keyword-like captions that share no words with the article. The detector therefore uses it as
one more cue with a calibrated threshold (fixed on training articles, not on the benchmark).
"""

from __future__ import annotations

import json
import math
import operator
import re
import types
import zlib
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "spam" / "line_model.json"

FEATURES: tuple[str, ...] = (
    "log_words", "func_share", "ends_sentence", "capitalised_share", "lower_share",
    "separator_rate", "oov_share", "topic_overlap", "edge", "digit_share", "commerce_share",
    "price_or_percent", "furniture_share", "repeat_share", "mean_token_len", "brand_model_share",
    "has_link", "all_capitalised", "starts_quote_or_dash", "colon", "starts_lower",
    "between_prose",
)

OVERLAP_INDEX = FEATURES.index("topic_overlap")
GLUED_MODEL_PATH = MODEL_PATH.parent / "glued_model.json"
#: Features of the glued-run model: the line features and four of the run inside its sentence.
GLUED_FEATURES: tuple[str, ...] = FEATURES + (
    "rare_share", "inner_capitalised", "cut_contrast", "cut_at_end", "pair_coverage",
    "pair_share",
)
BIGRAMS_PATH = MODEL_PATH.parent / "en_bigrams.npz"
#: Runs of lower-case words without punctuation between them (the word pairs of
#: :func:`pair_coverage`; the same matches as the pattern of benchmarks/spam/build_bigrams.py,
#: written to be linear: possessive runs, and no attempt from inside a letter run, where the
#: builder's pattern would rescan the rest of a long word from every letter).
_PAIR_CHUNK_RE = re.compile(r"(?<![a-z])[a-z]++(?:'[a-z]++)?+(?: ++[a-z]++(?:'[a-z]++)?+)++")
#: Generic shopping/promotion words (own list from general knowledge of web spam, not read from a
#: payload source; its author had seen the benchmark's commerce template, which uses "best",
#: "deals" and "sale"): imperative commerce verbs and offer words.
_COMMERCE_WORDS = """
    buy cheap cheapest sale sales deal deals discount discounts order online shop shopping outlet
    store stores free best price prices wholesale offer offers shipping delivery coupon coupons
    promo bonus luxury replica authentic official outlets bargain clearance
    """
COMMERCE = frozenset(_COMMERCE_WORDS.split())
_PRICE_RE = re.compile(r"[$€£¥₹]\s?\d|\d\s?(?:%|usd|eur|dollars?)(?![a-z])|\b\d{1,2}% off")
_BRAND_MODEL_RE = re.compile(r"\b[A-Za-z]{2,}+-?\d{1,4}+[A-Za-z]?\b|\b\d{1,4}+[A-Za-z]{2,}+")
#: Necessary for a :data:`_BRAND_MODEL_RE` match: a digit right after an ASCII letter (or after
#: a letter and "-") or right before one. Most lines with a digit hold none ("May 5, 2020"):
#: this digit-first search (a fast scan for ``\d``) then stands in for the findall, whose
#: alternation is tried at every word. (No match here means no match there: count 0.)
_BRAND_MODEL_PRE_RE = re.compile(r"\d(?:(?=[A-Za-z])|(?<=[A-Za-z]\d)|(?<=[A-Za-z]-\d))")


def _may_price(low: str) -> bool:
    """Necessary for a :data:`_PRICE_RE` match: a currency sign, "%", "usd", "eur" or "dollar"
    (each branch of the regex holds one). A few C-level substring tests instead of trying
    the three branches at every character of a line without any."""
    return "%" in low or "$" in low or "€" in low or "£" in low or "¥" in low or "₹" in low \
        or "usd" in low or "eur" in low or "dollar" in low


_DIGIT_RE = re.compile(r"\d")
_SEPARATORS = "|,;/•·»"
_STRIP = ".,;:!?\"'()[]|/*•·-–—"
_FIRST = operator.itemgetter(0)


def line_features(seg: str, low: str, words: list[str], func: int, vocab: frozenset[str],
                  overlap: float, edge: bool, n_links: int, func_words: frozenset[str],
                  furniture: frozenset[str], between: bool = False) -> list[float]:
    """The feature vector (order of :data:`FEATURES`) of one stripped line ``seg`` (``low`` its
    lower-cased/folded text, ``words`` is ``low.split()``); ``between``: the line sits between
    two paragraphs of running prose (or inside one)."""
    n = len(words) or 1
    toks = seg.split()
    if _COMPILED:
        # (Compiled: the same counts by typed loops over the tokens and the words.)
        n_alpha, caps, lower, tok_chars = _token_stats_loop(toks)
        stripped, n_letters, known, commerce, furn = _word_stats_loop(words, vocab, furniture)
        na = n_alpha or 1
        nl = n_letters or 1
        oov = n_letters - known
        all_caps = caps == n_alpha and n_alpha > 0
    else:
        # (Counted with map/filter over C-level predicates: the same numbers as explicit
        # loops, at a fraction of the per-word interpreter cost.)
        alpha = [t for t in toks if t[0].isalpha()]  # (``split`` tokens are never empty)
        na = len(alpha) or 1
        caps = sum(map(str.isupper, map(_FIRST, alpha)))  # (each token's first character)
        lower = sum(map(str.islower, alpha))
        tok_chars = sum(map(len, toks))
        all_caps = caps == len(alpha) and bool(alpha)
        stripped = [w.strip(_STRIP) for w in words]
        letters = list(filter(str.isalpha, stripped))
        nl = len(letters) or 1
        oov = len(letters) - sum(map(vocab.__contains__, letters))
        # (Most lines hold no commerce or furniture word: one C-level disjointness test each.)
        commerce = 0 if COMMERCE.isdisjoint(stripped) else sum(map(COMMERCE.__contains__,
                                                                    stripped))
        furn = 0 if furniture.isdisjoint(stripped) else sum(map(furniture.__contains__,
                                                                 stripped))
    seps = 0
    for c in _SEPARATORS:
        if c in seg:
            seps += seg.count(c)
    # A word with a digit is never alphabetic: only the others are looked at character-wise.
    # Both regexes below need a decimal digit (``\d``): one class search rules them out. (The
    # digit count uses ``str.isdigit``, wider than ``\d`` outside ASCII: it is skipped only for
    # ASCII lines without a digit.)
    # (``low`` folds ``seg``: a digit of ``seg`` is a digit of ``low``, not always the reverse.)
    low_digit = _DIGIT_RE.search(low) is not None
    seg_digit = low_digit and _DIGIT_RE.search(seg) is not None
    digits = sum(1 for w in stripped if not w.isalpha() and any(map(str.isdigit, w))) \
        if low_digit or not low.isascii() else 0
    # The most frequent content word (only a count of 2 or more is used: without a repeated
    # word, as in most lines, the table is not built; without any repeated stripped word there
    # is no repeated content word either, and the content words are not even listed).
    most = 0
    kept = [w for w in stripped if len(w) >= 3 and w not in func_words] \
        if len(set(stripped)) < len(stripped) else []
    if len(set(kept)) < len(kept):
        counts: dict[str, int] = {}
        for w in kept:
            counts[w] = counts.get(w, 0) + 1
        most = max(counts.values())
    return [
        math.log1p(len(words)),
        func / n,
        1.0 if seg[-1:] in ".!?\"”’)" else 0.0,
        caps / na,
        lower / na,
        min(2.0, seps / n),
        oov / nl,
        overlap,
        1.0 if edge else 0.0,
        digits / n,
        commerce / n,
        1.0 if low_digit and _may_price(low) and _PRICE_RE.search(low) else 0.0,
        furn / n,
        most / n if most >= 2 else 0.0,
        min(15.0, tok_chars / max(1, len(toks))) / 10.0,
        min(1.0, len(_BRAND_MODEL_RE.findall(seg)) / n)
        if seg_digit and _BRAND_MODEL_PRE_RE.search(seg) else 0.0,
        1.0 if n_links else 0.0,
        1.0 if all_caps else 0.0,
        1.0 if seg[:1] in "\"'“‘-–—•*" else 0.0,
        1.0 if ":" in seg else 0.0,
        1.0 if seg[:1].islower() else 0.0,
        1.0 if between else 0.0,
    ]


def _token_stats_loop(toks):  # (typed in structure.pxd: list -> tuple)
    """(tokens opening with a letter, those of them opening with an upper-case letter, those
    of them that are lower case, characters of all tokens) of ``seg.split()``: the counts of
    :func:`line_features`' plain-Python lines, by one loop (C when compiled; a one-character
    string's ``isalpha``/``isupper`` is the character's)."""
    n_alpha = caps = lower = chars = 0
    for t in toks:
        chars += len(t)
        ch = t[0]
        if ch.isalpha():
            n_alpha += 1
            if ch.isupper():
                caps += 1
            if t.islower():
                lower += 1
    return n_alpha, caps, lower, chars


def _word_stats_loop(words, vocab, furniture):  # (typed in structure.pxd)
    """(words stripped of :data:`_STRIP`, how many are alphabetic, how many of those are in
    ``vocab``, commerce words, ``furniture`` words): :func:`line_features`' counts by one
    loop (C when compiled). A word whose first and last characters are not in :data:`_STRIP`
    is its own stripped form (``str.strip`` would return it unchanged)."""
    stripped = []
    n_letters = known = commerce = furn = 0
    for w in words:
        first = w[0]
        last = w[-1]
        if first in ".,;:!?\"'()[]|/*•·-–—" or last in ".,;:!?\"'()[]|/*•·-–—":  # (_STRIP)
            w = w.strip(_STRIP)
        stripped.append(w)
        if w.isalpha():
            n_letters += 1
            if w in vocab:
                known += 1
        if w in COMMERCE:
            commerce += 1
        if w in furniture:
            furn += 1
    return stripped, n_letters, known, commerce, furn


#: Whether this module runs compiled (a Cython function is no plain Python function): then
#: :func:`line_features` counts by the typed loops above (the same numbers; tests).
_COMPILED = not isinstance(_token_stats_loop, types.FunctionType)


def glued_extra(seg: str, words: list[str], common: frozenset[str], contrast: float,
                at_end: bool) -> list[float]:
    """The run features appended to :func:`line_features` for the glued-run model: share of
    letter words outside the 5,000 most frequent news words, share of capitalised words after
    the first one, the function-word contrast where the run was cut and whether it was cut at
    the sentence end instead."""
    stripped = [w.strip(_STRIP) for w in words]
    letters = list(filter(str.isalpha, stripped))
    rare = len(letters) - sum(map(common.__contains__, letters))
    toks = seg.split()[1:]
    inner = sum(map(str.isupper, map(_FIRST, toks)))  # (``split`` tokens are never empty)
    return [rare / (len(letters) or 1), inner / (len(toks) or 1), contrast,
            1.0 if at_end else 0.0, *pair_coverage(seg.lower())]


@lru_cache(maxsize=1)
def _pair_bits() -> tuple[bytes, int]:
    """The word-pair bit table (features/data/spam/en_bigrams.npz) and its index mask; an empty
    table (every pair unknown) without the file."""
    if not BIGRAMS_PATH.exists():
        return b"", 0
    import numpy as np  # (only here: the detector needs numpy for this one file)

    with np.load(BIGRAMS_PATH) as data:
        bits = data["bits"].tobytes()
    return bits, len(bits) * 8 - 1


def pair_coverage(low: str) -> tuple[float, float]:
    """(coverage, share): the share of a lower-cased run's consecutive word pairs (inside
    stretches without punctuation) that English news prose uses (0.5 without any pair), and
    pairs per word gap of the run. Prose sentences score ~0.9-1.0; keyword lists, brand runs
    and word salads join words that prose never joins (~0-0.4)."""
    bits, mask = _pair_bits()
    pairs = seen = 0
    if bits:
        low = low.replace("\u2019", "'")
        for m in _PAIR_CHUNK_RE.finditer(low):
            w = m.group().split()
            for a, b in zip(w, w[1:]):
                h = zlib.crc32(f"{a} {b}".encode()) & mask
                seen += (bits[h >> 3] >> (h & 7)) & 1
                pairs += 1
    gaps = max(1, len(low.split()) - 1)
    return (seen / pairs if pairs else 0.5), min(1.0, pairs / gaps)


_Linear = tuple[tuple[float, ...], tuple[float, ...], tuple[float, ...], float, float]


def _load_linear(path: Path, features: tuple[str, ...]) -> _Linear | None:
    """(mean, scale, coef, intercept, threshold) of a small linear model file; None without it."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != features:
        raise ValueError(f"{path.name} was trained on other features")
    return (tuple(data["mean"]), tuple(data["scale"]), tuple(data["coef"]),
            float(data["intercept"]), float(data["threshold"]))


@lru_cache(maxsize=1)
def glued_model() -> _Linear | None:
    """The glued-run model, loaded once; None without the file (the detector then scores
    glued runs with the line model)."""
    return _load_linear(GLUED_MODEL_PATH, GLUED_FEATURES)


def glued_probability(x: list[float]) -> float:
    """The glued-run model's probability that a run glued inside prose is injected."""
    return _logistic(glued_model(), x)


def _logistic(m, x):  # (typed in structure.pxd: model tuple or None, list of floats)
    """The probability of a small linear model ``m`` (:data:`_Linear`) for the feature list
    ``x``; 0 without a model. (An index loop over the shortest of the five sequences, as
    ``zip`` would pair them: C arithmetic on doubles when compiled, the same IEEE operations
    in the same order as on Python floats.)"""
    if m is None:
        return 0.0
    mean, scale, coef, b, _ = m
    z = b
    n = min(len(x), len(mean), len(scale), len(coef))
    for i in range(n):
        c = coef[i]
        v = x[i]
        mu = mean[i]
        sd = scale[i]
        z += c * (v - mu) / sd
    if z < -30:  # guard math.exp overflow
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=1)
def model() -> _Linear | None:
    """The line model, loaded once; None when the file is missing (only while the training
    script collects features)."""
    return _load_linear(MODEL_PATH, FEATURES)


def probability(x: list[float]) -> float:
    """The model's probability that the line is injected (0 without a model file)."""
    return _logistic(model(), x)


def threshold() -> float:
    """Probability from which a line is a cue (calibrated on training articles)."""
    m = model()
    return m[4] if m is not None else 2.0
