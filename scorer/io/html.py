"""HTML to analysed text plus metadata.

Two extractors:

* a fast one on lxml (about 0.4 ms CPU for an 11 KB page, 3 ms for a 150 KB one): metadata
  from ``<meta>``, ``<link rel=canonical>`` and JSON-LD; page furniture (scripts, navigation,
  headers and footers, asides, forms, and blocks whose class or id names them menus, related
  stories, cookie banners, sharing, comments, newsletters...) is dropped; the main text is the
  blocks (paragraphs, headings, list items, quotes) of the element holding most paragraph
  text, less link lists;
* trafilatura, a well-tested main-text and metadata extractor (about 5 ms a page), used when the
  fast one finds too little article text, or always with ``mode="accurate"``.

Neither raises on content: a page with no recognisable article gives ``("", {...})``.
"""

from __future__ import annotations

import json
import logging
import re
import warnings
from collections.abc import Iterable
from typing import Any

logger = logging.getLogger(__name__)

#: Below this many characters of article text the fast extractor defers to trafilatura.
FAST_MIN_CHARS = 400

_DROP_TAGS = ("script", "style", "noscript", "nav", "footer", "aside", "form", "iframe", "svg",
              "button", "select", "template", "object", "embed", "canvas", "figure", "menu",
              "dialog")
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|footer|sidebar|side-bar|related|recommended|"
    r"more-stories|read-more|readmore|cookie|consent|gdpr|share|sharing|social|comments?|"
    r"newsletter|subscribe|subscription|breadcrumbs?|advert|advertisement|ads?|sponsored|promo|"
    r"popup|modal|paywall|signup|login|masthead|skip-link|tags|taglist|pagination|outbrain|"
    r"taboola|trending|most-popular|widget)(?:$|[\s_-])", re.IGNORECASE)
# _FURNITURE on lower-cased ASCII text: for ASCII input re.IGNORECASE is exactly lower-casing
# (the pattern's words are lower case).
_FURNITURE_ASCII = re.compile(_FURNITURE.pattern)
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dt", "dd",
           "figcaption", "address")
_SPACE = re.compile(r"[ \t\r\f\v\u00a0]+")


def decode_html(data: bytes) -> str:
    """Decode HTML bytes: UTF-8 (with or without BOM), else the declared charset, else cp1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    head = data[:2048].lower()
    marker = head.find(b"charset=")
    if marker >= 0:
        rest = head[marker + 8:marker + 40].strip(b"\"' ")
        name = rest.split(b'"')[0].split(b"'")[0].split(b";")[0].split(b" ")[0].split(b">")[0]
        try:
            return data.decode(name.decode("ascii", "ignore") or "utf-8", errors="replace")
        except LookupError:
            pass
    return data.decode("cp1252", errors="replace")


def extract(html: str, url: str | None = None, mode: str = "fast") -> tuple[str, dict[str, Any]]:
    """Main text and metadata of an HTML page.

    ``mode="fast"`` uses the lxml extractor and falls back to trafilatura when it finds under
    :data:`FAST_MIN_CHARS` characters; ``mode="accurate"`` always uses trafilatura. Metadata
    keys: ``author``, ``published``, ``site_name``, ``canonical_url``, ``title``,
    ``extractor``.
    """
    if not html or html.isspace():  # (= not html.strip(), without copying the page)
        return "", {}
    if mode == "fast":
        text, meta = extract_fast(html)
        if len(text) >= FAST_MIN_CHARS:
            return text, meta
        slow_text, slow_meta = extract_trafilatura(html, url)
        for key, value in meta.items():
            slow_meta.setdefault(key, value)
        if len(slow_text) > len(text):
            return slow_text, slow_meta
        meta.update({k: v for k, v in slow_meta.items() if k not in meta})
        return text, meta
    return extract_trafilatura(html, url)


# --- fast lxml extractor -----------------------------------------------------------------------
#
# Speed notes (outputs are kept identical, checked with benchmarks/html/speed_compare.py):
# plain lxml.etree elements (lxml.html's element classes cost a Python-level class lookup for
# every element touched), text_content() as the same XPath string() lxml.html uses, one
# pruned walk per pass instead of per-element ancestor scans, and the whitespace regex only
# on text that it would change.

def _parse(html: str) -> Any:
    from lxml import etree

    try:
        root = etree.fromstring(html.encode("utf-8", "replace"), _parser())
    except (etree.ParserError, ValueError, etree.XMLSyntaxError) as exc:
        logger.debug("html parse failed: %s", exc)
        return None
    if root is None:  # what lxml.html.document_fromstring reports as "Document is empty"
        logger.debug("html parse failed: Document is empty")
    return root


_PARSER: Any = None
_TOSTRING: Any = None
_CANDIDATES: Any = None


def _parser() -> Any:
    global _PARSER, _TOSTRING, _CANDIDATES
    if _PARSER is None:
        from lxml import etree

        _TOSTRING = etree.tostring
        # Elements the furniture pass can drop: the others have no class, id, role, hidden or
        # aria-hidden attribute and are not <header>. In document order.
        # (A union of attribute scans: libxml2 runs it about 3x faster than one predicate
        # "//*[@class or @id or ...]" with the same result.)
        _CANDIDATES = etree.XPath("//@class/.. | //@id/.. | //@role/.. | //@hidden/.. | "
                                  "//@aria-hidden/.. | //header")
        # The options of lxml.html.HTMLParser, without its element-class lookup, and without
        # the table of id attributes (for XPath id(), unused here; 6% of the parse).
        _PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True,
                                   huge_tree=False, collect_ids=False)
    return _PARSER


def _text(el: Any) -> str:
    """All text below ``el`` (its tail excluded): ``lxml.html``'s ``text_content()``.

    That is XPath ``string()``, libxml2's node content; the text serialiser reads the same
    content and costs half as much per call.
    """
    text: str = _TOSTRING(el, method="text", encoding=str, with_tail=False)
    return text


def _squeeze(text: str) -> str:
    """``_SPACE.sub(" ", text)``, skipping the regex when it would change nothing: when no run
    of ``_SPACE`` characters is longer than one or other than a plain space. (The substring
    tests cost a tenth of the substitution, which builds a new string at every space.)"""
    if ("  " in text or "\t" in text or "\r" in text or "\xa0" in text or "\f" in text
            or "\v" in text):
        return _SPACE.sub(" ", text)
    return text


_KEEP_TAGS = frozenset(("html", "body", "article", "main"))


def extract_fast(html: str) -> tuple[str, dict[str, Any]]:
    """The lxml extractor alone (see module docstring)."""
    root = _parse(html)
    if root is None:
        return "", {}
    meta = _metadata(root)
    meta["extractor"] = "fast"
    for el in list(root.iter(*_DROP_TAGS)):
        _drop(el)
    # Text of each <p>, kept while it stays valid: dropping an element changes the text of the
    # <p>s that enclose it (and of no other <p>), so those entries are removed on a drop.
    texts: dict[Any, str] = {}
    limit = max(500, 0.3 * _para_chars(root, texts))
    # The elements that may be furniture, in document order, as of now. Those inside an
    # element dropped earlier in the loop are still visited (as before): dropping them only
    # changes the detached subtree.
    for el in _CANDIDATES(root):
        if el.getparent() is None:
            continue
        tag = el.tag
        get = el.get
        if tag == "header":
            furniture = not _inside(el, "article")
        elif get("hidden") is not None or get("aria-hidden") == "true":
            furniture = True
        elif tag in _KEEP_TAGS:
            furniture = False
        else:
            attrs = f"{get('class', '')} {get('id', '')} {get('role', '')}"
            if attrs.isascii():  # same answer, a third of the cost
                furniture = bool(attrs.strip()) and \
                    _FURNITURE_ASCII.search(attrs.lower()) is not None
            else:
                furniture = bool(attrs.strip()) and _FURNITURE.search(attrs) is not None
        # A "furniture" name on an element holding much of the page's paragraph text is a
        # layout wrapper ("page-with-sidebar"), not furniture: keep it.
        if furniture and not _para_chars(el, texts) > limit:
            for a in el.iterancestors("p"):
                texts.pop(a, None)
            _drop(el)
    body = root.find("body")
    if body is None:
        body = root
    # From here on the tree no longer changes: texts also collects other elements' text.
    container = _main_container(body, texts)
    blocks = list(_text_blocks(container, texts))
    title = meta.get("title")
    if blocks and title is None:
        meta["title"] = blocks[0] if len(blocks[0]) < 300 else None
        if meta["title"] is None:
            del meta["title"]
    return "\n".join(blocks), meta


def _para_chars(el: Any, texts: dict[Any, str] | None = None) -> int:
    """Characters of paragraph text below ``el`` (``texts``: known texts of <p>s, filled in)."""
    if texts is None:
        return sum(len(_text(p)) for p in el.iter("p"))
    n = 0
    for p in el.iter("p"):
        text = texts.get(p)
        if text is None:
            text = texts[p] = _text(p)
        n += len(text)
    return n


def _drop(el: Any) -> None:
    parent = el.getparent()
    if parent is not None:
        tail = el.tail
        parent.remove(el)
        if tail and tail.strip():
            prev = parent[-1] if len(parent) else None  # keep text that followed the element
            if prev is not None:
                prev.tail = (prev.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail


def _inside(el: Any, tag: str) -> bool:
    return any(a.tag == tag for a in el.iterancestors())


def _main_container(body: Any, texts: dict[Any, str]) -> Any:
    """The deepest element that holds most (70%) of the page's prose paragraphs.

    Reads and fills ``texts`` with the text of every ``p``, ``pre`` and ``blockquote`` below
    ``body``.
    """
    own: dict[Any, int] = {}  # parent -> prose characters of its own p/pre/blockquote children
    total = 0
    for p in body.iter("p", "pre", "blockquote"):
        text = texts.get(p)
        if text is None:
            text = texts[p] = _text(p)
        n = len(text.strip())
        if n < 60:
            continue
        total += n
        parent = p.getparent()
        if parent is not None:
            own[parent] = own.get(parent, 0) + n
    # Each ancestor's sum, filled parent by parent in order of first appearance, outermost
    # ancestor first: the same insertion order (for ties) as adding paragraph by paragraph.
    sums: dict[Any, int] = {}
    depth: dict[Any, int] = {}
    for parent, n in own.items():
        chain = [parent, *parent.iterancestors()]
        chain.reverse()
        for d, a in enumerate(chain):
            sums[a] = sums.get(a, 0) + n
            depth[a] = d
    if not total:
        return body
    candidates = [a for a, n in sums.items() if n >= 0.7 * total]
    return max(candidates, key=lambda a: depth[a]) if candidates else body


_LOOSE = ("div", "section", "article", "main", "td", "center", "font", "span", "body")
_BLOCK_SET = frozenset(_BLOCKS)
_LOOSE_SET = frozenset(_LOOSE)
_INLINE = ("br", "a", "b", "i", "em", "strong", "span", "font")
_PARA_BREAK = re.compile(r"\n\s*\n")


def _text_blocks(container: Any, texts: dict[Any, str] | None = None) -> Iterable[str]:
    """Normalised text of each block inside ``container``, in page order, link lists dropped.

    Text sitting directly in a ``div``-like element (between ``<br>`` tags, say) counts as a
    block of its own when it is long enough to be prose.

    A block is skipped when a block encloses it below ``container`` (its text is in the
    enclosing block) or anywhere above ``container``; loose text is skipped when any block
    (``container`` included) encloses it. So nothing under a block is ever read, and a block
    above ``container`` leaves nothing at all. ``texts`` holds known element texts.
    """
    if texts is None:
        texts = {}
    if any(a.tag in _BLOCK_SET for a in container.iterancestors()):
        return
    container_is_block = container.tag in _BLOCK_SET
    stack = [container]
    while stack:
        el = stack.pop()
        tag = el.tag  # (comments have a function as tag: in neither set, and no children)
        if tag in _BLOCK_SET:
            text = texts.get(el)
            if text is None:
                text = _text(el)
            text = _squeeze(text).strip()
            if text and not (len(text) < 200 and len(el) and tag in ("li", "p", "dd", "dt")
                             and sum(len(_text(a)) for a in el.iter("a")) / len(text) > 0.6):
                yield text  # (else: a link in a list: navigation or related stories)
            if el is not container:
                continue
        elif tag in _LOOSE_SET and (el is container or not container_is_block):
            children = el[::-1]
            tails = [c.tail or "" for c in children if c.tag in _INLINE]
            tails.append(el.text or "")
            tails.reverse()
            joined = "\n".join(tails)
            if len(joined) >= 40 and not joined.isspace():
                for chunk in _PARA_BREAK.split(joined):
                    text = _squeeze(chunk).replace("\n", " ").strip()
                    if len(text) >= 40:
                        yield text
            stack.extend(children)
            continue
        if len(el):
            stack.extend(el[::-1])


def _metadata(root: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    head_values: dict[str, str] = {}
    # One walk for the four tags read here; each is then used as if found by its own walk.
    canonical = None
    ld_scripts = []
    title_el = None
    for el in root.iter("meta", "link", "script", "title"):
        tag = el.tag
        if tag == "meta":
            key = (el.get("name") or el.get("property") or el.get("itemprop") or "").lower()
            value = (el.get("content") or "").strip()
            if key and value and key not in head_values:
                head_values[key] = value
        elif tag == "link":
            if canonical is None and (el.get("rel") or "").lower() == "canonical" \
                    and el.get("href"):
                canonical = el.get("href").strip()
        elif tag == "script":
            if (el.get("type") or "").lower() == "application/ld+json" and el.text:
                ld_scripts.append(el.text)
        elif title_el is None and el is not root:
            title_el = el
    for key in ("author", "article:author", "byl", "dc.creator", "parsely-author",
                "sailthru.author", "twitter:creator"):
        value = head_values.get(key)
        if value and not value.startswith("http"):
            meta["author"] = value.removeprefix("By ").removeprefix("by ").strip()
            break
    for key in ("article:published_time", "datepublished", "date", "pubdate", "dc.date",
                "og:published_time", "parsely-pub-date", "sailthru.date"):
        if head_values.get(key):
            meta["published"] = head_values[key]
            break
    if head_values.get("og:site_name"):
        meta["site_name"] = head_values["og:site_name"]
    if head_values.get("og:title"):
        meta["title"] = head_values["og:title"]
    if canonical is not None:
        meta["canonical_url"] = canonical
    if "canonical_url" not in meta and head_values.get("og:url"):
        meta["canonical_url"] = head_values["og:url"]
    _json_ld(ld_scripts, meta)
    if "title" not in meta:
        t = title_el
        if t is not None and t.text and t.text.strip():
            meta["title"] = _SPACE.sub(" ", t.text).strip()
    return meta


def _json_ld(scripts: list[str], meta: dict[str, Any]) -> None:
    for script in scripts:
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for node in jsonld_nodes(data):
            kind = node.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if not any(isinstance(k, str) and ("Article" in k or k in ("Report", "BlogPosting"))
                       for k in kinds):
                continue
            author = _ld_names(node.get("author"))
            if author and "author" not in meta:
                meta["author"] = author
            if node.get("datePublished") and "published" not in meta:
                meta["published"] = str(node["datePublished"])
            pub = _ld_names(node.get("publisher"))
            if pub and "site_name" not in meta:
                meta["site_name"] = pub
            if isinstance(node.get("headline"), str) and "title" not in meta:
                meta["title"] = node["headline"]


def jsonld_nodes(data: Any) -> Iterable[dict[str, Any]]:
    """Every object in parsed JSON-LD: top-level lists, ``@graph`` and ``mainEntity`` included."""
    if isinstance(data, list):
        for item in data:
            yield from jsonld_nodes(item)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from jsonld_nodes(graph)
        main = data.get("mainEntity")
        if isinstance(main, (dict, list)):
            yield from jsonld_nodes(main)


def _ld_names(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        name = value.get("name")
        return name.strip() if isinstance(name, str) and name.strip() else None
    if isinstance(value, list):
        names = [n for n in (_ld_names(v) for v in value) if n]
        return ", ".join(names) if names else None
    return None


# --- trafilatura --------------------------------------------------------------------------------

def extract_trafilatura(html: str, url: str | None = None) -> tuple[str, dict[str, Any]]:
    """trafilatura's main text and metadata."""
    import trafilatura

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            doc = trafilatura.bare_extraction(
                html, url=url, with_metadata=True, include_comments=False,
                include_tables=True, deduplicate=False,
            )
    except Exception as exc:  # noqa: BLE001 - trafilatura/lxml failures on broken markup: no article
        logger.debug("html extraction failed: %s", exc)
        return "", {}
    if doc is None:
        return "", {}
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = str(data.get("text") or "")
    meta: dict[str, Any] = {"extractor": "trafilatura"}
    for src, dst in (("author", "author"), ("date", "published"), ("sitename", "site_name"),
                     ("url", "canonical_url"), ("title", "title")):
        value = data.get(src)
        if value:
            meta[dst] = str(value)
    return text, meta
