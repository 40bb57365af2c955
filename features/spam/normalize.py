"""Obfuscation-aware text folding with a map back to the original characters.

Spam payloads hide their keywords from naive filters: zero-width characters ("cas\u200bino"),
Cyrillic/Greek homoglyphs mixed into Latin words ("саsino" with Cyrillic "с" and "а"),
mathematical/full-width/enclosed letters ("𝐒𝐋𝐎𝐓", "ＳＬＯＴ", "SL🅞T"), l33t digits ("c4s1n0"),
letter spacing ("c a s i n o"), HTML entities ("cas&#105;no") and percent-encoding in links.

:func:`fold` returns a :class:`Folded` text for keyword matching plus an offset map, so a match
found in the folded text is reported as a span of the ORIGINAL characters.

Cost: a clean English document takes the fast path (``lower()``, nine ``str.replace`` calls and a
few literal-prefix regex searches, about 0.05 ms on 5 KB) and keeps an identity offset map. Only
documents that contain zero-width characters, entities, percent escapes or letter-spaced runs pay
for the slower path that builds an explicit map.
"""

from __future__ import annotations

import html
import re
import types
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote

# Zero-width and invisible formatting characters (deleted before matching).
_INVISIBLE = "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f" \
             "\u2060\u2061\u2062\u2063\u2064\u206a\u206b\u206c\u206d\u206e\u206f\ufeff\u3164"
_INVISIBLE_RE = re.compile("[" + _INVISIBLE + "]")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
_ASCII_BYTES = bytes(range(128))
# Combining marks stacked on ASCII letters/digits ("A\u0332M\u0332B\u0332", underlined brands).
_COMBINING_RE = re.compile(r"(?<=[A-Za-z0-9])[\u0300-\u036f]+")
#: Characters that spam uses to disguise Latin words (fancy letter blocks, combining marks).
FANCY_CHARS_RE = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u24b6-\u24e9\u2460-\u24ff\u0300-\u036f"
                            "\U0001d400-\U0001d7ff\U0001f130-\U0001f189\U0001f1e6-\U0001f1ff]")
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,30});")
_PERCENT_RE = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
_PERCENT_ONE_RE = re.compile(r"%[0-9A-Fa-f]{2}")  # same truth value, literal-prefix search
# Letter-spaced runs: four or more single letters/digits separated by one separator character.
# The triggers start with a literal so the regex engine can skip ahead cheaply.
_SPACED_TRIGGERS = (re.compile(r" \w \w \w"), re.compile(r"\.\w\.\w\.\w\."),
                    re.compile(r"-\w-\w-\w-"), re.compile(r"_\w_\w_\w_"),
                    re.compile(r"\*\w\*\w\*"))
_MULTISPACE_RE = re.compile(r"[ \t\u00a0]{2,}")
_SPACED_RUN_RE = re.compile(r"(?<![^\W_])[^\W_]([ .*_\-])[^\W_](?:\1[^\W_]){2,}(?![^\W_])")
# Fancy letter blocks folded by NFKC (maths alphanumerics, full-width, enclosed/circled letters).
_FANCY_RE = re.compile("[\uff01-\uff5e\u24b6-\u24e9\u2460-\u24ff\U0001d400-\U0001d7ff"
                       "\U0001f130-\U0001f189\U0001f1e6-\U0001f1ff]")
_CYR_GREEK_RE = re.compile("[\u0370-\u03ff\u0400-\u052f]")
_MIXED_TOKEN_RE = re.compile(r"[^\W\d_]{2,}")
_LETTER_RE = re.compile(r"[^\W\d_]")  # one character of a _MIXED_TOKEN_RE token
_LATIN = frozenset("abcdefghijklmnopqrstuvwxyz")

#: Cyrillic and Greek letters that look like Latin ones (lower-cased input). Applied only inside
#: tokens that mix Latin with Cyrillic/Greek, so real Russian or Greek words stay intact.
HOMOGLYPHS: dict[str, str] = {
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d",
    "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l", "ο": "o", "α": "a", "ν": "v", "ρ": "p", "τ": "t",
    "ι": "i", "κ": "k", "υ": "u", "ε": "e", "β": "b", "η": "n", "μ": "u", "χ": "x", "γ": "y",
    "ζ": "z", "ω": "w", "ѵ": "v", "ɡ": "g",
}
#: l33t digits and symbols folded to letters (same on keywords and text, so "bet365" still works);
#: URL word separators ("casino-online-bonus") become spaces.
LEET: tuple[tuple[str, str], ...] = (("0", "o"), ("1", "i"), ("3", "e"), ("4", "a"), ("5", "s"),
                                    ("7", "t"), ("8", "b"), ("@", "a"), ("$", "s"),
                                    ("-", " "), ("_", " "), ("+", " "))

#: :data:`LEET` as a byte table (``bytes.translate``): the same mapping, since no character a
#: pair produces is replaced by a later pair (checked in tests/features/spam/test_spam_typed_loops.py).
_LEET_BYTES = bytes.maketrans("".join(a for a, _ in LEET).encode("ascii"),
                              "".join(b for _, b in LEET).encode("ascii"))

@dataclass(frozen=True, slots=True)
class Folded:
    """Folded text plus the way back.

    ``base`` is lower-cased, de-obfuscated text (no l33t folding) used for word boundaries;
    ``leet`` is ``base`` with l33t digits folded, used for keyword matching; both have the same
    length. ``offsets`` maps a folded index to the original index (``None`` = identity);
    ``offsets[len(base)] == len(original)``. ``obfuscations`` counts what was undone.
    """

    base: str
    leet: str
    offsets: list[int] | None
    obfuscations: int = 0
    fancy: bool = False  # fancy letters or combining marks on ASCII letters are present
    lower_text: bool = False  # ``base == original.lower()`` (nothing but lower-casing applied)
    #: The distinct non-ASCII characters of ``leet`` when fold knows them (they are those of
    #: the original text when nothing but ASCII letters changed), else None.
    chars: frozenset[str] | None = None
    #: ``leet.encode("utf-8", "surrogatepass")`` when fold made it (the keyword search runs on
    #: it, :func:`features.spam.lexicon.find`), else None.
    leet_utf8: bytes | None = None

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """The original ``[start, end)`` of folded ``[start, end)`` (``end > start``)."""
        if self.offsets is None:
            return start, end
        return self.offsets[start], self.offsets[end - 1] + 1


@lru_cache(maxsize=4096)
def _fancy_char(ch: str) -> str:
    cp = ord(ch)
    for base in (0x1F130, 0x1F150, 0x1F170, 0x1F1E6):  # squared/negative circled/regional A-Z
        if base <= cp < base + 26:
            return chr(ord("a") + cp - base)
    n = unicodedata.normalize("NFKC", ch).lower()
    return n if len(n) == 1 else ch


def _fold_same_length(lowered: str, fancy: bool, cyr: bool) -> tuple[str, int]:
    """Fold fancy letters and homoglyphs inside mixed-script tokens, keeping the length."""
    changed = 0
    if fancy:
        lowered, n = _FANCY_RE.subn(lambda m: _fancy_char(m.group()), lowered)
        changed += n
    if cyr:
        # Only the tokens (runs of two or more letters, as _MIXED_TOKEN_RE) around a Cyrillic or
        # Greek letter can change: they are found from those letters, so a Russian quote in an
        # English article costs its own tokens, not a callback per word of the text.
        parts: list[str] = []
        pos = 0
        last_end = -1
        n = len(lowered)
        for m in _CYR_GREEK_RE.finditer(lowered):
            i = m.start()
            if i < last_end:
                continue
            a = i
            while a > 0 and _LETTER_RE.match(lowered, a - 1):
                a -= 1
            b = i + 1
            while b < n and _LETTER_RE.match(lowered, b):
                b += 1
            last_end = b
            tok = lowered[a:b]
            if b - a < 2 or not any(c in _LATIN for c in tok):
                continue
            new = "".join(HOMOGLYPHS.get(c, c) for c in tok)
            if new != tok:
                changed += sum(1 for x, y in zip(new, tok) if x != y)
                parts.append(lowered[pos:a])
                parts.append(new)
                pos = b
        if parts:
            parts.append(lowered[pos:])
            lowered = "".join(parts)
    return lowered, changed


def _is_fancy(cp: int) -> bool:
    # Full-width letters and digits only: CJK text uses full-width punctuation normally.
    return (0xFF10 <= cp <= 0xFF19 or 0xFF21 <= cp <= 0xFF3A or 0xFF41 <= cp <= 0xFF5A or 0x2460 <= cp <= 0x24FF or 0x1D400 <= cp <= 0x1D7FF
            or 0x1F130 <= cp <= 0x1F189 or 0x1F1E6 <= cp <= 0x1F1FF)


def _leet(s: str) -> str:
    for a, b in LEET:
        if a in s:
            s = s.replace(a, b)
    return s


def needs_rewrite(text: str, invisible: bool | None = None) -> bool:
    """True when the text holds invisible characters, entities, %-escapes or spaced letters."""
    if invisible is None:
        invisible = bool(_INVISIBLE_RE.search(text)) or bool(_COMBINING_RE.search(text))
    if invisible:
        return True
    if "&" in text and _ENTITY_RE.search(text):
        return True
    if "%" in text and _PERCENT_ONE_RE.search(text):
        return True
    # (A trigger's separator is looked up first: ``in`` is a fast C scan, a regex's literal
    # prefix search is not, and "_" or "*" are absent from almost every article.)
    if _COMPILED:
        return _spaced_trigger_loop(text)
    return any(sep in text and r.search(text) for sep, r in zip(" .-_*", _SPACED_TRIGGERS))


def _spaced_trigger_loop(text):  # (typed in normalize.pxd: str -> bint)
    """Whether one of :data:`_SPACED_TRIGGERS` matches ``text``, by one pass over the
    characters (a C loop when compiled, features/spam/normalize.pxd; plain Python searches the
    regexes). Each trigger is recognised at its last character from the six before it;
    ``\\w`` is a letter or digit (``str.isalnum``, as the regex engine tests it) or "_"."""
    p1 = p2 = p3 = p4 = p5 = p6 = "\0"  # the six characters before ``ch``
    for ch in text:
        if p1 == " ":
            # " \w \w \w" ends here
            if p3 == " " and p5 == " " and (ch.isalnum() or ch == "_") \
                    and (p2.isalnum() or p2 == "_") and (p4.isalnum() or p4 == "_"):
                return True
        elif ch == p2 and (ch == "." or ch == "-" or ch == "_" or ch == "*"):
            # ".\w.\w.\w.", "-\w-\w-\w-", "_\w_\w_\w_" or "*\w*\w*" ends here
            if ch == "*":
                if p4 == "*" and (p1.isalnum() or p1 == "_") and (p3.isalnum() or p3 == "_"):
                    return True
            elif p4 == ch and p6 == ch and (p1.isalnum() or p1 == "_") \
                    and (p3.isalnum() or p3 == "_") and (p5.isalnum() or p5 == "_"):
                return True
        p6 = p5
        p5 = p4
        p4 = p3
        p3 = p2
        p2 = p1
        p1 = ch
    return False


def _non_ascii_loop(text):  # (typed in normalize.pxd: str -> set)
    """The distinct non-ASCII characters of ``text`` by one pass over its characters (a C loop
    when compiled; plain Python deletes the ASCII bytes of the UTF-8 form, which is faster
    there). A character equal to the last one added is not added again (quotes come in runs
    of the same few characters)."""
    out = set()
    last = "\0"
    for ch in text:
        if ch < "\x80" or ch == last:
            continue
        last = ch
        out.add(ch)
    return out


#: Whether this module runs compiled (a Cython function is no plain Python function): then
#: :func:`needs_rewrite` scans characters in a C loop instead of searching regexes (same
#: answer; tests/features/spam/test_spam_typed_loops.py).
_COMPILED = not isinstance(_leet, types.FunctionType)


def _rewrite(text: str, marks: bool = True) -> tuple[str, list[int] | None, int]:
    """Delete invisibles, decode entities/%-escapes, join spaced letters; keep an offset map
    (None when nothing was rewritten: the identity). ``marks=False`` says the text holds no
    invisible characters nor combining marks (the caller checked its non-ASCII characters)."""
    edits: list[tuple[int, int, str, list[int]]] = []  # (start, end, replacement, char origins)
    if marks:
        for m in _INVISIBLE_RE.finditer(text):
            edits.append((m.start(), m.end(), "", []))
        for m in _COMBINING_RE.finditer(text):
            edits.append((m.start(), m.end(), "", []))
    if "&" in text:
        for m in _ENTITY_RE.finditer(text):
            rep = html.unescape(m.group())
            if rep != m.group():
                edits.append((m.start(), m.end(), rep, [m.start()] * len(rep)))
    if "%" in text:
        for m in _PERCENT_RE.finditer(text):
            rep = unquote(m.group(), errors="replace")
            if rep and len(rep) <= len(m.group()):
                edits.append((m.start(), m.end(), rep, [m.start()] * len(rep)))
    for m in _MULTISPACE_RE.finditer(text):  # "c a s i n o   o n l i n e": words 3 apart
        edits.append((m.start(), m.end(), " ", [m.start()]))
    for m in _SPACED_RUN_RE.finditer(text):
        s, e = m.start(), m.end()
        rep_chars = [(i, c) for i, c in enumerate(text[s:e], s) if c.isalnum()]
        edits.append((s, e, "".join(c for _, c in rep_chars), [i for i, _ in rep_chars]))
    if not edits:
        return text, None, 0
    edits.sort(key=lambda x: (x[0], -x[1]))
    parts: list[str] = []
    offs: list[int] = []
    pos = 0
    count = 0
    for s, e, rep, origin in edits:
        if s < pos:  # overlapping edit (e.g. an entity inside a spaced run): first one wins
            continue
        parts.append(text[pos:s])
        offs.extend(range(pos, s))
        parts.append(rep)
        offs.extend(origin)
        pos = e
        count += 1
    parts.append(text[pos:])
    offs.extend(range(pos, len(text)))
    offs.append(len(text))
    return "".join(parts), offs, count


def fold(text: str) -> Folded:
    """Fold ``text`` for obfuscation-proof keyword matching (see module docstring)."""
    offsets: list[int] | None = None
    count = 0
    work = text
    invisible = fancy = cyr = combining = False
    raw = None  # the UTF-8 form when every non-ASCII character is its own lower case
    distinct: set[str] = set()
    if not text.isascii():
        # The distinct non-ASCII characters are few (quotes, dashes): test those, not the text.
        # (Found by deleting the ASCII bytes of its UTF-8 form: the same characters as deleting
        # the ASCII runs, at half the cost; "surrogatepass" keeps lone surrogates. Compiled,
        # one C loop over the characters finds the same set.)
        raw = text.encode("utf-8", "surrogatepass")
        if _COMPILED:
            distinct = _non_ascii_loop(text)
        else:
            rest = raw.translate(None, _ASCII_BYTES)
            distinct = set(rest.decode("utf-8", "surrogatepass"))
        for ch in distinct:
            if raw is not None and ch.lower() != ch:
                raw = None
            cp = ord(ch)
            if ch in _INVISIBLE:
                invisible = True
            elif 0x0370 <= cp <= 0x052F:
                cyr = True
            elif _is_fancy(cp):
                fancy = True
            elif 0x0300 <= cp <= 0x036F:
                combining = True
    if combining and _COMBINING_RE.search(text):
        invisible = True
        fancy = True
    if needs_rewrite(text, invisible):
        # Invisible characters and combining marks are non-ASCII: when the scan above found
        # none of either, their two whole-text regex passes are skipped.
        work, offsets, count = _rewrite(text, invisible or combining)
    low_bytes = None  # the UTF-8 form of ``lowered`` when known
    if raw is not None and offsets is None:
        # Only ASCII letters change case in this text: ``bytes.lower`` of its UTF-8 form (a
        # table pass) is ``str.lower`` (a Unicode case lookup per character), at half the cost.
        low_bytes = raw.lower()
        lowered = low_bytes.decode("utf-8", "surrogatepass")
    elif offsets is None and text.isascii():
        low_bytes = text.encode("ascii").lower()  # (the same, for ASCII text)
        lowered = low_bytes.decode("ascii")
    else:
        lowered = work.lower()
    plain = offsets is None
    if len(lowered) != len(work):  # rare: lower() changed the length (e.g. "İ")
        lowered = "".join(c.lower()[:1] or c for c in work)
        plain = False
        low_bytes = None
    base, changed = _fold_same_length(lowered, fancy, cyr) if (fancy or cyr) else (lowered, 0)
    # (l33t folding maps ASCII characters only: ``leet`` keeps the non-ASCII characters of
    # ``lowered``, which are the text's own when ``raw`` lower-cased it and nothing else ran.)
    chars = frozenset(distinct) if raw is not None and offsets is None and base is lowered \
        else None
    if low_bytes is not None and base is lowered:
        # One table pass over the UTF-8 bytes instead of a ``str.replace`` pass per l33t
        # character present: every l33t pair maps an ASCII character to an ASCII character
        # that no later pair replaces, and in UTF-8 an ASCII byte is always that character.
        leet_utf8 = low_bytes.translate(_LEET_BYTES)
        leet = leet_utf8.decode("utf-8", "surrogatepass")
    else:
        leet_utf8 = None
        leet = _leet(base)
    return Folded(base, leet, offsets, count + changed, fancy,
                  plain and (base is lowered or base == lowered), chars, leet_utf8)


def fold_term(term: str) -> str:
    """Fold a lexicon term exactly like document text (so both sides meet)."""
    f = fold(term.strip())
    return " ".join(f.leet.split())
