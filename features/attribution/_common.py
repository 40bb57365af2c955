"""Shared helpers of the attribution detectors: lexicons (loaded lazily, once), length measures
and a length-preserving lower-casing that keeps character offsets valid."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import ahocorasick_rs

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "attribution"

#: ASCII-only lower-casing: ``str.lower`` may change the length of some characters ("İ"), which
#: would shift every offset after them.
_ASCII_LOWER = {c: c + 32 for c in range(65, 91)}


def lower_same_length(text: str) -> str:
    """``text.lower()`` when that keeps the length (almost always), else ASCII-only lowering."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


def approx_words(text: str) -> float:
    """A cheap word count (spaces plus line breaks), at least 1: the normaliser of features."""
    return float(max(1, text.count(" ") + text.count("\n") + 1))


def per_1k(count: float, words: float) -> float:
    """``count`` per 1,000 words, guarded."""
    return 1000.0 * count / words if words > 0 else 0.0


def _lines(name: str) -> list[str]:
    out: list[str] = []
    for raw in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        line = raw.rstrip("\n")
        if line.strip() and not line.lstrip().startswith("#"):
            out.append(line.strip())
    return out


@dataclass(frozen=True)
class Phrases:
    """An Aho-Corasick automaton over lower-cased phrases with one label per phrase."""

    automaton: ahocorasick_rs.AhoCorasick
    phrases: tuple[str, ...]
    labels: tuple[str, ...]
    line_start: tuple[bool, ...]

    def find(self, low: str) -> list[tuple[int, int, int]]:
        """``(pattern index, start, end)`` of whole-phrase matches in lower-cased text.

        Line breaks and no-break spaces are matched as spaces (same length, so offsets hold).
        """
        out = []
        n = len(low)
        phrases = self.phrases
        flat = low.replace("\n", " ").replace("\xa0", " ")
        for idx, start, end in self.automaton.find_matches_as_indexes(flat):
            phrase = phrases[idx]
            if start > 0 and phrase[0].isalnum() and low[start - 1].isalnum():
                continue
            if end < n and phrase[-1].isalnum() and low[end].isalnum():
                continue
            out.append((idx, start, end))
        return out

    def phrase(self, idx: int) -> str:
        """The phrase as listed (lower case)."""
        return self.phrases[idx]


def _automaton(phrases: list[str]) -> ahocorasick_rs.AhoCorasick:
    # The DFA implementation measured ~1.5-2x faster than the default NFA on 6 KB news texts.
    return ahocorasick_rs.AhoCorasick(
        phrases, matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_LONGEST,
        implementation=ahocorasick_rs.Implementation.DFA)


@functools.lru_cache(maxsize=1)
def scraper_markers() -> Phrases:
    """Scraper and syndication markers (``scraper_markers.txt``)."""
    phrases, starts = [], []
    for line in _lines("scraper_markers.txt"):
        starts.append(line.startswith("^"))
        phrases.append(line.lstrip("^").lower())
    return Phrases(_automaton(phrases), tuple(phrases), tuple("scraper" for _ in phrases),
                   tuple(starts))


@functools.lru_cache(maxsize=1)
def sourcing_phrases() -> Phrases:
    """Anonymous (``anon``) and vague (``vague``) sourcing phrases."""
    phrases, labels = [], []
    for line in _lines("anonymous_sources.txt"):
        kind, _, phrase = line.partition("\t")
        phrases.append(phrase.strip().lower())
        labels.append(kind.strip())
    return Phrases(_automaton(phrases), tuple(phrases), tuple(labels),
                   tuple(False for _ in phrases))


@dataclass(frozen=True)
class Agencies:
    """Wire agencies: a case-sensitive automaton over aliases mapped to canonical names."""

    automaton: ahocorasick_rs.AhoCorasick
    aliases: tuple[str, ...]
    canonical: tuple[str, ...]
    by_lower: dict[str, str]


@functools.lru_cache(maxsize=1)
def agencies() -> Agencies:
    """Agency aliases from ``agencies.txt``."""
    aliases: list[str] = []
    canon: list[str] = []
    for line in _lines("agencies.txt"):
        name, _, rest = line.partition("\t")
        for alias in rest.split("|"):
            alias = alias.strip()
            if alias:
                aliases.append(alias)
                canon.append(name.strip())
    by_lower: dict[str, str] = {}
    for alias, name in zip(aliases, canon):
        if len(alias) > 3:  # short acronyms (AP, PA, AA) are too ambiguous case-insensitively
            by_lower.setdefault(alias.lower(), name)
        by_lower.setdefault(alias, name)
    auto = _automaton(aliases)
    return Agencies(auto, tuple(aliases), tuple(canon), by_lower)


def agency_of(name: str) -> str | None:
    """The canonical agency a credited name refers to, or ``None``."""
    table = agencies().by_lower
    name = name.strip().strip(".,;:()[]").strip()
    if not name:
        return None
    hit = table.get(name) or table.get(name.lower())
    if hit:
        return hit
    if name.lower().startswith("the "):
        return table.get(name[4:]) or table.get(name[4:].lower())
    return None


@functools.lru_cache(maxsize=1)
def outlets() -> frozenset[str]:
    """Lower-cased outlet names (with and without a leading "the")."""
    names: set[str] = set()
    for line in _lines("outlets.txt"):
        low = line.lower()
        names.add(low)
        if low.startswith("the "):
            names.add(low[4:])
    return frozenset(names)


#: Last words that make a capitalised name an outlet even when it is not in the list.
OUTLET_SUFFIXES = frozenset({
    "herald", "times", "post", "journal", "tribune", "gazette", "telegraph", "guardian",
    "observer", "chronicle", "express", "mail", "news", "today", "magazine", "wire", "insider",
    "monitor", "standard", "independent", "register", "examiner", "dispatch", "inquirer",
    "mirror", "sentinel", "bulletin", "courier", "ledger", "enquirer", "statesman", "daily",
    "ilbo", "shimbun", "zeitung", "agency", "tv", "radio", "network", "broadcasting", "press",
})

_NAME_WORD = re.compile(r"[A-Z][\w&'’.-]*")


def outlet_name(candidate: str) -> str | None:
    """The longest leading run of ``candidate`` (a capitalised phrase) that names an outlet."""
    words = candidate.split()
    names = outlets()
    for n in range(min(len(words), 6), 0, -1):
        phrase = " ".join(words[:n]).rstrip(".,;:")
        low = phrase.lower()
        if low.endswith(("’s", "'s")):
            low = low[:-2]
            phrase = phrase[:-2]
        if low in names:
            return phrase
        last = low.rsplit(" ", 1)[-1]
        if n >= 2 and last in OUTLET_SUFFIXES and all(_NAME_WORD.fullmatch(w) or w in ("of", "the")
                                                      for w in words[:n]):
            return phrase
    return None


#: Trigger words of the sourcing detector, by label (all matched on lower-cased text).
_TRIGGERS: dict[str, tuple[str, ...]] = {
    "speech": ("said", "says", "told", "tells", "added", "adds", "asked", "explained",
               "noted", "stated", "wrote", "writes", "argued", "insisted", "warned", "claimed",
               "declared", "recalled", "continued", "tweeted", "replied", "responded",
               "acknowledged", "admitted", "suggested", "stressed", "emphasized", "emphasised",
               "concluded", "announced", "commented", "remarked", "testified", "conceded",
               "predicted", "observed", "pointed out", "quipped", "joked", "countered",
               "cautioned", "urged", "sagte", "sagt", "erklärte", "betonte", "complained",
               "put it", "puts it", "called", "describes", "described", "saying", "adding",
               "telling", "noting", "explaining", "writing", "asking", "in a statement", "reads",
               "recounted", "wondered", "explains", "notes", "argues", "insists", "warns",
               "claims", "posted", "vowed", "pledged", "promised", "lamented", "boasted",
               "recalls", "asserted", "contended", "maintained", "agreed", "shouted", "chanted",
               "tweets", "asks", "answered", "replies", "wrote in"),
    "according": ("according to",),
    "cite_fwd": ("as per", "citing", "reported by", "cited by", "quoted by", "a report by",
                 "a report in", "a report from", "an article in", "an article by",
                 "in an interview with", "reported in"),
    "cite_back": ("reported", "reports", "has reported", "had reported", "first reported",
                  "revealed", "broke the news"),
    # first person: led by a space so that the automaton does not fire inside words
    "fp": (" i ", " i'", " i’", " we ", " we'", " we’", " us ", " us.", " us,", " me ", " me.",
           " me,", " my ", " our ", " ours ", " myself", " ourselves"),
    "role": (", a ", ", an ", ", the ", ", who ", ", former ", ", senior ", ", chief ",
             ", deputy "),
    "self": ("the author", "this author", "the writer", "the present author", "this writer"),
}


@functools.lru_cache(maxsize=1)
def combined() -> Phrases:
    """One lower-case automaton for both detectors: sourcing triggers, anonymous/vague phrases,
    scraper markers (label ``marker``), and agency names of 4+ characters (label ``agency``)."""
    phrases: list[str] = []
    labels: list[str] = []
    starts: list[bool] = []
    seen: set[str] = set()

    def add(phrase: str, label: str, line_start: bool = False) -> None:
        if phrase and phrase not in seen:
            seen.add(phrase)
            phrases.append(phrase)
            labels.append(label)
            starts.append(line_start)

    anon = sourcing_phrases()
    for phrase, label in zip(anon.phrases, anon.labels):
        add(phrase, label)
    mk = scraper_markers()
    for phrase, ls in zip(mk.phrases, mk.line_start):
        add(phrase, "marker", ls)
    for label, words in _TRIGGERS.items():
        for w in words:
            add(w, label)
    return Phrases(_automaton(phrases), tuple(phrases), tuple(labels), tuple(starts))


def _ascii_automaton(phrases: tuple[str, ...]) -> tuple[ahocorasick_rs.BytesAhoCorasick,
                                                         tuple[bool, ...]] | None:
    """A bytes automaton over ``phrases`` mapped to ASCII (every other character -> "?"), and
    per phrase whether a match must be checked against the real text (phrases with a non-ASCII
    character or a "?"); ``None`` when two phrases map to the same bytes.

    Searching ``text.encode("ascii", "replace")`` (one byte per character, so offsets are
    character offsets) skips the UTF-8 encoding and the byte-to-character offset mapping that
    ``AhoCorasick`` does for every non-ASCII text. See :func:`find_ascii` for why the matches
    are the same.
    """
    mapped = [p.encode("ascii", "replace") for p in phrases]
    if len(set(mapped)) != len(mapped):
        return None
    check = tuple(not p.isascii() or "?" in p for p in phrases)
    auto = ahocorasick_rs.BytesAhoCorasick(
        mapped, matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_LONGEST,
        implementation=ahocorasick_rs.Implementation.DFA)
    return auto, check


@functools.lru_cache(maxsize=1)
def _combined_ascii() -> tuple[ahocorasick_rs.BytesAhoCorasick, tuple[bool, ...]] | None:
    return _ascii_automaton(combined().phrases)


@functools.lru_cache(maxsize=1)
def _agencies_ascii() -> tuple[ahocorasick_rs.BytesAhoCorasick, tuple[bool, ...]] | None:
    return _ascii_automaton(agencies().aliases)


def find_ascii(fast: tuple[ahocorasick_rs.BytesAhoCorasick, tuple[bool, ...]] | None,
               slow: ahocorasick_rs.AhoCorasick, phrases: tuple[str, ...],
               text: str) -> list[tuple[int, int, int]]:
    """``slow.find_matches_as_indexes(text)`` (leftmost-longest), computed on the ASCII-mapped
    text when that gives the same answer.

    The mapping sends each character to one byte (itself if ASCII, else "?"), so every real match
    is also a match of the mapped phrase at the same offsets, and a mapped match of a phrase
    without non-ASCII characters or "?" is a real match. If every reported match is real, the
    leftmost-longest choice is the same as on the real text: at each step the mapped search
    picks the leftmost start and the longest phrase there among a superset of the real matches,
    so when its pick is real, no real match starts earlier or is longer. A pick that is not real
    (" i…" for " i’") sends the text to the plain automaton.
    """
    if fast is not None:
        auto, check = fast
        found = auto.find_matches_as_indexes(text.encode("ascii", "replace"))
        for idx, start, end in found:
            if check[idx] and text[start:end] != phrases[idx]:
                break
        else:
            return found
    return slow.find_matches_as_indexes(text)


def agency_matches(text: str) -> list[tuple[int, int, int]]:
    """Case-sensitive leftmost-longest matches ``(alias index, start, end)`` of agency aliases."""
    ag = agencies()
    fast = _agencies_ascii()
    raw = _RAW.get(text)  # the ASCII mapping :func:`scan_uncached` made of the same text
    if fast is not None and raw is not None:
        auto, check = fast
        found = auto.find_matches_as_indexes(raw)  # type: ignore[arg-type]
        if not any(check[idx] and text[s:e] != ag.aliases[idx] for idx, s, e in found):
            return found
    return find_ascii(fast, ag.automaton, ag.aliases, text)


class Recent:
    """The last few results keyed by the text *object* (and an owner compared by equality).

    Both attribution detectors see the same ``doc.text`` object, so an identity test finds the
    shared result without hashing the whole text (``lru_cache`` hashes every new 5 KB string:
    about 2% of the detectors' cost). A different object with equal content is recomputed, with
    the same result. Holding the text keeps its ``id`` from being reused while cached.
    """

    __slots__ = ("items", "size")

    def __init__(self, size: int = 8) -> None:
        self.size = size
        self.items: list[tuple[str, object, object]] = []

    def get(self, text: str, owner: object = None) -> object | None:
        for t, o, value in self.items:
            if t is text and (o is owner or o == owner):
                return value
        return None

    def put(self, text: str, owner: object, value: object) -> None:
        self.items = [(text, owner, value)] + self.items[:self.size - 1]


_SCANS = Recent(8)
_RAW = Recent(8)


def scan(text: str) -> tuple[bytes, tuple[tuple[str, int, int, int], ...], float]:
    """:func:`scan_uncached`, remembered for the last few text objects (both detectors share
    one pass)."""
    got = _SCANS.get(text)
    if got is None:
        got = scan_uncached(text)
        _SCANS.put(text, None, got)
    return got  # type: ignore[return-value]


def ascii_lower(text: str) -> bytes:
    """``text`` lower-cased for ASCII letters, one byte per character (every non-ASCII
    character becomes "?"): offsets are character offsets.

    It is ``lower_same_length(text)`` mapped to ASCII, except for the KELVIN SIGN (its
    lower-case is "k"), the only non-ASCII character whose lower-case is ASCII. Callers use it
    for ASCII literals without a "k" ("by ", "via ", " of"), and :func:`scan_uncached` takes the
    exact path when a text holds a KELVIN SIGN.
    """
    raw = text.encode("ascii", "replace")
    _RAW.put(text, None, raw)  # for :func:`agency_matches` (case-sensitive) on the same text
    return raw.lower()


@functools.lru_cache(maxsize=1)
def _alnum_ends() -> tuple[tuple[bool, ...], tuple[bool, ...]]:
    """Per combined phrase: whether its first / last character is alphanumeric."""
    phrases = combined().phrases
    return tuple(p[0].isalnum() for p in phrases), tuple(p[-1].isalnum() for p in phrases)


def _flat_check(text: str, start: int, end: int, phrase: str) -> bool | None:
    """Whether ``lower_same_length(text)[start:end]`` (line breaks and no-break spaces as
    spaces) is ``phrase``, without lower-casing the whole text: ``None`` when that depends on
    which lower-casing the whole text gets (full, or ASCII-only when full changes the length)."""
    seg = text[start:end].replace("\n", " ").replace("\xa0", " ")
    ascii_only = seg.translate(_ASCII_LOWER)
    if seg.lower() != ascii_only:
        return None
    return ascii_only == phrase


def scan_uncached(text: str) -> tuple[bytes, tuple[tuple[str, int, int, int], ...], float]:
    """:func:`ascii_lower` of the text, every combined-automaton match ``(label, index, start,
    end)`` and the approximate word count (:func:`approx_words`).

    The automaton runs on the ASCII-mapped lower-cased text (bytes, one per character):
    ``str.lower`` and the UTF-8 encoding plus offset mapping that ``AhoCorasick`` does on a
    non-ASCII string cost about a quarter of both detectors. The matches are those of the
    lower-cased ``str`` (:func:`_scan_exact`, the reference): see :func:`find_ascii`; a text
    with a KELVIN SIGN, or a match that cannot be checked cheaply, takes the exact path.
    """
    fast = _combined_ascii()
    if fast is None or "\u212a" in text:
        return _scan_exact(text)
    low = ascii_lower(text)
    if "\xa0" in text:
        flat = ascii_lower(text.replace("\xa0", " ")).replace(b"\n", b" ")
        words = approx_words(text)
    else:
        flat = low.replace(b"\n", b" ")
        # spaces plus line breaks, as approx_words counts them (both are ASCII: kept as is)
        words = float(max(1, flat.count(b" ") + 1))
    lex = combined()
    labels = lex.labels
    phrases = lex.phrases
    auto, check = fast
    head, tail = _alnum_ends()
    n = len(text)
    out = []
    # the whole-phrase filter of :meth:`Phrases.find`, inlined (this loop runs on every text);
    # ``isalnum`` of a character and of its lower-case are the same (checked over all of
    # Unicode), so the original text stands in for the lower-cased one
    for idx, start, end in auto.find_matches_as_indexes(flat):
        if check[idx] and not _flat_check(text, start, end, phrases[idx]):
            return _scan_exact(text)  # not a real match, or undecided: the reference path
        if start > 0 and head[idx] and text[start - 1].isalnum():
            continue
        if end < n and tail[idx] and text[end].isalnum():
            continue
        out.append((labels[idx], idx, start, end))
    return low, tuple(out), words


def _scan_exact(text: str) -> tuple[bytes, tuple[tuple[str, int, int, int], ...], float]:
    """:func:`scan_uncached` on the lower-cased ``str`` (the reference implementation)."""
    low = lower_same_length(text)
    lex = combined()
    labels = lex.labels
    phrases = lex.phrases
    n = len(low)
    out = []
    flat = low.replace("\n", " ")
    if "\xa0" in flat:
        flat = flat.replace("\xa0", " ")
        words = approx_words(text)
    else:
        # spaces plus line breaks, as approx_words counts them (lower-casing keeps both)
        words = float(max(1, flat.count(" ") + 1))
    for idx, start, end in find_ascii(_combined_ascii(), lex.automaton, phrases, flat):
        phrase = phrases[idx]
        if start > 0 and low[start - 1].isalnum() and phrase[0].isalnum():
            continue
        if end < n and low[end].isalnum() and phrase[-1].isalnum():
            continue
        out.append((labels[idx], idx, start, end))
    return ascii_lower(text), tuple(out), words
