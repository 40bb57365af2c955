"""A learned author chooser for HTML input: every author candidate a page offers, generic
features per candidate, and a small conditional-logit model that picks one (or nobody).

Used by :mod:`features.attribution.credits` when a document carries raw HTML. The hand rules of
:mod:`features.attribution.markup` (a fixed order of trust: JSON-LD, byline markup, visible
"By" lines, person-shaped meta) plateaued on trafilatura-evalset (reports/attribution.md); here
they are one voice among many. Candidates come from:

- JSON-LD: article ``author`` values (persons and organisations), other Person nodes, the
  publisher's name;
- meta tags (``author``, ``article:author``, ``dc.creator``, twitter "Written by" labels ...);
- elements whose ``itemprop``/``rel``/class/id say author/byline/autor/verfasser, hCard ``.fn``,
  profile links (``/author/``, ``/redaktion/``, ``/members/`` ...), links and leaves inside author
  boxes, forum/comment poster markup (``comment-author``, ``username``, ``bypostauthor``);
- a visible "By/Von/Autor:" line (``markup._visible_author``), and every "By / Von / Por /
  Par / Door / Autor: / Author:" phrase in the page body (raw HTML after ``<body``, outside
  tags, scripts and styles; an Aho-Corasick pre-filter finds the places, at most 30);
- runs of several author elements as the page shows them ("A, B and C");
- the site itself: ``og:site_name`` (the parts of ``<title>`` were tried and left out: no
  effect in cross-validation);
- the text bylines of the credits detector, and the hand-rule answers (person and declared
  organisation) as features of the candidates they name.

Each distinct value gets generic features (which sources name it and how often, where it first
appears in the page, inside a comment/footer area or not, token count, capitalisation,
handle-shape, person-shape, organisation tokens, equal to the site name or publisher, present in
the extracted text, shown in the page body or only in metadata the reader never sees).

Gate (speed): a person-shaped answer of the rules that a text byline gives, or that JSON-LD
gives and the body shows, is kept without running the chooser (:func:`rules_confident`); the
chooser runs on the other HTML pages (about a fifth of the news corpus).

Model: a conditional logit (one softmax per page over its candidates and a "no author" option
scored from page-level features: candidate counts, author markup present, and whether the page
is an article at all, ``PAGE_FEATURES``), trained on trafilatura-evalset by
``benchmarks/attribution/train_chooser.py`` and evaluated only by cross-validation grouped by
site. The best candidate is the author when its probability against "no author" reaches the
threshold (0.5), else the page has no author; a text byline is never overruled by "nobody".
No page-specific rules.

The weights live in ``features/data/attribution/byline_chooser.json`` (loaded lazily, once).
Known false positives: a person named in the page's own JSON-LD and shown on the page where the
gold says "no author"; one-word handles and site names on blogs and forums (and misses of the
same kinds: the model is cautious with them).
"""

from __future__ import annotations

import bisect
import functools
import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from features.attribution import _common as cm
from features.attribution import markup as mk

_DATA = "byline_chooser.json"

#: Source kinds; one count feature each (``src_<kind>``).
KINDS = ("jsonld_author", "jsonld_org", "jsonld_person", "jsonld_publisher", "meta_author",
         "meta_other", "itemprop", "rel", "class_author_token", "class_author", "class_byline",
         "id_author", "fn", "profile_link", "box_link", "box_leaf", "poster", "postauthor",
         "visible", "site_name", "title_part", "text_byline", "text_agency",
         # second round (2026-11-23): a run of author elements as the page shows it
         # ("A, B and C"), and "By/Von/Por/Par/Autor: Name" phrases in the page's HTML
         "name_run", "by_phrase",
         # fourth round (2026-11-23): a person's name that spells the site's own host name
         # ("Jane Doe" in the <title>, a meta tag or the site title of janedoe.example.org)
         "site_owner",
         # a line at the end of the extracted text that is only a person's name whose first
         # word is a known given name ("Jane Doe", "... (Jane Doe) +++")
         "signature")

_META_AUTHOR = frozenset(("author", "article:author", "byl", "parsely-author", "sailthru.author",
                          "dc.creator", "dcterms.creator", "cxenseparse:author",
                          "og:article:author", "book:author"))
#: other meta names that carry the author ("shareaholic:article_author_name",
#: "article:author_name", "og:author", "twitter:author", "dc:creator"): the last segment of
#: the name says author (fourth round, 2026-11-23)
_META_AUTHOR_TAIL = re.compile(r"[:.](?:article_)?(?:author|creator)(?:_name)?$")
_POSTER = ("comment-author", "username", "user-name", "poster", "postauthor", "post-author",
           "vcard")
_PROFILE = re.compile(r"/(?:author|autor|autoren|redaktion|profile?|profil|user|users|members?|"
                      r"benutzer|mitglied|people|team)/")
#: every attribute test of ``_own_kinds`` needs one of these substrings (lower-cased values)
_ATTR_HINT = re.compile(r"author|creator|autor|auteur|byline|verfasser|fn|user|poster|vcard|"
                        r"profil|member|redaktion|people|team|benutzer|mitglied")
#: at most this many author-ish elements are read per page (bounded cost on huge pages)
_MAX_ELEMENTS = 60
_MAX_VALUE = 120


@dataclass
class Candidate:
    value: str
    counts: dict[str, int] = field(default_factory=dict)
    first_pos: float = 1.0
    outside_comment: int = 0
    inside_comment: int = 0
    rule_person: bool = False
    rule_org: bool = False
    lenient: bool = False  # only the lenient clean-up accepted it (organisation, desk, site)


def _clean(raw: Any) -> tuple[str | None, bool]:
    """(value, lenient): the person clean-up first, else the organisation clean-up."""
    name = mk.clean_author(raw)
    if name:
        return name, False
    org = mk.clean_org(raw)
    if org and len(org.split()) <= 6:
        return org, True
    return None, False


class _Pool:
    def __init__(self, html: str = "", owner_labels: frozenset[str] = frozenset()) -> None:
        self.cands: dict[str, Candidate] = {}
        self.cleaned: dict[str, tuple[str | None, bool]] = {}
        self.html = html
        self.owner_labels = owner_labels  # host labels a site owner's name may spell

    def add(self, raw: Any, kind: str, pos: float = 1.0, in_comment: bool = False) -> None:
        if raw is None:
            return
        if isinstance(raw, str):
            if len(raw) > _MAX_VALUE * 2:
                return
            hit = self.cleaned.get(raw)
            if hit is None:
                hit = self.cleaned[raw] = _clean(raw)
            value, lenient = hit
        else:
            value, lenient = _clean(raw)
        if not value:
            return
        value = " ".join(value.split())
        c = self.cands.get(value)
        if c is None:
            c = self.cands[value] = Candidate(value, lenient=lenient)
        c.counts[kind] = c.counts.get(kind, 0) + 1
        c.first_pos = min(c.first_pos, pos)
        if in_comment:
            c.inside_comment += 1
        else:
            c.outside_comment += 1


def _jsonld(tree: Any, pool: _Pool) -> None:
    nodes: dict[str, dict[str, Any]] = {}
    authors: list[Any] = []
    for _raw, data in mk._jsonld_scripts(tree):
        if data is None:
            m = mk._LD_AUTHOR.search(_raw)
            if m:
                authors.append(m.group(1))
            continue
        for obj in mk.jsonld_nodes(data):
            if not isinstance(obj, dict):
                continue
            t = obj.get("@type")
            if isinstance(obj.get("@id"), str) and obj.get("name"):
                nodes[obj["@id"]] = obj
            if t == "Person" and obj.get("name"):
                pool.add(obj.get("name"), "jsonld_person", 0.0)
            if mk._is_article(obj):
                a = obj.get("author")
                if a:
                    authors.extend(a if isinstance(a, list) else [a])
                pub = obj.get("publisher")
                if isinstance(pub, dict):
                    pool.add(pub.get("name"), "jsonld_publisher", 0.0)
    persons: list[Any] = []
    for a in authors:
        if isinstance(a, dict) and "name" not in a and isinstance(a.get("@id"), str):
            a = nodes.get(a["@id"], a)
        if isinstance(a, dict) and str(a.get("@type", "")).lower() == "organization":
            pool.add(a, "jsonld_org", 0.0)
        else:
            pool.add(a, "jsonld_author", 0.0)
            persons.append(a)
    if len(persons) > 1:
        pool.add(persons, "jsonld_author", 0.0)  # the joined list ("A; B") as one candidate


def _meta(tree: Any, pool: _Pool) -> None:
    metas = [(m.get("name") or m.get("property") or "", m.get("content"))
             for m in tree.getroottree().getroot().iter("meta")]
    owner = pool.owner_labels
    for key, content in metas:
        k = key.translate(mk._ASCII_LOWER)
        if owner and content and len(content) <= 60:
            _owner(content, owner, pool)
        if k in _META_AUTHOR or (_META_AUTHOR_TAIL.search(k) and not k.startswith("twitter:c")):
            pool.add(content, "meta_author", 0.0)
        elif k == "og:site_name" or k == "application-name":
            pool.add(content, "site_name", 0.0)
        elif k.startswith("twitter:label") and mk._TW_LABEL.match(content or ""):
            want = k.replace("label", "data")
            for key2, content2 in metas:
                if key2.translate(mk._ASCII_LOWER) == want:
                    pool.add(content2, "meta_other", 0.0)
        elif k == "twitter:creator":
            pool.add(content, "meta_other", 0.0)


_UMLAUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_HONORIFIC = re.compile(r"^(?:(?:Dr|Prof|Mag|Dipl\.-\w{2,5}|Ing)\.[ \xa0]*+)+")
_OWNER_SPLIT = re.compile(r"\s[-–—|:·•»/]\s|[|,–—·•»]")


_NOT_ALNUM = re.compile(r"[^a-z0-9]++")


def _squash_forms(name: str) -> tuple[str, ...]:
    """The name lower-cased with ASCII letters and digits only, umlauts spelled out ("ü" ->
    "ue") and, second form, accents dropped ("ü" -> "u"), as host names write them."""
    low = name.lower()
    if low.isascii():
        return (_NOT_ALNUM.sub("", low),)
    out = []
    for form in (low.translate(_UMLAUT), low):
        plain = unicodedata.normalize("NFKD", form).encode("ascii", "ignore").decode("ascii")
        out.append(_NOT_ALNUM.sub("", plain))
    return tuple(out)


_URL_SCHEME_SUB = re.compile(r"^[a-z]+://").sub


def owner_labels(doc: Any) -> frozenset[str]:
    """The labels of the page's host name (without "www", the TLD and "co."/"com." second
    levels), letters and digits only, at least 6 long: the names a site owner's name could
    spell ("janedoe" of janedoe.wordpress.com or jane-doe.de)."""
    labels: set[str] = set()
    meta = getattr(doc, "metadata", None) or {}
    for value in (getattr(doc, "url", None), meta.get("canonical_url")):
        if not value or not isinstance(value, str):
            continue
        host = _URL_SCHEME_SUB("", value.lower()).split("/")[0].split(":")[0]
        parts = host.split(".")[:-1]
        for part in parts:
            if part in ("www", "co", "com", "org", "net"):
                continue
            sq = "".join(ch for ch in part if ch.isalnum())
            if len(sq) >= 6:
                labels.add(sq)
    return frozenset(labels)


def _owner(content: str, labels: frozenset[str], pool: "_Pool") -> None:
    """Parts of a title or meta text that are a person's name spelling the host name
    ("Dr. Jane Doe" on jane-doe.de gives "Jane Doe"; honorifics dropped)."""
    if not any(lb in f for f in _squash_forms(content) for lb in labels):
        return  # no host label in the whole text (most meta values): nothing to split
    for part in _OWNER_SPLIT.split(content):
        part = _HONORIFIC.sub("", " ".join(part.split()))
        if not 2 <= len(part.split()) <= 4 or not mk._person_shaped(part):
            continue
        if any(f in labels for f in _squash_forms(part)):
            pool.add(part, "site_owner", 0.0)


_SIGN_PAREN = re.compile(r"\(([^()\n]{4,60}+)\)[ \t+]*+$")
_SIGN_STRIP = " \t-–—*_•·"


def _signature(text: str, pool: _Pool) -> None:
    """The last three non-empty lines of the extracted text: a line that is only a
    person-shaped name opening with a known given name, or that ends with one in parentheses,
    signs the article."""
    tail = text[-600:]
    lines = [ln for ln in tail.splitlines() if ln.strip()][-3:]
    for ln in lines:
        if len(ln) > 200:
            continue
        cand = ln.strip(_SIGN_STRIP)
        m = _SIGN_PAREN.search(ln)
        for value in (cand, m.group(1).strip() if m else ""):
            if value and len(value) <= 60 and value.split()[0] in given_names() and \
                    mk._person_shaped(value) and "’s" not in value and "'s" not in value:
                pool.add(value, "signature", 1.0)


@functools.lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Given names (``given_names.txt``, built from allsides-baly2020 author names), loaded
    once."""
    from features.attribution._common import DATA_DIR

    return frozenset(ln.strip() for ln in (DATA_DIR / "given_names.txt").read_text(
        encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#"))


def _title(tree: Any, pool: _Pool) -> None:
    """The site owner's name among the parts of ``<title>`` (only when the host spells it)."""
    if not pool.owner_labels:
        return
    el = tree.find(".//title")
    if el is not None:
        text = mk.text_content(el)
        if text and len(text) <= 300:
            _owner(text, pool.owner_labels, pool)


def _own_kinds(el: Any, tag: str) -> list[str]:
    kinds = []
    ip = el.get("itemprop")
    if ip and ("author" in ip or "creator" in ip):
        kinds.append("itemprop")
    rel = el.get("rel")
    if rel and "author" in rel:
        kinds.append("rel")
    cls = el.get("class")
    if cls:
        low = cls.translate(mk._ASCII_LOWER)
        toks = low.split()
        if "author" in toks or "author-name" in toks or "autor" in toks:
            kinds.append("class_author_token")
        elif mk._authorish(low):
            kinds.append("class_author")
        if "byline" in low:
            kinds.append("class_byline")
        if "fn" in toks:
            kinds.append("fn")
        if any(p in low for p in _POSTER):
            kinds.append("poster")
    ident = el.get("id")
    if ident and mk._authorish(ident):
        kinds.append("id_author")
    if tag == "a":
        href = el.get("href")
        if href and _PROFILE.search(href.translate(mk._ASCII_LOWER)):
            kinds.append("profile_link")
    return kinds


def _elements(tree: Any, pool: _Pool) -> None:
    values = mk.attr_values(tree)  # shared with the rules' markup lookups (queried once)
    run_items: list[tuple[Any, str, float]] = []
    total = max(1, len(values))
    seen = 0
    done: set[Any] = set()
    # one pre-test over all attribute values joined (a value that no hint substring touches
    # cannot make its element an author element); hits are mapped back to their values
    for i in mk.hinted_indexes(tree, _ATTR_HINT):
        value = values[i]
        el = value.getparent()
        if el is None or el in done:
            continue
        done.add(el)
        tag = el.tag
        if not isinstance(tag, str) or tag in ("script", "style", "html", "body", "head"):
            continue
        kinds = _own_kinds(el, tag)
        if not kinds:
            continue
        seen += 1
        if seen > _MAX_ELEMENTS:
            break
        pos = i / total
        com = mk._in_comment(el)
        if tag in ("meta", "link"):
            for k in kinds:
                pool.add(el.get("content"), k, pos, com)
            continue
        text = mk.text_content(el)
        if len(text) <= _MAX_VALUE * 2:
            text = " ".join(text.split())
            if text and len(text) <= _MAX_VALUE:
                for k in kinds:
                    pool.add(text, k, pos, com)
                if not com and len(text) <= 60 and any(k in _RUN_KINDS for k in kinds):
                    run_items.append((el, text, pos))
        if any(k in ("class_author_token", "class_author", "class_byline", "itemprop",
                     "id_author") for k in kinds) and len(el):
            links = 0
            leaves = 0
            for d in el.iterdescendants():
                if not isinstance(d.tag, str):
                    continue
                if d.tag == "a" and links < 3:
                    links += 1
                    pool.add(" ".join(mk.text_content(d).split())[:_MAX_VALUE], "box_link", pos,
                             com)
                elif leaves < 4 and not len(d) and d.text and d.text.strip():
                    leaves += 1
                    pool.add(" ".join(d.text.split())[:_MAX_VALUE], "box_leaf", pos, com)
                if links >= 3 and leaves >= 4:
                    break
    _name_runs(run_items, pool)


#: element kinds whose texts may form a run of several authors shown together
_RUN_KINDS = frozenset(("itemprop", "rel", "class_author_token", "class_author", "fn",
                        "profile_link", "id_author"))
_MAX_RUN_ITEMS = 24


def _name_runs(items: list[tuple[Any, str, float]], pool: _Pool) -> None:
    """Several author elements shown together ("<a>A</a>, <a>B</a> and <a>C</a>"): the
    run as the page displays it, from the first name to the last in their nearest common
    container (up to three levels up; at most three runs). (The names joined by "; " as a
    further candidate were measured and left out: no gold value had that form.)"""
    names: list[tuple[Any, str, float]] = []
    seen_text: set[str] = set()
    for el, text, pos in items[:_MAX_RUN_ITEMS]:
        name = mk.clean_author(text)
        if not name or ";" in name or not (mk._person_shaped(name) or
                                           len(name.split()) >= 2):
            continue
        if name in seen_text:
            continue
        seen_text.add(name)
        names.append((el, name, pos))
    if len(names) < 2:
        return
    done: set[int] = set()
    runs = 0
    for depth in (1, 2, 3):
        groups: dict[Any, list[int]] = {}
        for j, (el, _n, _p) in enumerate(names):
            if j in done:
                continue
            anc = el
            for _ in range(depth):
                anc = anc.getparent() if anc is not None else None
            if anc is not None:
                groups.setdefault(anc, []).append(j)
        for anc, idx in groups.items():
            if len(idx) < 2 or runs >= 3:
                continue
            members = [names[j] for j in idx]
            shown = mk.text_content(anc)
            if len(shown) > 2000:
                continue
            shown = " ".join(shown.split())
            first, last = members[0][1], members[-1][1]
            a = shown.find(first)
            b = shown.rfind(last)
            if a < 0 or b < a:
                continue
            run = shown[a:b + len(last)]
            if len(run) > _MAX_VALUE:
                continue
            done.update(idx)
            runs += 1
            pool.add(run, "name_run", members[0][2])


#: "By Jane Doe" / "von Jane Doe" / "Por Agencia EFE" / "Autor: Jane Doe" in the page's text,
#: markup between the label and the name allowed; read from the raw HTML after ``<body``
_BY_PHRASE = re.compile(
    r"(?<![\w-])(?:(?:[Bb]y|BY|[Vv]on|VON|[Pp]or|POR|[Pp]ar|PAR|[Dd]oor)[ \t\n\xa0]++|"
    r"(?:[Aa]utor(?:in)?:|[Aa]uthor:|[Aa]uteur\s?:|"
    # 2026-11-23, third chooser round: "Text: / Text & Fotos: / Text und Bilder: / Texto: /
    # Texte :" and "Verfasser(in): / Redakteur(in):" credit labels; after a colon label the
    # name may follow a tag at once ("Text & Fotos:</b> Name")
    r"(?:Text|TEXT)[eo]?(?:[ \xa0]?(?:&amp;|&|und|and|/|\+|y|et)[ \xa0]?"
    r"(?:[Ff]otos?|[Bb]ilder?|[Bb]ild|[Pp]hotos?))?[ \xa0]?:|Verfasser(?:in)?:|"
    r"Redakteur(?:in)?:)[ \t\n\xa0]*+)(?:<[^<>]{0,300}+>[ \t\n]*+){0,4}+"
    r"([A-ZÀ-ÖØ-Þ][\w'’.-]{0,30}+(?:[ \xa0](?:de |da |van |von |der |la |del )?"
    r"[A-ZÀ-ÖØ-Þ][\w'’.-]{0,30}+){0,3}+)")
_MAX_BY = 30


@functools.lru_cache(maxsize=1)
def _by_automaton() -> Any:
    """Aho-Corasick over the label words (three casings, four separators): the places where
    ``_BY_PHRASE`` can match, found ten times faster than by the regex's own scan (its
    leading alternation gives the regex engine no literal prefix to skip by)."""
    import ahocorasick_rs

    pats = []
    for w in ("by", "von", "por", "par", "door"):
        for cased in (w, w.capitalize(), w.upper()):
            pats.extend(cased + ws for ws in (" ", "\xa0", "\n", "\t"))
    for w in ("autor:", "autorin:", "author:", "auteur:", "auteur :"):
        pats.extend((w, w.capitalize()))
    pats.extend(("Text", "TEXT", "Verfasser", "Redakteur"))
    return ahocorasick_rs.AhoCorasick(pats)


def _by_phrases(tree: Any, pool: _Pool) -> None:
    """Names after "By/Von/Por/Par/Door/Autor:/Author:" anywhere in the page's body text
    (raw HTML after ``<body``, outside tags, comments-as-markup and ``<script>`` elements;
    at most ``_MAX_BY`` phrases). The text bylines of the credits detector read only the
    head and tail of the extracted text; these phrases also come from captions, footers,
    info boxes and lines the extractor dropped ("06.11.2023 von Olga")."""
    html = pool.html
    start = html.find("<body")
    if start < 0:
        start = html.find("<BODY")
    if start < 0:
        return
    size = max(1, len(html) - start)
    scripts: list[tuple[int, int]] = []  # <script> elements after <body>, found on first need
    n = 0
    body = html[start:]
    after = -1
    for _i, hit, _e in _by_automaton().find_matches_as_indexes(body):
        a = start + hit
        if a < after:
            continue  # inside the previous phrase (the regex scan would not look there)
        m = _BY_PHRASE.match(html, a)
        if m is None:
            continue
        after = m.end()
        lt = html.rfind("<", start, a)
        if lt >= 0 and lt > html.rfind(">", start, a):
            continue  # inside a tag
        if not scripts:
            scripts = _script_spans(html, start)
        k = bisect.bisect_right(scripts, (a, a)) - 1
        if k >= 0 and scripts[k][0] <= a < scripts[k][1]:
            continue
        n += 1
        pool.add(m.group(1), "by_phrase", (a - start) / size)
        if n >= _MAX_BY:
            break


def _script_spans(html: str, start: int) -> list[tuple[int, int]]:
    """(start, end) of each ``<script>``/``<style>`` element after ``start`` (plain finds,
    linear), with a sentinel so the list is never empty."""
    spans: list[tuple[int, int]] = []
    for tag in ("<script", "<style"):
        close = "</" + tag[1:]
        pos = html.find(tag, start)
        while pos >= 0:
            end = html.find(close, pos)
            if end < 0:
                end = len(html)
            spans.append((pos, end))
            pos = html.find(tag, end)
    spans.append((-2, -1))
    spans.sort()
    return spans


#: candidate sources read from the parsed page (the evaluation script ablates them)
#: (the parts of ``<title>`` were tried as a source and left out: no effect in CV)
STEPS = (_jsonld, _meta, _elements, _by_phrases, _title)


def candidates(doc: Any, tree: Any, text_persons: tuple[str, ...] = (),
               text_agencies: tuple[str, ...] = (), rule_person: str | None = None,
               rule_org: str | None = None, site: tuple[str, ...] = (),
               found: dict[str, Any] | None = None) -> list[Candidate]:
    """Every distinct author value the page offers, with the evidence for each. ``found``:
    the lookups ``markup.author_from_document`` already made (same arguments), reused."""
    pool = _Pool(getattr(doc, "html", None) or "", owner_labels(doc))
    found = found if found is not None else {}
    if tree is not None:
        for step in STEPS:
            try:
                step(tree, pool)
            except (ValueError, TypeError, AttributeError):
                continue
        html = getattr(doc, "html", None) or ""
        for key in ("visible", "postauthor"):
            if key not in found:
                if key == "postauthor" and html and "bypostauthor" not in html:
                    found[key] = None  # the lookup needs that class in the page
                else:
                    found[key] = mk._lookup(key, tree, site)
            pool.add(found[key], key, 0.5)
    _signature(getattr(doc, "text", None) or "", pool)
    for name in text_persons:
        pool.add(name, "text_byline", 0.5)
    for name in text_agencies:
        pool.add(name, "text_agency", 0.5)
    for name, flag in ((rule_person, "rule_person"), (rule_org, "rule_org")):
        if name:  # the hand rules' answer: a flag on its candidate, not a source count
            pool.add(name, "rule", 0.5)
            c = pool.cands.get(" ".join(name.split()))
            if c is not None:
                setattr(c, flag, True)
                c.counts.pop("rule", None)
    return list(pool.cands.values())


_ORG_WORDS = ("team", "redaktion", "staff", "desk", "newsroom", "online", "news", "verlag",
              "press", "presse")


#: page-level features (the same on every candidate row; the "no author" option reads them)
PAGE_FEATURES = ("pg_og_article", "pg_ld_article", "pg_published", "pg_article_el",
                 "pg_text_len", "pg_comments")
_SRC = {k: "src_" + k for k in KINDS}
#: every feature :func:`features` can set (rows are sparse)
FEATURE_NAMES = tuple("src_" + k for k in KINDS) + (
    "n_sources", "log_count", "first_pos", "only_in_comment", "some_in_comment", "rule_person",
    "rule_org", "lenient_only", "n_words_1", "n_words_2", "n_words_3", "n_words_4p", "n_chars",
    "person_shaped", "persons_list", "is_org", "org_word", "is_agency", "all_upper", "all_lower",
    "has_digit", "handle_shape", "caps_words", "is_site", "contains_site", "in_text",
    "in_text_head", "visible_body", "hidden_rule", "hidden_meta_only", "org_x_explicit", "org_x_jsonld", "site_x_explicit", "person_x_explicit",
    "one_word_x_profile", "title_only", "n_cands", "page_has_jsonld_author",
    "page_has_author_markup", "page_has_rule_person",
    # second round (2026-11-23): lists written with "; " (a join of separate names) or as
    # displayed text ("A, B and C")
    "list_semicolon", "list_display") + PAGE_FEATURES
_EXPLICIT = ("jsonld_author", "itemprop", "rel", "class_author_token")


def features(c: Candidate, site: tuple[str, ...], text: str, n_cands: int,
             page_kinds: set[str], html: str = "") -> dict[str, float]:
    """Generic features of one candidate (no page-specific rules). Sparse: a feature that is
    0 is left out (the model reads a missing feature as 0)."""
    v = c.value
    words = v.split()
    nw = len(words)
    f: dict[str, float] = {}
    counts = c.counts
    total = 0
    n_src = 0
    publisher = "site_name" in counts or "jsonld_publisher" in counts
    for k, n in counts.items():
        key = _SRC.get(k)
        if k == "site_owner" and publisher:
            continue  # the site's own name (a publication), not its owner's
        if key and n:
            total += n
            n_src += 1
            f[key] = 3.0 if n > 3 else float(n)
    if n_src:
        f["n_sources"] = float(n_src)
        f["log_count"] = math.log1p(total)
    if c.first_pos:
        f["first_pos"] = c.first_pos
    if c.inside_comment:
        f["some_in_comment"] = 1.0
        if not c.outside_comment:
            f["only_in_comment"] = 1.0
    if c.rule_person:
        f["rule_person"] = 1.0
    if c.rule_org:
        f["rule_org"] = 1.0
    if c.lenient:
        f["lenient_only"] = 1.0
    f["n_words_1" if nw == 1 else "n_words_2" if nw == 2 else "n_words_3" if nw == 3
      else "n_words_4p"] = 1.0
    f["n_chars"] = min(60.0, float(len(v))) / 60.0
    person = mk._person_shaped(v)
    if person:
        f["person_shaped"] = 1.0
    if ";" in v or (nw >= 4 and mk._persons_list(v)):
        f["persons_list"] = 1.0
        f["list_semicolon" if ";" in v else "list_display"] = 1.0
    org = mk.is_org_name(v)
    if org:
        f["is_org"] = 1.0
    if any(w.lower().strip(".,") in _ORG_WORDS for w in words):
        f["org_word"] = 1.0
    if nw <= 5 and cm.agency_of(v):
        f["is_agency"] = 1.0
    has_upper = has_lower = has_digit = False
    for ch in v:
        if ch.isupper():
            has_upper = True
        elif ch.islower():
            has_lower = True
        elif ch.isdigit():
            has_digit = True
    if has_upper and not has_lower:
        f["all_upper"] = 1.0
    if has_lower and not has_upper:
        f["all_lower"] = 1.0
    if has_digit:
        f["has_digit"] = 1.0
    if nw == 1 and ("." in v or "_" in v or has_digit or v.islower()):
        f["handle_shape"] = 1.0
    caps = sum(1 for w in words if w[:1].isupper()) / max(1, nw)
    if caps:
        f["caps_words"] = caps
    contains_site = False
    if site:
        sq = mk._squash(v)
        if sq in site:
            f["is_site"] = 1.0
        if len(sq) >= 3 and any(len(k) >= 4 and (k in sq or sq in k) for k in site):
            contains_site = True
            f["contains_site"] = 1.0
    if len(v) >= 3 and v in text:
        f["in_text"] = 1.0
        if v in text[:600]:
            f["in_text_head"] = 1.0
    if html:
        if all(visible_in_body(html, nm) for nm in (v.split("; ") if ";" in v else [v])):
            f["visible_body"] = 1.0
        else:
            # named only by metadata the reader never sees (JSON-LD, meta tags, attributes)
            if c.rule_person:
                f["hidden_rule"] = 1.0
            if counts and all(k.startswith(("jsonld_", "meta_")) for k in counts):
                f["hidden_meta_only"] = 1.0
    # interactions a linear model cannot form itself
    if any(counts.get(k) for k in _EXPLICIT):
        if org:
            f["org_x_explicit"] = 1.0
        if contains_site:
            f["site_x_explicit"] = 1.0
        if person:
            f["person_x_explicit"] = 1.0
    if org and counts.get("jsonld_author"):
        f["org_x_jsonld"] = 1.0
    if nw == 1 and counts.get("profile_link"):
        f["one_word_x_profile"] = 1.0
    if counts and all(k in ("title_part", "site_name") for k in counts):
        f["title_only"] = 1.0
    f["n_cands"] = min(30.0, float(n_cands)) / 30.0
    if "jsonld_author" in page_kinds:
        f["page_has_jsonld_author"] = 1.0
    if page_kinds & {"itemprop", "rel", "class_author_token"}:
        f["page_has_author_markup"] = 1.0
    if "rule_person" in page_kinds:
        f["page_has_rule_person"] = 1.0
    return f


def rules_confident(rule_person: str | None, text_persons: tuple[str, ...],
                    jsonld: str | None, html: str = "") -> bool:
    """The rules' answer is kept without running the chooser: a person-shaped name (or a list
    of such names) that a text byline gives, or that the page's JSON-LD article author gives
    and the page shows in its body. This keeps the HTML cost flat (JSON-LD answers most news
    pages); the figures of the gated chooser are in reports/attribution.md."""
    if not rule_person:
        return False
    if rule_person not in text_persons:
        if rule_person != jsonld:
            return False
        names = rule_person.split("; ") if ";" in rule_person else [rule_person]
        if not all(visible_in_body(html, nm) for nm in names):
            return False  # an author only the metadata knows: let the chooser weigh it
    return mk._person_shaped(rule_person) or ";" in rule_person or \
        (len(rule_person.split()) >= 4 and mk._persons_list(rule_person))


def _spellings(value: str) -> tuple[str, ...]:
    """The value as written, and with non-ASCII characters as numeric and named references."""
    if value.isascii():
        return (value,)
    import html.entities as ent

    named = "".join(f"&{ent.codepoint2name[ord(ch)]};" if ord(ch) in ent.codepoint2name
                    else ch for ch in value)
    return (value, value.encode("ascii", "xmlcharrefreplace").decode("ascii"), named)


def visible_in_body(html: str, value: str, limit: int = 20) -> bool:
    """``value`` occurs in the page's body as text: after ``<body``, outside tags and
    ``<script>`` elements (raw string search, no parse; at most ``limit`` occurrences read)."""
    if not html or len(value) < 2:
        return False
    start = html.find("<body")
    if start < 0:
        start = html.find("<BODY")
    start = max(start, 0)
    for spelled in _spellings(value):
        pos = html.find(spelled, start)
        n = 0
        while pos >= 0 and n < limit:
            n += 1
            if html.rfind(">", 0, pos) >= html.rfind("<", 0, pos) and \
                    html.rfind("<script", 0, pos) <= html.rfind("</script", 0, pos):
                return True
            pos = html.find(spelled, pos + 1)
    return False


@functools.lru_cache(maxsize=1)
def model() -> dict[str, Any]:
    """The trained chooser (feature names, weights, bias, threshold), loaded once."""
    from features.attribution._common import DATA_DIR

    return json.loads((DATA_DIR / _DATA).read_text(encoding="utf-8"))


def page_rows(doc: Any, tree: Any, site: tuple[str, ...], text_persons: tuple[str, ...],
              text_agencies: tuple[str, ...], rule_person: str | None,
              rule_org: str | None, found: dict[str, Any] | None = None
              ) -> tuple[list[Candidate], list[dict[str, float]]]:
    cands = candidates(doc, tree, text_persons, text_agencies, rule_person, rule_org, site,
                       found)
    kinds: set[str] = set()
    for c in cands:
        kinds.update(k for k, n in c.counts.items() if n)
        if c.rule_person:
            kinds.add("rule_person")
    text = doc.text or ""
    html = getattr(doc, "html", None) or ""
    rows = [features(c, site, text, len(cands), kinds, html) for c in cands]
    if rows:
        pg = page_features(html, text)
        if pg:
            for r in rows:
                r.update(pg)
    return cands, rows


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w[:1].isalpha()).lower()


def _long_forms(values: list[str], i: int) -> list[int]:
    """The candidates that write the one-word candidate ``i`` in full: person-shaped (or ALL
    CAPS) values of 2-4 words whose first word is ``i`` or whose initials spell it, whatever
    the case ("Henry" / "HENRY STEINHAU", "DT" / "Donald Townsend")."""
    low = values[i].strip().lower()
    out: list[int] = []
    if len(low) < 2 or " " in low:
        return out
    for j, v in enumerate(values):
        words = v.split()
        if j == i or not 2 <= len(words) <= 4 or ";" in v or "," in v:
            continue
        if low != words[0].lower() and low != _initials(words):
            continue
        if mk._person_shaped(v) or v.isupper():
            out.append(j)
    return out


def pick_form(values: list[str], j: int) -> int:
    """The form of the chosen candidate ``j`` to output. A one-word pick (a first name, a
    handle, initials) that the page also writes in full as one person gives that full form;
    a "; " list gives the page's own list form (:func:`display_form`)."""
    longs = _long_forms(values, j)
    if longs and len({values[k] for k in longs}) == 1:
        return longs[0]
    return display_form(values, j)


_OG_ARTICLE = re.compile(r"""og:type["']\s*+content=["']article|content=["']article["']\s*+"""
                         r"""property=["']og:type""")
_LD_ARTICLE = re.compile(r'"@type"\s*+:\s*+\[?\s*+"(?:\w{0,20}Article|BlogPosting|Posting)"')


def page_features(html: str, text: str) -> dict[str, float]:
    """Is the page an article at all (og:type, JSON-LD type, a publication date, an
    ``<article>`` element, the length of the extracted text), and does it carry comments."""
    f: dict[str, float] = {}
    if not html:
        return f
    if _OG_ARTICLE.search(html):
        f["pg_og_article"] = 1.0
    if _LD_ARTICLE.search(html):
        f["pg_ld_article"] = 1.0
    if "datePublished" in html or "article:published_time" in html:
        f["pg_published"] = 1.0
    if "<article" in html:
        f["pg_article_el"] = 1.0
    if text:
        f["pg_text_len"] = min(1.0, len(text) / 8000.0)
    if "comment-author" in html or "comment-body" in html:
        f["pg_comments"] = 1.0
    return f


def _linear(m: dict[str, Any]) -> tuple[dict[str, float], float]:
    """The standardised weights folded into one coefficient per feature and a constant
    (cached on the model dict)."""
    got = m.get("_linear")
    if got is None:
        coef = {n: w / s for n, w, s in zip(m["features"], m["weights"], m["scale"])}
        const = -sum(w * mu / s for w, mu, s in zip(m["weights"], m["mean"], m["scale"]))
        got = m["_linear"] = (coef, const)
    return got


def choose_rows(cands: list[Candidate], rows: list[dict[str, float]],
                m: dict[str, Any] | None = None) -> tuple[str | None, float]:
    """Conditional logit: each candidate's score ``w . x`` against the "no author" option's
    score ``v . page features + b``; the best candidate wins when its probability against "no
    author" reaches the threshold. Returns (value or ``None``, that probability)."""
    if not cands:
        return None, 0.0
    m = m or model()
    coef, const = _linear(m)
    best_i, best_s = 0, -math.inf
    for i, r in enumerate(rows):
        z = const
        for name, x in r.items():
            if x:
                z += coef.get(name, 0.0) * x
        if z > best_s:
            best_i, best_s = i, z
    r0 = rows[0]
    sn = m["none_bias"]
    for name, v in zip(m["none_features"], m["none_weights"]):
        sn += v * r0.get(name, 0.0)
    d = max(-30.0, min(30.0, best_s - sn))
    prob = 1.0 / (1.0 + math.exp(-d))
    if prob < m["threshold"]:
        return None, prob
    return cands[pick_form([c.value for c in cands], best_i)].value, prob


_NAME_SEP = re.compile(r"[;,&]|\band\b|\bund\b")


def _name_key(value: str) -> tuple[str, ...]:
    """The names of a list in order, each whitespace-normalised (no leading whitespace run in the
    separator pattern: linear on long whitespace runs)."""
    return tuple(q for q in (" ".join(p.split()) for p in _NAME_SEP.split(value)) if q)


#: the separators ``credits._count_authors`` splits at (the author count stays the same)
_SHOWN_SEP = r"(?:[ \t\n\xa0]*+[,;][ \t\n\xa0]*+(?:(?:and|und|&)[ \t\n\xa0]++)?|" \
    r"[ \t\n\xa0]++(?:and|und|&)[ \t\n\xa0]++)"
_TAG = re.compile(r"<[^<>]{0,500}+>")


def shown_list(html: str, value: str, limit: int = 10) -> str | None:
    """The names of a "; " list (JSON-LD's separate author entries, "A; B") as the page's body
    shows them in a row ("A and B", "A, B & C"): the first place where the first name is
    text and the others follow, markup between them ignored; ``None`` when the page does not
    show them so. Raw string search, no parse (used for the lists the gate keeps)."""
    names = [n.strip() for n in value.split(";")]
    if not 2 <= len(names) <= 6 or not all(names) or not html:
        return None
    import html as _html

    start = max(html.find("<body"), 0)
    span = len(value) * 2 + 600
    pos = html.find(names[0], start)
    n = 0
    while pos >= 0 and n < limit:
        n += 1
        last = html.find(names[-1], pos + len(names[0]), pos + span)
        while last >= 0 and html.rfind("<", pos, last) > html.rfind(">", pos, last):
            last = html.find(names[-1], last + 1, pos + span)  # inside a tag: the next
        if last >= 0 and html.rfind(">", 0, pos) >= html.rfind("<", 0, pos):
            # up to the first place of the last name after the first: the row, if any
            chunk = _TAG.sub("", html[pos:last + len(names[-1])])
            chunk = " ".join(_html.unescape(chunk).split())
            end = shown_match(chunk, names)
            if end >= 0:
                return chunk[:end]
        pos = html.find(names[0], pos + 1)
    return None


def shown_pattern(names: list[str]) -> re.Pattern[str]:
    """The names joined by :data:`_SHOWN_SEP` (the reference of :func:`shown_match`)."""
    return re.compile(re.escape(names[0]) + "".join(_SHOWN_SEP + re.escape(n)
                                                      for n in names[1:]))


#: the whitespace class of :data:`_SHOWN_SEP`
_SHOWN_WS = frozenset(" \t\n\xa0")


def _ws_end(s: str, p: int) -> int:
    """The end of the (possessive) run of :data:`_SHOWN_WS` characters at ``p``."""
    n = len(s)
    while p < n and s[p] in _SHOWN_WS:
        p += 1
    return p


def _word_ws_end(s: str, p: int) -> int:
    """``(?:and|und|&)[ws]++`` at ``p``: its end, or -1 (the three words start with different
    characters, so at most one of them matches)."""
    for w in ("and", "und", "&"):
        if s.startswith(w, p):
            q = p + len(w)
            e = _ws_end(s, q)
            return e if e > q else -1
    return -1


def _sep_ends(s: str, p: int) -> list[int]:
    """Every end of a :data:`_SHOWN_SEP` match at ``p``, in the order the regex engine tries
    them: the first alternative with its optional "and" group, then without it, then the
    second alternative (each whitespace run is possessive: one length only)."""
    out: list[int] = []
    q = _ws_end(s, p)
    if q < len(s) and (s[q] == "," or s[q] == ";"):
        r = _ws_end(s, q + 1)
        e = _word_ws_end(s, r)
        if e >= 0:
            out.append(e)
        out.append(r)
    if q > p:
        e = _word_ws_end(s, q)
        if e >= 0:
            out.append(e)
    return out


def _match_rest(s: str, names: list[str], k: int, pos: int) -> int:
    if k == len(names):
        return pos
    name = names[k]
    for e in _sep_ends(s, pos):
        if s.startswith(name, e):
            got = _match_rest(s, names, k + 1, e + len(name))
            if got >= 0:
                return got
    return -1


def shown_match(chunk: str, names: list[str]) -> int:
    """``shown_pattern(names).match(chunk)``'s end, or -1 when it does not match, without
    compiling a regex per list (a compile costs ~0.4 ms: most lists are new): a depth-first
    search over the separator matches in the regex engine's order of trial, so the first
    success is the regex's match."""
    if not chunk.startswith(names[0]):
        return -1
    return _match_rest(chunk, names, 1, len(names[0]))


def display_form(values: list[str], j: int) -> int:
    """The index of the candidate to output for the chosen ``values[j]``: a list joined with
    "; " (JSON-LD's separate author entries) is written as the page shows the same names in
    the same order, when a candidate does ("A, B" / "A and B"; fourth round, 2026-11-23)."""
    v = values[j]
    if ";" not in v:
        return j
    key = _name_key(v)
    for i, other in enumerate(values):
        if i != j and ";" not in other and _name_key(other) == key:
            return i
    return j


def choose(doc: Any, tree: Any, site: tuple[str, ...], text_persons: tuple[str, ...] = (),
           text_agencies: tuple[str, ...] = (), rule_person: str | None = None,
           rule_org: str | None = None, found: dict[str, Any] | None = None
           ) -> tuple[str | None, float]:
    """(the chosen author or ``None``, its probability against "no author")."""
    cands, rows = page_rows(doc, tree, site, text_persons, text_agencies, rule_person, rule_org,
                            found)
    chosen, prob = choose_rows(cands, rows)
    if chosen is None and text_persons:
        return rule_person, prob  # the text names a writer: "nobody" is never the answer
    return chosen, prob
