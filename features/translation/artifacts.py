"""Surface artifacts of machine translation: concrete, explainable spans.

Machine translation leaves marks a human editor would not: tokenisation debris ("COVID- 19",
"don' t"), sentence splitting gone wrong ("the Institute. for National Security"), foreign word
order ("Korea of the North", "states members"), words left in the source language, and sometimes
the site's own note that its pages are translated by software. Each finder returns
``(code, start, end, message)`` tuples whose ``[start, end)`` is the exact flagged snippet.

Reason codes
    ``broken_hyphenation``  word, hyphen, space, lowercase/digit continuation ("COVID- 19").
    ``split_token``         a token split by a stray space ("don' t", "3. 5 percent",
                            "Seoul -based").
    ``stray_period``        a period inside a sentence before a lowercase word ("dispute. in"),
                            or a doubled " . ".
    ``calque``              a compound in foreign word order, from ``calques.txt``.
    ``untranslated_word``   a foreign function word between English words, from
                            ``untranslated.txt``.
    ``mt_disclaimer``       the page says it was machine translated, from ``mt_disclaimers.txt``.

Known false positives: suspended hyphens are excluded ("pre- and post-war"), abbreviations and
initials are excluded from stray periods ("U.S. officials", "et al. found"), and stray periods are
not reported in texts written mostly without capitals after periods (a casual or non-native style,
not a translation artifact). Typos still produce the odd hit, so the detector's score weighs hit
density, not a single hit.

Speed: :func:`find_all` finds the candidate places and runs the lexicon automaton on the text's
UTF-8 bytes (literal scans in bytes are several times faster than in a UCS-2 str, and
``bytes.lower`` is ~10x cheaper than ``str.lower``); the findings are the same as those of the
plain str version :func:`find_all_reference` (tested, and checked on the speed corpus by
``benchmarks/translation/speed_compare.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick_rs

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "translation"

CODES: tuple[str, ...] = (
    "broken_hyphenation",
    "split_token",
    "stray_period",
    "calque",
    "untranslated_word",
    "mt_disclaimer",
)

# ASCII-only lowering keeps offsets identical (str.lower can change lengths, e.g. "İ").
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def ascii_lower(text: str) -> str:
    """A lowercased copy whose offsets are offsets in ``text``.

    ``str.lower`` never shortens a string; when it lengthens one (e.g. "İ"), offsets would shift,
    so only then fall back to lowering A-Z alone (slower, same length).
    """
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


# --- regex finders (all linear: no nested quantifiers) ---------------------------------------
# Continuations that make it a suspended hyphen ("pre- and post-war", "mid- to late-1990s").
_SUSPENDED = frozenset("and or to nor through versus vs but as than into".split())  # noqa: SIM905


# Any period (not an ellipsis) followed by space and a letter: the base for the lowercase style.
_PERIOD_LETTER_RE = re.compile(r"[a-z]\.\s{1,3}[A-Za-z]")

#: Abbreviations that legitimately precede a lowercase word ("et al. found", "vs. the").
ABBREVIATIONS = frozenset(
    """mr mrs ms dr st jr sr prof rev gen col lt sgt capt cmdr adm gov sen rep reps sens
    pres supt insp atty dept univ assn corp inc co ltd llc no nos vol vols fig figs pp p ed eds
    est approx etc al vs v cf ca jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues
    wed thu thur thurs fri sat sun ave blvd rd mt ft ct hwy min max mph km kg lb lbs oz pt pts
    govt intl natl int nat cont ibid op cit eg ie am pm a.m p.m viz resp orig abbr cal calif
    ariz colo conn del fla ga ill ind kan ky la mass md mich minn miss mo mont neb nev okla ore
    pa tenn tex va vt wash wis wyo sq dist div gal hr hrs mins sec secs yr yrs mos wk wks
    no.""".split()  # noqa: SIM905
)
#: Lowercase words that legitimately follow a period without starting a sentence.
_AFTER_OK = frozenset("com org net gov edu html htm php uk io co".split())  # noqa: SIM905

#: Romance/German articles and prepositions that are not flagged themselves but, as neighbours,
#: mark a quoted foreign phrase ("hasta la vista") rather than a stray untranslated word.
_FOREIGN_CONTEXT = frozenset(
    "la le el de di da les il lo los las y e o en un une der die das".split()  # noqa: SIM905
)


@dataclass(frozen=True, slots=True)
class Lexicons:
    """The lexicons, loaded once."""

    calques: ahocorasick_rs.AhoCorasick
    calque_meta: tuple[tuple[str, str], ...]  # (calque, english original)
    disclaimers: ahocorasick_rs.AhoCorasick
    disclaimer_meta: tuple[tuple[str, float], ...]
    foreign: dict[str, str]  # word -> language
    foreign_ac: ahocorasick_rs.AhoCorasick
    # All three lists in one automaton over lowercased text (one scan in ``find_all``):
    # pattern i -> ("calque" | "disclaimer" | "foreign", index into its own list).
    combined: ahocorasick_rs.AhoCorasick
    combined_meta: tuple[tuple[str, int], ...]
    # The same patterns as UTF-8 bytes for a scan of the ASCII-lowered UTF-8 text (``bytes.lower``
    # is ~10x cheaper than ``str.lower`` on non-ASCII text and the scan skips the str conversion):
    # patterns with non-ASCII letters are added in every case variant that ``str.lower`` maps onto
    # them ("TAMBIÉN" -> " tambiÉn "), so the matches equal those of ``combined`` on
    # ``ascii_lower(text)`` whenever the text holds none of ``lower_fallback`` (see find_all).
    combined_bytes: ahocorasick_rs.BytesAhoCorasick
    combined_bytes_meta: tuple[tuple[str, int], ...]
    # The ASCII patterns of ``combined_bytes`` alone, for texts that hold none of
    # ``non_ascii_leads`` (the lead bytes of the non-ASCII characters in the other patterns): no
    # other pattern can occur in them, so the matches are the same; the smaller automaton stays
    # in the CPU caches better (speed round 5).
    ascii_bytes: ahocorasick_rs.BytesAhoCorasick
    ascii_bytes_meta: tuple[tuple[str, int], ...]
    non_ascii_leads: tuple[bytes, ...]
    lower_fallback: frozenset[str]
    # ``artifacts_loops.build_tables`` of the ``combined_bytes`` patterns (None when this module
    # runs as plain Python): the compiled build's scan in place of the automaton (speed round 6).
    loop_tables: tuple | None = None
    loop_scan: Any = None  # artifacts_loops.lexicon_matches
    combined_bytes_patterns: tuple[bytes, ...] = ()  # the patterns of ``combined_bytes``


def _read_table(name: str) -> list[list[str]]:
    path = DATA_DIR / name
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows


@lru_cache(maxsize=1)
def lexicons() -> Lexicons:
    """Load the lexicons from ``features/data/translation`` (once per process)."""
    calq = [
        (r[0].strip().lower(), r[1].strip() if len(r) > 1 else "")
        for r in _read_table("calques.txt")
    ]
    calq = list({c: (c, o) for c, o in calq}.values())
    disc = [
        (r[0].strip().lower(), float(r[1]) if len(r) > 1 else 1.0)
        for r in _read_table("mt_disclaimers.txt")
    ]
    disc = list({p: (p, w) for p, w in disc}.values())
    foreign = {
        r[0].strip(): (r[1].strip() if len(r) > 1 else "") for r in _read_table("untranslated.txt")
    }
    kind = ahocorasick_rs.MatchKind.LeftmostLongest
    dfa = ahocorasick_rs.Implementation.DFA  # ~2x faster scans than the default NFA here
    foreign_words = list(foreign)
    patterns: dict[str, tuple[str, int]] = {}
    for i, (c, _o) in enumerate(calq):
        patterns.setdefault(c, ("calque", i))
    for i, (p, _w) in enumerate(disc):
        patterns.setdefault(p, ("disclaimer", i))
    for i, w in enumerate(foreign_words):
        patterns.setdefault(f" {w} ", ("foreign", i))
    fallback, preimages = _case_preimages()
    if any(ch in "σς" for p in patterns for ch in p):
        # str.lower() picks σ or ς for Σ by context, which per-character variants cannot follow.
        fallback |= {"Σ"}
    byte_patterns: dict[bytes, tuple[str, int]] = {}
    for pattern, meta in patterns.items():
        if pattern != pattern.lower():
            continue  # never matches lowercased text
        for variant in _case_variants(pattern, preimages):
            byte_patterns.setdefault(variant.encode("utf-8", "surrogatepass"), meta)
    loops = _artifacts_loops()
    return Lexicons(
        loop_tables=loops.build_tables(list(byte_patterns)) if loops.COMPILED else None,
        loop_scan=loops.lexicon_matches,
        combined_bytes_patterns=tuple(byte_patterns),
        combined=ahocorasick_rs.AhoCorasick(list(patterns), matchkind=kind, implementation=dfa),
        combined_meta=tuple(patterns.values()),
        combined_bytes=ahocorasick_rs.BytesAhoCorasick(
            list(byte_patterns), matchkind=kind, implementation=dfa
        ),
        combined_bytes_meta=tuple(byte_patterns.values()),
        ascii_bytes=ahocorasick_rs.BytesAhoCorasick(
            [b for b in byte_patterns if b.isascii()], matchkind=kind, implementation=dfa
        ),
        ascii_bytes_meta=tuple(m for b, m in byte_patterns.items() if b.isascii()),
        non_ascii_leads=tuple(
            sorted({bytes([c]) for b in byte_patterns for c in b if c >= 0xC0})
        ),
        lower_fallback=fallback,
        calques=ahocorasick_rs.AhoCorasick(
            [c for c, _ in calq], matchkind=kind, implementation=dfa
        ),
        calque_meta=tuple(calq),
        disclaimers=ahocorasick_rs.AhoCorasick(
            [p for p, _ in disc], matchkind=kind, implementation=dfa
        ),
        disclaimer_meta=tuple(disc),
        foreign=foreign,
        # Patterns padded with spaces: a hit is a whole word between spaces, as the rule needs.
        foreign_ac=ahocorasick_rs.AhoCorasick(
            [f" {w} " for w in foreign_words], matchkind=kind, implementation=dfa
        ),
    )


def _artifacts_loops() -> Any:
    """``features.translation.artifacts_loops`` (imported on first use)."""
    from . import artifacts_loops

    return artifacts_loops


def _case_preimages() -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """How ``str.lower`` differs from lowering ASCII letters only, over the BMP.

    Returns ``(fallback, preimages)``: ``fallback`` holds the characters whose lowercase form is not
    one character or contains an ASCII character although they are not ASCII ("İ", the Kelvin
    sign): texts with one of them take the plain ``str.lower`` path. ``preimages[c]`` lists the
    non-ASCII characters other than ``c`` that lowercase to the non-ASCII character ``c`` ("É" for
    "é"). Characters above the BMP never lowercase into the BMP (checked by a test).
    """
    fallback: set[str] = set()
    pre: dict[str, list[str]] = {}
    for cp in range(0x80, 0x10000):
        ch = chr(cp)
        low = ch.lower()
        if low == ch:
            continue
        if len(low) != 1 or low.isascii():
            fallback.add(ch)
        else:
            pre.setdefault(low, []).append(ch)
    return frozenset(fallback), {k: tuple(v) for k, v in pre.items()}


def _case_variants(pattern: str, preimages: dict[str, tuple[str, ...]]) -> list[str]:
    """``pattern`` and every string whose non-ASCII characters lowercase onto it."""
    out = [""]
    for ch in pattern:
        options = (ch, *preimages.get(ch, ())) if not ch.isascii() else (ch,)
        out = [o + c for o in out for c in options]
    return out


def _whole_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum())


Finding = tuple[str, int, int, str, float]  # code, start, end, message, strength (0..1)


_HYPHEN_LEFT_RE = re.compile(r"(?<![\w-])[A-Za-z][A-Za-z0-9]{0,30}$")
_HYPHEN_RIGHT_RE = re.compile(r"(?:[a-z]{1,31}|\d{1,6})\b")


# Candidate finders start with a literal, so ``re`` scans with its fast literal search.
_HYPHEN_CAND_RE = re.compile(r"- [a-z0-9]")
_LOWER_PERIOD_CAND_RE = re.compile(r"\. [a-z.]")
_DIGIT_PERIOD_CAND_RE = re.compile(r"\. \d")
_SPACE_HYPHEN_CAND_RE = re.compile(r" -[A-Za-z]")
_QUOTE_SPACE_CAND_RES = (re.compile(r"' [a-z]"), re.compile(r"’ [a-z]"))


def _cands(rx: re.Pattern[str], text: str, limit: int = 20000) -> list[int]:
    """Start offsets of candidate matches (at most ``limit``: bounds the cost on huge inputs)."""
    out: list[int] = []
    for m in rx.finditer(text):
        out.append(m.start())
        if len(out) >= limit:
            break
    return out


def find_hyphenation(text: str, cands: list[int] | None = None) -> list[Finding]:
    out: list[Finding] = []
    for p in _cands(_HYPHEN_CAND_RE, text) if cands is None else cands:
        left = _HYPHEN_LEFT_RE.search(text, max(0, p - 32), p)
        if left is None:
            continue
        right = _HYPHEN_RIGHT_RE.match(text, p + 2)
        if right is None or right.group(0) in _SUSPENDED:
            continue
        start, end = left.start(), right.end()
        out.append(
            (
                "broken_hyphenation",
                start,
                end,
                f"hyphen followed by a space inside a token: {text[start:end]!r}",
                1.0,
            )
        )
    return out


_CONTRACTION_LEFT_RE = re.compile(r"(?<![\w'’])[A-Za-z]{1,12}$")
_CONTRACTION_RIGHT_RE = re.compile(r"(?:t|s|re|ve|ll|d|m)\b")
_DECIMAL_LEFT_RE = re.compile(r"(?<![\d.,])\d{1,4}$")
_DECIMAL_RIGHT_RE = re.compile(r"\d{1,3} ?(?:%|percent|per cent|million|billion|trillion)\b")
_SPLIT_HYPHEN_LEFT_RE = re.compile(r"(?<![\w-])[A-Za-z]{2,20}$")
_SPLIT_HYPHEN_RIGHT_RE = re.compile(r"[A-Za-z]{1,20}\b(?!-)")


def find_split_tokens(
    text: str, cands: tuple[list[int], list[int], list[int]] | None = None
) -> list[Finding]:
    """``cands``: candidate offsets (quote, digit period, space hyphen) from :func:`candidates`."""
    out: list[Finding] = []
    if cands is None:
        quote_cands = sorted(p for rx in _QUOTE_SPACE_CAND_RES for p in _cands(rx, text))
        digit_cands = _cands(_DIGIT_PERIOD_CAND_RE, text)
        space_hyphen_cands = _cands(_SPACE_HYPHEN_CAND_RE, text)
    else:
        quote_cands, digit_cands, space_hyphen_cands = cands
    for p in quote_cands:
        right = _CONTRACTION_RIGHT_RE.match(text, p + 2)
        left = _CONTRACTION_LEFT_RE.search(text, max(0, p - 13), p) if right else None
        if left is None or right is None:
            continue
        if right.group(0) == "s" and left.group(0).endswith("s"):
            continue  # "James' s..." reads as a possessive typo more than a split "'s"
        start, end = left.start(), right.end()
        out.append(
            ("split_token", start, end, f"contraction split by a space: {text[start:end]!r}", 1.0)
        )
    for p in digit_cands:
        if p == 0 or not text[p - 1].isdigit():
            continue
        right = _DECIMAL_RIGHT_RE.match(text, p + 2)
        left = _DECIMAL_LEFT_RE.search(text, max(0, p - 5), p) if right else None
        if left is None or right is None:
            continue
        start, end = left.start(), right.end()
        out.append(
            (
                "split_token",
                start,
                end,
                f"decimal number split by a space: {text[start:end]!r}",
                0.7,
            )
        )
    for p in space_hyphen_cands:
        right = _SPLIT_HYPHEN_RIGHT_RE.match(text, p + 2)
        if right is None:
            continue
        tail = right.group(0)
        if tail[:1].isupper() and len(tail) > 2:
            continue  # " -Name" is more often a dash before a name than a split token
        left = _SPLIT_HYPHEN_LEFT_RE.search(text, max(0, p - 21), p)
        if left is None:
            continue
        start, end = left.start(), right.end()
        out.append(
            (
                "split_token",
                start,
                end,
                f"hyphenated token split by a space: {text[start:end]!r}",
                0.7,
            )
        )
    return out


def lowercase_style(text: str, sample: int = 20000) -> bool:
    r"""True when most sentences after a period start in lowercase (casual writing, not MT).

    Counts the non-overlapping matches of ``[a-z]\.\s{1,3}[A-Za-z]`` in ``text[:sample]`` (as
    ``_PERIOD_LETTER_RE.finditer`` would), scanning from the period, a literal: a pattern
    that starts with a letter class is tried at every letter and costs ~5x more.
    """
    lower = upper = 0
    last_end = 0
    for m in _PERIOD_SPACE_LETTER_RE.finditer(text, 0, sample):
        q = m.start()
        if q - 1 < last_end or not ("a" <= text[q - 1] <= "z"):
            continue
        last_end = m.end()
        if text[last_end - 1].islower():
            lower += 1
        else:
            upper += 1
    return lower >= 5 and lower > 0.3 * (lower + upper)


_PERIOD_SPACE_LETTER_RE = re.compile(r"\.\s{1,3}[A-Za-z]")


_STRAY_LEFT_RE = re.compile(r"(?<![\w.'’])[A-Za-z][A-Za-z'’]{0,30}$")
_STRAY_RIGHT_RE = re.compile(r"[a-z]{2,30}\b")


def find_stray_periods(text: str, cands: list[int] | None = None) -> list[Finding]:
    out: list[Finding] = []
    for p in _cands(_LOWER_PERIOD_CAND_RE, text) if cands is None else cands:
        right = _STRAY_RIGHT_RE.match(text, p + 2)
        if right is None:
            # "Asia. ." : a doubled period separated by a space; not "word. ..." (an ellipsis)
            # nor ". . ." (a spaced ellipsis).
            if text[p : p + 3] != ". .":
                continue
            after = text[p + 3 : p + 5]
            if after.startswith(".") or after == " .":  # ". .." and ". . ." are ellipses
                continue
            if p > 0 and text[p - 1].isalnum():
                out.append(
                    (
                        "stray_period",
                        p,
                        p + 3,
                        f"doubled period separated by a space: {text[p : p + 3]!r}",
                        0.7,
                    )
                )
            continue
        left = _STRAY_LEFT_RE.search(text, max(0, p - 32), p)
        if left is None:
            continue
        word, nxt = left.group(0), right.group(0)
        if word.lower() in ABBREVIATIONS or len(word) == 1 or nxt in _AFTER_OK:
            continue
        if text[right.end() : right.end() + 1] in (".", ":", "/"):
            continue  # a link after a sentence ("... today. pic.twitter.com/x", "https://...")
        if word.isupper() and len(word) <= 5:  # acronyms used as abbreviations
            continue
        start, end = left.start(), right.end()
        out.append(
            (
                "stray_period",
                start,
                end,
                f"period inside a sentence before a lowercase word: {text[start:end]!r}",
                1.0,
            )
        )
    return out


def find_calques(text: str, low: str) -> list[Finding]:
    lx = lexicons()
    out: list[Finding] = []
    for idx, start, end in lx.calques.find_matches_as_indexes(low):
        if not _whole_word(low, start, end):
            continue
        _calque, orig = lx.calque_meta[idx]
        msg = f"foreign word order: {text[start:end]!r}" + (f" (English: {orig!r})" if orig else "")
        out.append(("calque", start, end, msg, 1.0))
    return out


def find_disclaimers(text: str, low: str) -> list[Finding]:
    lx = lexicons()
    out: list[Finding] = []
    if "transl" not in low and "programmatic" not in low:
        return out
    for idx, start, end in lx.disclaimers.find_matches_as_indexes(low):
        if not _whole_word(low, start, end):
            continue
        _phrase, strength = lx.disclaimer_meta[idx]
        out.append(
            (
                "mt_disclaimer",
                start,
                end,
                f"the page says it is machine translated: {text[start:end]!r}",
                strength,
            )
        )
    return out


_PREV_WORD_RE = re.compile(r"([A-Za-zÀ-ÿ]{1,30})( {1,3})$")
_NEXT_WORD_RE = re.compile(r"( {1,3})([A-Za-zÀ-ÿ]{1,30})")


def _untranslated_at(text: str, s: int, e: int) -> Finding | None:
    """The untranslated-word finding for the foreign word at ``[s, e)``, if its context fits."""
    foreign = lexicons().foreign
    w = text[s:e]
    lang = foreign.get(w)
    if lang is None:  # e.g. capitalised in the original text
        return None
    pm = _PREV_WORD_RE.search(text, max(0, s - 34), s)
    nm = _NEXT_WORD_RE.match(text, e, e + 34)
    if pm is None or nm is None:
        return None
    prev, nxt = pm.group(1), nm.group(2)
    if not (prev.islower() and nxt.islower()):
        return None
    if prev in foreign or nxt in foreign or prev in _FOREIGN_CONTEXT or nxt in _FOREIGN_CONTEXT:
        return None
    return (
        "untranslated_word",
        s,
        e,
        f"untranslated {lang} word inside an English sentence: {w!r}",
        1.0,
    )


def find_untranslated(text: str) -> list[Finding]:
    out: list[Finding] = []
    for _idx, s, e in lexicons().foreign_ac.find_matches_as_indexes(text):
        hit = _untranslated_at(text, s + 1, e - 1)  # strip the padding spaces
        if hit is not None:
            out.append(hit)
    return out


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def find_lexicon_hits(text: str, low: str) -> list[Finding]:
    """Calques, disclaimers and untranslated words in one automaton scan of ``low``."""
    lx = lexicons()
    out: list[Finding] = []
    try:
        hits = lx.combined.find_matches_as_indexes(low)
    except UnicodeEncodeError:  # lone surrogates: no pattern holds one; same-length stand-ins
        hits = lx.combined.find_matches_as_indexes(_SURROGATE_RE.sub("\ufffd", low))
    for idx, start, end in hits:
        kind, i = lx.combined_meta[idx]
        if kind == "foreign":
            hit = _untranslated_at(text, start + 1, end - 1)
            if hit is not None:
                out.append(hit)
            continue
        if not _whole_word(low, start, end):
            continue
        out.append(_lexicon_hit(lx, kind, i, text, start, end))
    return out


def _lexicon_hit(
    lx: Any, kind: str, i: int, text: str, start: int, end: int
) -> tuple[str, int, int, str, float]:
    """The artifact tuple for a calque or MT-disclaimer keyword match at ``text[start:end]``."""
    if kind == "calque":
        orig = lx.calque_meta[i][1]
        msg = f"foreign word order: {text[start:end]!r}" + (f" (English: {orig!r})" if orig else "")
        return ("calque", start, end, msg, 1.0)
    strength = lx.disclaimer_meta[i][1]
    return (
        "mt_disclaimer",
        start,
        end,
        f"the page says it is machine translated: {text[start:end]!r}",
        strength,
    )


# --- fused fast path (the detector's hot loop) ------------------------------------------------
# Candidate scans run on the UTF-8 bytes of the text: ``re`` finds a literal prefix in bytes with
# memchr, several times faster than in a UCS-2 str. ASCII bytes in UTF-8 are always whole
# characters, so each pattern below matches at exactly the places its str twin does (the period
# scan also takes any non-ASCII character after ". ", checked again with the str pattern for
# ``\d``). Byte offsets become character offsets with one incremental decode.
_B_HYPHEN_RE = re.compile(rb"- [a-z0-9]")
# After ". ": [a-z.], an ASCII digit, or the first byte of a non-ASCII ``\d`` character (Arabic,
# Devanagari, fullwidth... digits; the set is checked against every code point by a test).
_ND_LEAD_BYTES = b"\xd9\xdb\xdf\xe0\xe1\xea\xef\xf0"
_B_PERIOD_RE = re.compile(rb"\. (?=[a-z.0-9\xd9\xdb\xdf\xe0\xe1\xea\xef\xf0])")
# " -[A-Za-z]" found from the hyphen (frequent spaces make a poor literal prefix): start - 1.
_B_SPACE_HYPHEN_RE = re.compile(rb"-(?<= -)[A-Za-z]")
# Two scans: an alternation has no literal prefix, and ``re`` then tries every position.
_B_APOS_RE = re.compile(rb"' [a-z]")
_B_CURLY_RE = re.compile(rb"\xe2\x80\x99 [a-z]")
_DIGIT_AT_RE = re.compile(r"\d")


def _char_offsets(raw: bytes, positions: list[int]) -> dict[int, int]:
    """Character offset of each byte offset in ``positions`` (each at a character boundary)."""
    out: dict[int, int] = {}
    b = c = 0
    for p in sorted(set(positions)):
        part = raw[b:p]
        try:
            c += len(part.decode("utf-8"))  # the strict decoder is ~2x faster
        except UnicodeDecodeError:  # lone surrogates (encoded with surrogatepass)
            c += len(part.decode("utf-8", "surrogatepass"))
        b = p
        out[p] = c
    return out


#: Bytes visited one by one (memchr, then a check in Python) before a candidate scan falls back to
#: its regex for the rest of the text: cheaper on news (a few dozen hyphens or apostrophes), and
#: bounded on hostile text made of them.
_VISIT_BUDGET = 200
_LOWER_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyz")
_LOWER_DIGIT_BYTES = _LOWER_BYTES | frozenset(b"0123456789")
_LETTER_BYTES = _LOWER_BYTES | frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _hyphen_cands(raw: bytes) -> tuple[list[int], list[int]]:
    """Starts of ``_B_HYPHEN_RE`` and ``_B_SPACE_HYPHEN_RE`` matches (minus one), from each '-'.

    The two patterns start at a '-' and hold no other '-', so their matches never overlap and
    are decided at each hyphen alone: "- " then a lowercase letter or digit, or a space before
    and a letter after.
    """
    hyph: list[int] = []
    space_hyph: list[int] = []
    find = raw.find
    end = len(raw) - 1
    p = find(b"-")
    budget = _VISIT_BUDGET
    while p != -1:
        if not budget:  # many hyphens: the rest by regex (lookbehind sees bytes before ``p``)
            hyph += [m.start() for m in _B_HYPHEN_RE.finditer(raw, p)]
            space_hyph += [m.start() - 1 for m in _B_SPACE_HYPHEN_RE.finditer(raw, p)]
            break
        budget -= 1
        if p < end:
            nxt = raw[p + 1]
            if nxt == 32:
                if p + 1 < end and raw[p + 2] in _LOWER_DIGIT_BYTES:
                    hyph.append(p)
            elif p and raw[p - 1] == 32 and nxt in _LETTER_BYTES:
                space_hyph.append(p - 1)
        p = find(b"-", p + 1)
    return hyph, space_hyph


def _quote_cands(raw: bytes) -> list[int]:
    """Starts of ``_B_APOS_RE`` matches ("' " then a lowercase letter), from each apostrophe."""
    out: list[int] = []
    find = raw.find
    end = len(raw) - 2
    p = find(b"'")
    budget = _VISIT_BUDGET
    while p != -1:
        if not budget:
            out += [m.start() for m in _B_APOS_RE.finditer(raw, p)]
            break
        budget -= 1
        if p < end and raw[p + 1] == 32 and raw[p + 2] in _LOWER_BYTES:
            out.append(p)
        p = find(b"'", p + 1)
    return out


def _curly_cands(raw: bytes) -> list[int]:
    """Starts of ``_B_CURLY_RE`` matches ("’ " then a lowercase letter), from each byte 0x99.

    0x99 is the last byte of "’" (e2 80 99) and found by memchr; other characters that end in it
    fail the check of the two bytes before.
    """
    out: list[int] = []
    find = raw.find
    end = len(raw) - 2
    p = find(b"\x99")
    budget = _VISIT_BUDGET
    while p != -1:
        if not budget:
            out += [m.start() for m in _B_CURLY_RE.finditer(raw, max(0, p - 2))]
            break
        budget -= 1
        if (
            p < end
            and raw[p + 1] == 32
            and raw[p + 2] in _LOWER_BYTES
            and p >= 2
            and raw[p - 2] == 0xE2
            and raw[p - 1] == 0x80
        ):
            out.append(p - 2)
        p = find(b"\x99", p + 1)
    return out


Candidates = tuple[list[int], list[int], list[int], list[int], list[int]]


def candidates(text: str, raw: bytes, limit: int = 20000) -> Candidates:
    """Candidate offsets ``(hyphen, lower period, digit period, space hyphen, quote)``.

    Equal to the ``_cands`` lists of the str patterns (``_HYPHEN_CAND_RE``,
    ``_LOWER_PERIOD_CAND_RE``, ``_DIGIT_PERIOD_CAND_RE``, ``_SPACE_HYPHEN_CAND_RE`` and the two
    ``_QUOTE_SPACE_CAND_RES`` merged and sorted), found in ``raw`` (``text`` as UTF-8).
    """
    hyph, space_hyph = _hyphen_cands(raw)
    hyph = hyph[:limit]
    space_hyph = space_hyph[:limit]
    quotes = _quote_cands(raw)[:limit]
    curly = _curly_cands(raw)[:limit]
    if curly:
        quotes = sorted(quotes + curly)
    lower: list[int] = []
    digit: list[int] = []
    odd: list[int] = []  # ". " then a non-ASCII character: maybe a digit
    last = -3
    for m in _B_PERIOD_RE.finditer(raw):
        p = m.start()
        nxt = raw[p + 2]
        if nxt >= 128:
            odd.append(p)
        elif 48 <= nxt <= 57:
            digit.append(p)
        elif p >= last + 3:  # "\. [a-z.]" matches do not overlap: ". . x" is one match
            lower.append(p)
            last = p
    if len(raw) == len(text):  # ASCII: byte offsets are character offsets
        return hyph, lower[:limit], digit[:limit], space_hyph, quotes
    conv = _char_offsets(raw, hyph + space_hyph + quotes + lower + digit + odd)
    if odd:
        digit += odd
        digit.sort()
        digit = [p for p in digit if _DIGIT_AT_RE.match(text, conv[p] + 2)]
    return (
        [conv[p] for p in hyph],
        [conv[p] for p in lower[:limit]],
        [conv[p] for p in digit[:limit]],
        [conv[p] for p in space_hyph],
        [conv[p] for p in quotes],
    )


def find_lexicon_hits_fast(text: str, raw: bytes) -> list[Finding]:
    """:func:`find_lexicon_hits` of ``(text, ascii_lower(text))`` from one byte-level scan."""
    lx = lexicons()
    if not text.isascii() and any(ch in text for ch in lx.lower_fallback):
        return find_lexicon_hits(text, ascii_lower(text))
    if lx.loop_tables is not None:
        # The compiled scan of all byte patterns (artifacts_loops): the automaton's matches.
        hits = lx.loop_scan(raw, lx.loop_tables)
        meta = lx.combined_bytes_meta
    else:
        low = raw.lower()
        if raw.isascii() or not any(map(low.__contains__, lx.non_ascii_leads)):
            hits = lx.ascii_bytes.find_matches_as_indexes(low)
            meta = lx.ascii_bytes_meta
        else:
            hits = lx.combined_bytes.find_matches_as_indexes(low)
            meta = lx.combined_bytes_meta
    if not hits:
        return []
    if len(raw) != len(text):
        conv = _char_offsets(raw, [p for _i, s, e in hits for p in (s, e)])
        hits = [(i, conv[s], conv[e]) for i, s, e in hits]
    out: list[Finding] = []
    n = len(text)
    for idx, start, end in hits:
        kind, i = meta[idx]
        if kind == "foreign":
            hit = _untranslated_at(text, start + 1, end - 1)
            if hit is not None:
                out.append(hit)
            continue
        # _whole_word on the lowercased text (lowercasing one character keeps it one character
        # here: texts with ``lower_fallback`` characters took the other path).
        if start > 0 and text[start - 1].lower().isalnum():
            continue
        if end < n and text[end].lower().isalnum():
            continue
        out.append(_lexicon_hit(lx, kind, i, text, start, end))
    return out


def find_all_reference(text: str) -> list[Finding]:
    """:func:`find_all` by the plain str scans (the reference the fast path is tested against)."""
    low = ascii_lower(text)
    found = find_hyphenation(text)
    found += find_split_tokens(text)
    stray = find_stray_periods(text)
    if stray and not lowercase_style(text):  # the style check only matters when there are hits
        found += stray
    found += find_lexicon_hits(text, low)
    found.sort(key=lambda f: (f[1], f[2], f[0]))
    return found


def find_all(text: str) -> list[Finding]:
    """Every artifact in the text, sorted by position."""
    raw = text.encode("utf-8", "surrogatepass")
    hyph, lower, digit, space_hyph, quotes = candidates(text, raw)
    found = find_hyphenation(text, hyph) if hyph else []
    if quotes or digit or space_hyph:
        found += find_split_tokens(text, (quotes, digit, space_hyph))
    if lower:
        stray = find_stray_periods(text, lower)
        if stray and not lowercase_style(text):
            found += stray
    found += find_lexicon_hits_fast(text, raw)
    if len(found) > 1:
        found.sort(key=lambda f: (f[1], f[2], f[0]))
    return found
