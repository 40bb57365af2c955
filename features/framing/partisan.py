"""Partisan framing: loaded language, name calling, scare quotes, hyperbole, opinion voice.

Signal
    ``framing``. News copy that labels instead of describing ("the Kyiv regime", "libtards",
    "rethuglicans"), mocks with scare quotes ('the "experts"'), exaggerates ("utter nonsense"),
    or speaks in the author's own opinion voice ("I believe", "The author agrees") inside a news
    report is partisan writing. It lowers credibility because the text argues for a side rather
    than reporting: readers get the writer's verdict in place of attributed facts.

How
    One Aho-Corasick automaton over four lexicons in ``features/data/framing/`` (built by
    ``benchmarks/framing/build_lexicon.py`` from BABE, PTC SemEval-2020 and a curated
    both-directions list of derogatory labels, with generic words removed using AllSides
    center-outlet articles and neutral Ukraine-News sentences), a bounded scare-quote regex, a
    first-person opinion regex, and a trained article-level hyperpartisan model (tf-idf over a
    fixed vocabulary plus the rates and style features below, logistic regression, stored as
    numbers in ``hyperpartisan_model.json``; trained on SemEval-2019 by-article training data by
    ``benchmarks/framing/train_hyperpartisan.py``). ``score`` is that model's probability that
    the article is hyperpartisan. For speed the automata, the word statistics and the model's
    tokens work on one ASCII-mapped lower-case byte copy of the text (``ascii_bytes``: one byte
    per character, same offsets); the full Unicode lower-casing is only done on short windows.
    The model's word counts come from numpy (runs of one class translation of those bytes,
    packed into integers and looked up in a cuckoo hash table: no Python object per token).
    In the compiled build (``partisan_loops``) the lexicon scan is a typed trie walk over the
    letter runs (``run_scan``: the automaton's leftmost-longest matches, replayed exactly), and
    the word, line, capital and "?" statistics come from one typed pass (``text_stats``).
    The outputs are identical to the plain definitions (tests/features/framing/
    test_framing_speed_equiv.py, test_framing_typed_round.py,
    ``benchmarks/framing/equivalence.py``).

Features
    Per 100 words: ``loaded_rate``, ``name_calling_rate``, ``derogatory_rate``,
    ``hyperbole_rate``, ``scare_quote_rate``, ``first_person_rate``, ``exclamation_rate``,
    ``caps_rate`` (words of 4+ characters in capitals), ``question_rate``, ``paragraph_rate``
    (non-empty lines); ``log_words``, ``words_per_sentence``, ``digit_rate`` (per 100
    characters); per 100 model tokens: ``pronoun_i_rate``, ``pronoun_we_rate``,
    ``pronoun_you_rate``, ``attribution_word_rate`` (said, told, according, ...),
    ``quote_mark_rate``; ``hyperpartisan_prob`` (the model).

Reason codes (evidence)
    ``derogatory_term``  a derogatory label for a group, government or outlet (span)
    ``name_calling``     a labelling phrase learned from PTC Name_Calling spans (span)
    ``loaded_term``      an emotionally loaded / biased word (span)
    ``hyperbole``        exaggeration or an extreme intensifier (span)
    ``scare_quotes``     one to three words in quotation marks used ironically, or "so-called" (span)
    ``first_person_opinion``  the author's own opinion voice outside quotations (span)
    ``hyperpartisan_style``   document level: model probability >= ``report_threshold``

Known false positives
    Quoted speech in neutral reports ("X called the plan 'a disaster'"): matches inside quotation
    marks get half weight and are marked ``in_quote`` in extras, but are still reported. Opinion
    and editorial pages are flagged by design (the signal is about voice, not truth). Reviews and
    sports writing use hyperbole. Articles *about* slurs (media criticism) mention them. The
    lexicons are English; other languages get features from the model vocabulary only (mostly
    zero) and no spans.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, repeat
from pathlib import Path
from typing import Any

import ahocorasick_rs
import numpy as np

from scorer.document import Document
from scorer.evidence import DetectorResult, Evidence, Span

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "framing"

#: Lexicon file -> evidence code, in priority order (a term in two files keeps the first code).
LEXICONS: tuple[tuple[str, str], ...] = (
    ("derogatory.txt", "derogatory_term"),
    ("name_calling.txt", "name_calling"),
    ("hyperbole.txt", "hyperbole"),
    ("loaded_terms.txt", "loaded_term"),
)

#: Evidence weight per code: how much one hit says about partisan framing.
CODE_WEIGHT: dict[str, float] = {
    "derogatory_term": 1.0, "name_calling": 0.7, "loaded_term": 0.4, "hyperbole": 0.4,
    "scare_quotes": 0.5, "first_person_opinion": 0.6,
}

_LABEL: dict[str, str] = {code: code.replace("_", " ") for code in CODE_WEIGHT}

_TOKEN = re.compile(r"[a-z0-9]+|[!?\"“”]")

#: Style features read off the model's token counts (per 100 model tokens). Opinion and
#: hyperpartisan writing addresses the reader and speaks as "I"/"we"; news reports attribute
#: ("said", "according to") and quote. Only words in the model vocabulary count (the training
#: script keeps them all in it).
TOKEN_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("pronoun_i_rate", ("i", "me", "my", "mine", "myself")),
    ("pronoun_we_rate", ("we", "us", "our", "ours", "ourselves")),
    ("pronoun_you_rate", ("you", "your", "yours", "yourself", "yourselves")),
    ("attribution_word_rate", ("said", "says", "told", "according", "stated", "added",
                               "spokesman", "spokeswoman", "statement", "reported")),
    ("quote_mark_rate", ('"', "“", "”")),
)
_SENTENCE_ENDS = (". ", ".\n", "? ", "?\n", "! ", "!\n")

# 1-3 words inside quotation marks. The opening mark must follow whitespace, "(" or the start
# (checked in code, so the regex can skip to quote characters fast) and be followed by a
# non-space; the closing mark must follow a non-space: this keeps a long quote's closing mark from
# pairing with the next quote's opening mark. Bounded classes: no backtracking blow-up.
_SCARE = re.compile(r'["“](?=[^\s"“”])([^"“”\n]{1,40}?)(?<=\S)["”](?!\w)')
# Runs on the normalised (lower-case) text; the word boundary before "so" is checked in code.
_SO_CALLED = re.compile(r"so[- ]called\s+[\"“]?[a-z][\w'-]*[\"”]?")
#: Words before a quoted phrase that make it a citation/title rather than an ironic quote.
_CITE_BEFORE = frozenset(["said", "says", "say", "told", "called", "calls", "dubbed", "titled", "named", "entitled", "term", "terms", "word", "words", "phrase", "slogan", "hashtag", "song", "film", "movie", "book", "show", "album", "series", "headline", "headlined", "known", "as", "labeled", "labelled", "described", "describes", "wrote", "writes", "tweeted", "read", "reads", "reading", "chanted"])
#: A speech verb in the same sentence makes a short quotation an attributed partial quote
#: (wire style: 'denounced the "hegemonic policy"'), not irony.
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|saying|stated|stating|declared|blamed|blaming|told|tells|according\s+to|calls?|called|calling|described|describing|"
    r"statement|denounced|accused|accusing|warned|added|wrote|quoted|dubbed|referred|"
    r"referring|claimed|claims|insisted|argued)\b", re.IGNORECASE)
#: The same pattern without IGNORECASE, run on the normalised (lower-case) text: ~2x faster.
#: Only three characters case-fold to ASCII letters under IGNORECASE without lower() doing the
#: same (long s, Kelvin sign, dotted capital I kept by ``normalise``); with one of them in the
#: sentence the original pattern is used on the original text.
_ATTRIBUTION_LOW = re.compile(_ATTRIBUTION.pattern)
_FOLD_SPECIAL = ("\u017f", "\u212a", "\u0130")
_SENTENCE_END = re.compile(r"[.!?\n]")
#: A lower-case ASCII letter in ``ascii_low`` bytes is a letter of the text (``isalpha``).
_ASCII_LETTER = re.compile(rb"[a-z]")

# Run with .match() only where a trigger (below) starts a word, on the normalised text: scanning
# the whole text with this alternation costs ~0.5 ms per 5 KB, the triggers ~0.03 ms.
_FIRST_PERSON = re.compile(
    r"(?:"
    r"(?:i|we)\s+(?:(?:strongly|firmly|personally|really|truly|honestly|do|still|also|certainly|"
    r"fully|sincerely)\s+)?(?:believe|think|feel|agree|disagree|suspect|contend|maintain|"
    r"(?:am|are)\s+(?:convinced|certain|sure|confident)|would\s+argue|must\s+admit)"
    r"|in\s+(?:my|our)\s+(?:humble\s+|honest\s+)?(?:opinion|view|judge?ment)"
    r"|the\s+(?:present\s+)?(?:author|writer|columnist)\s+(?:agrees|disagrees|believes|thinks|"
    r"suspects|contends|is\s+convinced|would\s+argue|is\s+sure)"
    r"|(?:personally|frankly|honestly),?\s+I"
    r"|imho"
    r")\b",
)
_FIRST_PERSON_TRIGGERS = ("i ", "we ", "in my ", "in our ", "the author ", "the writer ",
                          "the columnist ", "the present ", "personally", "frankly", "honestly",
                          "imho")


def normalise(text: str) -> str:
    """Lower-case with unified apostrophes, *same length as text* (offsets stay valid)."""
    low = text.lower()
    if len(low) != len(text):  # e.g. 'İ' lowers to two code points: fall back char by char
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low.replace("’", "'").replace("‘", "'")


def tokens(low: str) -> list[str]:
    """Model tokens of normalised text: words plus ! ? and quotation marks."""
    return _TOKEN.findall(low)


def token_style(toks: list[str], vocabulary: Any) -> dict[str, float]:
    """The ``TOKEN_GROUPS`` rates of a token list (plain version; the detector computes the same
    from its vocabulary counts). ``vocabulary``: the model's tokens (a container)."""
    counts = Counter(toks)
    per100 = 100.0 / max(len(toks), 1)
    return {name: sum(counts[w] for w in words if w in vocabulary) * per100
            for name, words in TOKEN_GROUPS}


# Fast equivalent of ``_TOKEN.findall`` producing *bytes* tokens (same tokens, same order), on
# the UTF-8 encoding of the normalised text (``surrogatepass``: total): “ ” (E2 80 9C / 9D)
# become the control bytes 1 2 with spaces around them, "?" becomes byte 3 (table), every byte
# of any other non-ASCII character is >= 0x80 and becomes a separator (table), ! " ? get spaces
# around them, split(). Returns None when the text has bytes 1-3 of its own. The detector now
# builds the same tokens as a bag from ``ascii_low`` (``_bag``); this version stays as the
# reference the tests compare against, and its keys name the model's columns.
_BYTE_TABLE = bytes(3 if c == 63 else c if (97 <= c <= 122 or 48 <= c <= 57
                                            or c in b'!"\x01\x02') else 32
                    for c in range(256))
# written out: compiled by Cython, a generator over one-byte literals would see C chars
_BYTE_PUNCT = ((b"!", b" ! "), (b'"', b' " '), (b"\x03", b" \x03 "))
_FROM_BYTE_TOKEN = {b"\x01": "“", b"\x02": "”", b"\x03": "?"}
_UTF8_OPEN, _UTF8_CLOSE = "“".encode(), "”".encode()


def _utf8(s: str) -> bytes:
    """UTF-8 bytes of ``s``; lone surrogates pass as 3 bytes >= 0x80 (never raises)."""
    return s.encode("utf-8", "surrogatepass")


def _byte_tokens(low: str, utf8: bytes | None = None) -> list[bytes] | None:
    """``tokens(low)`` as bytes (“ ” ? as b"\\x01" b"\\x02" b"\\x03"); None if not applicable.
    ``utf8``: ``_utf8(low)`` when the caller already has it."""
    b = _utf8(low) if utf8 is None else utf8
    if b"\x01" in b or b"\x02" in b or b"\x03" in b:
        return None
    if _UTF8_OPEN in b:
        b = b.replace(_UTF8_OPEN, b" \x01 ")
    if _UTF8_CLOSE in b:
        b = b.replace(_UTF8_CLOSE, b" \x02 ")
    b = b.translate(_BYTE_TABLE)
    for p, spaced in _BYTE_PUNCT:
        if p in b:
            b = b.replace(p, spaced)
    return b.split()




# --- ASCII-mapped lower-case bytes (speed round 3, 2026-11-23) ------------------------------
# ``ascii_low(text)`` is ``normalise(text).encode("ascii", "replace")``: one byte per character,
# so byte offsets are character offsets, built without the full Unicode ``str.lower`` (~15 us on
# a 5 KB UCS-2 text). Why it is equal (checked over all of Unicode, see
# tests/features/framing/test_framing_speed_equiv.py): ``str.lower`` maps an ASCII character
# to its ASCII lower case, and a non-ASCII character to non-ASCII characters, except the KELVIN
# SIGN (to "k"; such texts take the exact path); ``normalise`` also maps ’ ‘ to "'" (done
# here before encoding). Every other non-ASCII character becomes "?" in both. All lexicon terms
# and first-person triggers are ASCII without "?" (checked when loading), so the automata find
# exactly the same matches on these bytes as on ``normalise(text)``.
def ascii_low(text: str) -> bytes:
    """``normalise(text).encode("ascii", "replace")``, computed faster (never raises)."""
    return ascii_bytes(text)[1]


def ascii_bytes(text: str) -> tuple[bytes, bytes]:
    """``(bo, ascii_low(text))``: ``bo`` is ``text`` with ’ ‘ as "'" encoded to ASCII with "?"
    for every other non-ASCII character (original case), one byte per character."""
    if text.isascii():
        bo = text.encode("ascii")
        return bo, bo.lower()
    t = text
    if "’" in t:
        t = t.replace("’", "'")
    if "‘" in t:
        t = t.replace("‘", "'")
    bo = t.encode("ascii", "replace")
    if "\u212a" in text:
        return bo, normalise(text).encode("ascii", "replace")
    return bo, bo.lower()


# Model tokens from ``ascii_low`` bytes: the [a-z0-9]+ runs are exactly the ASCII alphanumeric
# runs of the bytes (every other byte, "?" from a non-ASCII character included, separates), and
# the punctuation tokens ! " ? “ ” are counted separately (their order does not matter: the
# model uses a bag of words).
_WORD_TABLE = bytes(c if (97 <= c <= 122 or 48 <= c <= 57) else 32 for c in range(256))


def _count(s: Any, sub: Any) -> int:
    """``s.count(sub)`` for a one-character ``sub`` that is usually rare: ``find`` is
    memchr-fast while ``count`` steps through every character, so the first 32 are found one by
    one, the rest (if any) counted."""
    find = s.find
    k = find(sub)
    n = 0
    while k >= 0:
        n += 1
        if n == 32:
            return n + s.count(sub, k + 1)
        k = find(sub, k + 1)
    return n


def _bag(text: str, lb: bytes, n_question: int | None = None,
         n_excl: int | None = None) -> list[bytes]:
    """``_byte_tokens(normalise(text))`` as a bag (same tokens and counts, another order).
    ``lb``: ``ascii_low(text)``; ``n_question`` / ``n_excl``: ``text.count("?")`` and
    ``text.count("!")`` when known. Rare marks are counted with ``_count``."""
    toks = lb.translate(_WORD_TABLE).split()
    if n_question is None:
        n_question = _count(text, "?")
    if n_excl is None:
        n_excl = _count(lb, b"!")
    for key, n in ((b"!", n_excl), (b'"', _count(lb, b'"')), (b"\x03", n_question),
                   (b"\x01", _count(text, "“")), (b"\x02", _count(text, "”"))):
        if n:
            toks += repeat(key, n)
    return toks


# Word count, capitalised words and non-empty lines from the bytes (speed round 3). ``str.split``
# and ``str.splitlines`` split on ``str.isspace`` characters: the ASCII ones below plus the
# non-ASCII ones in ``_NON_ASCII_WS`` (all of Unicode; tested). A text with one of those takes the
# plain path; otherwise every ASCII byte of ``ascii_bytes`` is the character itself and every
# other byte ("?") stands for a non-space character, so words are the runs of non-space bytes.
_ASCII_WS = b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f "
_LINE_BREAKS = b"\n\r\x0b\x0c\x1c\x1d\x1e"  # str.splitlines' ASCII boundaries (\r\n: two)
_NON_ASCII_WS = ("\x85", "\xa0", "\u1680", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004",
                 "\u2005", "\u2006", "\u2007", "\u2008", "\u2009", "\u200a", "\u2028", "\u2029",
                 "\u202f", "\u205f", "\u3000")
_WS_TABLE = bytes(32 if c in _ASCII_WS else 120 for c in range(256))  # space " ", other "x"
# non-empty lines: line breaks "n", other spaces deleted, the rest "x"; a non-empty line is a run
# of "x" (a "\r\n" pair gives an empty line between, which has no "x")
_LINE_TABLE = bytes(110 if c in _LINE_BREAKS else 120 for c in range(256))
_LINE_DELETE = bytes(c for c in _ASCII_WS if c not in _LINE_BREAKS)
# capitalised words: ASCII lower case "a", space " ", anything else "X"; a word without "a"
# can be upper case, ``str.isupper`` on the text decides
_CAPS_TABLE = bytes(97 if 97 <= c <= 122 else 32 if c in _ASCII_WS else 88 for c in range(256))


# Character-pair counts in one numpy pass over a class translation of ``ascii_bytes`` (bytes.count
# of a frequent byte pair costs ~10 us per 5 KB in branch misses; this whole pass ~6 us). Classes:
# 0 " " or "\n", 1 other ASCII space, 2 "." or "!", 3 digit, 4 anything else ("?" for a non-ASCII
# character included: it is never an ASCII space, digit or end mark).
_PAIR_CLASS = bytes(0 if c in b" \n" else 1 if c in _ASCII_WS else 2 if c in b".!"
                    else 3 if 48 <= c <= 57 else 4 for c in range(256))


def _pair_counts(bo: bytes) -> tuple[int, int, int]:
    """``(runs of non-space bytes, ". " ".\n" "! " "!\n" pairs, digits)`` of ``bo``; the first
    is ``len(text.split())`` when the text has no non-ASCII whitespace (see ``_word_stats``)."""
    n = len(bo)
    if n == 0:
        return 0, 0, 0
    cls = np.frombuffer(bo.translate(_PAIR_CLASS), dtype=np.uint8)
    first = int(cls[0])
    if n == 1:
        return int(first >= 2), 0, int(first == 3)
    pairs = np.bincount(cls[:-1] * 5 + cls[1:], minlength=25).tolist()
    # a space class (0, 1) followed by a non-space class (2, 3, 4)
    words = pairs[2] + pairs[3] + pairs[4] + pairs[7] + pairs[8] + pairs[9] + (first >= 2)
    digits = sum(pairs[15:20]) + (int(cls[-1]) == 3)
    return words, pairs[10], digits


# ``_pair_counts`` and the model's [a-z0-9] runs from one class translation of ``ascii_low``
# (speed round 4): lower-casing changes none of the classes below, and the KELVIN SIGN, which
# ``ascii_low`` maps to "k" where ``ascii_bytes``' first copy has "?", is a non-space non-mark
# non-digit either way, so the counts equal ``_pair_counts(bo)`` (tested). Classes: 0 " " or
# "\n", 1 other ASCII space (and the padding), 2 "." or "!", 3 anything else, 4 digit, 5 a-z.
_LOW_CLASS = bytes(0 if c in b" \n" else 1 if c in _ASCII_WS else 2 if c in b".!"
                   else 4 if 48 <= c <= 57 else 5 if 97 <= c <= 122 else 3 for c in range(256))


def _low_counts(lb: bytes) -> tuple[int, int, int, np.ndarray, np.ndarray]:
    """``(*_pair_counts(bo), first, length)`` from ``lb = ascii_low(text)``; ``first`` and
    ``length`` (intp arrays): where each [a-z0-9] run of ``lb`` starts and how long it is.
    Compiled, ``partisan_loops.low_counts`` computes the same in one C loop."""
    loops = _LOOPS or _loops()
    if loops.COMPILED:
        return loops.low_counts(lb)
    return _numpy_low_counts(lb)


_LOOPS = None


def _loops() -> Any:
    """``features.framing.partisan_loops``, imported on first use."""
    global _LOOPS
    from . import partisan_loops

    _LOOPS = partisan_loops
    return partisan_loops


def _numpy_low_counts(lb: bytes) -> tuple[int, int, int, np.ndarray, np.ndarray]:
    """:func:`_low_counts` with numpy (the plain-Python path)."""
    c = (b"\t" + lb + b"\t").translate(_LOW_CLASS)  # the tabs: class 1, never a pair
    a = np.frombuffer(c, dtype=np.uint8)
    ns = a >= 2
    words = int(np.count_nonzero(ns[1:] > ns[:-1]))
    al = a >= 4
    edges = np.flatnonzero(al[1:] != al[:-1])  # run k: lb[edges[2k] : edges[2k + 1]]
    first = edges[0::2]
    # ". " pairs by numpy: ``bytes.count`` of a two-byte pattern ending in the frequent space
    # class skips badly (~9 us per 5 KB)
    ends = int(np.count_nonzero((a[:-1] == 2) & (a[1:] == 0)))
    return words, ends, c.count(b"\x04"), first, edges[1::2] - first


_NON_ASCII_WS_SET = frozenset(_NON_ASCII_WS)


def _odd_chars(text: str, bo: bytes) -> list[str] | None:
    """The characters of ``text`` at the "?" offsets of ``bo = ascii_bytes(text)[0]``: every
    non-ASCII character and every "?", in order (a few dozen curly quotes and dashes in most
    texts). None for an ASCII text or more than 256 of them (callers then scan the text)."""
    if text.isascii():
        return None
    pos = np.flatnonzero(np.frombuffer(bo, dtype=np.uint8) == 63)
    if len(pos) > 256:
        return None
    return list(map(text.__getitem__, pos.tolist()))


def _non_ascii_space(text: str, bo: bytes, chars: list[str] | None = None) -> bool:
    """Does ``text`` hold one of ``_NON_ASCII_WS``? Only the ``_odd_chars`` are looked at
    (``chars``: them, when known); about 20% less CPU than 19 ``in`` scans of the text."""
    if text.isascii():
        return False
    if chars is None:
        chars = _odd_chars(text, bo)
        if chars is None:
            return any(map(text.__contains__, _NON_ASCII_WS))
    return not _NON_ASCII_WS_SET.isdisjoint(chars)


def _word_stats(text: str, bo: bytes, n_words: int | None = None,
                chars: list[str] | None = None) -> tuple[int, int, int] | None:
    """``(len(text.split()), capitalised words of 4+ characters, non-empty lines)``; ``bo``:
    ``ascii_bytes(text)[0]``; ``n_words``: ``_pair_counts(bo)[0]`` if known. None when the text
    has non-ASCII whitespace."""
    if _non_ascii_space(text, bo, chars):  # chars: ``_odd_chars`` if known
        return None
    c = b" " + bo.translate(_CAPS_TABLE)  # c[k + 1] stands for text[k]
    n_words = _pair_counts(bo)[0] if n_words is None else n_words
    if b"\x0b" in bo or b"\x0c" in bo or b"\x1c" in bo or b"\x1d" in bo or b"\x1e" in bo or (
            b"\x1f" in bo):
        lines = bo.translate(_LINE_TABLE, _LINE_DELETE).split(b"n")
        n_lines = len(lines) - lines.count(b"")
    else:  # bytes.splitlines/isspace know all the remaining line breaks and spaces
        lines = bo.splitlines()  # non-empty, not all spaces (b"".isspace() is False)
        n_lines = len(lines) - lines.count(b"") - sum(map(bytes.isspace, lines))
    find = c.find
    caps = 0
    i = find(b" XXXX")
    while i >= 0:
        j = find(b" ", i + 5)
        if j < 0:
            j = len(c)
        if find(b"a", i + 5, j) < 0 and text[i:j - 1].isupper():
            caps += 1
        i = find(b" XXXX", j)
    return n_words, caps, n_lines


# ``_FIRST_PERSON`` is matched on the normalised window of ``_FP_WINDOW`` characters from the
# trigger. Exact: a path of the regex consumes at most 30 non-space characters in at most four
# whitespace runs (\s+), so it can only read the window's end if the window holds a
# whitespace run of (128 - 31) / 4 > 24 characters; then the whole text is used.
_FP_WINDOW = 128
_LONG_WS = re.compile(r"\s{24}")
_WS24 = b" " * 24


def _first_person_span(text: str, pos: int, lb: bytes | None = None) -> tuple[int, int] | None:
    """The span of ``_FIRST_PERSON.match(normalise(text), pos)`` or None, normalising only a
    window of ``_FP_WINDOW`` characters (the whole text if the window has a long space run).
    ``lb``: ``ascii_low(text)``; when its window has no "?", the window is ASCII and the decoded
    bytes are exactly the normalised window."""
    wb = lb[pos:pos + _FP_WINDOW] if lb is not None else b"?"
    if b"?" not in wb:  # ASCII: the spaces are the _ASCII_WS bytes (a translate + find beats
        win = wb.decode("ascii")  # the regex, which tries every position)
        long_ws = len(win) == _FP_WINDOW and _WS24 in wb.translate(_WS_TABLE)
    else:
        win = normalise(text[pos:pos + _FP_WINDOW])
        long_ws = len(win) == _FP_WINDOW and _LONG_WS.search(win) is not None
    if long_ws:
        fm = _FIRST_PERSON.match(normalise(text), pos)
        return None if fm is None else (fm.start(), fm.end())
    fm = _FIRST_PERSON.match(win)
    return None if fm is None else (pos, pos + fm.end())


# "i " and "we " are the most frequent triggers, and at them only the first alternative of
# ``_FIRST_PERSON`` can match: the word after the whitespace must be one of its adverbs or verbs,
# which start with these two letters (tested against the regex).
_FP_NEXT2 = frozenset(w[:2].encode("ascii") for w in (
    "strongly", "firmly", "personally", "really", "truly", "honestly", "do", "still", "also",
    "certainly", "fully", "sincerely", "believe", "think", "feel", "agree", "disagree", "suspect",
    "contend", "maintain", "am", "are", "would", "must"))
_ASCII_WS_BYTES = frozenset(_ASCII_WS)


def _fp_hopeless(lb: bytes, pos: int) -> bool:
    """True when ``_FIRST_PERSON`` cannot match at the "i " / "we " trigger at ``pos`` of
    ``lb = ascii_low(text)``: after the ASCII whitespace the next two bytes are not the start of
    a word the regex allows there ("?", a non-ASCII character that may be a space, never decides
    it). False for the other triggers (the regex is tried)."""
    if lb.startswith(b"i ", pos):
        k = pos + 2
    elif lb.startswith(b"we ", pos):
        k = pos + 3
    else:
        return False
    n = len(lb)
    while k < n and lb[k] in _ASCII_WS_BYTES:
        k += 1
    nxt = lb[k:k + 2]
    return b"?" not in nxt and nxt not in _FP_NEXT2


#: Automaton implementation for the lexicon (same matches with any of them).
_LEXICON_IMPL = ahocorasick_rs.Implementation.ContiguousNFA


@dataclass(frozen=True)
class _Lexicon:
    automaton: Any
    codes: tuple[str, ...]
    terms: tuple[str, ...]
    #: ``_trie(terms)`` in the compiled build (``partisan_loops.trie_scan`` replaces the
    #: automaton there), else None
    trie: tuple | None = None


def _trie(terms: tuple[str, ...] | list[str]) -> tuple | None:
    """``(cls, trans, term, ncls, rtrans, rterm)`` for ``partisan_loops.run_scan`` (the first
    four for ``partisan_loops.trie_scan``) over ASCII ``terms``:
    ``cls`` maps a byte to its class (1.. for the bytes in some term, 0 for the rest),
    ``trans[node * ncls + class]`` is the child (uint16, 0 for none; nodes numbered breadth
    first, the root 0), ``term[node]`` the index of the term ending there (-1 for none; the first
    index when a term repeats, as the automaton reports). None when there are 65,536 nodes or more
    (uint16) or a term is empty."""
    if not terms or not all(terms):
        return None
    alphabet = sorted(set("".join(terms).encode("ascii")))
    cls = bytearray(256)
    for k, ch in enumerate(alphabet):
        cls[ch] = k + 1
    ncls = len(alphabet) + 1
    children: list[dict[int, int]] = [{}]
    ends = [-1]
    for i, t in enumerate(terms):
        node = 0
        for ch in t.encode("ascii"):
            c = cls[ch]
            nxt = children[node].get(c)
            if nxt is None:
                nxt = len(children)
                children.append({})
                ends.append(-1)
                children[node][c] = nxt
            node = nxt
        if ends[node] < 0:
            ends[node] = i
    if len(children) >= 1 << 16:
        return None
    order = [0]  # breadth first: the top levels, visited by most walks, share cache lines
    for old in order:
        order.extend(children[old][c] for c in sorted(children[old]))
    new = {old: k for k, old in enumerate(order)}
    trans = np.zeros(len(order) * ncls, dtype=np.uint16)
    term = np.full(len(order), -1, dtype=np.intc)
    for old, k in new.items():
        for c, child in children[old].items():
            trans[k * ncls + c] = new[child]
        term[k] = ends[old]
    # the reverse trie of the terms' leading letters, for terms with a non-letter byte (see
    # ``partisan_loops.run_scan``): only such a term can match from inside a run of letters past
    # its end
    lead = {re.match("[a-z]*", t).group() for t in terms if not _ALL_LETTERS.fullmatch(t)}
    rchildren: list[dict[int, int]] = [{}]
    rends = [0]
    for t in sorted(lead):
        if not t:
            continue
        node = 0
        for ch in reversed(t.encode("ascii")):
            c = cls[ch]
            nxt = rchildren[node].get(c)
            if nxt is None:
                nxt = len(rchildren)
                rchildren.append({})
                rends.append(0)
                rchildren[node][c] = nxt
            node = nxt
        rends[node] = 1
    if len(rchildren) >= 1 << 16:
        return None
    rtrans = np.zeros(len(rchildren) * ncls, dtype=np.uint16)
    for k, ch in enumerate(rchildren):
        for c, child in ch.items():
            rtrans[k * ncls + c] = child
    return bytes(cls), trans, term, ncls, rtrans, bytes(rends)


_ALL_LETTERS = re.compile("[a-z]+")


@lru_cache(maxsize=4)
def load_lexicon(data_dir: str = str(DATA_DIR)) -> _Lexicon:
    """All framing lexicons as one automaton (read once per process)."""
    seen: dict[str, str] = {}
    for fname, code in LEXICONS:
        path = Path(data_dir) / fname
        for line in path.read_text(encoding="utf8").splitlines():
            if not line or line.startswith("#"):
                continue
            term = line.split("\t", 1)[0].strip()
            if term and term not in seen:
                seen[term] = code
    terms = tuple(seen)
    if not all(t.isascii() and "?" not in t for t in terms):
        raise ValueError("framing lexicon terms must be ASCII without '?' (see ascii_low)")
    # Run on ``ascii_low`` bytes (same matches as on the normalised str, see there).
    automaton = ahocorasick_rs.BytesAhoCorasick(
        [t.encode("ascii") for t in terms], matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
        implementation=_LEXICON_IMPL)
    loops = _LOOPS or _loops()
    return _Lexicon(automaton, tuple(seen[t] for t in terms), terms,
                    _trie(terms) if loops.COMPILED else None)


#: 1 + log(n) for small counts (sublinear tf), precomputed.
_SUBLINEAR: tuple[float, ...] = (0.0,) + tuple(1.0 + math.log(n) for n in range(1, 64))


@dataclass(frozen=True)
class HyperpartisanModel:
    """Logistic regression over sublinear tf-idf of a fixed vocabulary plus dense rates."""

    weights: dict[str, float]  # token -> idf * coefficient (applied to (1 + log tf) / norm)
    idf: dict[str, float]
    dense_names: tuple[str, ...]
    dense_mean: tuple[float, ...]
    dense_scale: tuple[float, ...]
    dense_coef: tuple[float, ...]
    intercept: float
    meta: dict[str, Any] = field(default_factory=dict)

    def probability(self, toks: list[str], dense: dict[str, float]) -> float:
        return self._probability(Counter(toks), self.idf, self.weights, dense)

    def _probability(self, counts: Counter, idf: dict, weights: dict,
                     dense: dict[str, float]) -> float:
        """``counts``: token counts in first-occurrence order, keys as in ``idf``/``weights``."""
        idf_get = idf.get
        n_sub = len(_SUBLINEAR)
        norm_sq = 0.0
        dot = 0.0
        for tok, n in counts.items():  # Counter counts in C; filter the ~400 uniques
            tok_idf = idf_get(tok)  # another name: compiled, ``idf`` must stay a dict
            if tok_idf is None:
                continue
            tf = _SUBLINEAR[n] if n < n_sub else 1.0 + math.log(n)
            norm_sq += (tf * tok_idf) ** 2
            dot += tf * weights[tok]
        return self.probability_from_dot(dot / math.sqrt(norm_sq) if norm_sq > 0 else 0.0, dense)

    def probability_from_dot(self, text_part: float, dense: dict[str, float]) -> float:
        """The probability given the normalised tf-idf dot product ``text_part``."""
        z = self.intercept + text_part
        for name, mu, sd, c in zip(self.dense_names, self.dense_mean, self.dense_scale,
                                   self.dense_coef):
            z += c * (dense.get(name, 0.0) - mu) / (sd or 1.0)
        z = max(-35.0, min(35.0, z))
        return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=4)
def _byte_vocabulary(path: str) -> tuple[dict[bytes, float], dict[bytes, float]]:
    """The model's idf and weights keyed by ``_byte_tokens`` tokens (built once)."""
    model = load_model(path)
    to_b = {v: k for k, v in _FROM_BYTE_TOKEN.items()}
    key = {t: to_b.get(t) or t.encode("ascii") for t in model.idf if t.isascii() or t in to_b}
    return ({key[t]: v for t, v in model.idf.items() if t in key},
            {key[t]: v for t, v in model.weights.items() if t in key})


@dataclass(frozen=True)
class _VocabArrays:
    index: dict[bytes, int]  # byte token -> column; tokens outside the vocabulary map to ``size``
    idf: np.ndarray  # float64, one entry per column
    weights: np.ndarray  # float64, idf * coefficient per column
    size: int
    groups: tuple[tuple[str, np.ndarray], ...]  # TOKEN_GROUPS as column indices
    group_cols: np.ndarray  # all groups' columns, concatenated (one gather per document)
    group_starts: np.ndarray  # where each group starts in ``group_cols`` (for np.add.reduceat)
    #: the word look-up table of ``_word_counts`` (None: that path is off, ``_bag`` is used)
    table: _WordTable | None = None


@lru_cache(maxsize=4)
def _vocab_arrays(path: str) -> _VocabArrays:
    """``_byte_vocabulary`` as a token -> column index plus numpy arrays (built once)."""
    idf, weights = _byte_vocabulary(path)
    keys = list(idf)
    index = {k: i for i, k in enumerate(keys)}
    to_b = {v: k for k, v in _FROM_BYTE_TOKEN.items()}
    groups = tuple((name, np.array([index[k] for k in (to_b.get(w) or w.encode("ascii")
                                                       for w in words) if k in index],
                                   dtype=np.intp)) for name, words in TOKEN_GROUPS)
    # every group has at least one column in a trained vocabulary (the training script keeps
    # the group words); an empty group would break reduceat, so it is checked here
    if any(not len(cols) for _, cols in groups):
        raise ValueError(f"{path}: a TOKEN_GROUPS group has no word in the vocabulary")
    starts = np.cumsum([0] + [len(cols) for _, cols in groups[:-1]]).astype(np.intp)
    return _VocabArrays(index, np.array([idf[k] for k in keys], dtype=np.float64),
                        np.array([weights[k] for k in keys], dtype=np.float64), len(keys), groups,
                        np.concatenate([cols for _, cols in groups]), starts,
                        _word_table(keys))


# --- Model word counts without a Python object per token (speed round 4, 2026-11-23) ----------
# ``_bag`` + ``dict.get`` cost ~900 bytes objects, hashes and look-ups per 5 KB document (about
# a third of the detector). ``_word_counts`` finds the same [a-z0-9] runs of ``ascii_low`` with
# numpy (``_low_counts``), packs each run of at most 16 bytes into two little-endian uint64 words
# (``x1`` = bytes 0-7, ``x2`` = bytes 8-15, zero-padded: injective, since a run holds no zero
# byte) read through two overlapping strided views of the bytes and masked to the run's length, and looks the pair up in a cuckoo hash table
# built once from the vocabulary (every word sits in ``t1[h1(key)]`` or ``t2[h2(key)]``,
# ``key = x1 * P ^ x2``). A hit is verified on ``key`` and ``x2`` (with ``x2`` equal, equal keys
# mean equal ``x1``: ``P`` is odd, so multiplying by it is a bijection mod 2**64), so the counts
# are exactly ``bincount`` of the ``dict.get`` columns (tested against ``_bag``). Runs longer
# than 16 bytes are never in the vocabulary (checked when building; else the table is off).
_PAD17 = bytes(17)
_KEY_MUL = np.uint64(0x9E3779B97F4A7C15)
_H1_MUL = np.uint64(0xC2B2AE3D27D4EB4F)
_H2_MUL = np.uint64(0x165667B19E3779F9)
_TABLE_BITS = 12
# slots: the top bits of the product read as int64 (an arithmetic shift: -4096..4095; numpy
# indexing wraps negatives, and intp indices take its fast path, uint64 ones need a cast)
_TABLE_SHIFT = np.int64(64 - _TABLE_BITS)
# masks by run length (17 stands for "longer than 16": both masks 0, key 0, never a word)
_MASK1 = np.array([(1 << (8 * min(n, 8))) - 1 if n <= 16 else 0 for n in range(18)],
                  dtype=np.uint64)
_MASK2 = np.array([(1 << (8 * (n - 8))) - 1 if 8 < n <= 16 else 0 for n in range(18)],
                  dtype=np.uint64)


@dataclass(frozen=True)
class _WordTable:
    keys: np.ndarray  # uint64 key per model column, plus 0 for the "empty" entry ``size``
    x2: np.ndarray  # uint64 second word per column, plus 0
    t1: np.ndarray  # intp column (or ``size``) per slot, first hash
    t2: np.ndarray  # second hash


def _pack(tok: bytes) -> tuple[int, int]:
    return int.from_bytes(tok[:8], "little"), int.from_bytes(tok[8:16], "little")


def _word_table(keys: list[bytes]) -> _WordTable | None:
    """The cuckoo table over the model's byte tokens, or None if one is longer than 16 bytes,
    contains a zero byte, two share a key, a key is 0, or the insertion does not settle."""
    if any(len(k) > 16 or b"\0" in k or not k for k in keys):
        return None
    x1 = np.array([_pack(k)[0] for k in keys], dtype=np.uint64)
    x2 = np.array([_pack(k)[1] for k in keys], dtype=np.uint64)
    key = (x1 * _KEY_MUL) ^ x2
    if len(np.unique(key)) != len(keys) or not key.all():
        return None
    h = [(((key * mul).view(np.int64) >> _TABLE_SHIFT) % (1 << _TABLE_BITS)).tolist()
         for mul in (_H1_MUL, _H2_MUL)]
    size = len(keys)
    tables = ([size] * (1 << _TABLE_BITS), [size] * (1 << _TABLE_BITS))
    for col in range(size):  # standard cuckoo insertion, deterministic
        item, side = col, 0
        for _ in range(1000):
            slot = h[side][item]
            item, tables[side][slot] = tables[side][slot], item
            if item == size:
                break
            side ^= 1
        else:
            return None
    zero = np.zeros(1, dtype=np.uint64)
    return _WordTable(np.concatenate([key, zero]), np.concatenate([x2, zero]),
                      np.array(tables[0], dtype=np.int16), np.array(tables[1], dtype=np.int16))


def _word_counts(lb: bytes, vocab: _VocabArrays,
                 runs: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[np.ndarray, int]:
    """``(counts, n)``: ``counts[c]`` = how many [a-z0-9] runs of ``lb`` are the model token of
    column ``c`` (length ``size + 1``; the last entry counts the other runs), ``n`` = number of
    runs: the same as ``np.bincount`` of the columns of ``lb.translate(_WORD_TABLE).split()``.
    ``runs``: ``_low_counts(lb)[3:]`` when known. Needs ``vocab.table``."""
    tab = vocab.table
    size = vocab.size
    first, length = _low_counts(lb)[3:] if runs is None else runs
    if not len(first):
        return np.zeros(size + 1, dtype=np.intp), 0
    loops = _LOOPS or _loops()
    if loops.COMPILED:  # the same counts from one C loop (partisan_loops)
        return loops.word_counts(lb, first, length, tab.keys, tab.x2, tab.t1, tab.t2,
                                 size), len(first)
    # view k reads buf[k : k + 8] (and buf[k + 8 : k + 16]); the masks keep the run's bytes
    # (``take`` clips lengths over 17 to 17)
    buf = lb + _PAD17
    n = len(buf) - 16
    x1 = np.ndarray((n,), dtype="<u8", buffer=buf, offset=0, strides=(1,))[first]
    x1 &= _MASK1.take(length, mode="clip")
    x2 = np.ndarray((n,), dtype="<u8", buffer=buf, offset=8, strides=(1,))[first]
    x2 &= _MASK2.take(length, mode="clip")
    key = x1 * _KEY_MUL
    key ^= x2
    c1 = tab.t1[(key * _H1_MUL).view(np.int64) >> _TABLE_SHIFT].astype(np.intp)
    c2 = tab.t2[(key * _H2_MUL).view(np.int64) >> _TABLE_SHIFT].astype(np.intp)
    col = np.where(tab.keys[c1] == key, c1, c2)
    ok = tab.keys[col] == key
    ok &= tab.x2[col] == x2
    return np.bincount(np.where(ok, col, size), minlength=size + 1), len(first)


#: Below this many characters (titles) the bag and ``dict.get`` beat numpy's fixed cost per call.
_SHORT = 600


def _model_counts(text: str, lb: bytes, vocab: _VocabArrays, n_question: int | None = None,
                  n_excl: int | None = None,
                  runs: tuple[np.ndarray, np.ndarray] | None = None,
                  marks: tuple[int, int] | None = None) -> tuple[np.ndarray, int]:
    """``(counts, n_tokens)`` of ``_bag(text, lb, ...)`` over the model columns (length
    ``size + 1``, the last entry: tokens outside the vocabulary); ``marks``: the counts of “ and ”
    when known."""
    if vocab.table is None or (runs is None and len(lb) < _SHORT):
        toks = _bag(text, lb, n_question, n_excl)
        ix = np.fromiter(map(vocab.index.get, toks, repeat(vocab.size)), dtype=np.intp,
                         count=len(toks))
        return np.bincount(ix, minlength=vocab.size + 1), len(toks)
    counts, n = _word_counts(lb, vocab, runs)
    if n_question is None:
        n_question = _count(text, "?")
    if n_excl is None:
        n_excl = _count(lb, b"!")
    index = vocab.index
    n_open, n_close = (_count(text, "“"), _count(text, "”")) if marks is None else marks
    for key, k in ((b"!", n_excl), (b'"', _count(lb, b'"')), (b"\x03", n_question),
                   (b"\x01", n_open), (b"\x02", n_close)):
        if k:
            counts[index.get(key, vocab.size)] += k
            n += k
    return counts, n


def _tfidf_dot(vocab: _VocabArrays, toks: list[bytes],
               style: dict[str, float] | None = None) -> float:
    """``dot(weights, tf) / ||tf * idf||`` with sublinear tf over ``toks``, vectorised: one
    C-level ``map(dict.get)`` over the tokens, a bincount, and numpy sums over the ~400 columns
    present (the plain loop in ``HyperpartisanModel._probability`` does the same arithmetic in
    Python; results agree to ~1e-15)."""
    size = vocab.size
    ix = np.fromiter(map(vocab.index.get, toks, repeat(size)), dtype=np.intp, count=len(toks))
    return _tfidf_dot_counts(vocab, np.bincount(ix, minlength=size + 1), len(toks), style)


def _tfidf_dot_counts(vocab: _VocabArrays, counts: np.ndarray, n_tokens: int,
                      style: dict[str, float] | None = None) -> float:
    """``_tfidf_dot`` from the column counts (length ``size + 1``) and the token count."""
    loops = _LOOPS or _loops()
    if loops.COMPILED and counts.dtype == np.intp and counts.flags.c_contiguous:
        # one C pass for the non-zero columns, their counts and the group sums (integers)
        cols, cnt, sums = loops.nonzero_counts(counts, vocab.size, vocab.group_cols,
                                               vocab.group_starts)
    else:
        counts = counts[:vocab.size]
        sums = np.add.reduceat(counts[vocab.group_cols], vocab.group_starts).tolist()
        cols = np.flatnonzero(counts)
        cnt = counts[cols]
    if style is not None:
        per100 = 100.0 / max(n_tokens, 1)
        for (name, _), n in zip(vocab.groups, sums):
            style[name] = n * per100
    if not len(cols):
        return 0.0
    tf = np.log(cnt) + 1.0
    x = tf * vocab.idf[cols]
    norm_sq = float(x @ x)
    return float(tf @ vocab.weights[cols]) / math.sqrt(norm_sq) if norm_sq > 0 else 0.0


@lru_cache(maxsize=1)
def _first_person_triggers() -> Any:
    # Non-overlapping leftmost-longest finds every trigger start that can pass the word-start
    # check: no trigger can begin inside another's occurrence except "honestly" inside "imho"
    # ("imhonestly"), where it follows a letter and is dropped anyway (tested). A small DFA.
    return ahocorasick_rs.BytesAhoCorasick([t.encode("ascii") for t in _FIRST_PERSON_TRIGGERS],
                                           matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
                                           implementation=ahocorasick_rs.Implementation.DFA)


@lru_cache(maxsize=4)
def load_model(path: str = str(DATA_DIR / "hyperpartisan_model.json")) -> HyperpartisanModel:
    """The trained hyperpartisan model (read once per process)."""
    raw = json.loads(Path(path).read_text(encoding="utf8"))
    vocab = raw["vocabulary"]
    idf = dict(zip(vocab, raw["idf"]))
    weights = {t: i * c for t, i, c in zip(vocab, raw["idf"], raw["coef"])}
    return HyperpartisanModel(
        weights=weights, idf=idf, dense_names=tuple(raw["dense_names"]),
        dense_mean=tuple(raw["dense_mean"]), dense_scale=tuple(raw["dense_scale"]),
        dense_coef=tuple(raw["dense_coef"]), intercept=float(raw["intercept"]),
        meta={k: v for k, v in raw.items() if k not in ("vocabulary", "idf", "coef")})


def _scare_spans(text: str):
    r"""The ``(start, end)`` of ``_SCARE.finditer(text)``, without the regex: ``_SCARE``'s
    content ``[^"“”\n]{1,40}?`` cannot hold a quotation mark or a line break, so a match at an
    opening mark ``p`` can only close at the first of ``"“”\n`` after it (found with bounded
    ``str.find``), and only if that is ``"`` or ``”``, 1-40 characters on, with the lookarounds
    true (``\s`` = ``str.isspace``, ``\w`` = ``str.isalnum`` or ``_`` for str patterns)."""
    n = len(text)
    find = text.find
    nxt_a = find('"')
    nxt_b = find("“")
    if nxt_a < 0:
        nxt_a = n
    if nxt_b < 0:
        nxt_b = n
    cur = 0
    while True:
        if nxt_a < cur:
            nxt_a = find('"', cur)
            if nxt_a < 0:
                nxt_a = n
        if nxt_b < cur:
            nxt_b = find("“", cur)
            if nxt_b < 0:
                nxt_b = n
        p = nxt_a if nxt_a < nxt_b else nxt_b  # noqa: FURB136 (faster than min)
        if p >= n:
            return
        end = -1
        if p + 1 < n:
            c1 = text[p + 1]
            if not (c1.isspace() or c1 in '"“”'):
                q = stop = min(n, p + 42)
                for ch in '"”“\n':
                    k = find(ch, p + 2, q)
                    if k >= 0:
                        q = k
                if q < stop and text[q] in '"”' and not text[q - 1].isspace() and (
                        q + 1 >= n or not (text[q + 1].isalnum() or text[q + 1] == "_")):
                    end = q + 1
        if end < 0:
            cur = p + 1
        else:
            yield p, end
            cur = end


def _so_called_in(lb: bytes) -> bool:
    """``b"so-called" in lb or b"so called" in lb``, with one scan of ``lb`` for "called"
    (rare) in place of two for patterns starting with the frequent "s"."""
    k = lb.find(b"called", 3)
    while k >= 0:
        if lb[k - 3:k] in (b"so-", b"so "):
            return True
        k = lb.find(b"called", k + 1)
    return False


def _in_quote(text: str, pos: int) -> bool:
    """Is ``pos`` inside a quotation opened earlier in the same paragraph?"""
    para_start = text.rfind("\n", 0, pos) + 1
    count = text.count  # counts within [para_start, pos) without copying the paragraph
    find = text.find  # (a find is memchr-fast; a count of a mark that is absent is 0)
    if find("“", para_start, pos) >= 0 and count("“", para_start, pos) > count("”", para_start, pos):
        return True
    return find('"', para_start, pos) >= 0 and count('"', para_start, pos) % 2 == 1


def _sentence(text: str, start: int, end: int, reach: int = 300) -> str:
    """The sentence around ``[start, end)`` (bounded look-around: cost stays constant)."""
    left = text[max(0, start - reach):start]
    # end of the last [.!?\n] in ``left`` (0 if none): four C-level rfinds instead of finditer
    cut = max(left.rfind("."), left.rfind("!"), left.rfind("?"), left.rfind("\n")) + 1
    right = text[end:end + reach]
    stop = _SENTENCE_END.search(right)
    return left[cut:] + text[start:end] + (right[:stop.start()] if stop else right)


def _sentence_bounds(text: str, start: int, end: int, reach: int = 300) -> tuple[int, int]:
    """``(a, b)`` with ``text[a:b] == _sentence(text, start, end, reach)``, without slicing:
    bounded ``rfind``/``find`` calls (tested)."""
    lo = max(0, start - reach)
    a = max(text.rfind(".", lo, start), text.rfind("!", lo, start), text.rfind("?", lo, start),
            text.rfind("\n", lo, start)) + 1
    if a == 0:
        a = lo
    hi = min(len(text), end + reach)
    b = hi
    for ch in ".!?\n":
        k = text.find(ch, end, b)
        if k >= 0:
            b = k
    return a, b


def _attributed(text: str, lb: bytes, a: int, b: int) -> bool:
    r"""Does the sentence ``text[a:b]`` hold a speech verb, i.e. the original test
    ``_ATTRIBUTION.search(text[a:b])`` if a case-folding special is in ``normalise(text[a:b])``,
    else ``_ATTRIBUTION_LOW.search(normalise(text[a:b]))``?

    Fast path on the ASCII-mapped bytes ``lb[a:b]``: the pattern only matches ASCII letters and
    ``\s``, and looks at ``\w`` for ``\b``; a non-ASCII character that is neither alphanumeric
    nor a space (curly quotes, dashes; its lower case is the same kind, tested) behaves there
    exactly like the "?" standing for it, so the search on the decoded bytes gives the same
    answer. Any other non-ASCII character (letters, the three case-folding specials, spaces)
    takes the plain path."""
    sb = lb[a:b]
    q = sb.find(b"?")
    while q >= 0:
        ch = text[a + q]
        if ch.isalnum() or ch.isspace():
            sent_text = text[a:b]
            sent = normalise(sent_text)
            if any(c in sent for c in _FOLD_SPECIAL):
                return _ATTRIBUTION.search(sent_text) is not None
            return _ATTRIBUTION_LOW.search(sent) is not None
        q = sb.find(b"?", q + 1)
    # ``search`` finds a match iff ``match`` succeeds at some start, and every match starts with
    # one of the pattern's words: try ``match`` only where the words' automaton finds one
    starts = _attribution_words().find_matches_as_indexes(sb, overlapping=True)
    if not starts:
        return False
    sent = sb.decode("ascii")
    match = _ATTRIBUTION_LOW.match
    return any(match(sent, p) for _, p, _ in starts)


#: Every alternative of ``_ATTRIBUTION`` starts with one of these (tested).
_ATTRIBUTION_WORDS = ("said", "says", "say", "saying", "stated", "stating", "declared", "blamed",
                      "blaming", "told", "tells", "according", "call", "called", "calling",
                      "described", "describing", "statement", "denounced", "accused", "accusing",
                      "warned", "added", "wrote", "quoted", "dubbed", "referred", "referring",
                      "claimed", "claims", "insisted", "argued")


@lru_cache(maxsize=1)
def _attribution_words() -> Any:
    return ahocorasick_rs.BytesAhoCorasick([w.encode("ascii") for w in _ATTRIBUTION_WORDS])


@dataclass(frozen=True)
class PartisanFraming:
    """Spans of partisan framing plus the hyperpartisan probability of the article.

    Parameters
    ----------
    max_chars:
        Only the first ``max_chars`` characters are analysed (a 5 MB page costs no more than a
        long article); ``extras["truncated"]`` says when this happened. Default 200,000.
    quote_weight:
        Weight multiplier for lexicon hits inside quotation marks (attributed speech). 0.5.
    report_threshold:
        Add document-level ``hyperpartisan_style`` evidence when the probability reaches this. 0.5
        (the SemEval decision threshold).
    derogatory_boost:
        How far one derogatory label (outside quotations) raises ``score`` above the model
        probability: ``score = 1 - (1 - p) * prod(1 - derogatory_boost * w)`` with ``w`` = 1, or
        ``quote_weight`` inside quotations. 0.35. The 645 SemEval training articles almost never
        contain such labels, so the model cannot learn them; the boost is fixed, not fitted, and
        the cross-validated accuracy in reports/framing.md is measured on the boosted score.
    data_dir / model_path:
        Where the lexicons and model live (defaults: ``features/data/framing``).
    """

    name: str = "framing.partisan.v1"
    feature_names: tuple[str, ...] = (
        "loaded_rate", "name_calling_rate", "derogatory_rate", "hyperbole_rate",
        "scare_quote_rate", "first_person_rate", "exclamation_rate", "caps_rate",
        "question_rate", "hyperpartisan_prob",
        # style features (added 2026-11-22, after credscore-logreg-1)
        "log_words", "words_per_sentence", "digit_rate", "paragraph_rate", "pronoun_i_rate", "pronoun_we_rate",
        "pronoun_you_rate", "attribution_word_rate", "quote_mark_rate",
    )
    max_chars: int = 200_000
    quote_weight: float = 0.5
    report_threshold: float = 0.5
    derogatory_boost: float = 0.35
    data_dir: str = str(DATA_DIR)
    model_path: str = str(DATA_DIR / "hyperpartisan_model.json")

    # -- pieces reused by the training script -------------------------------------------------
    def analyse(self, text: str) -> tuple[list[Evidence], dict[str, float], list[str], dict[str, Any]]:
        """Evidence, dense rates (per 100 words), model tokens and extras for ``text``."""
        evidence, dense, _, _, extras = self._analyse(text)
        return evidence, dense, tokens(normalise(text[: self.max_chars])), extras

    def _analyse(self, text: str) -> tuple[list[Evidence], dict[str, float], str,
                                           tuple[np.ndarray, int], dict[str, Any]]:
        """``analyse`` plus the analysed (truncated) text and its model tokens as column counts
        and token count (``_model_counts``: the counts of ``_bag``)."""
        truncated = len(text) > self.max_chars
        text = text[: self.max_chars]
        # ASCII-mapped normalised text: offsets are character offsets (see ``ascii_low``); the
        # full Unicode lower-casing is only done on short windows (and for "so-called")
        bo, lb = ascii_bytes(text)
        loops = _LOOPS or _loops()
        if loops.COMPILED:  # one C pass: the class counts, word runs, capitals, lines, "?"s
            (pair_words, n_ends, n_digits, first, length, n_caps, unsure, n_lines,
             qpos) = loops.text_stats(bo, lb)
            chars = None if qpos is None else list(map(text.__getitem__, qpos))
        else:
            chars = _odd_chars(text, bo)  # "?" and the non-ASCII characters (None: ASCII or many)
            pair_words, n_ends, n_digits, first, length = _low_counts(lb)
        if chars is None:
            n_question = _count(text, "?")
            marks = None
        else:
            n_question = chars.count("?")
            marks = (chars.count("“"), chars.count("”"))
        runs = (first, length)  # a tuple: compiled, ``_model_counts`` checks the annotation
        if not loops.COMPILED:
            stats = _word_stats(text, bo, pair_words, chars)
        elif _non_ascii_space(text, bo, chars):
            stats = None
        else:  # ``_word_stats`` from the C pass: words with a "?" byte ask ``str.isupper``
            for k in range(0, len(unsure), 2):
                if text[unsure[k]:unsure[k + 1]].isupper():
                    n_caps += 1
            stats = (pair_words, n_caps, n_lines)
        if stats is None:  # non-ASCII whitespace: the plain definitions
            words = text.split()
            stats = (len(words),
                     sum(1 for w in compress(words, map(str.isupper, words)) if len(w) >= 4),
                     sum(1 for ln in text.splitlines() if ln and not ln.isspace()))
        n_words, n_caps, n_lines = stats
        per100 = 100.0 / max(n_words, 1)
        evidence: list[Evidence] = []
        weighted: defaultdict[str, float] = defaultdict(float)
        in_quote_hits: int = 0
        # isalnum of a character equals that of its lower case (all of Unicode; tested), so the
        # word-boundary checks read the original text

        lex = load_lexicon(self.data_dir)
        codes = lex.codes
        n_text = len(text)
        qw = self.quote_weight
        if lex.trie is not None:  # compiled: the trie scan, ASCII word boundaries checked there
            hits = loops.run_scan(lb, *lex.trie, 2)
        else:
            hits = lex.automaton.find_matches_as_indexes(lb, overlapping=False)
        for idx, start, end in hits:
            if (start and text[start - 1].isalnum()) or (end < n_text and text[end].isalnum()):
                continue
            code = codes[idx]
            cw = CODE_WEIGHT[code]
            if _in_quote(text, start):
                w = cw * qw
                in_quote_hits += 1
                weighted[code] += w / cw
                evidence.append(Evidence(code, f"{_LABEL[code]}: {text[start:end]!r} (inside a "
                                         "quotation)", Span(start, end), w))
            else:  # w = cw * 1.0 = cw exactly
                weighted[code] += cw / cw
                evidence.append(Evidence(code, f"{_LABEL[code]}: {text[start:end]!r}",
                                         Span(start, end), cw))

        for ms, me in _scare_spans(text):
            if ms > 0 and not (text[ms - 1].isspace() or text[ms - 1] == "("):
                continue
            inner = text[ms + 1:me - 1]
            inner_words = inner.split()
            if not 1 <= len(inner_words) <= 3 or inner[-1] in ".,!?;:" or not (
                    _ASCII_LETTER.search(lb, ms + 1, me - 1) or any(c.isalpha() for c in inner)):
                continue
            if len(inner_words) > 1 and all(w[:1].isupper() for w in inner_words):
                continue  # a title or a name, not irony
            # normalised windows equal the same slices of normalise(text) (up to the final-sigma
            # form, which no check here sees): the lower case of a character does not depend on
            # its neighbours otherwise
            prev = normalise(text[max(0, ms - 25):ms]).split()
            if prev and (prev[-1].strip(",:") in _CITE_BEFORE or prev[-1] == "as"):
                continue
            # the sentence: same cut as on normalise(text) (".!?\n" are their own lower case)
            if _attributed(text, lb, *_sentence_bounds(text, ms, me)):
                continue
            weighted["scare_quotes"] += 1
            evidence.append(Evidence("scare_quotes", f"scare quotes: {text[ms:me]!r}",
                                     Span(ms, me), CODE_WEIGHT["scare_quotes"]))
        if _so_called_in(lb):  # else _SO_CALLED cannot match
            low = normalise(text)
            for m in _SO_CALLED.finditer(low):
                if m.start() > 0 and low[m.start() - 1].isalnum():
                    continue
                weighted["scare_quotes"] += 1
                evidence.append(Evidence("scare_quotes", f"'so-called' label: {text[m.start():m.end()]!r}",
                                         Span(m.start(), m.end()), CODE_WEIGHT["scare_quotes"]))

        # matches come in order of position and never share a start: no sort/set needed
        starts = [s for _, s, _ in _first_person_triggers().find_matches_as_indexes(lb)
                  if s == 0 or not text[s - 1].isalnum()]
        last_end = -1
        for pos in starts:
            if pos < last_end:
                continue
            if _fp_hopeless(lb, pos):
                continue
            span = _first_person_span(text, pos, lb)
            if span is None:
                continue
            fs, fe = span
            if _in_quote(text, fs):
                continue
            last_end = fe
            weighted["first_person_opinion"] += 1
            evidence.append(Evidence("first_person_opinion",
                                     f"author's own opinion voice: {text[fs:fe]!r}",
                                     Span(fs, fe), CODE_WEIGHT["first_person_opinion"]))

        # sentence ends: ". " ".\n" "! " "!\n" on the bytes ("?" there may stand for a non-ASCII
        # character), "? " "?\n" on the text
        # ". " ".\n" "! " "!\n": ``n_ends`` from _pair_counts
        n_excl = _count(lb, b"!")
        if n_question:  # the few "?": look at the character after each
            q = text.find("?")
            while q >= 0:
                if text[q + 1:q + 2] in (" ", "\n"):
                    n_ends += 1
                q = text.find("?", q + 1)
        dense = {
            "loaded_rate": weighted["loaded_term"] * per100,
            "name_calling_rate": weighted["name_calling"] * per100,
            "derogatory_rate": weighted["derogatory_term"] * per100,
            "hyperbole_rate": weighted["hyperbole"] * per100,
            "scare_quote_rate": weighted["scare_quotes"] * per100,
            "first_person_rate": weighted["first_person_opinion"] * per100,
            "exclamation_rate": n_excl * per100,
            "caps_rate": n_caps * per100,
            "question_rate": n_question * per100,
            "log_words": math.log1p(n_words),
            "words_per_sentence": n_words / (n_ends + 1),
            "digit_rate": 100.0 * n_digits / max(len(text), 1),
            # non-empty lines per 100 words: blank-line or single-newline paragraphs count alike
            "paragraph_rate": n_lines * per100,
        }
        evidence.sort(key=lambda e: (e.span.start if e.span else -1))
        extras = {"words": n_words, "truncated": truncated, "in_quote_hits": in_quote_hits,
                  "counts": {k: round(v, 2) for k, v in weighted.items()}}
        return evidence, dense, text, _model_counts(
            text, lb, _vocab_arrays(self.model_path), n_question, n_excl, runs, marks), extras

    def __call__(self, doc: Document) -> DetectorResult:
        text = doc.text or ""
        evidence, dense, _, (counts, n_tokens), extras = self._analyse(text)
        if not text.strip():
            feats = {n: 0.0 for n in self.feature_names}
            return DetectorResult(self.name, feats, (), None, {"words": 0})
        title = doc.title or str(doc.metadata.get("title") or "")
        if title and title[:200] not in text[:1000]:
            # the model was trained on "title\ntext": add the title's words when the text lacks them
            t = title[:1000]
            t_counts, t_n = _model_counts(t, ascii_low(t), _vocab_arrays(self.model_path))
            counts = counts + t_counts
            n_tokens += t_n
        model = load_model(self.model_path)
        prob = model.probability_from_dot(
            _tfidf_dot_counts(_vocab_arrays(self.model_path), counts, n_tokens, dense), dense)
        feats = {n: float(dense.get(n, 0.0)) for n in self.feature_names}
        feats["hyperpartisan_prob"] = prob
        score = self.combine(prob, evidence)
        if score >= self.report_threshold:
            evidence.append(Evidence(
                "hyperpartisan_style",
                f"article reads as hyperpartisan (score {score:.2f}, model {prob:.2f})", None,
                score))
        extras["hyperpartisan_prob"] = round(prob, 4)
        return DetectorResult(self.name, feats, tuple(evidence), score, extras)

    def combine(self, prob: float, evidence: list[Evidence]) -> float:
        """Model probability raised by derogatory labels (see ``derogatory_boost``)."""
        keep = 1.0 - prob
        for ev in evidence:
            if ev.code == "derogatory_term":
                keep *= 1.0 - self.derogatory_boost * ev.weight / CODE_WEIGHT["derogatory_term"]
        return min(1.0, max(0.0, 1.0 - keep))
