"""Lazily loaded spam lexicons (features/data/spam/, built by benchmarks/spam/build_lexicons.py).

Everything here is loaded once on first use (``functools.lru_cache``), never at import time.
"""

from __future__ import annotations

from dataclasses import dataclass
import re
import types
from functools import lru_cache
from pathlib import Path

import ahocorasick_rs

DATA = Path(__file__).resolve().parents[1] / "data" / "spam"

#: Evidence code of each keyword category.
CATEGORY_CODES: dict[str, str] = {
    "gambling": "gambling_keywords", "pharma": "pharma_keywords", "replica": "replica_keywords",
    "loans": "loan_keywords", "essay": "essay_keywords", "crypto": "crypto_keywords",
    "adult": "adult_keywords", "seo": "seo_keywords",
}

#: Substrings of domain labels that mark a gambling/pharma/spam site (own research: the common
#: stems of UT1's gambling list and of pharma/replica spam domains). Matched inside labels.
DOMAIN_STEMS: tuple[str, ...] = (
    "casino", "kasino", "cassino", "poker", "slot", "roulette", "blackjack", "baccarat", "bahis",
    "judi", "togel", "gacor", "jackpot", "lotto", "bingo", "sportsbook", "betting", "vulkan",
    "1xbet", "bet365", "mostbet", "melbet", "pinup", "spins", "gamble", "gambling", "viagra",
    "cialis", "pharma", "pills", "tramadol", "xanax", "replica", "payday", "loans", "essay",
    "escort", "porn", "xxx", "toto", "ufabet", "sbobet", "maxwin", "deneme", "bonus",
)
#: Top-level domains that spam link farms favour (own research); a weak cue only.
SPAM_TLDS: frozenset[str] = frozenset(
    ["bet", "casino", "poker", "xyz", "top", "vip", "club", "online", "site", "fun", "win", "lol", "icu", "buzz", "party", "space", "website", "work", "click", "link", "live", "shop", "store", "cyou", "sbs"])


@dataclass(frozen=True, slots=True)
class Keywords:
    """One Aho-Corasick automaton over all folded terms, with category and weight per pattern."""

    automaton: ahocorasick_rs.AhoCorasick
    terms: tuple[str, ...]
    categories: tuple[str, ...]
    weights: tuple[float, ...]
    bounded: tuple[bool, ...]  # needs word boundaries (alphabetic scripts with spaces)
    #: The same automaton over the ASCII terms only, on bytes (see :func:`find`), and the index
    #: of each of its patterns in ``terms``.
    ascii_automaton: ahocorasick_rs.BytesAhoCorasick | None = None
    ascii_index: tuple[int, ...] = ()
    #: Characters that keep a text on the str automaton in :func:`find`: those of the
    #: non-ASCII terms, and the surrogates (the str automaton raises on lone surrogates).
    term_chars: frozenset[str] = frozenset()


def _needs_boundary(term: str) -> bool:
    """Latin/Cyrillic/Greek/Vietnamese terms need word boundaries; CJK, Thai, Hangul do not."""
    for ch in term:
        cp = ord(ch)
        if 0x0E00 <= cp <= 0x0E7F or 0x1100 <= cp <= 0x11FF or 0x2E80 <= cp <= 0x9FFF \
                or 0xAC00 <= cp <= 0xD7AF or 0xF900 <= cp <= 0xFAFF or 0x3040 <= cp <= 0x30FF:
            return False
    return True


@lru_cache(maxsize=1)
def keywords() -> Keywords:
    """The keyword automaton (leftmost-longest, so "online casino" beats "casino")."""
    terms: list[str] = []
    cats: list[str] = []
    weights: list[float] = []
    for line in (DATA / "keywords.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cat, weight, term = line.split("\t")
        terms.append(term)
        cats.append(cat)
        weights.append(float(weight))
    # A DFA: about 40% faster to search than the default NFA on 5 KB articles (the same
    # matches; built once, a few ms more).
    ac = ahocorasick_rs.AhoCorasick(terms, matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_LONGEST,
                                    implementation=ahocorasick_rs.Implementation.DFA)
    ascii_ids = tuple(i for i, t in enumerate(terms) if t.isascii())
    bac = ahocorasick_rs.BytesAhoCorasick(
        [terms[i].encode("ascii") for i in ascii_ids],
        matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_LONGEST,
        implementation=ahocorasick_rs.Implementation.DFA)
    chars = frozenset(c for t in terms for c in t if not c.isascii()) | frozenset(
        map(chr, range(0xD800, 0xE000)))
    return Keywords(ac, tuple(terms), tuple(cats), tuple(weights),
                    tuple(_needs_boundary(t) for t in terms), bac, ascii_ids, chars)


def find(kw: Keywords, text: str, chars: frozenset[str] | None = None,
         utf8: bytes | None = None) -> list[tuple[int, int, int]]:
    """``kw.automaton.find_matches_as_indexes(text)``, faster when only ASCII terms can match:
    on ASCII text, or when ``chars`` (the distinct non-ASCII characters of ``text``, if the
    caller knows them) share nothing with the terms (news text: quotes and dashes). The
    bytes automaton over the ASCII terms then runs on a copy with one byte per character
    (``encode("ascii", "replace")``: each other character is one "?", which no term holds),
    so byte offsets are character offsets, without the str automaton's UTF-8 encoding and
    offset mapping and with a tenth fewer patterns. Leftmost-longest over the ASCII terms in
    their original order picks the same pattern as over all terms, since the others cannot
    match at all. (Equivalence: tests/features/spam/test_spam_speed_equivalence.py.)

    ``utf8``: ``text.encode("utf-8", "surrogatepass")`` when the caller has it. The bytes
    automaton then runs on it (no copy to make): an ASCII term matches the same ASCII
    characters there, since a non-ASCII character is two to four bytes of 0x80 or more that
    no term holds, as the "?" above; its byte offsets are turned into character offsets by
    counting the bytes that start a character (:func:`_char_offsets`)."""
    bac = kw.ascii_automaton
    if bac is None:
        return _find_str(kw, text)
    ids = kw.ascii_index
    if utf8 is not None and len(utf8) == len(text):  # (ASCII text: the same bytes)
        return [(ids[i], a, b) for i, a, b in bac.find_matches_as_indexes(utf8)]
    if text.isascii():
        raw = text.encode("ascii")
    elif chars is not None and kw.term_chars.isdisjoint(chars):
        if utf8 is not None and _COMPILED:  # (plain Python: the copy is cheaper than the loop)
            found = bac.find_matches_as_indexes(utf8)
            if not found:
                return []
            return _char_offsets(utf8, found, ids)
        raw = text.encode("ascii", "replace")
    else:
        return _find_str(kw, text)
    return [(ids[i], a, b) for i, a, b in bac.find_matches_as_indexes(raw)]


def _char_offsets(utf8, found, ids):  # (typed in lexicon.pxd)
    """``found`` (pattern, byte start, byte end, in text order, not overlapping) of the bytes
    automaton over the UTF-8 form ``utf8`` as (``ids[pattern]``, character start, character
    end): a character offset is the number of bytes before it that start a character (all
    but the continuation bytes 0x80-0xBF), counted in one pass up to the last end."""
    out = []
    pos = 0
    chars = 0
    for i, a, b in found:
        while pos < a:
            c = utf8[pos]
            if c < 0x80 or c >= 0xC0:
                chars += 1
            pos += 1
        ca = chars
        while pos < b:
            c = utf8[pos]
            if c < 0x80 or c >= 0xC0:
                chars += 1
            pos += 1
        out.append((ids[i], ca, chars))
    return out


def _find_str(kw: Keywords, text: str) -> list[tuple[int, int, int]]:
    """The str automaton. It encodes the text to UTF-8, which a lone surrogate (only Python
    callers can pass one) cannot take: such text is searched with each lone surrogate read as
    U+FFFD, one character for one, so the offsets still point into ``text``."""
    try:
        return kw.automaton.find_matches_as_indexes(text)
    except UnicodeEncodeError:
        clean = _SURROGATES.sub("\ufffd", text)
        return kw.automaton.find_matches_as_indexes(clean)


_SURROGATES = re.compile("[\ud800-\udfff]")

#: Whether this module runs compiled (a Cython function is no plain Python function): then
#: :func:`find` counts character offsets in a C loop instead of copying the text to bytes.
_COMPILED = not isinstance(_needs_boundary, types.FunctionType)


def _lines(name: str) -> list[str]:
    return [x.strip() for x in (DATA / name).read_text(encoding="utf-8").splitlines()
            if x.strip() and not x.startswith("#")]


@lru_cache(maxsize=1)
def gambling_domains() -> frozenset[str]:
    """Known gambling domains (UT1, train half)."""
    return frozenset(_lines("gambling_domains.txt"))


@lru_cache(maxsize=1)
def ad_domains() -> frozenset[str]:
    """Known advertising / tracking host names (UT1 publicite, train half)."""
    return frozenset(_lines("ad_domains.txt"))


@lru_cache(maxsize=1)
def ad_host_tokens() -> frozenset[str]:
    """Label tokens typical of advertising / tracking hosts ("ads", "adserver", "banner")."""
    return frozenset(_lines("ad_host_tokens.txt"))


_LABEL_SPLIT = re.compile(r"[-\d_]+")


def ad_host(host: str) -> bool:
    """Whether a lower-case host name is an advertising / tracking host: it or a parent domain
    (up to four labels) is a known one, or one of its labels (split at hyphens and digits, the
    top-level domain left out) is an advertising token ("ads.example.com", "my-adserver.net")."""
    labels = host.split(".")
    if len(labels) < 2:
        return False
    known = ad_domains()
    for i in range(max(0, len(labels) - 4), len(labels) - 1):
        if ".".join(labels[i:]) in known:
            return True
    toks = ad_host_tokens()
    return any(t in toks for label in labels[:-1] for t in _LABEL_SPLIT.split(label))


@lru_cache(maxsize=1)
def en_vocab() -> frozenset[str]:
    """Frequent English news words (lower case)."""
    return frozenset(_lines("en_vocab.txt"))


@lru_cache(maxsize=1)
def en_common(limit: int = 5000) -> frozenset[str]:
    """The ``limit`` most frequent words of :func:`en_vocab`'s list (news core vocabulary)."""
    return frozenset(_lines("en_vocab.txt")[:limit])


@lru_cache(maxsize=1)
def domain_stems() -> ahocorasick_rs.AhoCorasick:
    """Automaton over :data:`DOMAIN_STEMS` (substring match inside a host name)."""
    return ahocorasick_rs.AhoCorasick(list(DOMAIN_STEMS))
