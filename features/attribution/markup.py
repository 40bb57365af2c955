"""Author names from HTML markup: JSON-LD, meta tags and byline elements.

Used by :mod:`features.attribution.credits` when a document carries raw HTML
(``doc.html``) or extractor metadata (``doc.metadata["author"]``). Cost: one lxml parse
(~0.14 ms for a 12 KB page) plus ~0.1 ms of lookups, paid only for HTML input; sources are
looked up lazily; the byline markup reads the elements that carry an author/byline hint in a
class, id, itemprop, rel or link value (one shared attribute query per page, :func:`attr_values`,
also read by the organisation lookup and the learned chooser), not one XPath per query.

Order of trust, chosen on trafilatura-evalset (see reports/attribution.md, every order of the
sources was scored): a schema.org ``author`` in JSON-LD of an article object, then byline
markup (``rel="author"``, ``itemprop="author"``, ``class="byline|author"``, hCard ``.fn``), then a
byline written in the page ("By <a>Jane Doe</a>", "von Klaus Muster", "Autor: X", a "By" label
before the name's element, "25.10.2022 - Jane Doe"). Meta tags (``author``, ``byl``,
``dc.creator``, twitter labels) name the site or a handle more often than the writer, so for
HTML they are a last fallback for person-shaped values only; the extractor's metadata is used
only when no raw HTML is available. A one-word value (handle, first name) gives way to a later
source spelling the same person in full. URLs, UI words, dates, desks, organisations, agencies
(those are credits) and the site's own name are rejected. One-word values (handles such as
"freeman1984", first names) are taken only from explicit author markup: itemprop/rel/class
author elements, a profile link (``/author/``, ``/redaktion/``, ``/members/`` ...) in an author
box or after a "by" / "Thread starter" label, and, as a last resort, the WordPress
``bypostauthor`` comment of the post's own author; never from free text.

Declared organisations (:func:`organisation_from_document`, asked only when no person is found):
a JSON-LD article ``author`` of type Organization or naming a desk ("Redaktion", "PETA-Team",
``@id`` references resolved), or explicit author markup holding a desk; the publisher's own
brand (host, ``og:site_name``, JSON-LD ``publisher``) is not an author. Meta ``author`` is not
used for organisations (it names web agencies and owning companies).

Known false positives: a person-shaped name in an author box or bio on a page that has no
byline; a two-word organisation written like a name ("Stadtwerke Nord") in a date line.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from scorer.document import Document
from scorer.io.html import jsonld_nodes

logger = logging.getLogger(__name__)

_ARTICLE_TYPES = ("article", "newsarticle", "blogposting", "reportagenewsarticle", "posting",
                  "analysisnewsarticle", "opinionnewsarticle", "webpage", "socialmediaposting",
                  "techarticle", "scholarlyarticle", "review", "liveblogposting", "recipe")
_META_NAMES = ("author", "article:author", "byl", "parsely-author", "sailthru.author",
               "dc.creator", "dcterms.creator", "twitter:creator", "cxenseparse:author",
               "og:article:author", "book:author")
#: Values that are not a person's name; both searched in the lower-cased value (no ``(?i)``, and
#: the whole-value tests anchored with ``\A``: a search never rescans from every position).
_BAD_ANY = re.compile(r"https?://|www\.|@|(?<![a-z])(?:web|site)?admin(?:istrat(?:or|eur))?(?![a-z])|©|"
                      r"fotos?:|photos?:|bild:|image:|copyright")
_BAD_WHOLE = re.compile(r"\A(?:(?:[\w-]+\.[a-z]{2,4}|\W*|editor|team|staff|user|guest|anonymous|"
                        r"unknown|super user|name|uncategori[sz]ed|alle artikel|agencies|agenturen|"
                        r"google|home|author|autor|redaktion|editorial staff|mehr|comments?|"
                        r"share|alle beiträge|artikel von|beiträge von|hinterlasse einen kommentar|"
                        r"leave a (?:comment|reply)|kommentare?|antworten|reply|(?:januar|februar|"
                        r"märz|april|mai|juni|juli|august|september|oktober|november|dezember|"
                        r"january|february|march|may|june|july|october|december))\Z|"
                        r"zuletzt|aktualisiert|geändert|updated|published|veröffentlicht|"
                        r"donate|read more|\d|contact)")
#: Link texts of author archive links ("View all posts by Jane Doe").
_ARCHIVE = re.compile(r"(?i)^\s*(?:zeige alle beiträge von|alle beiträge von|view all posts by|"
                      r"all posts by|posts by|articles by|mehr von|more from|weitere artikel von|"
                      r"artikel von|beiträge von)\s+")
_PREFIX = re.compile(r"(?i)^\s*(?:by|von|par|por|di|door|autor(?:in)?|author|auteur|written by|"
                     r"posted by|geschrieben von|verfasst von|ein beitrag von|beitrag von|"
                     r"erstellt von|publicado por|interview|ein artikel von|eine kolumne von|"
                     r"ein gastbeitrag von|gastbeitrag von|pressemitteilung von|edited by|"
                     r"beitragvon|beitrag von|"
                     r"text[eo]?\s*(?:&|und|and|/|\+|y|et)\s*(?:fotos?|bilder?|bild|photos?)|"
                     r"text|artikel von|from)\s*[:：]?\s+")
#: Applied to one-line strings: cut from the first separator to the end (linear: the DOTALL
#: tail never backtracks and a run of spaces is entered once).
_SUFFIX = re.compile(r"(?s)(?<!\s)\s*+(?:\||•|·|-|–|—|\().*+")
#: A date or time after the name ("Jane Doe, 01.12.2021", "Jane Doe | 12 May 2020"): cut at a
#: separator (or a space) followed by a digit. Starts only after a non-space (linear).
_DATE_TAIL = re.compile(r"(?<!\s)(?:\s++(?:[,|/·•–—-]\s*+)?|[,|/·•–—-]\s*+)\d")
#: Link labels of author boxes glued to the name ("Jane Doe Alle Artikel").
_DATE_WORDS = frozenset("""am um vom on at le el den der updated published veröffentlicht
januar februar märz april mai juni juli august september oktober november dezember january
february march may june july october december""".split())
_UI_TAIL = (" alle artikel", " alle beiträge", " view all posts", " all posts", " more articles",
            " mehr artikel", " weitere artikel")


#: Words (lower-cased tokens) that make a value an organisation, a desk or a site, not a person.
_ORG_TOKENS = frozenset("""e.v. e.v ev gmbh ag eg inc inc. ltd ltd. llc plc co. kg verlag team
newsroom desk online news magazin magazine media verein institut institute university
universität zeitung presse press agency agentur agencies editorial sekretariat pressestelle
kitchens service services company corporation foundation stiftung redaktion deutschland
deutsches deutscher österreich schweiz illustrierte club klub efc fc diakonie caritas kirche
church partei party""".split())
#: Parts of German compounds naming an organisation ("TVT-Redaktion", "Bundesverband").
_ORG_PARTS = ("redaktion", "verband", "stiftung", "verlag", "pressestelle", "blog")
#: Word endings of publication names ("Volksblatt", "Tageszeitung", "Stadtanzeiger").
_ORG_SUFFIXES = ("blatt", "zeitung", "anzeiger", "kurier", "rundschau", "nachrichten",
                 "magazin")
_DESKS = frozenset({"red", "red.", "null", "none", "no author", "n/a", "anónimo", "anonimo",
                    "anonym", "redaktion", "admin", "administrator", "webmaster"})


def is_org_name(name: str) -> bool:
    """The value names an organisation, a desk or a placeholder rather than a person."""
    low = name.lower().strip()
    if low in _DESKS:
        return True
    tokens = [t.strip(",;:()") for t in low.replace("-", " ").replace("_", " ").split()]
    if any(t in _ORG_TOKENS for t in tokens):
        return True
    if any(part in low for part in _ORG_PARTS):
        return True
    return any(t.endswith(_ORG_SUFFIXES) for t in tokens)


#: results of :func:`clean_author` for short string values (a pure function of the value: the
#: rules, the organisation lookup and the chooser clean the same values of a page, and many
#: values recur across pages); cleared when full
_CLEANED: dict[str, str | None] = {}
_CLEANED_MAX = 4096
_MISSING = object()


def clean_author(value: Any) -> str | None:
    """A display name from a markup value, or ``None`` when it is not a plausible name."""
    if isinstance(value, str) and len(value) <= 300:
        key = value if type(value) is str else str(value)  # (a smart string keeps its tree)
        got = _CLEANED.get(key, _MISSING)
        if got is not _MISSING:
            return got  # type: ignore[return-value]
        name = _clean_author(key)
        if len(_CLEANED) >= _CLEANED_MAX:
            _CLEANED.clear()
        _CLEANED[key] = name
        return name
    return _clean_author(value)


def _clean_author(value: Any) -> str | None:
    """:func:`clean_author` without the cache."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        names = [n for n in (clean_author(v) for v in value) if n]
        uniq: list[str] = []
        for nm in names:
            if nm not in uniq:
                uniq.append(nm)
        return "; ".join(uniq) if uniq else None
    if isinstance(value, dict):
        return clean_author(value.get("name") or value.get("alternateName"))
    text = " ".join(str(value).split())
    text = _ARCHIVE.sub("", text)
    text = _PREFIX.sub("", text)
    text = _SUFFIX.sub("", text) if len(text) > 40 else text
    text = text.strip(" ,;:|»«›‹")
    dt = _DATE_TAIL.search(text)
    if dt and dt.start() >= 2:
        text = text[:dt.start()].rstrip(" ,;:|/·•–—-»«")
        head, _sp, last = text.rpartition(" ")
        if head and last.lower() in _DATE_WORDS:
            text = head.rstrip(" ,;:|/·•–—-»«")  # "lupa am 12.03.2011" -> "lupa"
    low = text.lower()
    for tail in _UI_TAIL:
        if low.endswith(tail) and len(low) > len(tail) + 2:
            text = text[:len(text) - len(tail)].rstrip(" ,;:|")
            low = text.lower()
            break
    text = _undouble(text)
    words = text.split()
    while len(words) > 1 and words[-1].startswith("@"):
        words.pop()  # "Jane Doe @janedoe": the handle after the name
    text = " ".join(words)
    low = text.lower()
    if not text or len(text) > 80 or _BAD_ANY.search(low) or _BAD_WHOLE.match(low) or \
            low in _LABELS or low in _NAME_PARTICLES:
        return None
    if (sum(ch.isdigit() for ch in text) > 2 and not _HANDLE_DIGITS.match(text)) or \
            is_org_name(text):
        return None
    words = text.split()
    if len(words) >= 3 and words[0].isalpha() and words[0].islower() and \
            words[0] not in _NAME_PARTICLES:
        return None  # "selbst ist der Mann": a phrase, not a name
    text = _drop_outlet_suffix(text)
    from features.attribution import _common as c

    if c.agency_of(text):
        return None  # "AFP", "EFE": an agency credit, not a writer (the text credits see it)
    return text


#: A user handle ending in digits ("freeman1984", "delta201"): one token, letters first.
_HANDLE_DIGITS = re.compile(r"\A[A-Za-z][A-Za-z._-]{2,24}\d{1,4}\Z")


def _undouble(text: str) -> str:
    """ "Jane DoeJane Doe" / "Jane Doe Jane Doe" (the name twice, e.g. a visible and a hidden
    copy in one element) -> "Jane Doe"."""
    n = len(text)
    if n >= 6:
        if n % 2 == 0 and text[:n // 2] == text[n // 2:]:
            return text[:n // 2]
        if n % 2 == 1 and text[n // 2] == " " and text[:n // 2] == text[n // 2 + 1:]:
            return text[:n // 2]
    return text


_DEGREES = frozenset("MD DO RN NP PA MBA MPH PHD MSC BSC JD JR SR II III IV".split())


def _drop_outlet_suffix(text: str) -> str:
    """ "Jane Doe, CNN" / "Jane Doe, Reuters" -> "Jane Doe": a trailing agency or short
    all-caps outlet after the last comma is the employer, not a second author."""
    head, sep, last = text.rpartition(",")
    if not sep or not head.strip():
        return text
    last = last.strip()
    from features.attribution import _common as c

    if c.agency_of(last) or (last.isupper() and last.isalpha() and 2 <= len(last) <= 5 and
                             last not in _DEGREES):
        return head.rstrip(" ,")
    return text


_LD_AUTHOR = re.compile(r'"author"\s*:\s*\[?\s*\{[^{}]*?"name"\s*:\s*"([^"]{2,80})"')
_TW_LABEL = re.compile(r"(?i)^(?:written by|verfasst von|geschrieben von|author|autor|auteur)\b")


def _is_article(obj: dict[str, Any]) -> bool:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in kinds)


#: one-slot cache: the JSON-LD scripts of the last page (the rules, the organisation lookup and
#: the learned chooser read the same page; each parsed it again before)
_LAST_SCRIPTS: list[tuple[Any, Any]] = [(None, ())]  # one (root, scripts) pair: atomic swap


def _jsonld_scripts(tree: Any) -> tuple[tuple[str, Any], ...]:
    """``(raw text, parsed JSON or None when it does not parse)`` of each non-empty JSON-LD
    script in the page (parsed once per page; callers only read the parsed objects)."""
    root = tree.getroottree().getroot()
    last = _LAST_SCRIPTS[0]
    if last[0] is root:
        return last[1]
    out: list[tuple[str, Any]] = []
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            out.append((raw, json.loads(raw)))
        except ValueError:
            out.append((raw, None))
    scripts = tuple(out)
    _LAST_SCRIPTS[0] = (root, scripts)
    return scripts


#: one-slot cache: the attribute values the author lookups read, of the last page
_LAST_ATTRS: list[tuple[Any, Any]] = [(None, ())]  # one (root, values) pair: atomic swap
_ATTR_QUERY: list[Any] = []
#: every element test of ``_markup_author`` / ``_markup_org`` needs one of these in a class,
#: id, itemprop or rel value (ASCII lower-cased)
_AUTHOR_HINT = re.compile(r"author|autor|auteur|byline|verfasser")


def attr_values(tree: Any) -> tuple[Any, ...]:
    """The ``class``, ``id``, ``itemprop``, ``rel`` values and link ``href`` values of the page
    in document order (lxml smart strings: ``getparent()`` is the element), queried once."""
    root = tree.getroottree().getroot()
    last = _LAST_ATTRS[0]
    if last[0] is root:
        return last[1]
    if not _ATTR_QUERY:
        from lxml import etree  # type: ignore[import-untyped]

        _ATTR_QUERY.append(etree.XPath("//@class | //@id | //@itemprop | //@rel | //a/@href"))
    values = tuple(_ATTR_QUERY[0](root))
    _LAST_ATTRS[0] = (root, values)
    return values


def hinted_elements(tree: Any, pattern: re.Pattern[str]) -> list[Any]:
    """Elements (document order, each once) with an attribute value of :func:`attr_values`
    that ``pattern`` finds after ASCII lower-casing: one regex pass over the joined values."""
    values = attr_values(tree)
    out: list[Any] = []
    seen: set[Any] = set()
    for i in hinted_indexes(tree, pattern):
        el = values[i].getparent()
        if el is not None and el not in seen:
            seen.add(el)
            out.append(el)
    return out


#: one-slot cache: the joined, lower-cased attribute values of the last page
_LAST_JOINED: list[tuple[Any, Any]] = [((), b"")]
#: bytes versions of the hint patterns (see :func:`hinted_indexes`)
_BYTES_PATTERNS: dict[Any, Any] = {}


def hinted_indexes(tree: Any, pattern: re.Pattern[str]) -> list[int]:
    """Indexes into :func:`attr_values` of the values in which ``pattern`` (alternatives of
    lower-case ASCII words) finds a match after ASCII lower-casing, in order, each once: one
    regex pass over the values joined by NUL.

    The joined values are lower-cased as bytes (``encode("ascii", "replace").lower()``: one
    byte per character, so offsets are character offsets, and every non-ASCII character
    becomes "?"), built once per page for both callers. The matches are those of the
    ``str`` joined values lower-cased with :data:`_ASCII_LOWER` (the reference): a match holds
    ASCII letters only, and the two strings have the same ASCII letters at the same places.
    A match's value is the number of NULs before it (attribute values hold no NUL)."""
    values = attr_values(tree)
    if not values:
        return []
    last = _LAST_JOINED[0]
    if last[0] is values:
        joined = last[1]
    else:
        joined = "\x00".join(values).encode("ascii", "replace").lower()
        _LAST_JOINED[0] = (values, joined)
    bpat = _BYTES_PATTERNS.get(pattern)
    if bpat is None:
        bpat = _BYTES_PATTERNS[pattern] = re.compile(pattern.pattern.encode("ascii"))
    hits: list[int] = []
    i = 0
    pos = 0
    for m in bpat.finditer(joined):
        start = m.start()
        i += joined.count(b"\x00", pos, start)
        pos = start
        if not hits or hits[-1] != i:
            hits.append(i)
    return hits


def hinted_indexes_reference(tree: Any, pattern: re.Pattern[str]) -> list[int]:
    """:func:`hinted_indexes` on the ``str`` values (the former code; used by the tests)."""
    import bisect
    import itertools

    values = attr_values(tree)
    if not values:
        return []
    joined = "\x00".join(values).translate(_ASCII_LOWER)
    ends = list(itertools.accumulate(len(v) + 1 for v in values))
    hits: list[int] = []
    for m in pattern.finditer(joined):
        i = bisect.bisect_right(ends, m.start())
        if not hits or hits[-1] != i:
            hits.append(i)
    return hits


def _jsonld_author(tree: Any, site: tuple[str, ...] = ()) -> str | None:
    persons: dict[str, str] = {}
    found: list[Any] = []
    for raw, data in _jsonld_scripts(tree):
        if data is None:
            # broken JSON-LD (trailing commas, raw newlines) still names its author
            m = _LD_AUTHOR.search(raw)
            if m:
                found.append(m.group(1))
            continue
        for obj in jsonld_nodes(data):
            t = obj.get("@type")
            if t == "Person" and isinstance(obj.get("@id"), str) and obj.get("name"):
                persons[obj["@id"]] = str(obj["name"])
            if _is_article(obj) and obj.get("author"):
                found.append(obj["author"])
    for author in found:
        if isinstance(author, dict) and "@id" in author and "name" not in author:
            author = persons.get(author["@id"])
        elif isinstance(author, list):
            author = [persons.get(a["@id"], a) if isinstance(a, dict) and "@id" in a
                      and "name" not in a else a for a in author]
        if isinstance(author, dict) and str(author.get("@type", "")).lower() == "organization":
            continue
        name = clean_author(author)
        if name and not _is_site(name, site):
            return name
    return None


def _meta_author(tree: Any, site: tuple[str, ...] = ()) -> str | None:
    metas = [(m.get("name"), m.get("property"), m.get("content"))
             for m in tree.getroottree().getroot().iter("meta")]
    for name, _prop, content in metas:
        if name and name.startswith("twitter:label") and _TW_LABEL.match(content or ""):
            key = name.replace("label", "data")
            for name2, _p2, content2 in metas:
                if name2 == key:
                    found = clean_author(content2)
                    if found and not _is_site(found, site):
                        return found
    lowered = [((name or "").translate(_ASCII_LOWER), prop, content)
               for name, prop, content in metas]
    for key in _META_NAMES:
        for lname, prop, content in lowered:
            if lname == key or prop == key:
                found = clean_author(content)
                if found and not _is_site(found, site):
                    return found
    return None


#: XPath ``translate`` lower-casing: ASCII letters only.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_AUTHOR_WORDS = ("author", "autor", "byline", "verfasser", "auteur")


def _authorish(value: str | None) -> bool:
    if not value:
        return False
    low = value.translate(_ASCII_LOWER)
    return "aut" in low and ("author" in low or "autor" in low or "auteur" in low) or \
        "byline" in low or "verfasser" in low


def _in_comment(el: Any) -> bool:
    """ancestor-or-self: comment, avatar or bio class, comment id, or a footer (``<body>`` and
    ``<html>`` classes describe the whole page, e.g. WordPress "no-avatars", and are not read)."""
    while el is not None and el.tag not in ("body", "html"):
        cls = el.get("class") or ""
        if el.tag == "footer" or "comment" in cls or "avatar" in cls or "bio" in cls or \
                "comment" in (el.get("id") or ""):
            return True
        el = el.getparent()
    return False


_NAME_PARTICLES = frozenset("de da di du del della der den van von la le bin ibn al el dos".split())


_ARTICLES = frozenset("The Die Der Das La Le Les El Los Il Lo".split())


def _person_shaped(name: str) -> bool:
    """2-4 capitalised words of letters (particles allowed): "Jane Doe", "Ana de la Cruz"."""
    words = name.split()
    if not 2 <= len(words) <= 4 or words[0] in _NAME_PARTICLES or words[0] in _ARTICLES:
        return False
    for w in words:
        if w in _NAME_PARTICLES:
            continue
        if not w[:1].isupper() or not all(ch.isalpha() or ch in ".'’-" for ch in w):
            return False
    return True


_LIST_SEP = re.compile(r",\s|\s(?:und|and|&|et|y|e)\s")


def _persons_list(name: str) -> bool:
    """2-4 person-shaped names joined by commas or "and": "Jane Doe, John Roe und Ann Poe"."""
    parts = _LIST_SEP.split(name)
    return 2 <= len(parts) <= 4 and all(_person_shaped(p.strip()) for p in parts)


def _under(containers: list[Any], pred: Any, limit: int = 3) -> list[Any]:
    """The first ``limit`` elements matching ``pred`` below any container, in document order
    (``//container//x`` in XPath): nested containers are skipped, and the subtrees of disjoint
    containers follow each other in document order."""
    out: list[Any] = []
    taken: set[Any] = set()
    for cont in containers:
        if taken and any(a in taken for a in cont.iterancestors()):
            continue
        taken.add(cont)
        for el in cont.iterdescendants():
            if isinstance(el.tag, str) and pred(el):
                out.append(el)
                if len(out) >= limit:
                    return out
    return out


def _markup_author(tree: Any, site: tuple[str, ...] = ()) -> str | None:
    """Byline markup, in order of trust; one pass over the hinted elements (an attribute value
    with author/autor/auteur/byline/verfasser: every test below needs one) collects the
    containers and the elements that qualify by their own attributes, then each query is
    answered from those.

    Queries (XPath equivalents, each tried on its first three nodes in document order):
    ``//*[@itemprop="author"]//*[@itemprop="name"]``, ``//*[@itemprop="author"]``,
    ``//a[@rel="author"]``, class token ``author-name``, ``//*[contains(@class,"byline")]//a``,
    hCard ``.fn`` below an author/byline container outside comments, ``//*[contains(@class,
    "author")]//a[contains(@href,"author")]``, class token ``author``, ``contains(@class,
    "byline")``; then, person-shaped values only, links below and leaf elements of any element
    whose class or id says author/autor/byline/verfasser/auteur outside comments, avatars, bios
    and footers (such containers also hold labels, dates and bios).
    """
    ip_author: list[Any] = []
    rel_author: list[Any] = []
    author_name: list[Any] = []
    author_token: list[Any] = []
    byline_cls: list[Any] = []
    author_cls: list[Any] = []
    authorish: list[Any] = []
    # only elements with an author/byline hint in an attribute can pass the tests below
    for el in hinted_elements(tree, _AUTHOR_HINT):
        tag = el.tag
        if not isinstance(tag, str):
            continue
        cls = el.get("class")
        ident = el.get("id")
        if el.get("itemprop") == "author":
            ip_author.append(el)
        if tag == "a" and el.get("rel") == "author":
            rel_author.append(el)
        if cls:
            if "author" in cls:
                author_cls.append(el)
                toks = cls.split()
                if "author-name" in toks:
                    author_name.append(el)
                if "author" in toks:
                    author_token.append(el)
            if "byline" in cls:
                byline_cls.append(el)
        if (cls and _authorish(cls) or ident and _authorish(ident)) and not _in_comment(el):
            authorish.append(el)

    def is_a(el: Any) -> bool:
        return el.tag == "a"

    def is_fn(el: Any) -> bool:
        cls = el.get("class")
        return cls is not None and " fn " in f" {cls} "

    def author_link(el: Any) -> bool:
        return el.tag == "a" and "author" in (el.get("href") or "")

    def leaves() -> list[Any]:
        return [el for el in authorish
                if not any(isinstance(ch.tag, str) for ch in el)][:3]

    def short_boxes() -> list[Any]:
        # "<div class="intro__author"><span>von</span> Jane Doe, John Roe</div>": a small box
        # (a few children, short text); big containers are never flattened
        out: list[Any] = []
        for el in authorish:
            if 0 < len(el) <= 8 and any(isinstance(ch.tag, str) for ch in el) and \
                    len(text_content(el)) <= 120:
                out.append(el)
                if len(out) == 3:
                    break
        return out

    steps = (
        (lambda: _under(ip_author, lambda el: el.get("itemprop") == "name"), False),
        (lambda: ip_author[:3], False),
        (lambda: rel_author[:3], False),
        (lambda: author_name[:3], False),
        (lambda: _under(byline_cls, is_a), False),
        (lambda: _under(authorish, is_fn), False),
        (lambda: _under(author_cls, author_link), False),
        (lambda: author_token[:3], False),
        (lambda: byline_cls[:3], False),
        (lambda: _under(authorish, is_a), True),
        (leaves, True),
        (short_boxes, True),
    )
    for nodes_of, strict in steps:
        for node in nodes_of():
            if node.tag in ("meta", "link"):
                name = clean_author(node.get("content") or node.get("href"))
            else:
                name = clean_author(text_content(node))
            if not name or _is_site(name, site):
                continue
            if len(name.split()) <= 6 and (not strict or _person_shaped(name)):
                return name
            if strict and _persons_list(name):
                return name
            if strict and node.tag == "a" and " " not in name and len(name) >= 2 and \
                    _profile_link(node):
                return name  # "von <a href="/redaktion/ulrike">Ulrike</a>" in an author box
    return None


#: Paths of author/profile pages: a one-word link text pointing there is the author's handle.
_PROFILE_PATH = re.compile(r"/(?:author|autor|autoren|redaktion|profile?|profil|user|members?|"
                           r"benutzer)/")


def _profile_link(node: Any) -> bool:
    href = node.get("href") or ""
    return bool(_PROFILE_PATH.search(href.lower()))


_VISIBLE_HEAD = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:By|BY|Von|von|VON|Autor(?:in)?:|Redaktion:|Author:|Auteur(?:e)?:|Verfasst von:?|"
    r"Geschrieben von:?|Text:|Par|par|Por|por|Door|door|Written by|Posted by|Story by|"
    r"Eine? (?:Artikel|Beitrag|Kolumne|Gastbeitrag|Kommentar|Interview) von)"
    r"(?:\s+|(?<=:))(?P<rest>.*)$", re.DOTALL)
_VISIBLE_STOP = re.compile(r"\A\s*(?:[,|•·/(]|\s-\s|\s–\s|\s—\s|\d|\bam\b|\bon\b|\bund\b(?=\s+\d)|"
                           r"\bupdated\b|\bpublished\b|$)")
_NAME_TOKENS = re.compile(r"(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|de|van|von|der|la|le|da|di|del)"
                          r"(?:\s+(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|de|van|von|der|la|le|da|di|del)){0,3}")
_HANDLE = re.compile(r"[\w.-]{2,30}")


#: A label standing alone before the name's element ("<span>By</span><a>Jane Doe</a>").
_LABELS = frozenset({"by", "von", "autor", "autorin", "author", "auteur", "written by", "por",
                     "par", "door", "story by", "text", "verfasser", "verfasst von",
                     "thread starter", "themenstarter", "started by"})
#: "25.10.2022 - Jane Doe", "04.02.2022 | 13:10 Uhr | Jane Doe": a date line ending in a name.
_DATE_NAME = re.compile(r"\A\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}(?:\s*[|,]\s*\d{1,2}[:.]\d{2}(?:\s*Uhr)?)?"
                        r"\s*[-|–—]\s*(?P<name>[^|<>\d]{3,60})\Z")


def _sibling(el: Any) -> Any:
    """The element after ``el`` (climbing at most three levels to find one)."""
    for _ in range(3):
        nxt = el.getnext()
        while nxt is not None and not isinstance(nxt.tag, str):
            nxt = nxt.getnext()
        if nxt is not None:
            return nxt
        el = el.getparent()
        if el is None:
            return None
    return None


def _profile_handle(el: Any) -> str | None:
    """A one-word name in a profile link at or just below ``el`` ("<h3><a href="/profile/42">
    delta201</a></h3>" after a "by" label)."""
    links = [el] if el.tag == "a" else [a for a in el.iter("a")][:2]
    if len(links) != 1 or not _profile_link(links[0]):
        return None
    name = clean_author(text_content(links[0]))
    return name if name and " " not in name and len(name) >= 2 else None


def _name_at(rest: str, head: str) -> str | None:
    nm = _NAME_TOKENS.match(rest)
    if nm:
        if not _VISIBLE_STOP.match(rest[nm.end():]):
            return None
        name = clean_author(nm.group(0))
        if name and (len(name.split()) >= 2 or head.endswith(":")):
            return name
    elif head.endswith(":"):
        hm = _HANDLE.match(rest)
        if hm and _VISIBLE_STOP.match(rest[hm.end():]):
            return clean_author(hm.group(0))
    return None


def _visible_author(tree: Any, site: tuple[str, ...] = ()) -> str | None:
    """A byline written in the page ("By <a>Jane Doe</a>", "von Klaus Muster", "Autor: X"),
    a label element followed by the name's element, or a date line ending in a name."""
    for el in tree.iter("byline", "p", "span", "div", "em", "small", "address", "li", "td",
                        "strong", "b", "i", "font", "h4", "h5", "h6", "header"):
        own = el.text
        name = None
        if own and len(own) <= 60 and not _VISIBLE_HEAD.match(own) and el.tag != "byline":
            label = own.strip(" \t\n\r|:·•").lower()
            if label in _LABELS and not any(isinstance(ch.tag, str) for ch in el) and \
                    not (el.tail and el.tail.strip()):
                nxt = _sibling(el)
                if nxt is not None:
                    name = _name_at(" ".join(text_content(nxt).split())[:100], "") or \
                        _profile_handle(nxt)
            elif own[:1].isdigit() and not any(isinstance(ch.tag, str) for ch in el):
                dm = _DATE_NAME.match(" ".join(own.split()))
                if dm:
                    cand = clean_author(dm.group("name"))
                    name = cand if cand and _person_shaped(cand) else None
            if name and not _is_site(name, site):
                return name
            continue
        if not own or len(own) > 60:
            if el.tag != "byline":
                continue
        full = " ".join(text_content(el).split())[:140]
        if el.tag != "byline" and full.endswith(":") and el.tail and el.tail.strip():
            # "<span>Autor:</span> Jane Doe<br>": the name is the label's tail text
            full = full + " " + " ".join(el.tail.split())[:100]
        m = _VISIBLE_HEAD.match(full)
        rest = m.group("rest") if m else full
        head = full[:len(full) - len(rest)].strip().lower() if m else ""
        name = _name_at(rest, head)
        if name and not _is_site(name, site):
            return name
    return None


def _parse(html: str) -> Any:
    """The lxml tree of a page, or ``None`` for empty or unparseable input."""
    if not html or not html.strip():
        return None
    import lxml.html  # type: ignore[import-untyped]
    from lxml import etree  # type: ignore[import-untyped]

    head = html.lstrip()
    if head.startswith("<?xml"):
        # lxml refuses str input with an encoding declaration; the text is already decoded
        head = head[head.find("?>") + 2:] if "?>" in head else ""
        html = head
    try:
        try:
            return lxml.html.fromstring(html, parser=_plain_parser())
        except AttributeError:
            # ``fromstring`` merges extra <body>/<head> elements with ``drop_tree``, a method
            # of lxml.html's element classes only: parse again with lxml.html's own parser
            return lxml.html.fromstring(html)
    except (ValueError, TypeError, etree.LxmlError) as exc:  # empty or broken documents
        logger.debug("html parse failed: %s", exc)
        return None


_PLAIN_PARSER: list[Any] = []
_STRING: list[Any] = []


def _plain_parser() -> Any:
    """lxml.html's parser options (libxml2's HTML parser, comments and processing
    instructions kept) without its element-class lookup (a Python call for every element
    proxy lxml creates) and without the table of id attributes (for XPath ``id()``, unused
    here): the same tree, plain ``lxml.etree`` elements."""
    if not _PLAIN_PARSER:
        from lxml import etree  # type: ignore[import-untyped]

        _PLAIN_PARSER.append(etree.HTMLParser(collect_ids=False))
    return _PLAIN_PARSER[0]


def text_content(el: Any) -> str:
    """``el.text_content()`` of lxml.html (XPath ``string()``: all text below ``el``, comments
    excluded) for any lxml element."""
    if not _STRING:
        from lxml import etree  # type: ignore[import-untyped]

        _STRING.append(etree.XPath("string()", smart_strings=False))
    text: str = _STRING[0](el)
    return text


_SAYS = re.compile(r"(?i)(?<!\s)\s++(?:sagt|says|dit|schreibt|writes|meint)\s*+:?\s*+\Z")
_COMMENT_NAME = re.compile(r"(?:\A|\s)(?:fn|comment-author|author-name|username)(?:\s|\Z)")


def _postauthor(tree: Any, site: tuple[str, ...] = ()) -> str | None:
    """WordPress marks the post author's own comments with ``bypostauthor``: the name shown
    there (``.fn``, ``.comment-author``) or the ``comment-author-<slug>`` class is the account
    that published the post. Used only when no other source names anyone."""
    for el in tree.getroottree().getroot().iter():
        if not isinstance(el.tag, str):
            continue
        cls = el.get("class")
        if not cls or "bypostauthor" not in cls or "bypostauthor" not in cls.split():
            continue
        for d in el.iterdescendants():
            if isinstance(d.tag, str) and _COMMENT_NAME.search(d.get("class") or ""):
                name = clean_author(_SAYS.sub("", " ".join(text_content(d).split())[:80]))
                if name and len(name) >= 2 and len(name.split()) <= 4 and \
                        not _is_site(name, site):
                    return name
                break
        for tok in cls.split():
            if tok.startswith("comment-author-") and len(tok) >= 17:
                name = clean_author(tok[len("comment-author-"):])
                if name and not _is_site(name, site):
                    return name
        return None
    return None


_SOURCES = {"jsonld": _jsonld_author, "markup": _markup_author, "meta": _meta_author,
            "visible": _visible_author, "postauthor": _postauthor}


def _lookup(key: str, tree: Any, site: tuple[str, ...] = ()) -> str | None:
    try:
        return _SOURCES[key](tree, site)
    except (ValueError, TypeError, AttributeError) as exc:
        logger.debug("%s author lookup failed: %s", key, exc)
        return None


def author_candidates(html: str) -> dict[str, str | None]:
    """Author names found by each markup source (for evaluation and debugging)."""
    out: dict[str, str | None] = {"jsonld": None, "markup": None, "meta": None, "visible": None}
    tree = _parse(html)
    if tree is None:
        return out
    for key in out:
        out[key] = _lookup(key, tree)
    return out


#: Tried last, any value (handles too): the account the page itself marks as the post's author.
LAST_RESORT: tuple[str, ...] = ("postauthor",)
#: Which sources are trusted, in order (see the module docstring).
ORDER: tuple[str, ...] = ("jsonld", "markup", "visible")
#: Used when the document has no raw HTML (metadata from a reader or an earlier extraction).
NO_HTML_ORDER: tuple[str, ...] = ("extractor",)
#: Tried after ``ORDER`` when no source there answers; person-shaped values only.
FALLBACK: tuple[str, ...] = ("meta",)


def author_from_document(doc: Document, order: tuple[str, ...] = ORDER,
                         fallback: tuple[str, ...] = FALLBACK,
                         state: dict[str, Any] | None = None) -> str | None:
    """The author of an HTML document, from markup and extractor metadata.

    Sources are looked up lazily in ``order``: the page is parsed once, and the first source
    that gives an acceptable name ends the search (JSON-LD usually answers before the element
    walk of the byline markup is needed). Two refinements, both only when needed:

    - a one-word value (a handle or first name: "edilson.la.rosa", "Nils") gives way to a
      person-shaped name from a later source that spells the same person in full
      ("Edilson La Rosa", "Nils Pickert");
    - when no source in ``order`` answers, the ``fallback`` sources (meta tags) are used, but
      only for a person-shaped value (meta ``author`` often names the site or a handle).

    ``state``: an optional dict that receives the parsed page under ``"tree"`` (reused by
    :func:`organisation_from_document`).
    """
    site = _site_keys(doc)
    if not doc.html:
        order = NO_HTML_ORDER
        fallback = ()
    if state is None:
        state = {}
    state["site"] = site  # reused by the organisation lookup and the chooser (same document)

    def get(key: str) -> str | None:
        if key == "extractor":
            name = clean_author(doc.metadata.get("author")) if doc.metadata else None
        else:
            if "tree" not in state:
                state["tree"] = _parse(doc.html or "")
            tree = state["tree"]
            found = state.setdefault("found", {})  # kept for the chooser (same lookups)
            if key not in found:
                if key == "postauthor" and "bypostauthor" not in (doc.html or ""):
                    found[key] = None  # the lookup needs that class name in the page
                else:
                    found[key] = _lookup(key, tree, site) if tree is not None else None
            name = found[key]
        return name if name and not _is_site(name, site) else None

    for i, key in enumerate(order):
        name = get(key)
        if not name:
            continue
        if " " not in name:
            short = _squash(name)
            for later in order[i + 1:] + fallback:
                full = get(later)
                if full and _person_shaped(full) and len(short) >= 3 and \
                        _squash(full).startswith(short):
                    return full
        return name
    for key in fallback:
        name = get(key)
        if name and _person_shaped(name):
            return name
    if doc.html and LAST_RESORT:
        for key in LAST_RESORT:
            name = get(key)
            if name:
                return name
    return None


# -- declared organisation authors -------------------------------------------------------------
#: Placeholders that name nobody, not even a desk.
_ORG_PLACEHOLDERS = frozenset({"null", "none", "no author", "n/a", "unknown", "anonymous",
                               "anonym", "anónimo", "anonimo", "admin", "administrator",
                               "webmaster", "user", "guest", "super user", "name", "author",
                               "autor", "editor", "agencies", "agenturen", "google", "home"})


def clean_org(value: Any) -> str | None:
    """A declared organisation or desk author ("Redaktion", "PETA-Team", "Agencia EFE") as
    written, or ``None`` for URLs, handles, placeholders and UI strings."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        for v in value:
            name = clean_org(v)
            if name:
                return name
        return None
    if isinstance(value, dict):
        return clean_org(value.get("name") or value.get("legalName"))
    text = " ".join(str(value).split())
    text = _ARCHIVE.sub("", text)
    text = _PREFIX.sub("", text)
    text = text.strip(" ,;:|»«›‹")
    low = text.lower()
    if not text or len(text) > 80 or low in _ORG_PLACEHOLDERS or low in _LABELS or \
            text.startswith("@") or "http" in low or "www." in low or "©" in low or \
            "copyright" in low or sum(ch.isdigit() for ch in text) > 4:
        return None
    if not any(ch.isalpha() for ch in text):
        return None
    return text


def _org_shaped(name: str, site: tuple[str, ...]) -> bool:
    """An organisation, desk or agency name that is not the publisher itself."""
    from features.attribution import _common as c

    return (is_org_name(name) or bool(c.agency_of(name))) and not _is_publisher(name, site)


def _is_publisher(name: str, site: tuple[str, ...]) -> bool:
    """The publisher's own brand ("Deutsche Wirtschaftsnachrichten" on
    deutsche-wirtschafts-nachrichten.de, "The Economist"): says nothing about who wrote the
    page. A desk of the publisher ("Redaktion Polizeiticker Schweiz") is kept."""
    squashed = _NON_WORD_SUB("", name.lower())
    if squashed.startswith("the"):
        squashed = squashed[3:]
    if len(squashed) < 3 or "redaktion" in squashed or "team" in squashed:
        return False
    return any(len(k) >= 3 and (k in squashed or squashed in k) for k in site)


def _jsonld_org(tree: Any, site: tuple[str, ...]) -> str | None:
    """A JSON-LD article ``author`` of type Organization, or an author value that names an
    organisation or a desk; not the publisher itself."""
    found: list[Any] = []
    publishers: list[str] = []
    nodes: dict[str, dict[str, Any]] = {}
    for _raw, data in _jsonld_scripts(tree):
        if data is None:
            continue
        for obj in jsonld_nodes(data):
            if isinstance(obj.get("@id"), str) and obj.get("name"):
                nodes[obj["@id"]] = obj
            if not _is_article(obj):
                continue
            pub = obj.get("publisher")
            if isinstance(pub, dict) and isinstance(pub.get("name"), str):
                publishers.append(_NON_WORD_SUB("", pub["name"].lower()))
            if not obj.get("author"):
                continue
            authors = obj["author"] if isinstance(obj["author"], list) else [obj["author"]]
            found.extend(authors)
    keys = site + tuple(p for p in publishers if len(p) >= 3)
    for author in found:
        if isinstance(author, dict) and "name" not in author and \
                isinstance(author.get("@id"), str):
            author = nodes.get(author["@id"], author)  # Yoast: {"@id": ...} -> the Person node
        declared = isinstance(author, dict) and \
            str(author.get("@type", "")).lower() == "organization"
        name = clean_org(author)
        if name and (_org_shaped(name, keys) or (declared and not _is_publisher(name, keys))):
            return name
    return None


def _markup_org(tree: Any, site: tuple[str, ...]) -> str | None:
    """An organisation in explicit author markup (``itemprop="author"``, ``rel="author"``,
    class token ``author``/``author-name``)."""
    seen = 0
    for el in hinted_elements(tree, _AUTHOR_HINT):  # the tests below need "author" somewhere
        if not isinstance(el.tag, str):
            continue
        cls = el.get("class")
        toks = cls.split() if cls and "author" in cls else ()
        if el.get("itemprop") == "author" or (el.tag == "a" and el.get("rel") == "author") or \
                "author" in toks or "author-name" in toks:
            if _in_comment(el):
                continue
            seen += 1
            if el.tag in ("meta", "link"):
                value = el.get("content")
            else:
                value = text_content(el)
            name = clean_org(value)
            if name and _org_shaped(name, site):
                return name
            if seen >= 6:
                return None
    return None


def _meta_org(tree: Any, site: tuple[str, ...]) -> str | None:
    for m in tree.getroottree().getroot().iter("meta"):
        key = (m.get("name") or m.get("property") or "").translate(_ASCII_LOWER)
        if key in ("author", "article:author", "dc.creator", "dcterms.creator", "byl",
                   "parsely-author", "sailthru.author"):
            name = clean_org(m.get("content"))
            if name and _org_shaped(name, site):
                return name
    return None


_ORG_SOURCES = {"jsonld": _jsonld_org, "markup": _markup_org, "meta": _meta_org}
#: Order in which declared organisation authors are looked up. Meta ``author`` is left out:
#: measured on trafilatura-evalset it names the web agency or the owning company ("wegewerk
#: GmbH", "Deutsches Weininstitut GmbH") more often than a desk (+2 / -3 pages).
ORG_ORDER: tuple[str, ...] = ("jsonld", "markup")


def organisation_from_document(doc: Document, order: tuple[str, ...] = ORG_ORDER,
                               tree: Any = None,
                               site: tuple[str, ...] | None = None) -> str | None:
    """The organisation or desk the page itself declares as its author (JSON-LD author of type
    Organization, explicit author markup or meta author holding an organisation, a desk or the
    site's own name). Reported beside, never instead of, a person's byline."""
    site = _site_keys(doc) if site is None else site
    if not doc.html:
        name = clean_org(doc.metadata.get("author")) if doc.metadata else None
        return name if name and _org_shaped(name, site) else None
    if tree is None:
        tree = _parse(doc.html)
    if tree is None:
        return None
    for key in order:
        try:
            name = _ORG_SOURCES[key](tree, site)
        except (ValueError, TypeError, AttributeError) as exc:
            logger.debug("%s organisation lookup failed: %s", key, exc)
            continue
        if name:
            return name
    return None


#: ``re.sub`` patterns compiled once (bound methods: the same results without a lookup in
#: the ``re`` module's cache per call)
_NON_WORD_SUB = re.compile(r"[^\w]").sub
_SCHEME_SUB = re.compile(r"^https?://").sub
_WWW_SUB = re.compile(r"^www\.").sub


def _squash(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


def _site_keys(doc: Document) -> tuple[str, ...]:
    """Squashed site names (host without TLD, site_name) to tell a publisher from a person."""
    keys: list[str] = []
    meta = doc.metadata or {}
    for value in (meta.get("site_name"), meta.get("hostname"), doc.url, meta.get("canonical_url")):
        if not value:
            continue
        v = str(value).lower()
        v = _SCHEME_SUB("", v).split("/")[0]
        v = _WWW_SUB("", v)
        labels = v.split(".")
        keys.append(_NON_WORD_SUB("", labels[-2] if len(labels) >= 2 else v))
    return tuple(k for k in keys if len(k) >= 3)


def _is_site(name: str, site: tuple[str, ...]) -> bool:
    """The 'author' is the publisher itself ("Die Tagespresse" on dietagespresse.com)."""
    if not site:
        return False
    squashed = _NON_WORD_SUB("", name.lower())
    if len(squashed) < 3:
        return False
    return any(squashed == k for k in site)
