"""attribution.sourcing: whom the text cites, and how.

Signal: ``attribution``. Careful reporting attributes claims to named people with a role or an
affiliation ("..., said Jane Doe, a senior analyst at the Institute ..."), and every direct quote
to a speaker. Low-credibility copy leans on quotes nobody said, on anonymous or vague sources
("sources said", "experts say", "unnamed officials"), on other outlets' reporting ("according to
Fox News", "the Herald reported") instead of its own, or has no sources at all; opinion and
propaganda pieces speak in the first person while dressed as news.

Measures (all per 1,000 words or as ratios): quotes with a named speaker, quotes with only a
pronoun speaker, unattributed quotes, named attributions ("X said"), named sources with a role or
affiliation, anonymous and vague sourcing phrases, outlet citations, first-person voice outside
quotes.

Strength (``extras["strength"]``, 0..1): driven by unattributed quotes, the absence of any source
in a news-length text, and anonymous sourcing; outlet citations add a little. This detector's own
``score`` is ``None``: ``attribution.credits`` folds the strength into the one attribution score.

Known false positives: interviews and transcripts (Q: / A:) have quotes with no "said"; block
quotes of documents and book titles in quotes (title-case quotes are skipped); columnists
legitimately write in the first person; "citing unnamed sources" when the text criticises
another outlet's anonymous sourcing is still flagged.

Reason codes (spans): ``unattributed_quote``, ``anonymous_source``, ``outlet_citation``;
(document-level) ``no_sources``.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass
from typing import NamedTuple

from features.attribution import _common as c
from scorer.document import Document
from scorer.evidence import DetectorResult, Evidence, Span

_PRONOUNS = frozenset("he she they it we i you who this that which one".split())
_NOT_SPEAKERS = frozenset("""the a an it this that there he she they we i you his her their its
but and or so if when while as in on at for of to by with from after before also then however
meanwhile officials official spokesman spokeswoman spokesperson police authorities experts
analysts critics sources source report reports statement people residents""".split())
_ROLE_NOUNS = (r"analyst|professor|director|spokesperson|spokesman|spokeswoman|official|minister|"
               r"president|chairman|chairwoman|chair|ceo|executive|secretary|researcher|fellow|"
               r"economist|scientist|expert|lawyer|attorney|ambassador|envoy|adviser|advisor|"
               r"senator|representative|governor|mayor|commissioner|head|chief|founder|"
               r"editor|member|leader|manager|officer|strategist|historian|author|scholar|"
               r"lecturer|dean|doctor|physician|engineer|consultant|partner|general|colonel|"
               r"commander|diplomat|correspondent|vice|deputy|former|senior|associate")
#: Used with ``match(text, pos)`` (no ``^``: it would only match at the start of the string).
_ROLE_AFTER_NAME = re.compile(r",[ \xa0](?:a|an|the|who|whose|former|senior|chief|deputy|"
                              r"associate|assistant|lead|head|" + _ROLE_NOUNS + r")\b[^.;\n]{0,90}?"
                              r"\b(?:at|of|with|for|from|in|on)[ \xa0](?:the[ \xa0])?[A-Z]",
                              re.IGNORECASE)
_TITLES = frozenset(_ROLE_NOUNS.split("|")) | frozenset(
    "dr prof sen rep gov gen col mr ms mrs minister prime secretary".split())


class Quote(NamedTuple):
    """A direct quote (a named tuple: several per document, cheaper than a dataclass)."""

    start: int  # offset of the opening mark
    end: int    # offset after the closing mark
    words: int


_tuple_new = tuple.__new__
#: The quote patterns (kept as documentation and for callers): :func:`find_quotes` finds exactly
#: their matches with str.find loops, about a third cheaper than the two regex scans.
_CURLY = re.compile(r"“([^“”\n]{1,700})”")
_STRAIGHT = re.compile(r'"([^"\n]{1,700})"')


def _pairs(text: str, op: str, cl: str, out: list[Quote]) -> None:
    """The matches of ``op([^op cl \\n]{1,700})cl`` in order, as :class:`Quote` tuples.

    At an opening mark the body runs to the first closing mark, opening mark or line break; it
    is a quote when that first stop is the closing mark after 1-700 characters (the regex's
    greedy body can stop nowhere else), and the search goes on after it, else after the opening
    mark.
    """
    find = text.find
    count = text.count
    new = _tuple_new  # Quote(s, e, w) without the Python-level ``__new__`` frame
    i = find(op)
    while i >= 0:
        j = find(cl, i + 1, i + 702)
        if j > i + 1 and find("\n", i + 1, j) < 0 and (op == cl or find(op, i + 1, j) < 0):
            out.append(new(Quote, (i, j + 1, count(" ", i + 1, j) + 1)))
            i = find(op, j + 1)
        else:
            i = find(op, i + 1)


def find_quotes(text: str, max_len: int = 700) -> list[Quote]:
    """Direct quotes: curly pairs “...” and straight pairs "..." within one line, in order."""
    out: list[Quote] = []
    if "“" in text:
        _pairs(text, "“", "”", out)
    if '"' in text:
        _pairs(text, '"', '"', out)
        if "“" in text:
            out.sort()
    if max_len < 700:
        limit = max_len + 2
        out = [q for q in out if q.end - q.start <= limit]
    return out


def _is_title(body: str) -> bool:
    """A title-case quote ("Putin's Playbook: A Secret Plan") names a work, it is not speech."""
    if len(body) > 160 or not body[:1].isupper():
        return False  # titles are short and start with a capital; long quotes are speech
    caps = n = 0  # words that start with a letter, and those of them with a capital
    for w in body.split():
        first = w[0]
        if first.isalpha():
            n += 1
            if first.isupper():
                caps += 1
    if n < 2:
        return False
    return caps / n >= 0.7


@dataclass(frozen=True)
class SourcingDetector:
    """Quotes, named and anonymous sources, outlet citations and first-person voice.

    ``min_quote_words``: quotes shorter than this are scare quotes or terms, not statements (a
    three-word phrase in quotes is rarely a claim). ``window_after`` / ``window_before``: how far
    from a quote a speech verb may sit to attribute it (a paragraph's attribution sentence is
    usually within 120 characters). ``min_words_for_no_sources``: shorter texts (briefs,
    captions) are not expected to cite anybody.
    """

    name: str = "attribution.sourcing.v1"
    feature_names: tuple[str, ...] = (
        "quotes_per_1k", "named_quote_ratio", "pronoun_quote_ratio", "unattributed_quote_ratio",
        "unattributed_quotes_per_1k", "named_attributions_per_1k", "named_with_role_per_1k",
        "pronoun_attributions_per_1k", "anonymous_per_1k", "vague_per_1k",
        "outlet_citations_per_1k", "first_person_per_1k", "self_reference_per_1k",
        "no_sources", "log_words",
    )
    min_quote_words: int = 6
    window_after: int = 100
    window_before: int = 120
    min_words_for_no_sources: int = 150
    unattributed_weight: float = 0.15
    unattributed_cap: float = 0.5
    anonymous_weight: float = 0.12
    outlet_weight: float = 0.1
    no_sources_weight: float = 0.4

    def __call__(self, doc: Document) -> DetectorResult:
        """Analyse ``doc.text`` (cached for the last few texts: the credits detector reuses it)."""
        return _cached(self, doc.text or "")

    def analyse(self, text: str) -> DetectorResult:
        """The uncached analysis behind :meth:`__call__`."""
        low, matches, words = c.scan(text)
        evidence: list[Evidence] = []

        named: set[int] = set()
        pronoun: set[int] = set()
        verbs: list[tuple[int, int]] = []
        named_role = n_anon = n_vague = fp_hits = selfref = 0
        fp_pos: list[int] = []
        cites: list[tuple[int, int, str]] = []
        for label, _idx, s, e in matches:
            if label == "marker":
                continue
            if label == "speech" or label == "according":
                verbs.append((s, e))
                kind = _speaker(text, s, e)
                if kind == "named":
                    named.add(s)
                elif kind == "named_role":
                    named.add(s)
                    named_role += 1
                elif kind == "pronoun":
                    pronoun.add(s)
                if label == "according":
                    cite = _cite_forward(text, e)
                    if cite:
                        cites.append((s, cite[0], cite[1]))
            elif label == "fp":
                w = text[s + 1:e]
                if w[0] == "i" or w.startswith(("US", "ME")):
                    continue  # lower-case "i" is not the pronoun; "US" is the country
                fp_pos.append(s + 1)
            elif label == "anon":
                n_anon += 1
                evidence.append(Evidence("anonymous_source", f"anonymous sourcing {text[s:e]!r}",
                                         Span(s, e), self.anonymous_weight))
            elif label == "vague":
                n_vague += 1
            elif label == "cite_fwd":
                cite = _cite_forward(text, e)
                if cite:
                    cites.append((s, cite[0], cite[1]))
            elif label == "cite_back":
                cite = _cite_backward(text, s)
                if cite:
                    cites.append((cite[0], e, cite[1]))
            elif label == "role":
                # the cheap name test first: the role regex scans up to ~90 characters
                name = _name_before(text, s)
                if name and len(name) >= 2 and _ROLE_AFTER_NAME.match(text, s):
                    named_role += 1
            elif label == "self":
                if not low.startswith(b" of", e):
                    selfref += 1

        # quotes
        all_quotes = find_quotes(text)
        # ``_is_title`` only on short quotes that open with a capital (its own first tests,
        # done here without slicing the body: most quotes fail them)
        min_words = self.min_quote_words
        quotes = [q for q in all_quotes if q.words >= min_words
                  and (q.end - q.start > 162 or not text[q.start + 1].isupper()
                       or not _is_title(text[q.start + 1:q.end - 1]))]
        verb_starts = [v[0] for v in verbs]
        n_named_q = n_pron_q = 0
        unattributed: list[Quote] = []
        prev_attr_end = -10_000
        for q in quotes:
            state = self._quote_state(text, q, verbs, verb_starts, named, pronoun)
            if state is None and q.start - prev_attr_end < 60 and \
                    "\n" not in text[max(0, prev_attr_end):q.start]:
                state = "continued"  # “...,” Lim said. “And more...”
            if state in ("named", "continued"):
                n_named_q += 1
            elif state == "pronoun":
                n_pron_q += 1
            if state is None:
                unattributed.append(q)
            else:
                prev_attr_end = q.end + self.window_after // 2
        for q in unattributed:
            evidence.append(Evidence("unattributed_quote",
                                     f"quote of {q.words} words with no speaker nearby",
                                     Span(q.start, q.end), self.unattributed_weight))
        # unattributed quotes count as a share of all quotes, capped: one stray quote in a
        # well-sourced story is weak evidence, most quotes without a speaker is strong
        unattr_part = 0.0
        if unattributed:
            share = len(unattributed) / max(1, len(quotes))
            unattr_part = min(self.unattributed_cap,
                              1.0 - (1.0 - self.unattributed_weight) ** len(unattributed)) * \
                (0.4 + 0.6 * share)

        # outlet citations (one per place)
        cites.sort()
        last_end = -1
        n_cites = 0
        for s, e, outlet in cites:
            if s < last_end:
                continue
            last_end = e
            n_cites += 1
            evidence.append(Evidence("outlet_citation", f"cites another outlet: {outlet}",
                                     Span(s, e), self.outlet_weight))

        # first person outside quotes
        q_starts = [q.start for q in all_quotes]
        for pos in fp_pos:
            i = bisect.bisect_right(q_starts, pos) - 1
            if i >= 0 and all_quotes[i].end > pos:
                continue
            fp_hits += 1

        n_sources = len(named) + len(pronoun) + n_named_q + n_anon + n_cites + named_role
        no_sources = words >= self.min_words_for_no_sources and n_sources == 0 and not quotes
        if no_sources:
            evidence.append(Evidence("no_sources", "no named, quoted or cited source in the text",
                                     None, self.no_sources_weight))

        keep = 1.0 - unattr_part
        for ev in evidence:
            if ev.code != "unattributed_quote":
                keep *= 1.0 - ev.weight
        strength = round(1.0 - keep, 4)

        nq = len(quotes)
        features = {
            "quotes_per_1k": c.per_1k(nq, words),
            "named_quote_ratio": n_named_q / nq if nq else 0.0,
            "pronoun_quote_ratio": n_pron_q / nq if nq else 0.0,
            "unattributed_quote_ratio": len(unattributed) / nq if nq else 0.0,
            "unattributed_quotes_per_1k": c.per_1k(len(unattributed), words),
            "named_attributions_per_1k": c.per_1k(len(named), words),
            "named_with_role_per_1k": c.per_1k(named_role, words),
            "pronoun_attributions_per_1k": c.per_1k(len(pronoun), words),
            "anonymous_per_1k": c.per_1k(n_anon, words),
            "vague_per_1k": c.per_1k(n_vague, words),
            "outlet_citations_per_1k": c.per_1k(n_cites, words),
            "first_person_per_1k": c.per_1k(fp_hits, words),
            "self_reference_per_1k": c.per_1k(selfref, words),
            "no_sources": float(no_sources),
            "log_words": math.log1p(words if text.strip() else 0.0),
        }
        # The signal score is reported once, by attribution.credits, which folds ``strength`` in
        # (a max over two partial scores would let a scraper marker tie with weak sourcing).
        return DetectorResult(self.name, features, tuple(evidence), None,
                              {"strength": strength})

    # -- helpers ---------------------------------------------------------------------------------
    def _quote_state(self, text: str, q: Quote, verbs: list[tuple[int, int]],
                     verb_starts: list[int], named: set[int], pronoun: set[int]) -> str | None:
        q_start, q_end = q.start, q.end
        hi = q_end + self.window_after
        i = bisect.bisect_left(verb_starts, q_start - self.window_before)
        n_verbs = len(verb_starts)
        state = None
        while i < n_verbs:
            vs = verb_starts[i]
            if vs > hi:
                break
            i += 1
            if q_start < vs < q_end:
                continue  # a verb inside the quote says nothing about who speaks
            # a verb after the quote but past a line break (not at the gap's edges) belongs to
            # another paragraph
            if vs > q_end and "\n" in text[q_end:vs].strip("\n "):
                break
            if vs in named:
                return "named"
            if vs in pronoun:
                state = "pronoun"
            elif state is None:
                state = "verb"
        if state is None:
            # "Name: “...”" or a quote introduced by a colon
            pre = text[max(0, q.start - 3):q.start]
            if ":" in pre:
                state = "verb"
        if state is None:
            # a quote paragraph followed by "Jane Doe, a professor at ..." introducing the speaker
            nxt = text[q.end:q.end + 160].lstrip()
            head = nxt.split(",", 1)[0]
            if nxt[:1].isupper() and len(head.split()) <= 4 and len(head) < len(nxt) and \
                    _ROLE_AFTER_NAME.match(nxt, len(head)):
                state = "named"
        return "pronoun" if state == "verb" else state


_RESULTS = c.Recent(8)


def _cached(det: SourcingDetector, text: str) -> DetectorResult:
    got = _RESULTS.get(text, det)
    if got is None:
        got = det.analyse(text)
        _RESULTS.put(text, det, got)
    return got  # type: ignore[return-value]


# -- name and outlet readers (plain string walking: cheaper than anchored regex searches) -----
_SUBJECT_PRONOUNS = frozenset("he she they we i".split())
_AUX = frozenset("has had have also then later once again further previously".split())
_TRAIL = ".,;:!?”\"’)…"


def _name_before(text: str, pos: int) -> list[str] | None:
    """Capitalised name tokens ending just before ``pos`` ("Nam Sung-wook" in "Nam Sung-wook said")."""
    j = pos - 1
    while j >= 0 and text[j] in " \xa0\t":
        j -= 1
    if j < 0:
        return None
    k = text.rfind(" ", max(0, j - 30), j) + 1
    first = text[k:j + 1]
    if first[:1].islower() and first not in _AUX:
        return None  # "he said", "officials said": most speech verbs end here, cheaply
    parts = text[pos - 56 if pos > 56 else 0:pos].split()
    # walk the parts backwards by index (no copies, no pops); the first part may be cut
    floor = 1 if pos > 56 else 0
    i = len(parts) - 1
    while i >= floor and parts[i].lower() in _AUX:
        i -= 1
    if i < floor:
        return None
    name: list[str] = []  # collected last token first
    tok = parts[i]
    last = tok[-1]
    if last in _TRAIL:
        if last != ",":
            return None
        tok = tok[:-1]
        if not tok:
            return None
    if not tok[:1].isupper():
        return None
    name.append(tok)
    i -= 1
    while i >= floor and len(name) < 4:
        tok = parts[i]
        if tok[-1] in _TRAIL:
            break
        if tok[:1].isupper() or tok in _PARTICLES:
            name.append(tok)
            i -= 1
        else:
            break
    if name[-1].lower() in _NOT_SPEAKERS:
        return None
    name.reverse()
    return name


def _title_before_fast(text: str, pos: int, name: list[str]) -> bool:
    """A role or title word right before a name ("Deputy Prime Minister Marat Khusnullin")."""
    k = text.rfind(name[0], max(0, pos - 120), pos)
    if k <= 0:
        return False
    prev = text[max(0, k - 30):k].split()
    return bool(prev) and prev[-1].lower().rstrip(".,") in _TITLES


def _name_after(text: str, pos: int) -> tuple[list[str], int] | None:
    """Capitalised name tokens starting at ``pos`` and the offset where they end."""
    seg = text[pos:pos + 80]
    name: list[str] = []
    end = pos
    offset = 0
    for tok in seg.split()[:5]:
        k = seg.find(tok, offset)
        offset = k + len(tok)
        clean = tok.rstrip(_TRAIL)
        if clean[:1].isupper() or (name and clean in _PARTICLES):
            name.append(clean)
            end = pos + k + len(clean)
            if clean != tok:
                break
        else:
            break
    if not name or name[0].lower() in _NOT_SPEAKERS:
        return None
    return name, end


_PARTICLES = frozenset("de da di du del della der den van von la le bin ibn al el dos".split())


_VERBS_BEFORE_NAME = frozenset(("said", "says", "wrote", "writes", "added", "asked", "explained",
                                "noted", "told", "argued", "warned", "insisted"))


def _speaker(text: str, vs: int, ve: int) -> str | None:
    """Who the speech verb at [vs, ve) attributes to: named, named_role, pronoun or None."""
    verb = text[vs:ve]
    if ve - vs == 12 and verb.lower() == "according to":
        got = _name_after(text, ve)
        return "named" if got else None
    # the word right before the verb decides most cases cheaply
    before = text[max(0, vs - 24):vs].split()
    while before and before[-1].lower() in _AUX:
        before.pop()
    if before:
        prev = before[-1]
        if prev.lower() in _SUBJECT_PRONOUNS:
            return "pronoun"
    else:
        prev = ""
    if prev[:1].isupper():
        name = _name_before(text, vs)
        if name:
            return "named_role" if _title_before_fast(text, vs, name) else "named"
    # a name after the verb ("said Jane Doe") counts for a few verbs only: test those first
    got = _name_after(text, ve) if verb in _VERBS_BEFORE_NAME and \
        text[ve:ve + 2].strip(" ,\xa0")[:1].isupper() else None
    if got:
        return "named_role" if text.startswith(",", got[1]) and \
            _ROLE_AFTER_NAME.match(text, got[1]) else "named"
    after = text[ve:ve + 6].lstrip(" ,")
    if after.startswith(("he ", "she ", "they ", "he.", "she.", "they.")):
        return "pronoun"
    return None


def _cite_forward(text: str, pos: int) -> tuple[int, str] | None:
    """An outlet named right after ``pos`` ("according to [the] Fox News"): (end, name)."""
    j = pos
    while j < len(text) and text[j] in " \xa0":
        j += 1
    if text.startswith(("the ", "The "), j):
        j += 4
    seg = text[j:j + 80]
    toks: list[str] = []
    for tok in seg.split()[:6]:
        clean = tok.rstrip(_TRAIL)
        if clean[:1].isupper() or clean in ("of", "the", "on") and toks:
            toks.append(clean)
            if clean != tok:
                break
        else:
            break
    if not toks:
        return None
    name = c.outlet_name(" ".join(toks))
    if not name:
        return None
    return j + seg.find(name) + len(name), name


def _cite_backward(text: str, pos: int) -> tuple[int, str] | None:
    """An outlet named right before ``pos`` ("Korea Herald reported"): (start, name)."""
    parts = text[max(0, pos - 80):pos].split()
    toks: list[str] = []
    while parts and len(toks) < 6:
        tok = parts[-1]
        if tok[-1] in _TRAIL and toks:
            break
        clean = tok.rstrip(_TRAIL) if not toks else tok
        if tok[-1] in _TRAIL and not toks:
            break  # "..., the Herald. reported" is not a citation
        if clean[:1].isupper() or clean in ("of", "on") and toks:
            toks.insert(0, clean)
            parts.pop()
        else:
            break
    for k in range(len(toks)):
        cand = " ".join(toks[k:])
        name = c.outlet_name(cand)
        if name and name == cand:
            start = text.rfind(name, max(0, pos - 90), pos)
            if start >= 0:
                return start, name
    return None
