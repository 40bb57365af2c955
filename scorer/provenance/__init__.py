"""Provenance: group copies of the same story and tell the original from its copies.

Crawls hold many copies of one story: wire originals, syndicated and scraped copies, partial
copies, machine-translated "laundered" copies and rewrites. Dedup tools keep an arbitrary member;
credibility scoring needs to know which member is the original and what the others are.

Pipeline (:func:`cluster`):

1. Signatures (:mod:`.signatures`): MinHash over 5-word shingles (verbatim/partial/shuffled copies)
   and over unordered pairs of neighbouring content stems (survives translation round trips).
2. Candidates by LSH banding, edges by estimated containment of the smaller document in the larger
   (:mod:`.clustering`). Containment, not Jaccard, so half copies still join.
3. Families: connected components, split greedily into stars around the most original-looking
   member so that one mixed page cannot chain two stories together.
4. Roles (:mod:`.roles`): the original by date, byline, dateline, wire credit, completeness and the
   absence of MT/scraper traces; every other member labelled ``syndicated``, ``scraped``,
   ``misattributed``, ``machine_translated_copy`` or ``rewrite``.

Known limits: heavy paraphrases (a rewrite mixing the story with other items) share too little
text to join; same-site boilerplate in raw page text (menus, footers) adds candidates but rarely
edges, because edges need containment of the whole smaller document; with no dates, an exact
verbatim copy and its original are told apart only by credits, markers and publisher identity.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np

from scorer.document import Document
from scorer.provenance.clustering import components, find_edges
from scorer.provenance.cues import Cues, extract_cues, names_match
from scorer.provenance.roles import RELATIONS, originality, relation
from scorer.provenance.signatures import Signature, signature

__all__ = [
    "FEATURE_NAMES",
    "RELATIONS",
    "ProvenanceConfig",
    "cluster",
    "cluster_texts_signatures",
    "features",
    "register_cli",
]

#: Numeric columns a classifier can take from a provenance record (see :func:`features`).
FEATURE_NAMES: tuple[str, ...] = (
    "is_original", "is_copy", *(f"rel_{r}" for r in RELATIONS), "similarity")

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ProvenanceConfig:
    """Tunable thresholds (defaults from benchmarks/provenance, see reports/provenance.md).

    word_threshold: containment of the smaller document's 5-word shingles in the larger one that
        makes a verbatim/partial copy edge (0.5: half copies plus added page furniture pass;
        unrelated same-topic articles stay below 0.1).
    content_threshold: the same for content-stem pairs (translations): round trips measured
        0.43-0.70 (1st percentile 0.46), unrelated same-topic articles up to ~0.17; AllSides
        articles that quote a third of another one reach 0.39.
    min_shingles: documents with fewer shingles are left ``unique`` (too short to tell).
    lsh_word / lsh_content: Jaccard thresholds that set the LSH band layout (lower = more
        candidates, fewer misses of small partial copies).
    num_perm: MinHash permutations (128: Jaccard error ~0.04).
    jobs: worker processes for signatures (1 = in process).
    """

    word_threshold: float = 0.5
    content_threshold: float = 0.4
    min_shingles: int = 20
    lsh_word: float = 0.15
    lsh_content: float = 0.1
    num_perm: int = 128
    seed: int = 1
    jobs: int = 1


def _sig_batch(args: tuple[list[str], int, int]) -> list[Signature]:
    texts, num_perm, seed = args
    return [signature(t, num_perm, seed) for t in texts]


def compute_signatures(texts: Sequence[str], config: ProvenanceConfig) -> list[Signature]:
    """Signatures of all texts, in order (in ``config.jobs`` processes when > 1)."""
    if config.jobs <= 1 or len(texts) < 2000:
        return [signature(t, config.num_perm, config.seed) for t in texts]
    step = 500
    batches = [(list(texts[i:i + step]), config.num_perm, config.seed)
               for i in range(0, len(texts), step)]
    out: list[Signature] = []
    with ProcessPoolExecutor(max_workers=config.jobs) as ex:
        for part in ex.map(_sig_batch, batches):
            out.extend(part)
    return out


def _cue_batch(batch: list[tuple[Document, int]]) -> list[Cues]:
    return [extract_cues(d, n) for d, n in batch]


def _all_cues(docs: Sequence[Document], sigs: Sequence[Signature], idx: list[int],
              jobs: int) -> dict[int, Cues]:
    """Cues of the clustered documents (in ``jobs`` processes when many)."""
    if jobs <= 1 or len(idx) < 2000:
        return {i: extract_cues(docs[i], sigs[i].n_tokens) for i in idx}
    step = 500
    batches = [[(docs[i], sigs[i].n_tokens) for i in idx[k:k + step]]
               for k in range(0, len(idx), step)]
    out: list[Cues] = []
    with ProcessPoolExecutor(max_workers=jobs) as ex:
        for part in ex.map(_cue_batch, batches):
            out.extend(part)
    return dict(zip(idx, out))


def _empty() -> dict[str, Any]:
    return {"cluster_id": None, "role": "unique", "original_id": None, "relation": None,
            "similarity": None}


def cluster(docs: Sequence[Document], config: ProvenanceConfig | None = None) -> list[dict[str, Any]]:
    """Provenance record for each document, in input order.

    Each record is ``{"cluster_id", "role", "original_id", "relation", "similarity"}``:
    ``role`` is ``"original"``, ``"copy"`` or ``"unique"``; ``relation`` (copies only) one of
    :data:`RELATIONS`; ``similarity`` the containment of the smaller of copy and original in the
    other (copies), the strongest such value among its copies (originals), None (unique).
    ``cluster_id`` is ``"prov:" + original id`` (the original's input position when ids are empty
    or repeated).
    """
    cfg = config or ProvenanceConfig()
    sigs = compute_signatures([d.text or "" for d in docs], cfg)
    return cluster_texts_signatures(docs, sigs, cfg)


def cluster_texts_signatures(docs: Sequence[Document], sigs: Sequence[Signature],
                             cfg: ProvenanceConfig) -> list[dict[str, Any]]:
    """:func:`cluster` after signatures are computed (the benchmark times the two apart)."""
    n = len(docs)
    out = [_empty() for _ in range(n)]
    if n < 2:
        return out
    edges = find_edges(list(sigs), cfg.word_threshold, cfg.content_threshold, cfg.min_shingles,
                       cfg.lsh_word, cfg.lsh_content)
    if len(edges.a) == 0:
        return out
    # directional containments: pair[(i, j)] = (share of i's shingles in j, share of i's pairs in j)
    pair: dict[tuple[int, int], tuple[float, float]] = {}
    nbrs: dict[int, dict[int, float]] = {}
    sim = edges.similarity()
    for k, (i, j) in enumerate(zip(edges.a.tolist(), edges.b.tolist())):
        pair[(i, j)] = (float(edges.cw_ab[k]), float(edges.cc_ab[k]))
        pair[(j, i)] = (float(edges.cw_ba[k]), float(edges.cc_ba[k]))
        s = float(sim[k])
        nbrs.setdefault(i, {})[j] = s
        nbrs.setdefault(j, {})[i] = s
    comp = components(n, edges.a, edges.b)
    groups: dict[int, list[int]] = {}
    for i in nbrs:
        groups.setdefault(int(comp[i]), []).append(i)
    ids = [d.id for d in docs]
    unique_ids = len(set(ids)) == n and all(ids)
    cues = _all_cues(docs, sigs, sorted(nbrs), cfg.jobs)
    for members in groups.values():
        members.sort()
        _assign(members, docs, cues, pair, nbrs, out, unique_ids)
    return out


def _assign(members: list[int], docs: Sequence[Document], cues: dict[int, Cues],
            pair: dict[tuple[int, int], tuple[float, float]], nbrs: dict[int, dict[int, float]],
            out: list[dict[str, Any]], unique_ids: bool) -> None:
    """Split one connected component into star families and label them."""
    dates = [d for d in (cues[i].published for i in members) if d is not None]
    earliest = min(dates) if dates else None
    scores: dict[int, float] = {}
    for i in members:
        cov = [max(pair[(j, i)]) for j in nbrs[i]]  # how much of each neighbour i contains
        coverage = float(np.mean(cov)) if cov else 0.0
        # purity: how much of i is found in its neighbours (page furniture and added credit
        # lines are not); breaks ties between an original and its full verbatim copy
        pur = [max(pair[(i, j)]) for j in nbrs[i]]
        coverage += 0.25 * (float(np.mean(pur)) if pur else 0.0)
        credited_by = sum(
            1 for j in members if j != i and cues[i].identity and any(
                names_match(c, k) for c in cues[j].all_credits for k in cues[i].identity))
        scores[i] = originality(cues[i], earliest, coverage, credited_by)[0]
    order = sorted(members, key=lambda i: (-scores[i], i))
    center_of: dict[int, int] = {}
    for c in order:
        if c in center_of:
            continue
        free = [j for j in nbrs[c] if j not in center_of]
        if not free:
            # every neighbour already belongs to a family: join the strongest one as a copy
            best = max(nbrs[c], key=lambda j: nbrs[c][j])
            center_of[c] = center_of[best]
            continue
        center_of[c] = c
        for j in free:
            center_of[j] = c
    for i in members:
        c = center_of[i]
        cid = "prov:" + (docs[c].id if unique_ids else str(c))
        orig_id = docs[c].id if unique_ids or docs[c].id else str(c)
        rec = out[i]
        rec["cluster_id"] = cid
        rec["original_id"] = orig_id
        if i == c:
            rec["role"] = "original"
            rec["similarity"] = None
        else:
            wi, ci = pair.get((i, c), (0.0, 0.0))
            rec["role"] = "copy"
            rec["relation"] = relation(cues[i], cues[c], wi, ci, docs[i].text, docs[c].text)
            s = nbrs[i].get(c)
            if s is None:  # joined through another member: similarity to that member
                s = max(nbrs[i].values())
            rec["similarity"] = round(float(s), 4)
    # originals: strongest link to any of their copies
    for i in members:
        if out[i]["role"] == "original":
            sims = [out[j]["similarity"] for j in members
                    if center_of[j] == i and j != i and out[j]["similarity"] is not None]
            out[i]["similarity"] = max(sims) if sims else None


def features(record: dict[str, Any] | None) -> dict[str, float]:
    """Provenance record -> finite numeric features named :data:`FEATURE_NAMES` (all 0.0 for a
    unique document or a missing record)."""
    rec = record or {}
    out = {name: 0.0 for name in FEATURE_NAMES}
    out["is_original"] = 1.0 if rec.get("role") == "original" else 0.0
    out["is_copy"] = 1.0 if rec.get("role") == "copy" else 0.0
    rel = rec.get("relation")
    if rel in RELATIONS:
        out[f"rel_{rel}"] = 1.0
    sim = rec.get("similarity")
    out["similarity"] = float(sim) if isinstance(sim, (int, float)) and math.isfinite(sim) else 0.0
    return out


def register_cli(subparsers: Any) -> Any:
    """Add the ``cluster`` subcommand (see :mod:`scorer.provenance.cli`)."""
    from scorer.provenance.cli import register

    return register(subparsers)
