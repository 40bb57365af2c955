"""Which member of a family is the original, and what every other member is.

Originality score (higher = more likely the original), each term documented where it is added:
earliest publication date, byline, wire dateline, the publisher being the credited source,
completeness (how much of the other members it contains), and penalties for machine-translation
traces, a translation disclosure, scraper markers and credit lines naming someone else.

Relation of a copy to its original (first rule that applies):

1. ``machine_translated_copy``: few shared word shingles but many shared content pairs, with
   sentences aligned in order (a translation keeps sentence order) or MT traces/disclosure.
2. ``misattributed``: it credits an outlet or agency, and none of its credits matches the
   original's publisher or credits.
3. ``rewrite``: sentences reordered (paragraph shuffling), sentences dropped from inside the copied
   span, or a paraphrase that is neither verbatim nor an in-order translation.
4. ``syndicated``: a verbatim (full or partial) copy that credits the original's source.
5. ``scraped``: a verbatim (full or partial) copy with no credit.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from scorer.provenance.cues import Cues, names_match
from scorer.provenance.signatures import content_stems, tokens

RELATIONS = ("syndicated", "scraped", "misattributed", "machine_translated_copy", "rewrite")

_SENT_SPLIT = re.compile(r"\n+|(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


@lru_cache(maxsize=512)
def sentences(text: str) -> tuple[frozenset[str], ...]:
    """Content-stem sets of the sentences of a text (sentences with < 4 stems dropped).
    Cached: an original is aligned against each of its copies."""
    out = []
    for s in _SENT_SPLIT.split(text[:400_000]):
        stems = frozenset(content_stems(tokens(s)))
        if len(stems) >= 4:
            out.append(stems)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Alignment:
    """How the sentences of a copy map onto the sentences of its original."""

    matched: float     # share of the copy's sentences that have a counterpart
    in_order: float    # longest increasing run of counterparts / matched sentences
    gaps: float        # share of the original's sentences inside the copied span not copied
    n_copy: int
    n_orig: int


def align(copy: Sequence[frozenset[str]], orig: Sequence[frozenset[str]], min_sim: float) -> Alignment:
    """Greedy sentence alignment by content-stem Jaccard, preferring the next original sentence
    after the previous match among near-equal candidates (captions repeat lead sentences)."""
    index: dict[str, list[int]] = {}
    exact: dict[frozenset[str], list[int]] = {}
    for j, s in enumerate(orig):
        exact.setdefault(s, []).append(j)
        for w in s:
            index.setdefault(w, []).append(j)
    seq: list[int] = []
    prev = -1
    for s in copy:
        same = exact.get(s)
        if same is not None:  # verbatim sentence: no overlap counting needed
            after = [j for j in same if j > prev]
            prev = after[0] if after else same[0]
            seq.append(prev)
            continue
        counts: dict[int, int] = {}
        for w in s:
            for j in index.get(w, ()):
                counts[j] = counts.get(j, 0) + 1
        if not counts:
            continue
        scored = [(c / (len(s) + len(orig[j]) - c), j) for j, c in counts.items()]
        best = max(sim for sim, _ in scored)
        if best < min_sim:
            continue
        near = sorted(j for sim, j in scored if sim >= best - 0.05)
        after = [j for j in near if j > prev]
        pick = after[0] if after else near[0]
        seq.append(pick)
        prev = pick
    if not seq:
        return Alignment(0.0, 0.0, 0.0, len(copy), len(orig))
    tails: list[int] = []
    for x in seq:
        k = bisect_left(tails, x)
        if k == len(tails):
            tails.append(x)
        else:
            tails[k] = x
    lo, hi = min(seq), max(seq)
    span = hi - lo + 1
    gaps = (span - len(set(seq))) / span if span > 0 else 0.0
    return Alignment(len(seq) / max(len(copy), 1), len(tails) / len(seq), max(gaps, 0.0),
                     len(copy), len(orig))


def originality(cue: Cues, earliest: object, coverage: float,
                credited_by: int = 0) -> tuple[float, list[str]]:
    """Originality score of one member and the reasons that moved it.

    ``coverage``: mean share of its family neighbours' text it contains (0..1);
    ``credited_by``: how many other members credit this member's publisher.
    """
    score, why = 0.0, []
    if credited_by:
        score += 1.5 * min(credited_by, 2); why.append("credited_by_copies")
    if cue.published is not None and earliest is not None:
        if cue.published <= earliest:  # type: ignore[operator]
            score += 2.0; why.append("earliest_date")
        else:
            score -= 1.0; why.append("later_date")
    if cue.byline:
        score += 0.6; why.append("byline")
    if cue.dateline_agency:
        score += 0.6; why.append("wire_dateline")
    elif cue.dateline_plain:
        score += 0.2; why.append("dateline")
    if cue.identity and any(names_match(i, c) for i in cue.identity for c in cue.all_credits):
        score += 1.5; why.append("publisher_is_credited_source")
    foreign = [c for c in cue.credits if not any(names_match(c, i) for i in cue.identity)]
    if foreign:
        score -= 0.8; why.append("credits_another_outlet")
    # completeness: the original contains its partial copies and rewrites, not the reverse
    score += 2.0 * coverage
    if cue.mt_rate > 0:
        score -= min(1.5, 0.5 * cue.mt_rate); why.append("mt_traces")
    if cue.mt_disclosure:
        score -= 1.5; why.append("mt_disclosure")
    if cue.scraper_markers:
        score -= min(1.6, 0.8 * cue.scraper_markers); why.append("scraper_markers")
    return score, why


def relation(copy_cue: Cues, orig_cue: Cues, word_in_orig: float, content_in_orig: float,
             copy_text: str, orig_text: str, verbatim: float = 0.5) -> str:
    """The relation of a copy to its original (see the module docstring for the rules)."""
    cs, os_ = sentences(copy_text), sentences(orig_text)
    if word_in_orig < verbatim:
        al = align(cs, os_, 0.2)
        translated = (al.matched >= 0.5 and al.in_order >= 0.8) or \
            copy_cue.mt_disclosure or copy_cue.mt_rate > orig_cue.mt_rate + 0.5
        if translated and content_in_orig >= 0.3:
            return "machine_translated_copy"
    else:
        al = align(cs, os_, 0.5)
    # explicit credit lines speak for the copier; a wire dateline ("(AP) —") may just be copied text
    credits = copy_cue.credits or copy_cue.wire_credits
    known = orig_cue.all_credits | orig_cue.identity
    if credits and known and not any(names_match(c, k) for c in credits for k in known):
        return "misattributed"
    if word_in_orig < verbatim or al.in_order < 0.9 or al.gaps > 0.12:
        return "rewrite"
    return "syndicated" if credits else "scraped"
