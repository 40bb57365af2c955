"""Function-word profile of a text: the input of the learned machine-translation model.

Translated English ("translationese") and machine-translated English differ from native news in
how function words, punctuation and word shapes follow each other, much more than in topic
words. This module reduces a bounded sample of the text to a sequence of symbols: each English
function word stands for itself, punctuation marks stand for themselves, and every other word
becomes a shape class (``<C>`` capitalised, ``<L>`` lowercase, ``<U>`` all caps, ``<N>`` number,
``<O>`` a lowercase word outside the English news vocabulary: pivot leftovers such as "quan").
Unigrams, bigrams and trigrams of that sequence are looked up in a fixed vocabulary (stored with
the trained weights), so the model is topic-blind by construction and costs one pass over a few
hundred tokens.

The sample is capped (``SAMPLE_CHARS``) because character/word n-gram models over whole 5 KB
documents cost milliseconds; a central window of a long text is used so page furniture at the
top does not dominate.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import numpy as np

#: Characters of text the profile reads (a central window of longer texts).
SAMPLE_CHARS = 2000

#: English function words (closed classes plus a few very frequent adverbs/verbs). Hand-written.
FUNCTION_WORDS: tuple[str, ...] = tuple(
    """a about above according across after against ago ahead all almost along already also
    although always am among an and another any anyone anything are around as at away back be
    because become been before being below between both but by can cannot could did do does
    doing done down during each either else enough even ever every few for former from further
    get gets getting got had has have having he her here hers herself him himself his how
    however i if in including instead into is it its itself just last least less like many may
    me might more most much must my myself near neither never nevertheless next no nobody none
    nor not nothing now of off often on once one only onto or other others otherwise our ours
    out over own per perhaps quite rather really same several shall she should since so some
    someone something still such than that the their theirs them themselves then there
    therefore these they this those though through thus till to together too toward towards
    under unless until up upon us very via was we well were what whatever when whenever where
    whereas whether which while who whom whose why will with within without would yet you your
    yours said says say told according percent mr ms mrs new first two three also told has
    n't 's 're 've 'll 'd 'm""".split()  # noqa: SIM905 (a word list reads better as text)
)

_SHAPES = ("<C>", "<L>", "<U>", "<N>", "<X>", "<O>")
_PUNCT = tuple(".,;:!?()\"'-—–“”‘’%$/")

#: The symbol alphabet: function words, shape classes, punctuation.
SYMBOLS: tuple[str, ...] = tuple(dict.fromkeys(FUNCTION_WORDS + _SHAPES + _PUNCT))
_SYMBOL_ID: dict[str, int] = {s: i for i, s in enumerate(SYMBOLS)}
_V = len(SYMBOLS)
_C, _L, _U, _N, _X, _O = (_SYMBOL_ID[s] for s in _SHAPES)

VOCAB_FILE = Path(__file__).resolve().parents[1] / "data" / "translation" / "english_vocab.txt"


@lru_cache(maxsize=1)
def english_vocab() -> frozenset[str]:
    """Lowercase English words of human news (``english_vocab.txt``), loaded once."""
    lines = VOCAB_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w for w in lines if w and not w.startswith("#"))


def _lower_shape(tok: str) -> int:
    """``<L>`` for a known lowercase word, ``<O>`` for one outside the news vocabulary."""
    return _L if tok in english_vocab() else _O


# Words (with an optional contraction suffix split off), numbers, or one punctuation mark.
_TOKEN_RE = re.compile(r"[A-Za-z]+|'[a-z]{1,2}\b|’[a-z]{1,2}\b|\d[\d.,]*|[^\w\s]")

#: Dense measurements computed alongside the n-gram profile, in this order.
DENSE_NAMES: tuple[str, ...] = (
    "double_space_rate",
    "space_before_punct_rate",
    "lower_after_period_rate",
    "repeated_word_rate",
    "mean_sentence_words",
    "function_word_ratio",
)


def sample(text: str, cap: int = SAMPLE_CHARS) -> str:
    """A central window of at most ``cap`` characters, snapped to whitespace."""
    if len(text) <= cap:
        return text
    start = (len(text) - cap) // 2
    space = text.find(" ", start, start + 200)
    if space != -1:
        start = space + 1
    return text[start : start + cap]


def symbol_ids(text: str) -> list[int]:
    """The text as a list of symbol ids (function words, shape classes, punctuation)."""
    get = _SYMBOL_ID.get
    out: list[int] = []
    append = out.append
    for tok in _TOKEN_RE.findall(text):
        c = tok[0]
        if c.isalpha():
            sid = get(tok) if tok.islower() else get(tok.lower())
            if sid is None:
                if tok.islower():
                    sid = _lower_shape(tok)
                elif tok.isupper() and len(tok) > 1:
                    sid = _U
                else:
                    sid = _C
            elif not tok.islower() and len(out) and out[-1] not in _SENT_END:
                # A capitalised function word mid-sentence is usually part of a name ("The Hill").
                sid = _C
            append(sid)
        elif c.isdigit():
            append(_N)
        elif c == "'" or c == "’":
            sid = get("'" + tok[1:])
            append(sid if sid is not None else _X)
        else:
            sid = get(c)
            append(sid if sid is not None else _X)
    return out


_SENT_END = frozenset(_SYMBOL_ID[c] for c in '.!?"“”')


def ngram_counts(ids: list[int]) -> dict[int, int]:
    """Counts of unigram, bigram and trigram keys (integers: base-``V`` positional codes).

    Unigram ``a`` -> ``a + 1``; bigram ``a b`` -> ``V*V*V + (a*V + b)``; trigram ``a b c`` ->
    ``2*V*V*V + (a*V + b)*V + c``. Ints avoid building strings on the hot path.
    """
    v = _V
    v3 = v * v * v
    counts: dict[int, int] = {}
    get = counts.get
    p2 = p1 = -1
    for a in ids:
        k = a + 1
        counts[k] = get(k, 0) + 1
        if p1 >= 0:
            k = v3 + p1 * v + a
            counts[k] = get(k, 0) + 1
            if p2 >= 0:
                k = 2 * v3 + (p2 * v + p1) * v + a
                counts[k] = get(k, 0) + 1
        p2, p1 = p1, a
    return counts


def key_name(key: int) -> str:
    """Human-readable form of an n-gram key (for model inspection and the JSON file)."""
    v = _V
    v3 = v * v * v
    if key < v3:
        return SYMBOLS[key - 1]
    if key < 2 * v3:
        r = key - v3
        return f"{SYMBOLS[r // v]} {SYMBOLS[r % v]}"
    r = key - 2 * v3
    return f"{SYMBOLS[r // (v * v)]} {SYMBOLS[(r // v) % v]} {SYMBOLS[r % v]}"


def dense_features(text: str, ids: list[int]) -> list[float]:
    """The ``DENSE_NAMES`` measurements of a sample (rates per 100 tokens or ratios)."""
    n = max(len(ids), 1)
    per = 100.0 / n
    sentences = 0
    words = 0
    func = 0
    repeats = 0
    prev = -1
    for i in ids:
        if i in _PUNCT_IDS:
            if i in _SENT_END_STRICT:
                sentences += 1
        else:
            words += 1
            if i < _N_FUNCTION:
                func += 1
                if i == prev:
                    repeats += 1
        prev = i
    space_punct = text.count(" ,") + text.count(" ;") + text.count(" :") + text.count(" .")
    return [
        text.count("  ") * per,
        space_punct * per,
        _lower_after_period(text) * per,
        repeats * per,
        min(words / max(sentences, 1), 80.0) / 10.0,
        func / max(words, 1),
    ]


_SENT_END_STRICT = frozenset(_SYMBOL_ID[c] for c in ".!?")
_PUNCT_IDS = frozenset(_SYMBOL_ID[c] for c in _PUNCT) | {_X}
_N_FUNCTION = len(dict.fromkeys(FUNCTION_WORDS))


def profile(text: str) -> tuple[dict[int, int], int, list[float]]:
    """``(ngram counts, token count, dense features)`` of the text's sample."""
    s = sample(text)
    ids = symbol_ids(s)
    return ngram_counts(ids), len(ids), dense_features(s, ids)


def linear_logits(
    counts: Mapping[int, int],
    n_tokens: int,
    dense: list[float],
    weights: Mapping[int, tuple[float, float]],
    dense_weights: tuple[list[float], list[float]],
    biases: tuple[float, float],
) -> tuple[float, float]:
    """Two linear heads at once: relative n-gram frequencies (per token) and dense features."""
    if n_tokens <= 0:
        return biases
    get = weights.get
    s1 = s2 = 0.0
    for k, c in counts.items():
        w = get(k)
        if w is not None:
            s1 += w[0] * c
            s2 += w[1] * c
    d1 = sum(w * x for w, x in zip(dense_weights[0], dense))
    d2 = sum(w * x for w, x in zip(dense_weights[1], dense))
    return biases[0] + s1 / n_tokens + d1, biases[1] + s2 / n_tokens + d2


# --- fused fast path (the detector's hot loop) ------------------------------------------------
#: Whitespace chunk -> symbol ids memo (bounded), packed as native int16 bytes (ids < 256). A
#: capitalised function word is stored as ``-(id + 1)``: whether it counts as itself or as a name
#: part depends on the previous symbol.
#: Most chunks kept in the memo. (Seeding it with the 105k vocabulary words, lowercase and
#: capitalised, was tried: fewer misses on the first documents, but the larger, alphabetically
#: ordered table made warm lookups slower in CPU time through cache misses.)
_TOKEN_CACHE_MAX = 200_000


class _ChunkMemo(dict):  # type: ignore[type-arg]
    """The chunk memo: ``memo[chunk]`` packs a chunk not seen before (``__missing__``) and keeps it.

    Lookups of known chunks stay C-level dict lookups (``map(memo.__getitem__, chunks)``); only a
    chunk not seen before costs a Python call, with no second pass over the sample's chunks.
    """

    __slots__ = ("limit",)

    def __missing__(self, chunk: bytes) -> bytes:
        # Most new chunks are a known word with punctuation around it ('said,', '(AP)',
        # '“Biden'): the word's memo entry plus the punctuation's ids (see _AFFIX_BYTES).
        if chunk.isalpha():  # ASCII letters only: the chunk is one token
            packed = _word_pack(chunk)
            if len(self) < self.limit:
                self[chunk] = packed
            return packed
        core = chunk.strip(_AFFIX_BYTES)
        if not core.isalpha():
            packed = _chunk_pack(chunk)
        else:
            packed = self[core]  # the word alone (a memo hit, or packed and kept now)
            start = len(chunk) - len(chunk.lstrip(_AFFIX_BYTES))
            if start:
                packed = _affix_pack(chunk[:start]) + packed
            end = start + len(core)
            if end < len(chunk):
                packed += _affix_pack(chunk[end:])
        if len(self) < self.limit:
            self[chunk] = packed
        return packed


_CHUNK_CACHE = _ChunkMemo()
_CHUNK_CACHE.limit = _TOKEN_CACHE_MAX


def _classify(tok: str) -> int:
    c = tok[0]
    get = _SYMBOL_ID.get
    if c.isalpha():
        if tok.islower():
            sid = get(tok)
            return _lower_shape(tok) if sid is None else sid
        sid = get(tok.lower())
        if sid is None:
            return _U if (tok.isupper() and len(tok) > 1) else _C
        return -(sid + 1)
    if c.isdigit():
        return _N
    if c == "'" or c == "’":
        sid = get("'" + tok[1:])
        return _X if sid is None else sid
    sid = get(c)
    return _X if sid is None else sid


def _mask(ids: frozenset[int]) -> np.ndarray:
    m = np.zeros(_V, dtype=bool)
    m[list(ids)] = True
    return m


# Symbol-id lookup tables (faster than np.isin on a few hundred ids).
_IS_SENT_END = _mask(_SENT_END)
_IS_SENT_STRICT = _mask(_SENT_END_STRICT)
_IS_PUNCT = _mask(_PUNCT_IDS)
_IS_FUNC = np.arange(_V) < _N_FUNCTION
# One flag code per symbol: 1 punctuation, 2 sentence end (. ! ?), 4 function word.
_FLAGS = (
    _IS_PUNCT.astype(np.int64)
    | (_IS_SENT_STRICT.astype(np.int64) << 1)
    | ((_IS_FUNC & ~_IS_PUNCT).astype(np.int64) << 2)
)
_DENSE_BLOCK = _V * _V + _V + 1
#: Indexed by a bigram's dense key minus one (``a * V + b + V``): True for ``f f`` with ``f`` a
#: function word (flag 4), the repeated-word count of ``dense_features``.
_REPEATED_FUNC = np.zeros(_DENSE_BLOCK, dtype=bool)
_REPEATED_FUNC[[f * _V + f + _V for f in range(_V) if _FLAGS[f] & 4]] = True
#: Indexed like ``_REPEATED_FUNC`` (unigram keys minus one below ``V``, bigram keys minus one from
#: ``V``): the unigram's flags (1, 3 or 4, see ``_FLAGS``) or 8 for a repeated function word, so
#: one ``bincount`` over the n-gram keys gives the class counts and the repeats.
_KEY_FLAGS = (_REPEATED_FUNC * 8).astype(np.int8)
_KEY_FLAGS[:_V] = _FLAGS
#: ``bytes.translate`` table mapping ";", ":" and "." to ",".
_PUNCT_TO_COMMA = bytes.maketrans(b";:.", b",,,")
# Resolving capitalised function words (stored as ``-(id + 1)``) by lookup on ``id + 256``:
# ``_KEEP_SHIFT[id + 256]`` is 512 when symbol ``id`` ends a sentence (never for a negative id),
# ``_RESOLVE[x]`` is the id itself for ``x - 256 >= 0``; for a negative one it is ``<C>`` below
# 512 and the function word's own id from 512 on.
_KEEP_SHIFT = np.zeros(512, dtype=np.int64)
_KEEP_SHIFT[256 : 256 + _V] = _IS_SENT_END * 512
_RESOLVE = np.zeros(1024, dtype=np.int64)
_RESOLVE[256 : 256 + _V] = np.arange(_V)
_RESOLVE[768 : 768 + _V] = np.arange(_V)
_RESOLVE[:256] = _C
_RESOLVE[512:768] = -(np.arange(-256, 0)) - 1
#: ``_RESOLVE * V + V``: the first half of a bigram's dense key.
_RESOLVE_V = _RESOLVE * _V + _V


_PERIOD_LOWER_RE = re.compile(r"\. [a-z]")
_LOWER3_RE = re.compile(r"[a-z]{3}")
_SPACE_PUNCT_RE = re.compile(r" [,;:.]")
_B_PERIOD_LOWER_RE = re.compile(rb"\. [a-z]")
_B_LOWER3_RE = re.compile(rb"[a-z]{3}")
_B_SPACE_PUNCT_RE = re.compile(rb" [,;:.]")


def _lower_after_period(s: str | bytes) -> int:
    """Count of ``[a-z]{3}. [a-z]`` (". x" found first: it is rarer than letters or ". ").

    ``s`` may be the UTF-8 bytes of the text: the pattern is ASCII, and in UTF-8 an ASCII byte is
    always a whole character, so the count is the same.
    """
    k = 0
    if isinstance(s, bytes):
        match = _B_LOWER3_RE.match
        finditer = _B_PERIOD_LOWER_RE.finditer
    else:
        match = _LOWER3_RE.match
        finditer = _PERIOD_LOWER_RE.finditer
    for m in finditer(s):
        i = m.start()
        if i >= 3 and match(s, i - 3, i):
            k += 1
    return k


ProfileTables = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def dense_tables(keys: np.ndarray, weights: np.ndarray) -> ProfileTables:
    """Lookup tables of a model: ``(row index, prefix offsets, trigram rows, packed rows)``.

    ``packed rows`` holds both heads as one complex vector (real part: rt head, imaginary part:
    neural head): row 0 is zero, then one row per weighted unigram/bigram, then one row per
    trigram key (sorted by key). ``row index`` (int16) covers the dense ``V*V + V`` space of
    unigram and bigram keys minus one (unigram ``a`` at ``a``, bigram ``a b`` at ``a*V + b + V``)
    and gives each key's packed row (0: no weight). A trigram ``a b c`` is found in two steps
    without a search: ``prefix offsets`` (int32, indexed like the bigram ``a b``) gives
    ``slot * V`` for the slot of its prefix (0: no trigram starts with it) and
    ``trigram rows[slot * V + c]`` (int16) its packed row (0: no weight). Small integer tables
    keep the per-document gathers in cache.
    """
    v = _V
    v3 = v * v * v
    uni = keys < v3
    bi = (keys >= v3) & (keys < 2 * v3)
    tri = keys >= 2 * v3
    dense_keys = np.concatenate([keys[uni], v + 1 + (keys[bi] - v3)])
    if len(keys) + 1 > np.iinfo(np.int16).max:
        raise ValueError("too many profile keys for the int16 row tables")
    index = np.zeros(_DENSE_BLOCK, dtype=np.int16)
    index[dense_keys] = np.arange(1, len(dense_keys) + 1)
    tri_keys = keys[tri] - 2 * v3
    prefixes, slot_of = np.unique(tri_keys // v, return_inverse=True)
    prefix_slots = np.zeros(_DENSE_BLOCK, dtype=np.int32)
    prefix_slots[v + 1 + prefixes] = np.arange(1, len(prefixes) + 1)
    tri_rows = np.zeros((len(prefixes) + 1) * v, dtype=np.int16)
    tri_rows[(slot_of.ravel() + 1) * v + tri_keys % v] = np.arange(
        1 + len(dense_keys), 1 + len(dense_keys) + len(tri_keys)
    )
    rows = np.vstack([np.zeros((1, 2)), weights[uni], weights[bi], weights[tri]])
    packed = np.ascontiguousarray(rows[:, 0] + 1j * rows[:, 1])
    return index[1:].copy(), (prefix_slots[1:] * v).astype(np.int32), tri_rows, packed


def _chunk_ids(chunk: str) -> bytes:
    """Symbol ids of one whitespace chunk, packed as native int16 (see ``_CHUNK_CACHE``)."""
    # array("h") is native int16, as np.frombuffer(..., np.int16) reads it; ~5x cheaper than numpy
    # for a handful of ids (a miss costs this once per new chunk).
    return array("h", [_classify(t) for t in _TOKEN_RE.findall(chunk)]).tobytes()


#: Every id packed as native int16 bytes.
_PACKED_ID: dict[int, bytes] = {i: array("h", [i]).tobytes() for i in range(-_V, _V)}
#: Prepended to a sample's packed ids: a sentence end, as the text start counts for the
#: capitalised-function-word rule.
_START_PACKED = _PACKED_ID[_SYMBOL_ID["."]]
_PACKED_O, _PACKED_U, _PACKED_C, _PACKED_L = (_PACKED_ID[i] for i in (_O, _U, _C, _L))
#: Function words made of ASCII letters, as bytes -> id.
_FUNCTION_BYTES: dict[bytes, int] = {
    w.encode(): _SYMBOL_ID[w] for w in dict.fromkeys(FUNCTION_WORDS) if w.isascii() and w.isalpha()
}
#: Token -> packed ``_classify(token)`` (bounded memo).
_TOKEN_MEMO: dict[str, bytes] = {}
_TOKEN_MEMO_MAX = 200_000


#: Bytes stripped from a new chunk to find a known word inside: ASCII punctuation except the
#: apostrophe (it starts contractions: "'em") and the underscore (a word character), and the bytes
#: of the curly double quotes, left single quote and dashes (e2 80 9c/9d/98/93/94). Every affix
#: character is then a one-character token of its own, so a chunk's tokens are its prefix's, the
#: word, and its suffix's. A multi-byte character cut by the strip leaves non-ASCII bytes in the
#: core, which then fails ``isalpha`` (ASCII letters only) and takes the plain path.
_AFFIX_BYTES = b'!"#$%&()*+,-./:;<=>?@[\\]^`{|}~' + b"\xe2\x80\x9c\x9d\x98\x93\x94"
_AFFIX_MEMO: dict[bytes, bytes] = {}
_AFFIX_MEMO_MAX = 10_000


def _affix_pack(affix: bytes) -> bytes:
    """Packed ids of a chunk's punctuation prefix or suffix (memoised)."""
    packed = _AFFIX_MEMO.get(affix)
    if packed is None:
        packed = _chunk_pack(affix)
        if len(_AFFIX_MEMO) < _AFFIX_MEMO_MAX:
            _AFFIX_MEMO[affix] = packed
    return packed


#: The vocabulary words made of ASCII letters, as bytes (built on first use).
_VOCAB_BYTES: frozenset[bytes] = frozenset()


def _vocab_bytes() -> frozenset[bytes]:
    """``_VOCAB_BYTES``, built whole and then published in one assignment: a thread never sees a
    partly filled set."""
    global _VOCAB_BYTES
    if not _VOCAB_BYTES:
        _VOCAB_BYTES = frozenset(
            w.encode() for w in english_vocab() if w.isascii() and w.isalpha()
        )
    return _VOCAB_BYTES


def _word_pack(word: bytes) -> bytes:
    """``_classify`` of a chunk of ASCII letters (one token), packed, without decoding it.

    A lowercase word is its function word's id, else ``<L>`` in the vocabulary and ``<O>``
    outside; another word is its lowercase function word's ``-(id + 1)``, else ``<U>`` (all
    capitals, two letters or more) or ``<C>``. Only small tables are touched (a word table of the
    whole vocabulary, lowercase and capitalised, was slower: its size costs cache misses).
    """
    if word.islower():
        sid = _FUNCTION_BYTES.get(word)
        if sid is not None:
            return _PACKED_ID[sid]
        return _PACKED_L if word in (_VOCAB_BYTES or _vocab_bytes()) else _PACKED_O
    sid = _FUNCTION_BYTES.get(word.lower())
    if sid is not None:
        return _PACKED_ID[-(sid + 1)]
    return _PACKED_U if len(word) > 1 and word.isupper() else _PACKED_C


def _chunk_pack(chunk: bytes) -> bytes:
    """``_chunk_ids`` of a UTF-8 chunk, through a memo of ``_classify`` per token."""
    toks = _TOKEN_RE.findall(chunk.decode("utf-8", "surrogatepass"))
    memo = _TOKEN_MEMO
    out = list(map(memo.get, toks))
    if None in out:  # tokens not seen before
        for i, tok in enumerate(toks):
            if out[i] is None:
                out[i] = packed = _PACKED_ID[_classify(tok)]
                if len(memo) < _TOKEN_MEMO_MAX:
                    memo[tok] = packed
    return b"".join(out)  # type: ignore[arg-type]


def fast_logits(
    text: str,
    tables: ProfileTables,
    dense_weights: np.ndarray,
    biases: tuple[float, float],
) -> tuple[float, float, int, list[float]]:
    """Same as ``linear_logits(*profile(text), ...)``, vectorised: ``(rt, neural, n, dense)``.

    ``tables``: from :func:`dense_tables`; ``dense_weights``: ``(2, len(DENSE_NAMES))``. The
    compiled build runs ``profile_loops.loop_logits`` (C loops, the same result bit for bit);
    plain Python runs :func:`numpy_logits`.
    """
    loops = _LOOPS or _loops()
    if loops.COMPILED:
        lt = loops.loop_tables_for(tables)
        if lt is not None:
            return loops.loop_logits(text, lt, dense_weights, biases)
    return numpy_logits(text, tables, dense_weights, biases)


_LOOPS = None


def _loops():
    """``features.translation.profile_loops``, imported on first use (it imports this module)."""
    global _LOOPS
    from . import profile_loops

    _LOOPS = profile_loops
    return profile_loops


def numpy_logits(
    text: str,
    tables: ProfileTables,
    dense_weights: np.ndarray,
    biases: tuple[float, float],
) -> tuple[float, float, int, list[float]]:
    """:func:`fast_logits` vectorised with numpy (the plain-Python path). One C-level pass maps
    whitespace chunks to packed symbol ids (memoised); n-gram weights and dense counts are numpy
    lookups.
    """
    s = sample(text)
    raw = s.encode("utf-8", "surrogatepass")
    # Whitespace chunks of the UTF-8 sample ("said,", "(AP)") map to their symbol ids packed as
    # int16 bytes, memoised: tokens never span whitespace, so joining the chunks' ids equals
    # tokenising the whole sample, with one dict lookup per chunk and no per-token Python work.
    # Bytes split on ASCII whitespace only; a chunk holding other whitespace (no-break space) is
    # tokenised as a whole, which gives the same tokens (no token contains whitespace). Bytes
    # chunks are cheaper to cut and hash than str chunks.
    cache = _CHUNK_CACHE
    # One C-level pass; a chunk not seen before is packed by the memo's __missing__.
    joined = b"".join(map(cache.__getitem__, raw.split()))
    # Resolving capitalised function words (packed as ``-(id + 1)``): one counts as itself only at
    # the text start or after a sentence end (a non-negative id whose symbol is in ``_SENT_END``),
    # else as ``<C>``: a table lookup on ``id + 256``, shifted by 512 where the previous symbol
    # allows it. A leading "." stands for the text start; for other ids the lookup is the identity.
    sh = np.add(np.frombuffer(_START_PACKED + joined, dtype=np.int16), 256, dtype=np.int64)
    n = len(sh) - 1
    per = 100.0 / max(n, 1)
    # Same as s.count(" ,") + s.count(" ;") + ...: these counts look at ASCII characters only, so
    # they are the same on the UTF-8 bytes.
    count = raw.count
    # ";", ":" and "." mapped onto ",": " ," occurrences (never overlapping) are then the four
    # counts' sum, in one C-level translate and one count.
    space_punct = raw.translate(_PUNCT_TO_COMMA).count(b" ,")
    lower_after = _lower_after_period(raw) * per
    double_space = count(b"  ") * per
    if n == 0:
        dense = [double_space, space_punct * per, lower_after, 0.0, 0.0, 0.0]
        return biases[0], biases[1], 0, dense
    sh[1:] += _KEEP_SHIFT.take(sh[:-1])
    sh = sh[1:]
    a = _RESOLVE.take(sh)
    index, prefix_offsets, tri_rows, packed = tables
    bigrams = _RESOLVE_V.take(sh[:-1])  # dense keys of the bigrams, minus one: a * V + b + V
    bigrams += a[1:]
    # ndarray.take: the same gathers as fancy indexing, with less overhead per call.
    keys = np.concatenate([a, bigrams])  # unigram key minus one = id
    rows = index.take(keys)
    if n > 2:
        # Trigram rows in text order, keeping only weighted trigrams (as the sum always did).
        tri = tri_rows.take(prefix_offsets.take(bigrams[:-1]) + a[2:])
        rows = np.concatenate([rows, tri.compress(tri)])
    acc = np.add.reduce(packed.take(rows))  # what ndarray.sum() calls, minus its wrapper

    # Symbol classes of the unigrams and repeated function words among the bigrams, one count.
    counts = np.bincount(_KEY_FLAGS.take(keys), minlength=9).tolist()
    sentences = counts[3]  # flags 1|2: . ! ?
    func = counts[4]
    words = n - (counts[1] + sentences)  # flag 1: other punctuation
    repeats = counts[8]  # a function word twice
    dense = [
        double_space,
        space_punct * per,
        lower_after,
        repeats * per,
        min(words / max(sentences, 1), 80.0) / 10.0,
        func / max(words, 1),
    ]
    d = dense_weights @ np.array(dense)
    return (
        biases[0] + float(acc.real) / n + float(d[0]),
        biases[1] + float(acc.imag) / n + float(d[1]),
        n,
        dense,
    )
