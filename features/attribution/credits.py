"""attribution.credits: who wrote the text, which agency it came from, and whether it was scraped.

Signal: ``attribution``. A credible news article names its author (byline), usually where it was
reported from (dateline, "SEOUL, South Korea (AP) —") and, for wire copy, the one agency that
produced it. Copies made by scrapers and auto-publishers drop the byline, keep wire lead tags
("(UPDATE)", "UPDATE 2-"), append "Go to Source" / "Read more at" / "The post ... appeared first
on" tails, and sometimes credit an agency other than the one that wrote the text ("Author: Agence
France-Presse" under an AP dateline). Those are signs that nobody at the publishing site wrote,
checked or stands behind the text.

What it measures: byline (from the text, and for HTML from ``doc.metadata["author"]``, JSON-LD,
meta tags and byline markup), dateline, agency credits (text credits such as "(Reuters)",
"Author: AFP", "© The Associated Press"; photo credits are kept apart), scraper markers, and
credit conflicts (two different agencies credited as the source of the same text).
For HTML the page's own author markup wins over a "By" line found in the extracted text when it
names a person in full (the text line may belong to a photo, a contributor or a related story);
the text byline is still reported as evidence and in ``byline_in_text``.

Learned chooser (HTML input, ``learned_chooser=True``): the rules above give one answer; then
:mod:`features.attribution.chooser` generates every author candidate the page offers (JSON-LD,
meta, author/byline/poster markup, profile links, visible bylines, site and title names, text
bylines), scores each with a small conditional-logit model against a "no author" option (the
rules' answer is one of its features), and its pick becomes the ``byline`` extra and
``has_byline`` (it may be a desk such as "Redaktion" or a handle when the page's markup declares
one; ``author_is_organisation`` is then 1). New features: ``author_chooser_prob`` (the pick's
probability against "no author"; 0 for text input) and ``author_chooser_overrode`` (the pick
differs from the rules' answer).

Declared organisation authors: when no person is named, the organisation or desk the page itself
declares as author (JSON-LD ``author`` of type Organization or naming a desk, explicit author
markup holding a desk, a "By The Associated Press" text byline) is reported in the extra
``author_organisation`` and the feature ``author_is_organisation``; the person features
(``has_byline`` ...) and the ``no_byline`` finding are unchanged by it.

Score (the attribution signal's score): a noisy-OR of scraper markers, credit conflicts, a small
term for a missing byline and dateline (many honest outlets run unsigned wire copy: the features
carry it to the model), and the sourcing strength of ``attribution.sourcing`` (unattributed
quotes, no sources, anonymous sourcing), so that any added problem raises the one score.

Known false positives: honest syndication notices ("This story originally appeared on ..."
under a partner agreement) look like scraper tails; a wire story crediting a second agency for a
contributed paragraph only counts as a conflict when both are primary credits (dateline, byline,
"Author:"/"Source:" lines, copyright), never for "X contributed to this report"; "(UPDATE)" on
the wire's own site is legitimate.

Reason codes (spans): ``byline``, ``dateline``, ``scraper_marker``, ``credit_conflict``;
(document-level) ``no_byline``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from features.attribution import _common as c
from features.attribution.markup import is_org_name
from features.attribution.sourcing import SourcingDetector
from scorer.document import Document
from scorer.evidence import DetectorResult, Evidence, Span

# -- byline ----------------------------------------------------------------------------------
_MONTHS = ("January February March April May June July August September October November December "
           "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec").split()
_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
#: Capitalised words that end a name: roles, dates, UI words that follow bylines.
_STOP_WORDS = frozenset(w.lower() for w in _MONTHS + _DAYS + """
Staff Writer Writers Reporter Reporters Correspondent Correspondents Editor Editors Contributor
Contributing Senior Chief Special Updated Update Published Posted Photo Photos Photographs Video
Opinion Columnist Analysis Share Email Follow Twitter Facebook Comments Comment Read Min Minute
Minutes Last Associated Press News Agency Wire Service Political Business Sports Health The And
For In At On Of With Published: Updated: Team Desk Newsroom Bureau Staff. GMT UTC EST EDT BST
Today Yesterday Ago Hours AM PM Listen Print Save Getty Images Image Via Copyright All Rights
Reserved Deputy Digital Online Web Producer Host Guest Exclusive Breaking Feature Features
Home Menu Search Sign Subscribe Log Login Top Stories More About Contact Source
""".split())
#: Words after "By" that start an ordinary sentence, not a byline ("By contrast", "By then").
_NOT_NAMES = frozenset(w.lower() for w in _MONTHS + _DAYS + """
Contrast Comparison Then Now Far Law Default Design Definition Nature Order Appointment Train Car
Air Phone Email Mail Noon Midnight Dawn Night Day Week Month Year Mid Late Early End Next This
That These Those Its His Her Their Our My Your Some Many Most All Any Each Every Way Means Far
Clicking Using Signing Continuing Submitting Registering Subscribing Entering Creating Doing
Taking Making Getting Combining Comparing Focusing Contrast Definition Design Popular Request
Invitation Category Topic Tag Author Date Type Name Title Location Region Country State God
Staff Invitation Car Bus Boat Plane Rail Road Sea Land Hand Heart Chance Accident Mistake
""".split())
#: Function words never part of a person's name ("By A President's Party" is a headline).
_FUNCTION_WORDS = frozenset("""a an the to of in on at for from with which who whom whose what
when where why how he she it we they his her its our their your my this that these those is are
was were be been has have had will would can could should may might not no all new as after
before over under into than then about against between during without four five six seven eight
nine ten two three one first second""".split())
_PARTICLES = frozenset("de da di du del della der den van von la le bin ibn al el dos das".split())
_NAME_TOKEN = re.compile(r"(?:[A-Z][A-Za-zÀ-ÖØ-öø-ÿ'’.-]*|[A-Z]\.)")
_BYLINE_HEAD = re.compile(
    r"(?:By|BY|Written by|Words by|Story by|Posted by|Author:|AUTHOR:|Authors:|Autor:|Auteur:|"
    r"Autorin:)[ \t\xa0]+")
_LOWER_BY = re.compile(r"by[ \t\xa0]++")
_BEFORE_HEAD = frozenset(" \t\n\xa0|•·>([")
_AUTHOR_LABEL = ("author:", "authors:", "autor:", "auteur:", "autorin:")
#: Patterns used with ``match`` at a name end start with ``(?<!\s)`` so that a ``search`` over a
#: long run of spaces tries them once per run, not once per space (linear, not quadratic).
_NAME_JOIN = re.compile(r"(?<!\s)\s*+(?:,|and|&)\s++")
_ROLE_AFTER = re.compile(r"\A\s*(?:[,|•·–—/-]|\s(?:for|in|at|on)\s|$|\n|\d|\()")


#: Patterns used inline before, compiled once (bound methods: same results, no re-cache lookup).
_INITIAL_FULL = re.compile(r"[A-Z]\.").fullmatch
_LOWER_RUN = re.compile(r"[a-z]+").match
_PHOTO_LEAD = re.compile(r"(?i)(?:photo|photograph|image|illustration|video|graphic)s?\s*$").search
_SPACE_CAP = re.compile(r"\s+[A-Z]").match
_PHOTO_BEFORE = re.compile(r"(?i)(photo|image|foto)\s*:?\s*(\(|$)").search
_SLASH_END = re.compile(r"/\s*$").search
_BY_END = re.compile(r"(?i)(^|\s)(by|reporting by|compiled by)\s+(the\s+)?$").search
_DASH_OR_START_END = re.compile(r"(?:^|[—–-]\s*)(the\s+)?$").search
_DASH_END = re.compile(r"[—–-]\s*(the\s+)?$").search
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\bund\b)\s*").split


@dataclass(frozen=True, slots=True)
class Byline:
    start: int
    end: int
    names: str  # the name(s) as written
    agency: str | None  # canonical agency when the byline credits an agency


def _read_name(text: str, pos: int, limit: int) -> tuple[int, list[str]]:
    """Read 1-5 name tokens from ``pos``; returns the end offset and the tokens."""
    tokens: list[str] = []
    end = pos
    i = pos
    while i < limit and len(tokens) < 5:
        m = _NAME_TOKEN.match(text, i)
        word = None
        if m:
            word = m.group(0).rstrip(".,") if not _INITIAL_FULL(m.group(0)) else m.group(0)
        else:
            p = _LOWER_RUN(text[i:i + 5])
            if p and p.group(0) in _PARTICLES and tokens:
                word = p.group(0)
        if not word:
            break
        if word.lower() in _STOP_WORDS and word not in _PARTICLES:
            break
        tokens.append(word)
        end = i + len(word)
        j = end
        while j < limit and text[j] in " \t":
            j += 1
        if j == end or j >= limit:
            break
        i = j
    while tokens and tokens[-1] in _PARTICLES:
        tokens.pop()
    return end, tokens


#: The ``_BYLINE_HEAD`` alternatives that start with "aut" (case-insensitively).
_AUTHOR_HEADS = frozenset(("Author:", "AUTHOR:", "Authors:", "Autor:", "Auteur:", "Autorin:"))
#: Literal searches in :func:`_common.ascii_lower` bytes (bound ``finditer`` methods).
_BY_SCAN = re.compile(b"by ").finditer
_VIA_SCAN = re.compile(b"via ").finditer


def _byline_heads(text: str, low: bytes, lo: int, hi: int) -> list[re.Match[str]]:
    """Byline heads in text[lo:hi], found in ``low`` (:func:`_common.ascii_lower` of the text)."""
    heads: list[re.Match[str]] = []
    # a literal regex search: about twice as fast as ``str.find("by ")``, whose last character
    # (a space) matches every few characters
    for by in _BY_SCAN(low, lo, hi):
        i = by.start()
        ch = text[i]
        if ch == "B":
            if i == 0 or text[i - 1] in _BEFORE_HEAD:
                m = _BYLINE_HEAD.match(text, i)
                if m:
                    heads.append(m)
        else:
            for w in (b"written ", b"words ", b"story ", b"posted "):
                if low.startswith(w, i - len(w)):
                    j = i - len(w)
                    if j == 0 or text[j - 1] in _BEFORE_HEAD:
                        m = _BYLINE_HEAD.match(text, j)
                        if m:
                            heads.append(m)
                    break
            else:
                if i == 0 or low[i - 1] == 10:  # a line break
                    m = _LOWER_BY.match(text, i)
                    if m:
                        heads.append(m)
    # "Author:", "Autor:", ... heads: every such head ends in a colon, so the (few) colons are
    # found with a one-character str.find (a memchr) instead of scanning for "aut"; a head counts
    # when its "aut" lies inside [lo, hi), as a str.find("aut", lo, hi) scan would require
    k = text.find(":", lo + 5, hi + 5)
    while k >= 0:
        # the heads end in "r:", "R:", "s:" or "n:"
        for size in ((6, 7, 8) if text[k - 1] in "rRsn" else ()):
            i = k - size + 1
            if i >= lo and i + 3 <= hi and text[i:k + 1] in _AUTHOR_HEADS and \
                    (i == 0 or text[i - 1] in _BEFORE_HEAD):
                m = _BYLINE_HEAD.match(text, i)
                if m:
                    heads.append(m)
        k = text.find(":", k + 1, hi + 5)
    heads.sort(key=lambda m: m.start())
    return heads


def find_bylines(text: str, regions: list[tuple[int, int]],
                 low: bytes | None = None) -> list[Byline]:
    """Bylines ("By JANE DOE", "Author: Jane Doe") in the given regions of the text."""
    found: list[Byline] = []
    if low is None:
        low = c.ascii_lower(text)
    for lo, hi in regions:
        heads = _byline_heads(text, low, lo, hi)
        for m in heads:
            head = m.group(0).strip().lower()
            start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            pos = m.end()
            line_end = text.find("\n", pos)
            limit = min(hi + 200, len(text), line_end if line_end >= 0 else len(text), pos + 160)
            # an agency credited in the byline: "By The Associated Press", "Author: AFP"
            seg = text[pos:limit]
            agency = None
            for n in (5, 4, 3, 2, 1):
                words = seg.split()[:n]
                if words:
                    cand = " ".join(words).rstrip(".,;:")
                    agency = c.agency_of(cand)
                    if agency:
                        end = pos + seg.find(words[-1]) + len(words[-1].rstrip(".,;:"))
                        found.append(Byline(start, end, text[pos:end], agency))
                        break
            if agency:
                continue
            names: list[str] = []
            ends: list[int] = []
            joins: list[str] = []
            end = pos
            cur = pos
            while True:
                nend, tokens = _read_name(text, cur, limit)
                if not tokens:
                    break
                is_label = head in _AUTHOR_LABEL
                if tokens[0].lower() in _NOT_NAMES or (len(tokens) < 2 and not is_label):
                    break
                names.append(" ".join(tokens))
                ends.append(nend)
                end = nend
                j = _NAME_JOIN.match(text, end)
                if not j or j.end() >= limit:
                    break
                joins.append(j.group(0).strip())
                cur = j.end()
            # "Jane Doe, BBC News" / "Jane Doe, Staff Marketing": after a comma comes an
            # affiliation unless the list closes with "and"/"&" ("A, B and C")
            used = joins[:len(names) - 1]
            if used and used[-1] not in ("and", "&"):
                last_and = max((k for k, jn in enumerate(used) if jn in ("and", "&")),
                               default=-1)
                names = names[:last_and + 2]
                end = ends[len(names) - 1]
            if not names or any(is_org_name(n_) for n_ in names):
                continue  # "Multimedia Redaktion", "Staff Reports": a desk, not a writer
            after = text[end:end + 40]
            if after.startswith(("'s", "’s", "/")):
                continue  # possessive, or a photo credit "By Jane Doe/Getty Images"
            if any(w.lower() in _FUNCTION_WORDS or w.endswith(("'s", "’s"))
                   for n_ in names for w in n_.split()):
                continue  # "Rejected By Four Colleges To Which He Applied": a headline
            same_line = after.split("\n", 1)[0]
            nxt = same_line.split(None, 1)[0].strip(".,;:") if same_line.strip() else ""
            if nxt and nxt.lower() in _FUNCTION_WORDS and nxt[:1].isupper():
                continue
            line_start = text.rfind("\n", 0, start) + 1
            lead = text[max(line_start, start - 80):start]
            if head in ("by", "by:") and sum(ch.isalpha() for ch in lead) >= 6 and \
                    lead.upper() == lead:
                continue  # "... REPLACED BY MIKE POMPEO": an all-caps headline
            if _PHOTO_LEAD(lead):
                continue
            if not _ROLE_AFTER.match(after) and not _SPACE_CAP(after):
                continue  # followed by a lower-case word: part of a sentence, not a byline
            written = text[pos:end]
            if names and head not in _AUTHOR_LABEL and not any(t[:1].isupper() for t in names):
                continue
            found.append(Byline(start, end, written, None))
    return found


# -- dateline --------------------------------------------------------------------------------
_DL_STOP = frozenset("""BREAKING UPDATE UPDATED EXCLUSIVE WATCH VIDEO PHOTOS PHOTO OPINION EDITORIAL
ANALYSIS NOTE CORRECTION ADVERTISEMENT LIVE URGENT READ MORE FILE AP REUTERS AFP NEWS FACT CHECK
WARNING EDITOR SUMMARY Q A FAQ TL DR PS UPDATE: LEAD REFILE CORRECTED""".split())
_MON = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
#: Words are possessive (a hyphen only inside a word) and a dateline starts at a word start, so a
#: search over "ABABAB..." or "A. A. A. ..." is linear; ``find_datelines`` uses ``match``.
_CAPS_WORD = r"[A-Z](?:[A-Z.'’]|-(?=[A-Z]))++"
_TITLE_WORD = r"[A-Z](?:[a-zà-ÿ'’.]|-(?=[A-Za-zà-ÿ]))++"
_ANY_WORD = r"[A-Z](?:[\w.'’]|-(?=\w))*+"
_DATELINE = re.compile(
    r"(?<![\w.'’-])"
    r"(?P<city>" + _CAPS_WORD + r"(?:[ \xa0]" + _CAPS_WORD + r"){0,3}"
    r"|" + _TITLE_WORD + r"(?:[ \xa0]" + _TITLE_WORD + r"){0,2})"
    r"(?P<region>(?:,[ \xa0]" + _ANY_WORD + r"(?:[ \xa0]" + _ANY_WORD + r"){0,2}){0,2})"
    r"(?P<date>,?[ \xa0]" + _MON + r"[ \xa0]\d{1,2}(?:,[ \xa0]\d{4})?)?"
    r"(?P<agency>[ \xa0]?\((?P<agency_name>[A-Za-z][\w .&'’-]{0,40})\))?"
    r"(?P<dash>[ \xa0]*+(?:—|–|--|-|:)[ \xa0]++)(?=[\"“‘A-Z0-9])")


def _dateline_starts(text: str, lo: int, hi: int) -> list[int]:
    """Offsets where a dateline may begin.

    Every dateline ends in a dash or a colon, so the search starts from those (few) characters
    and looks back at most 90 characters for a line start or a closing parenthesis (a flattened
    page puts the dateline right after the last photo caption: "... Pool) SEOUL, South Korea
    (AP) —"). str.find loops: much cheaper than a regex scan of the head.
    """
    starts: set[int] = set()
    for sep in ("—", "–", " -", ":"):
        i = _next_sep(text, sep, lo, hi)
        while i >= 0:
            floor = max(lo, i - 90)
            nl = text.rfind("\n", floor, i)
            cands = [(nl + 1) if nl >= 0 else -1, lo if lo == 0 and i - lo <= 90 else -1]
            par = text.find(") ", max(floor, nl + 1), i)
            while par >= 0:
                cands.append(par + 2)
                par = text.find(") ", par + 2, i)
            for j in cands:
                if j < 0:
                    continue
                while j < i and text[j] in " \t\xa0":
                    j += 1
                if j < i and text[j].isupper():
                    starts.add(j)
            i = _next_sep(text, sep, i + 1, hi)
    return sorted(starts)


def _next_sep(text: str, sep: str, lo: int, hi: int) -> int:
    """``text.find(sep, lo, hi)``; " -" is found through its "-" (one-character finds are a
    memchr, much cheaper than a two-character search that fails over the whole head)."""
    if sep != " -":
        return text.find(sep, lo, hi)
    k = text.find("-", lo + 1, hi)
    while k >= 0 and text[k - 1] != " ":
        k = text.find("-", k + 1, hi)
    return k - 1 if k >= 0 else -1


@dataclass(frozen=True, slots=True)
class Dateline:
    start: int
    end: int
    text: str
    agency: str | None


def find_datelines(text: str, lo: int, hi: int) -> list[Dateline]:
    """Datelines ("SEOUL, South Korea (AP) —", "LONDON, Nov 3 (Reuters) -") in text[lo:hi]."""
    out: list[Dateline] = []
    for begin in _dateline_starts(text, lo, hi):
        m = _DATELINE.match(text, begin)
        if m is None:
            continue
        city = m.group("city")
        caps = city.isupper()
        agency_name = m.group("agency_name")
        agency = c.agency_of(agency_name) if agency_name else None
        dash = m.group("dash").strip()
        if agency_name and not agency:
            continue  # "(file)", "(CNN)"? only known agencies in the parenthesis
        if city.split()[0].strip(".") in _DL_STOP or city in _DL_STOP:
            continue
        if caps:
            if len(city.replace(" ", "")) < 3 or (dash == ":" and not m.group("region")
                                                  and not agency):
                # "SEOUL:" style needs line start
                if dash == ":" and not _at_line_start(text, m.start()):
                    continue
                if len(city.replace(" ", "")) < 3:
                    continue
        else:
            # Title-case city: needs an agency, or a line start and a real dash
            if not agency and not (_at_line_start(text, m.start()) and dash in ("—", "–", "--")):
                continue
        end = m.start("dash") + len(m.group("dash").rstrip())
        out.append(Dateline(m.start(), end, text[m.start():end], agency))
    return out


def _at_line_start(text: str, pos: int) -> bool:
    """Only spaces, or a lead tag such as "(UPDATE)", stand before ``pos`` on its line."""
    ls = text.rfind("\n", 0, pos) + 1
    before = text[ls:pos].strip()
    return before == "" or _LEAD_ONLY.fullmatch(before) is not None


_LEAD_ONLY = re.compile(r"[(\[][A-Za-z0-9 ]{1,20}[)\]]")


# -- credits ---------------------------------------------------------------------------------
#: Searched in lower-cased text (no ``(?i)``: the alternation then gets a fast first-character scan).
_PHOTO_CONTEXT = re.compile(r"photo|image|getty|picture|shutterstock|foto|pool|file\)|/")
_CREDIT_LABEL = re.compile(  # searched in lower-cased text
    r"(?:author|source|credit|credits|via|from|copyright|quelle|©|\(c\))\s*:?\s*(?:the\s+)?$")
_CONTRIB = re.compile(r"(?i)^\s*(?:and\s+[\w .'-]{1,40}\s+)?contributed\b")


@dataclass(frozen=True, slots=True)
class Credit:
    start: int
    end: int
    agency: str
    kind: str  # "primary", "secondary" (contributed), "photo"


def find_credits(text: str) -> list[Credit]:
    """Agency credits: "(Reuters)", "Author: AFP", "© 2022 The Associated Press", "(AP Photo/...)".

    Mentions in running text ("told Reuters", "Reuters reported") are not credits.
    """
    ag = c.agencies()
    out: list[Credit] = []
    n = len(text)
    for idx, start, end in c.agency_matches(text):
        if (start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-_@./")) or \
                (end < n and (text[end].isalnum() or text[end] in "-_@")):
            continue
        agency = ag.canonical[idx]
        line_start = text.rfind("\n", 0, start) + 1
        before = text[max(line_start, start - 40):start]
        after = text[end:end + 40]
        # photo credit: "(AP Photo/...)", "AFP via Getty Images", "Photo: Reuters"
        if _PHOTO_CONTEXT.search(after[:14].lower()) or \
                _PHOTO_BEFORE(before[-12:]) or \
                _SLASH_END(before[-3:]):
            out.append(Credit(start, end, agency, "photo"))
            continue
        kind = None
        if before.endswith("(") and after.startswith(")"):
            kind = "primary"  # "(Reuters)" in a dateline or at a paragraph end
        elif _CREDIT_LABEL.search(before[-30:].lower()) and \
                after[:1] in ("", "\n", ".", " ", ",", ";"):
            kind = "primary"
        elif _BY_END(before[-25:]) and \
                (after[:1] in ("", "\n", ".", ",", ";", " ")):
            kind = "primary" if not _CONTRIB.match(after) else "secondary"
        elif _CONTRIB.match(after):
            kind = "secondary"
        elif _DASH_OR_START_END(before.lower().rstrip(" \t")) and \
                (after.strip() in ("", ".") or after.startswith("\n")) and \
                (line_start == start or _DASH_END(before.lower())):
            kind = "primary"  # an agency alone on a line, or "— Reuters" at the end of a line
        if kind:
            out.append(Credit(start, end, agency, kind))
    return out


# -- scraper markers -------------------------------------------------------------------------
_VIA = re.compile(r"(?m)(?:^[ \t\xa0]*\(?[Vv]ia[ \t\xa0]+[A-Z][^\n]{0,60}$|\((?:[Vv]ia)[ \t\xa0]+[A-Z][^)\n]{0,40}\))")
_VIA_OK = re.compile(r"getty|shutterstock|wikimedia|flickr|unsplash|instagram|twitter|x\.com|"
                     r"youtube|ap photo|reuters/|afp/|photo|image")
#: Markers that on their own make a copy very likely scraped (others need company).
_STRONG = frozenset({"go to source", "appeared first on", "republished automatically",
                     "automatically republished", "read more at", "originally published by",
                     "content retrieved from", "is auto-generated from a syndicated feed",
                     "auto-generated from a syndicated feed", "this news automatically",
                     "translate it through programmatic technology", "source link",
                     "first appeared on", "published from a syndicated feed"})


@dataclass(frozen=True, slots=True)
class Marker:
    start: int
    end: int
    phrase: str
    lead_tag: bool


def find_markers(text: str, low: bytes,
                 matches: tuple[tuple[str, int, int, int], ...] | None = None) -> list[Marker]:
    """Scraper/syndication markers and wire lead tags (``matches`` from :func:`_common.scan`)."""
    lex = c.combined()
    if matches is None:
        low, matches, _words = c.scan(text)
    out: list[Marker] = []
    for label, idx, start, end in matches:
        if label != "marker":
            continue
        phrase = lex.phrase(idx)
        if lex.line_start[idx]:
            # (the text itself: lower-casing keeps line breaks and these characters)
            ls = text.rfind("\n", 0, start) + 1
            if text[ls:start].strip(" \t\"'“[") != "":
                continue
        # extend "Go to Source" / "Read more at X" over the rest of a short line
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        stop = end
        if phrase in ("read more at", "originally published by", "originally published at",
                      "originally published on", "appeared first on", "first appeared on",
                      "content retrieved from", "source link", "source:", "via:",
                      "original source:", "original article:", "full story:", "credit:",
                      "article source:", "read the full article at", "read the full story at",
                      "read full article at", "read full story at") and line_end - end <= 80:
            stop = line_end
            while stop > end and text[stop - 1] in " \t\r":
                stop -= 1
        if phrase in ("source:", "original source:", "credit:", "via:", "article source:"):
            tail = text[end:stop].strip()
            # "Source: Reuters" on the wire's own copy is a credit, only a marker near the end
            if not tail or start < 0.6 * len(text) or _VIA_OK.search(tail.lower()):
                continue
        lead = phrase.startswith(("(", "[", "update", "refile", "corrected", "urgent", "breaking"))
        out.append(Marker(start, stop, phrase, lead))
    for via in _VIA_SCAN(low):
        i = via.start()
        ls = text.rfind("\n", 0, i) + 1
        before = text[ls:i].strip()
        if before in ("", "(") or text[i - 1:i] == "(":
            m = _VIA.search(text, ls, (text.find("\n", i) + 1) or len(text))
        else:
            m = None
        if m is not None:
            if _VIA_OK.search(m.group(0).lower()) or any(k.start == m.start() for k in out):
                continue
            out.append(Marker(m.start() + (len(m.group(0)) - len(m.group(0).lstrip())), m.end(),
                              "via", False))
    out.sort(key=lambda k: (k.start, k.end))
    return out


_CREDIT_LINE = re.compile(r"(?i)^\s*(?:author|source|credit|via|from|quelle)\s*:\s*(?:the\s+)?$")
#: Words of a closing line that points to where the text really came from.
#: ``_TAIL_WORDS`` and ``_URLISH`` are searched in the lower-cased line.
_TAIL_WORDS = re.compile(r"\b(?:original(?:ly)?|sourced?|imported|republished|syndicated|"
                         r"full (?:article|story|text)|continue reading|read the rest|"
                         r"retrieved from|copied from|taken from|reposted)\b")
_URLISH = re.compile(r"https?://|www\.|"
                     r"(?<![\w-])[\w-]++\.(?:com|net|org|info|news|co|io|example)\b")


def _tail_line(text: str) -> tuple[int, int] | None:
    """The last line when it is a short pointer to a source page ("Full article: <url>")."""
    end = len(text.rstrip())
    start = text.rfind("\n", 0, end) + 1
    if start <= 0 or end - start > 140 or end - start < 8:
        return None
    line = text[start:end]
    low_line = line.lower()
    if _TAIL_WORDS.search(low_line) and (_URLISH.search(low_line) or len(line) < 90):
        return start + (len(line) - len(line.lstrip())), end
    return None


# -- the detector ----------------------------------------------------------------------------
@dataclass(frozen=True)
class CreditsDetector:
    """Byline, dateline, agency credits, credit conflicts and scraper markers.

    ``head_chars``: bylines and datelines are searched in the first ``head_chars`` characters
    (pages captured with menus put the byline far down: 4,000 covers the seeds) and bylines also
    in the last ``tail_chars`` (author boxes, "Author: X" credit lines).
    ``marker_weight`` / ``strong_marker_weight`` / ``conflict_weight``: each finding's share of
    the score (noisy-OR); ``no_byline_weight`` is kept small on purpose (unsigned wire copy is
    common and honest).
    ``learned_chooser``: for HTML input, the author is picked by the learned chooser
    (:mod:`features.attribution.chooser`) among every candidate the page offers, with the rules'
    answer as one of its features; ``False`` keeps the rules' answer (used to build the
    chooser's training data).
    """

    name: str = "attribution.credits.v1"
    feature_names: tuple[str, ...] = (
        "has_byline", "byline_in_text", "byline_in_markup", "byline_agency_only", "n_authors",
        "has_dateline", "dateline_agency", "datelines_per_1k", "n_text_credits",
        "n_credited_agencies", "credit_conflict", "photo_credit_only", "scraper_markers_per_1k",
        "has_scraper_marker", "strong_scraper_marker", "lead_tag", "marker_in_tail",
        "no_byline_no_dateline", "author_is_organisation", "author_chooser_prob",
        "author_chooser_overrode",
    )
    head_chars: int = 4000
    tail_chars: int = 1500
    marker_weight: float = 0.45
    strong_marker_weight: float = 0.7
    conflict_weight: float = 0.6
    no_byline_weight: float = 0.08
    credit_line_weight: float = 0.3
    tail_line_weight: float = 0.45
    learned_chooser: bool = True
    sourcing: SourcingDetector = field(default_factory=SourcingDetector)

    def __call__(self, doc: Document) -> DetectorResult:
        text = doc.text or ""
        n = len(text)
        low, matches, words = c.scan(text)
        evidence: list[Evidence] = []

        # byline (text)
        regions = [(0, min(n, self.head_chars))]
        if n > self.head_chars:
            regions.append((max(self.head_chars, n - self.tail_chars), n))
        bylines = find_bylines(text, regions, low)
        person = [b for b in bylines if b.agency is None]
        for b in person:
            evidence.append(Evidence("byline", f"byline names {b.names!r}", Span(b.start, b.end),
                                     0.0))
        markup_author = None
        organisation = None
        state: dict[str, Any] | None = None
        if doc.html or doc.metadata.get("author"):
            from features.attribution.markup import author_from_document, \
                organisation_from_document

            state = {}
            markup_author = author_from_document(doc, state=state)
            if not person and markup_author is None:
                organisation = organisation_from_document(doc, tree=state.get("tree"),
                                                          site=state.get("site"))
        byline = person[0].names if person else markup_author
        if person and markup_author and " " in markup_author:
            # the page's own author markup (JSON-LD first) names the writer; a "By" line in the
            # extracted text may belong to a photo, a contributor or a related story
            byline = markup_author
        if byline is None and organisation is None:
            agency_bylines = [b for b in bylines if b.agency]
            if agency_bylines:
                organisation = agency_bylines[0].names  # "By The Associated Press"
        chooser_prob = 0.0
        overrode = org_chosen = False
        if state is not None and doc.html and self.learned_chooser and \
                state.get("tree") is not None and \
                not chooser_gate(byline, text_persons := tuple(b.names for b in person), state,
                                 doc.html):
            # HTML with markup: the learned chooser weighs every candidate the page offers,
            # the rules' answers above among its features (features/attribution/chooser.py)
            from features.attribution import chooser, markup

            chosen, chooser_prob = chooser.choose(
                doc, state["tree"], state.get("site") or markup._site_keys(doc), text_persons,
                tuple(b.names for b in bylines if b.agency), byline,
                organisation if byline is None else None, state.get("found"))
            chooser_prob = round(float(chooser_prob), 6)
            overrode = chosen != byline
            byline = chosen
            org_chosen = bool(overrode and chosen and (markup.is_org_name(chosen) or
                                                        c.agency_of(chosen)))
        elif doc.html and self.learned_chooser and byline and ";" in byline:
            # a gated list from JSON-LD ("A; B"): written as the page shows the same names in
            # a row ("A and B"), when it does (chooser.shown_list)
            from features.attribution import chooser

            byline = chooser.shown_list(doc.html, byline) or byline
        if byline is None:
            evidence.append(Evidence("no_byline", "no author named in the text or markup",
                                     None, self.no_byline_weight))

        # dateline
        datelines = find_datelines(text, 0, min(n, self.head_chars))
        for d in datelines[:1]:
            evidence.append(Evidence("dateline", f"dateline {d.text!r}", Span(d.start, d.end), 0.0))

        # credits
        credits = find_credits(text)
        primary: list[tuple[int, int, str]] = [(cr.start, cr.end, cr.agency)
                                               for cr in credits if cr.kind == "primary"]
        for b in bylines:
            if b.agency:
                primary.append((b.start, b.end, b.agency))
        for d in datelines[:1]:
            if d.agency:
                primary.append((d.start, d.end, d.agency))
        primary.sort()
        credit_names: list[str] = []
        for _s, _e, a in primary:
            if a not in credit_names:
                credit_names.append(a)
        secondary = [cr.agency for cr in credits if cr.kind == "secondary"]
        all_credits = credit_names + [a for a in secondary if a not in credit_names]
        photo = sorted({cr.agency for cr in credits if cr.kind == "photo"})
        conflict = len(credit_names) >= 2
        if conflict:
            first = credit_names[0]
            seen_spans: set[tuple[int, int]] = set()
            for s, e, a in primary:
                if a != first and (s, e) not in seen_spans:
                    seen_spans.add((s, e))
                    evidence.append(Evidence(
                        "credit_conflict", f"text credited to {a} but also to {first}",
                        Span(s, e), self.conflict_weight))

        # scraper markers
        markers = find_markers(text, low, matches)
        # an agency credit line appended at the end ("Author: Agence France-Presse")
        for cr in credits:
            if cr.kind == "primary" and cr.start >= 0.8 * n and \
                    _CREDIT_LINE.search(text[text.rfind("\n", 0, cr.start) + 1:cr.start]) and \
                    not any(m.start <= cr.start < m.end + 2 for m in markers):
                ls = text.rfind("\n", 0, cr.start) + 1
                markers.append(Marker(ls, cr.end, "agency credit line", False))
        tail = _tail_line(text)
        if tail and not any(m.end > tail[0] for m in markers):
            markers.append(Marker(tail[0], tail[1], "tail link/credit line", False))
        markers.sort(key=lambda k: (k.start, k.end))
        strong = [m for m in markers if m.phrase in _STRONG]
        for m in markers:
            kind = "lead tag" if m.lead_tag else "scraper/syndication marker"
            weight = (self.strong_marker_weight if m.phrase in _STRONG
                      else self.credit_line_weight if m.phrase == "agency credit line"
                      else self.tail_line_weight if m.phrase == "tail link/credit line"
                      else self.marker_weight)
            evidence.append(Evidence("scraper_marker", f"{kind} {text[m.start:m.end]!r}",
                                     Span(m.start, m.end), weight))
        in_tail = any(m.start >= 0.8 * n for m in markers)

        # score: noisy-OR of the problem findings
        keep = 1.0
        for ev in evidence:
            if ev.code in ("scraper_marker", "credit_conflict", "no_byline"):
                keep *= 1.0 - ev.weight
        sourcing = self.sourcing(doc)
        keep *= 1.0 - float(sourcing.extras.get("strength", 0.0))
        score = round(1.0 - keep, 4)

        features = {
            "has_byline": float(byline is not None),
            "byline_in_text": float(bool(person)),
            "byline_in_markup": float(markup_author is not None),
            "byline_agency_only": float(not person and markup_author is None and
                                        any(b.agency for b in bylines)),
            "n_authors": float(min(5, _count_authors(byline))),
            "has_dateline": float(bool(datelines)),
            "dateline_agency": float(bool(datelines and datelines[0].agency)),
            "datelines_per_1k": c.per_1k(len(datelines), words),
            "n_text_credits": float(min(10, len(primary) + len(secondary))),
            "n_credited_agencies": float(len(all_credits)),
            "credit_conflict": float(conflict),
            "photo_credit_only": float(bool(photo) and not all_credits and byline is None),
            "scraper_markers_per_1k": c.per_1k(len(markers), words),
            "has_scraper_marker": float(bool(markers)),
            "strong_scraper_marker": float(bool(strong)),
            "lead_tag": float(any(m.lead_tag for m in markers)),
            "marker_in_tail": float(in_tail),
            "no_byline_no_dateline": float(byline is None and not datelines),
            "author_is_organisation": float((byline is None and organisation is not None) or
                                            org_chosen),
            "author_chooser_prob": chooser_prob,
            "author_chooser_overrode": 1.0 if overrode else 0.0,
        }
        extras: dict[str, Any] = {
            "byline": byline,
            "author_organisation": organisation if byline is None else None,
            "dateline": datelines[0].text if datelines else None,
            "credits": all_credits,
            "photo_credits": photo,
        }
        return DetectorResult(self.name, features, tuple(evidence), score, extras)


def chooser_gate(byline: str | None, text_persons: tuple[str, ...],
                 state: dict[str, Any], html: str) -> bool:
    """The rules' answer is confident enough to skip the learned chooser (see
    ``chooser.rules_confident``)."""
    from features.attribution import chooser

    return chooser.rules_confident(byline, text_persons, state.get("found", {}).get("jsonld"),
                                   html)


def _count_authors(byline: str | None) -> int:
    if not byline:
        return 0
    return len([p for p in _AUTHOR_SPLIT(byline) if p.strip()])
