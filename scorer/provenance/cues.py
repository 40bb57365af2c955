"""Per-document provenance cues: dates, byline, dateline, credits, identity, MT and scraper traces.

All cues are cheap regex checks on the first and last few thousand characters (where bylines,
datelines and credit lines live) plus a few whole-text counts. They feed the choice of the
original (:mod:`.roles`) and the copy labels.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from scorer.document import Document

HEAD = 3000
TAIL = 2000

#: Wire agencies and their aliases; all map to one canonical key so that "AP" and
#: "The Associated Press" are the same credit.
AGENCY_ALIASES: dict[str, str] = {
    "ap": "ap", "associated press": "ap", "the associated press": "ap", "ap news": "ap",
    "apnews": "ap", "apnews.com": "ap",
    "afp": "afp", "agence france presse": "afp", "agence france-presse": "afp",
    "agence france press": "afp", "france presse": "afp",
    "reuters": "reuters", "thomson reuters": "reuters", "reuters.com": "reuters",
    "bloomberg": "bloomberg", "bloomberg news": "bloomberg",
    "upi": "upi", "united press international": "upi",
    "dpa": "dpa", "deutsche presse-agentur": "dpa", "deutsche presse agentur": "dpa",
    "xinhua": "xinhua", "xinhua news agency": "xinhua", "efe": "efe", "ansa": "ansa",
    "kyodo": "kyodo", "kyodo news": "kyodo", "yonhap": "yonhap", "yonhap news agency": "yonhap",
    "tass": "tass", "ria novosti": "ria", "pti": "pti", "press trust of india": "pti",
    "ians": "ians", "anadolu": "anadolu", "anadolu agency": "anadolu", "cnn": "cnn",
    "bbc": "bbc", "bbc news": "bbc",
}

_NAME = r"((?:the\s+)?[A-Z][\w&'’.-]*(?:[ \t]+(?:of[ \t]+|de[ \t]+)?[A-Z][\w&'’.-]*){0,4})"
_CREDIT_RES = [
    re.compile(r"(?i:originally\s+(?:published|appeared|posted)|first\s+(?:published|appeared))"
               r"\s+(?i:by|in|on|at)\s+" + _NAME),
    re.compile(r"(?i:(?:this|the)\s+(?:article|story|post|report)\s+(?:was\s+)?"
               r"(?:originally\s+|first\s+)?(?:appeared|published|posted)\s+(?:by|in|on|at))\s+"
               + _NAME),
    re.compile(r"(?m)^[ \t]*(?i:Source|Author|Credit|Courtesy(?: of)?|Via)[ \t]*[:\-–—][ \t]*"
               + _NAME),
    re.compile(r"(?i:appeared first on)\s+" + _NAME),
    re.compile(r"(?i:reprinted|republished|distributed)\s+(?i:with permission\s+)?(?i:from|by)\s+"
               + _NAME),
    re.compile(r"\bBy\s+[A-Z][\w.'’-]+(?:[ \t]+[A-Z][\w.'’-]+){0,3}\s*,\s*" + _NAME),
]
_DATELINE_AGENCY = re.compile(
    r"\b[A-Z][A-Za-z.'’-]+(?:[ ,]+[A-Z][A-Za-z.'’-]+){0,4}\s*\(([A-Z][A-Za-z&.' -]{1,30})\)\s*[—–-]")
_DATELINE_PLAIN = re.compile(
    r"(?:(?<![^\n])|(?<=\.\s))[ \t]*+[A-Z]{3,}+(?:[ ,]++[A-Z][A-Za-z.]*+){0,3}+[ \t]*+(?:[—–]|--)")
#: A byline: "By Jane Doe" alone on its line (or followed by a comma, "and", "|"), or an
#: all-capitals name in flattened page text ("... By JANE DOE September 1").
_BYLINE = re.compile(
    r"(?m)^[ \t]*By[ \t]+[A-Z][\w.'’-]+(?:[ \t]+(?:[A-Z][\w.'’-]+|de|van|von|da|and)){1,4}"
    r"[ \t]*(?:$|,|\||[—–-])|\bBy[ \t]+[A-Z][A-Z.'’-]+(?:[ \t]+[A-Z][A-Z.'’-]+){1,3}\b")
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright)\s*(?:copyright\s*)?(?:\d{4}\s*)?" + _NAME, re.IGNORECASE)

#: Markers left by scraper and aggregator software.
SCRAPER_MARKERS = re.compile(
    r"Go to Source|appeared first on|\bSource link\b|Read (?:the )?(?:full|original) "
    r"(?:article|story)|Read more at\b|Continue reading\b|View (?:the )?original\b|"
    r"^[ \t]*+\((?:UPDATE|UPDATED)\)|\[\s*+…\s*+\]|\[\.\.\.\]", re.IGNORECASE | re.MULTILINE)

#: Cues of machine translation: broken hyphenation ("COVID- 19"), a sentence-final period before a
#: lower-case word ("the dispute. in"), doubled punctuation (". ."), doubled inner spaces.
#: Each pattern starts with a literal so the scan stays fast; the word before is checked in Python.
_HYPHEN_GAP = re.compile(r"- (?=\w)")
_PERIOD_LOWER = re.compile(r"\. (?=[a-z]{2})")
_DOUBLE_PUNCT = re.compile(r"[.,;:] [.,;:](?!\.)")
_DOUBLE_SPACE = re.compile(r"(?<! ) {2,}+(?=[a-z])")
_ABBREV = frozenset(["etc", "vs", "inc", "ltd", "co", "jr", "sr", "st", "no", "approx", "dept", "gov", "govt", "corp", "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "lt", "col", "sgt", "capt", "prof", "rev", "jan", "feb", "aug", "sept", "oct", "nov", "dec", "al"])
_WORD_BEFORE = re.compile(r"(?<!\w)(\w++)$")


def mt_cue_count(text: str) -> int:
    """Number of machine-translation traces in ``text``."""
    n = 0
    for rx in (_HYPHEN_GAP, _DOUBLE_PUNCT):
        for m in rx.finditer(text):
            i = m.start() - 1
            if i >= 0 and text[i].isalnum():
                n += 1
    for m in _DOUBLE_SPACE.finditer(text):
        i = m.start() - 1
        if i >= 0 and text[i].islower():
            n += 1
    for m in _PERIOD_LOWER.finditer(text):
        i = m.start()
        if i < 2 or not (text[i - 1].islower() and text[i - 2].islower()):
            continue
        w = _WORD_BEFORE.search(text, max(0, i - 30), i)
        if w is None or w.group(1).lower() not in _ABBREV:
            n += 1
    return n


#: Literal triggers (lower case) that must occur before the credit / marker / disclosure regexes
#: run: Python's case-insensitive regexes cost ~1 ms per document, the checks microseconds.
_CREDIT_TRIGGERS: tuple[tuple[str, ...], ...] = (
    ("originally", "first publ", "first appe"),
    ("appeared", "published", "posted"),
    ("source", "author", "credit", "courtesy", "via"),
    ("appeared first",),
    ("reprinted", "republished", "distributed"),
    ("By ",),
)
_MARKER_TRIGGERS = ("source", "appeared first", "read ", "continue reading", "view ", "update",
                    "[")
_DISCLOSURE_TRIGGERS = ("translat", "programmatic")
MT_DISCLOSURE = re.compile(
    r"machine[- ]translat|automatic(?:ally)? translat|translated automatically|"
    r"programmatic technology|translated (?:by|with|using) (?:google|deepl|software|a machine)|"
    r"translation (?:software|engine)", re.IGNORECASE)

_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y", "%B %d, %Y", "%b %d, %Y", "%d %B %Y",
                 "%d %b %Y", "%Y%m%d")


def parse_date(value: Any) -> date | None:
    """A calendar date from an ISO string, a few common formats, or a datetime; else None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s:
        return None
    try:
        return datetime.fromisoformat(s).date()
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(s[:40], fmt).date()
        except ValueError:
            continue
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    return None


def normalise_name(name: str) -> str:
    """Canonical key of an outlet or agency name ("The Associated Press" -> "ap",
    "Fox News - Online" -> "foxnews", "www.foxnews.com" -> "foxnews")."""
    s = name.strip().lower().replace("’", "'")
    s = re.sub(r"^(?:https?://)?(?:www\.)?", "", s)
    s = re.sub(r"\s+[-–—|]\s.*$|\s*\(.*$", "", s)
    s = s.strip(" .,:;'\"")
    if s in AGENCY_ALIASES:
        return AGENCY_ALIASES[s]
    s = re.sub(r"\.(?:com|org|net|co\.uk|co|news|info)(?:/.*)?$", "", s)
    s = re.sub(r"^the\s+", "", s)
    if s in AGENCY_ALIASES:
        return AGENCY_ALIASES[s]
    s = re.sub(r"[^0-9a-z\u00c0-\uffff]+", "", s)
    s = re.sub(r"(?:online|news|newsagency|inc|llc)$", "", s) or s
    return s


def names_match(a: str, b: str) -> bool:
    """Same outlet: equal keys, or one key contained in the other (>= 4 characters)."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 4 and short in long_


def _meta(doc: Document, *keys: str) -> Any:
    for src in (doc.metadata, doc.extra):
        if isinstance(src, Mapping):
            for k in keys:
                v = src.get(k)
                if v not in (None, ""):
                    return v
    return None


def _clean_name(raw: str) -> str:
    # a name ends at a sentence break or a wide gap ("The Associated Press.   All rights ...")
    raw = re.split(r"\.\s|\s{2,}|\n", raw)[0]
    return re.sub(r"\s+", " ", raw).strip(" .,:;")


@dataclass(frozen=True, slots=True)
class Cues:
    """What a document says about where it came from."""

    published: date | None
    byline: bool
    dateline_agency: str | None
    dateline_plain: bool
    credits: frozenset[str]        # explicit credit lines (normalised names)
    wire_credits: frozenset[str]   # dateline / byline agency credits (normalised)
    identity: frozenset[str]       # who published this copy (site name, source, URL domain)
    scraper_markers: int
    mt_cues: int
    mt_disclosure: bool
    n_tokens: int

    @property
    def mt_rate(self) -> float:
        """MT cues per 1,000 tokens."""
        return 1000.0 * self.mt_cues / max(self.n_tokens, 200)

    @property
    def all_credits(self) -> frozenset[str]:
        return self.credits | self.wire_credits


def extract_cues(doc: Document, n_tokens: int | None = None) -> Cues:
    """Cues of one document (never raises on odd text)."""
    text = doc.text or ""
    head, tail = text[:HEAD], text[-TAIL:] if len(text) > HEAD else ""
    edges = head + "\n" + tail
    published = parse_date(doc.published) or parse_date(
        _meta(doc, "published", "date", "date_published", "published_at", "datePublished"))
    author = _meta(doc, "author", "authors", "byline")
    byline = bool(author) or bool(_BYLINE.search(head))
    credits: set[str] = set()
    low = edges.lower()
    for rx, triggers in zip(_CREDIT_RES, _CREDIT_TRIGGERS):
        if not any(t in (edges if t == "By " else low) for t in triggers):
            continue
        for m in rx.finditer(edges):
            key = normalise_name(_clean_name(m.group(1)))
            if key:
                credits.add(key)
    wire: set[str] = set()
    dl = _DATELINE_AGENCY.search(head)
    dateline_agency = None
    if dl:
        key = normalise_name(dl.group(1))
        if key and len(key) <= 30:
            dateline_agency = key
            wire.add(key)
    identity: set[str] = set()
    for v in (_meta(doc, "site_name", "source", "publisher", "outlet", "site", "domain"),):
        if isinstance(v, str) and v.strip():
            identity.add(normalise_name(v))
    url = doc.url or _meta(doc, "url", "canonical_url")
    if isinstance(url, str) and url:
        try:
            host = urlsplit(url if "//" in url else "//" + url).hostname or ""
        except ValueError:
            host = ""
        if host:
            parts = host.split(".")
            core = parts[-2] if len(parts) >= 2 else parts[0]
            if core in ("co", "com") and len(parts) >= 3:
                core = parts[-3]
            identity.add(normalise_name(core))
    if not identity:
        for m in _COPYRIGHT.finditer(tail or head):
            key = normalise_name(_clean_name(m.group(1)))
            if key and key not in ("all", "rights"):
                identity.add(key)
    credits.discard("")
    identity.discard("")
    return Cues(
        published=published,
        byline=byline,
        dateline_agency=dateline_agency,
        dateline_plain=bool(_DATELINE_PLAIN.search(head)),
        credits=frozenset(credits),
        wire_credits=frozenset(wire),
        identity=frozenset(identity),
        scraper_markers=len(SCRAPER_MARKERS.findall(edges))
        if any(t in low for t in _MARKER_TRIGGERS) else 0,
        mt_cues=mt_cue_count(text[:200_000]),
        mt_disclosure=any(t in low for t in _DISCLOSURE_TRIGGERS)
        and bool(MT_DISCLOSURE.search(edges)),
        n_tokens=n_tokens if n_tokens is not None else len(text.split()),
    )
