"""Author names from HTML markup: JSON-LD, meta tags and byline elements.

Used by :mod:`features.attribution.credits` when a document carries raw HTML
(``doc.html``) or extractor metadata (``doc.metadata["author"]``). Parsing costs ~0.2 ms per page
(lxml), paid only for HTML input.

Order of trust, measured on trafilatura-evalset (see reports/attribution.md): a schema.org
``author`` in JSON-LD of an article object, then byline markup (``rel="author"``,
``itemprop="author"``, ``class="byline|author"``), then meta tags (``author``, ``article:author``
when it is a name, ``byl``, ``parsely-author``, ``dc.creator``), then the extractor's metadata.
Organisation-looking names and URLs are rejected as person bylines.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any, Iterable

from scorer.document import Document

logger = logging.getLogger(__name__)

_ARTICLE_TYPES = ("article", "newsarticle", "blogposting", "reportagenewsarticle", "posting",
                  "analysisnewsarticle", "opinionnewsarticle", "webpage", "socialmediaposting",
                  "techarticle", "scholarlyarticle", "review", "liveblogposting", "recipe")
_META_NAMES = ("author", "article:author", "byl", "parsely-author", "sailthru.author",
               "dc.creator", "dcterms.creator", "twitter:creator", "cxenseparse:author",
               "og:article:author", "book:author")
_BAD = re.compile(r"(?i)https?://|www\.|@|\.com\b|\.de\b|^\W*$|admin|redaktion$|^editor$|"
                  r"^team$|^staff$|^user$|^guest$|^anonymous$|^unknown$|^super user$")
_PREFIX = re.compile(r"(?i)^\s*(?:by|von|par|por|di|door|autor(?:in)?|author|auteur|written by|"
                     r"posted by|geschrieben von|verfasst von|ein beitrag von|beitrag von|"
                     r"text|artikel von|from)\s*[:：]?\s+")
_SUFFIX = re.compile(r"(?i)\s*(?:\||•|·|-|–|—)\s*.*$")


def clean_author(value: Any) -> str | None:
    """A display name from a markup value, or ``None`` when it is not a plausible name."""
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
    text = _PREFIX.sub("", text)
    text = _SUFFIX.sub("", text) if len(text) > 40 else text
    text = text.strip(" ,;:|")
    if not text or len(text) > 80 or _BAD.search(text):
        return None
    if sum(ch.isdigit() for ch in text) > 2:
        return None
    return text


def _walk_jsonld(data: Any) -> Iterable[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _walk_jsonld(item)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _walk_jsonld(graph)
        main = data.get("mainEntity")
        if isinstance(main, (dict, list)):
            yield from _walk_jsonld(main)


def _is_article(obj: dict[str, Any]) -> bool:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in kinds)


def _jsonld_author(tree: Any) -> str | None:
    persons: dict[str, str] = {}
    found: list[Any] = []
    for script in tree.xpath('//script[contains(translate(@type,"LDJSON","ldjson"),"ld+json")]'):
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        for obj in _walk_jsonld(data):
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
        if name:
            return name
    return None


def _meta_author(tree: Any) -> str | None:
    for key in _META_NAMES:
        for node in tree.xpath(f'//meta[translate(@name,"ABCDEFGHIJKLMNOPQRSTUVWXYZ",'
                               f'"abcdefghijklmnopqrstuvwxyz")="{key}" or @property="{key}"]'):
            name = clean_author(node.get("content"))
            if name:
                return name
    return None


def _markup_author(tree: Any) -> str | None:
    queries = (
        '//*[@itemprop="author"]//*[@itemprop="name"]',
        '//*[@itemprop="author"]',
        '//a[@rel="author"]',
        '//*[contains(concat(" ",normalize-space(@class)," ")," author-name ")]',
        '//*[contains(@class,"byline")]//a',
        '//*[contains(@class,"author")]//a[contains(@href,"author")]',
        '//*[contains(concat(" ",normalize-space(@class)," ")," author ")]',
        '//*[contains(@class,"byline")]',
    )
    for q in queries:
        for node in tree.xpath(q)[:3]:
            if node.tag in ("meta", "link"):
                name = clean_author(node.get("content") or node.get("href"))
            else:
                name = clean_author(node.text_content())
            if name and len(name.split()) <= 6:
                return name
    return None


def author_candidates(html: str) -> dict[str, str | None]:
    """Author names found by each markup source (for evaluation and debugging)."""
    out: dict[str, str | None] = {"jsonld": None, "markup": None, "meta": None}
    if not html or not html.strip():
        return out
    try:
        import lxml.html

        tree = lxml.html.fromstring(html)
    except (ValueError, TypeError) as exc:  # lxml on empty/odd documents
        logger.debug("html parse failed: %s", exc)
        return out
    except Exception as exc:  # lxml.etree.ParserError and friends
        logger.debug("html parse failed: %s", exc)
        return out
    for key, fn in (("jsonld", _jsonld_author), ("markup", _markup_author),
                    ("meta", _meta_author)):
        try:
            out[key] = fn(tree)
        except (ValueError, TypeError, AttributeError) as exc:
            logger.debug("%s author lookup failed: %s", key, exc)
    return out


#: Which sources are trusted, in order (see the module docstring).
ORDER: tuple[str, ...] = ("jsonld", "markup", "meta", "extractor")


def author_from_document(doc: Document, order: tuple[str, ...] = ORDER) -> str | None:
    """The author of an HTML document, from markup and extractor metadata."""
    cands: dict[str, str | None] = {}
    if doc.html:
        cands.update(author_candidates(doc.html))
    cands["extractor"] = clean_author(doc.metadata.get("author")) if doc.metadata else None
    for key in order:
        if cands.get(key):
            return cands[key]
    return None
