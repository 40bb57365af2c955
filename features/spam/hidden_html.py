"""spam.hidden_html: hidden HTML elements that carry links or spam text (link-farm injections).

Signal: an element hidden from readers (``display:none``, ``visibility:hidden``, ``font-size:0``,
zero opacity, off-screen positioning such as ``left:-9999px`` or ``text-indent:-9999px``, the
``hidden`` attribute, or a class hidden by a ``<style>`` rule) that contains external links or
gambling/pharma/... keywords. Hacked CMS templates hide link blocks this way so that search
engines see them and readers do not.
Why it lowers credibility: the page is compromised or sells hidden links.

Spans: the hidden text usually does not reach ``doc.text`` (the extractor drops it). When the
hidden element's text does occur in ``doc.text`` the evidence carries a span at that occurrence;
otherwise it is document-level evidence (span ``None``) quoting the hidden snippet.

Known false positives: hidden mobile menus, modals and share widgets are common; they are only
flagged when they hold spam keywords or spam domains (or at least ``min_external_links`` links
to other sites that are not social/share services, which scores 0.45, under the 0.5 decision).

Reason codes: ``hidden_html`` (hidden links or spam text), ``hidden_spam_link`` (a hidden link to a
known gambling domain or a spam-stem domain).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from features.spam import lexicon
from features.spam.injected import _host, _spam_host
from features.spam.normalize import fold
from scorer.document import Document
from scorer.evidence import DetectorResult, Evidence, Span

_HIDE_DECL = (r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:\.0+)?(?:px|pt|em"
              r"|rem|%)?\s*(?:[;\"'}]|!|$)|opacity\s*:\s*0(?:\.0+)?\s*(?:[;\"'}]|!|$)|"
              r"(?:left|top|right|text-indent|margin-left|margin-top)\s*:\s*-\d{3,}")
_HIDE_RE = re.compile(_HIDE_DECL, re.IGNORECASE)
_PRECHECK_RE = re.compile(_HIDE_DECL + r"|\shidden[\s>=/]", re.IGNORECASE)


# _PRECHECK_RE (case-insensitive) is tried at every character of the page: about 1 ms on 11 KB,
# for a test that fails on most pages. _precheck gives the same answer from the lower-cased page:
# str.find jumps to each literal that a match must start with (or, for the off-screen offsets,
# to each ":" followed by a negative 3-digit number) and a short regex confirms it there.
# str.lower() maps each character to exactly the set re.IGNORECASE uses for these ASCII letters,
# except U+0130, U+0131 and U+017F (IGNORECASE equates them with "i"/"s"): a page holding one of
# them takes the regex. Tested equal to _PRECHECK_RE (tests/features/spam/
# test_spam_hidden_html.py).
_CASE_SPECIALS = ("\u0130", "\u0131", "\u017f")
_LITERAL_CHECKS = tuple((word, re.compile(word + rest)) for word, rest in (
    ("display", r"\s*:\s*none"),
    ("visibility", r"\s*:\s*hidden"),
    ("font-size", r"\s*:\s*0(?:\.0+)?(?:px|pt|em|rem|%)?\s*(?:[;\"'}]|!|$)"),
    ("opacity", r"\s*:\s*0(?:\.0+)?\s*(?:[;\"'}]|!|$)"),
))
_HIDDEN_WORD_RE = re.compile(r"hidden[\s>=/]")
_NEG_OFFSET_RE = re.compile(r":\s*-\d{3}")
# "margin-left"/"margin-top" end in "left"/"top", so these four cover the six properties.
_OFFSET_PROPS = ("left", "top", "right", "text-indent")


def _precheck(html: str) -> bool:
    """``_PRECHECK_RE.search(html) is not None``, without a regex attempt at every character."""
    if any(c in html for c in _CASE_SPECIALS):
        return _PRECHECK_RE.search(html) is not None
    low = html.lower()
    pos = low.find("hidden", 1)
    while pos >= 0:
        if low[pos - 1].isspace() and _HIDDEN_WORD_RE.match(low, pos):
            return True
        pos = low.find("hidden", pos + 1)
    return _lower_has_hide_decl(low)


def _hide_decl_starts(low: str) -> list[int]:
    """The positions of ``low`` (lower-cased, without ``_CASE_SPECIALS``) where a hiding
    declaration (``_HIDE_RE``) starts, in order; for ``margin-left``/``margin-top`` the position
    of its ``left``/``top`` (a match from there too, inside the same declaration block)."""
    return sorted(_iter_hide_decl_starts(low))


def _lower_has_hide_decl(low: str) -> bool:
    """A hiding declaration (``_HIDE_DECL``) in ``low``, a lower-cased text without the
    characters of ``_CASE_SPECIALS``."""
    return next(_iter_hide_decl_starts(low), None) is not None


def _iter_hide_decl_starts(low: str) -> Iterator[int]:
    """The starts of :func:`_hide_decl_starts`, unsorted and lazily (the check stops at one)."""
    for word, rx in _LITERAL_CHECKS:
        pos = low.find(word)
        while pos >= 0:
            if rx.match(low, pos):
                yield pos
            pos = low.find(word, pos + 1)
    if ":" in low:
        for m in _NEG_OFFSET_RE.finditer(low):
            end = m.start()
            while end and low[end - 1].isspace():
                end -= 1
            for prop in _OFFSET_PROPS:
                if low.endswith(prop, 0, end):
                    yield end - len(prop)


# A CSS rule "selectors { declarations }". It may only start at the start of the CSS or right
# after a brace (the look-behind), and the runs are possessive, so a brace-less run is scanned
# once instead of once per start position (the old ``([^{}]+)\{`` was quadratic on it).
_STYLE_RULE_RE = re.compile(r"(?<![^{}])([^{}]++)\{([^{}]*+)\}")
_CLASS_SEL_RE = re.compile(r"^\s*+[a-z0-9]*+\.([\w-]++)\s*+$", re.IGNORECASE)
_SKIP_TAGS = frozenset({"script", "style", "template", "noscript", "svg", "head", "title",
                        "meta", "link", "input", "select", "option", "button", "form", "iframe"})
_SOCIAL = ("facebook.", "twitter.", "x.com", "linkedin.", "pinterest.", "reddit.", "whatsapp.",
           "t.me", "telegram.", "instagram.", "youtube.", "google.", "apple.", "tumblr.",
           "vk.com", "mailto:", "flipboard.", "addthis.", "sharethis.")


@functools.lru_cache(maxsize=2)
def _collapse(text: str) -> tuple[str, tuple[int, ...]]:
    """``text`` with whitespace runs collapsed to one space, and each character's offset."""
    chars: list[str] = []
    offs: list[int] = []
    in_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not in_space and chars:
                chars.append(" ")
                offs.append(i)
            in_space = True
            continue
        in_space = False
        chars.append(ch)
        offs.append(i)
    return "".join(chars), tuple(offs)


@functools.lru_cache(maxsize=1)
def _plain_parser() -> object:
    """lxml.html's default parser options, without its element classes (a Python-level class
    lookup for every element touched)."""
    from lxml import etree  # type: ignore[import-untyped]

    return etree.HTMLParser()


@functools.lru_cache(maxsize=1)
def _parse_errors() -> tuple[type[BaseException], ...]:
    from lxml import etree

    return (ValueError, TypeError, etree.ParserError, etree.XMLSyntaxError)


def _parse(html: str) -> object:
    """``lxml.html.fromstring(html)``: the same tree and root, as plain lxml elements."""
    import lxml.html  # type: ignore[import-untyped]

    try:
        return lxml.html.fromstring(html, parser=_plain_parser())
    except AttributeError:  # several <body>s: fromstring merges them with HtmlElement.drop_tree
        return lxml.html.fromstring(html)


@functools.lru_cache(maxsize=1)
def _xpaths() -> tuple[object, object]:
    """Elements (``root`` included) with a hidden or style attribute; and also with a class."""
    from lxml import etree

    base = "descendant-or-self::*/@hidden/.. | descendant-or-self::*/@style/.."
    return etree.XPath(base), etree.XPath(base + " | descendant-or-self::*/@class/..")


def _text(el: object) -> str:
    """``text_content()`` of lxml.html: the element's text nodes (XPath ``string()``)."""
    from lxml import etree

    text: str = etree.tostring(el, method="text", encoding=str, with_tail=False)
    return text


@dataclass(frozen=True)
class HiddenHtmlDetector:
    """Hidden elements with links/spam in ``doc.html`` (see the module docstring).

    Tunable fields:
    - ``min_external_links``: hidden external (non-social) links that count as a link block
      without any keyword (3).
    - ``max_html_chars``: longer HTML is cut before parsing (2,000,000) to bound the cost.
    """

    name: str = "spam.hidden_html.v1"
    feature_names: tuple[str, ...] = ("hidden_elements", "hidden_links", "hidden_spam_links",
                                      "hidden_keyword_weight", "hidden_text_in_doc")
    min_external_links: int = 3
    max_html_chars: int = 2_000_000

    def __call__(self, doc: Document) -> DetectorResult:
        zero = {f: 0.0 for f in self.feature_names}
        html = doc.html
        if html is None:
            return DetectorResult(self.name, zero, (), None)
        html = html[: self.max_html_chars]
        if not html or html.isspace() or not _precheck(html):
            return DetectorResult(self.name, zero, (), 0.0)
        try:
            root = _parse(html)
        except _parse_errors():
            return DetectorResult(self.name, zero, (), 0.0)
        hidden_classes = self._hidden_classes(root)
        own = _host(doc.url or str(doc.metadata.get("canonical_url") or ""))
        own_base = ".".join(own.split(".")[-2:]) if own else ""
        text = doc.text or ""
        evidence: list[Evidence] = []
        n_hidden = n_links = n_spam = 0
        kw_total = 0.0
        in_doc = 0
        best = 0.0
        # Only an element with a hidden, style or class attribute can be hidden (class only
        # with hidden_classes): the others are not looked at. Document order, root included.
        xpath = _xpaths()[1 if hidden_classes else 0]
        for el in xpath(root):
            tag = el.tag if isinstance(el.tag, str) else ""
            if not tag or tag.lower() in _SKIP_TAGS or not self._is_hidden(el, hidden_classes):
                continue
            if any(self._is_hidden(a, hidden_classes) for a in el.iterancestors()):
                continue  # count the outermost hidden element only
            n_hidden += 1
            links = []
            for a in el.iter("a"):
                href = (a.get("href") or "").strip()
                if href.lower().startswith(("http://", "https://", "//", "www.")):
                    host = _host(href if "//" in href else "//" + href)
                    if host and not (own_base and host.endswith(own_base)) and not any(
                            s in href.lower() for s in _SOCIAL):
                        links.append(host)
            snippet = " ".join(_text(el).split())
            kw = self._keyword_weight(snippet)
            spam_hosts = sum(1 for h in links if _spam_host(h)[0])
            n_links += len(links)
            n_spam += spam_hosts
            kw_total += kw
            if spam_hosts or kw >= 0.6:
                strength = 0.9 if (spam_hosts or kw >= 1.0) else 0.6
            elif len(links) >= self.min_external_links:
                strength = 0.45
            else:
                continue
            best = max(best, strength)
            span = self._find(text, snippet)
            in_doc += span is not None
            short = snippet[:120] + ("..." if len(snippet) > 120 else "")
            msg = (f"hidden element <{tag}> with {len(links)} external link(s)"
                   f"{' incl. spam domains' if spam_hosts else ''}: {short!r}")
            evidence.append(Evidence("hidden_html", msg, span, strength))
            if spam_hosts:
                evidence.append(Evidence("hidden_spam_link",
                                         f"hidden links to {spam_hosts} gambling/spam domain(s)",
                                         span, 0.9))
        features = {
            "hidden_elements": float(min(n_hidden, 1000)),
            "hidden_links": float(min(n_links, 10000)),
            "hidden_spam_links": float(min(n_spam, 10000)),
            "hidden_keyword_weight": float(min(kw_total, 1000.0)),
            "hidden_text_in_doc": float(in_doc),
        }
        return DetectorResult(self.name, features, tuple(evidence), round(best, 4),
                              {"hidden_blocks_flagged": len(evidence)})

    @staticmethod
    def _hidden_classes(root: object) -> frozenset[str]:
        found: set[str] = set()
        for st in root.iter("style"):  # type: ignore[attr-defined]
            css = st.text or ""
            if any(c in css for c in _CASE_SPECIALS):
                hides = [m for m in _STYLE_RULE_RE.finditer(css) if _HIDE_RE.search(m.group(2))]
            else:
                # Where in the sheet a hiding declaration starts; a rule hides when one starts
                # inside its declaration block (the same test as _HIDE_RE on the block: a match
                # starting there ends inside it or at its closing "}", which stands in for the
                # block's end-of-string "$").
                starts = _hide_decl_starts(css.lower())
                if not starts:
                    continue
                hides = []
                for m in _STYLE_RULE_RE.finditer(css):
                    a, b = m.span(2)
                    i = bisect.bisect_left(starts, a)
                    if i < len(starts) and starts[i] < b:
                        hides.append(m)
            for m in hides:
                for sel in m.group(1).split(","):
                    cm = _CLASS_SEL_RE.match(sel)
                    if cm:
                        found.add(cm.group(1))
        return frozenset(found)

    @staticmethod
    def _is_hidden(el: object, hidden_classes: frozenset[str]) -> bool:
        get = el.get  # type: ignore[attr-defined]
        if get("hidden") is not None:
            return True
        style = get("style")
        if style and _HIDE_RE.search(style):
            return True
        if hidden_classes:
            cls = get("class")
            if cls and any(c in hidden_classes for c in cls.split()):
                return True
        return False

    @staticmethod
    def _keyword_weight(snippet: str) -> float:
        if not snippet:
            return 0.0
        kw = lexicon.keywords()
        f = fold(snippet)
        total = 0.0
        for idx, s, e in kw.automaton.find_matches_as_indexes(f.leet):
            if kw.bounded[idx] and ((s > 0 and f.base[s - 1].isalpha())
                                    or (e < len(f.base) and f.base[e].isalpha())):
                continue
            total += kw.weights[idx]
        return total

    @staticmethod
    def _find(text: str, snippet: str) -> Span | None:
        """The hidden text's occurrence in ``doc.text`` (whitespace-normalised), if any.

        Linear: ``str.find`` on the text, then on a whitespace-collapsed copy whose characters
        map back to ``text`` offsets (no regex built from the snippet).
        """
        if len(snippet) < 8 or not text:
            return None
        pos = text.find(snippet)
        if pos >= 0:
            return Span(pos, pos + len(snippet))
        needle = " ".join(snippet.split())
        if not needle:
            return None
        collapsed, offs = _collapse(text)
        pos = collapsed.find(needle)
        if pos < 0:
            return None
        return Span(offs[pos], offs[pos + len(needle) - 1] + 1)
