"""Quality of provenance clustering on synthetic families (see families.py).

    nice python benchmarks/provenance/eval_families.py --families 500 --distractors 3 [--no-metadata]

Prints pair-level precision/recall (pairs of documents put in one family vs pairs truly in one
family), the share of families whose original is identified (the true original has role
"original" and is the ``original_id`` of most of its copies), a relation confusion table, and
the false-positive pairs with their texts' first words (to tell real duplicates in AllSides from
errors).
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from collections import Counter, defaultdict

from benchmarks.provenance.families import build
from scorer.provenance import ProvenanceConfig, cluster_texts_signatures, compute_signatures
from scorer.provenance.clustering import find_edges
from scorer.provenance.signatures import content_pairs, tokens, word_shingles


def pairs_of(groups: dict) -> set[tuple[int, int]]:
    out = set()
    for members in groups.values():
        for a, b in itertools.combinations(sorted(members), 2):
            out.add((a, b))
    return out


def evaluate(n_families: int, n_distractors: int, seed: int, with_metadata: bool,
             cfg: ProvenanceConfig) -> dict:
    data = build(n_families, n_distractors, seed, with_metadata)
    docs = [x.doc for x in data]
    t0 = time.perf_counter()
    sigs = compute_signatures([d.text for d in docs], cfg)
    recs = cluster_texts_signatures(docs, sigs, cfg)
    secs = time.perf_counter() - t0
    true_g: dict[int, list[int]] = defaultdict(list)
    pred_g: dict[str, list[int]] = defaultdict(list)
    for i, (x, r) in enumerate(zip(data, recs)):
        if x.family >= 0:
            true_g[x.family].append(i)
        if r["cluster_id"] is not None:
            pred_g[r["cluster_id"]].append(i)
    tp_set, pp_set = pairs_of(true_g), pairs_of(pred_g)
    tp = len(tp_set & pp_set)
    precision = tp / max(len(pp_set), 1)
    recall = tp / max(len(tp_set), 1)
    found = 0
    found_or_twin = 0
    for members in true_g.values():
        orig = next(i for i in members if data[i].is_original)
        oid = data[orig].doc.id
        copies = [i for i in members if i != orig]
        ok_copies = sum(recs[i]["original_id"] == oid for i in copies)
        if recs[orig]["role"] == "original" and ok_copies * 2 > len(copies):
            found += 1
            found_or_twin += 1
        else:
            # the chosen original is byte-identical to the true one: no textual evidence can
            # separate them (counts only when dates/metadata are absent or equal)
            chosen = {recs[i]["original_id"] for i in members}
            twins = {data[i].doc.id for i in members
                     if data[i].doc.text == data[orig].doc.text
                     and data[i].doc.published == data[orig].doc.published}
            if len(chosen) == 1 and chosen <= twins:
                found_or_twin += 1
    conf: Counter = Counter()
    for x, r in zip(data, recs):
        if x.relation is not None:
            conf[(x.relation, r["relation"] if r["role"] == "copy" else r["role"])] += 1
    fps = sorted(pp_set - tp_set)
    # edges joining documents of different true groups (distractors are their own group): is
    # each one real text reuse inside AllSides? exact containment of the smaller document's
    # 5-word shingles (>= 0.3) or content pairs (>= 0.35) in the larger one
    edges = find_edges(sigs, cfg.word_threshold, cfg.content_threshold, cfg.min_shingles,
                       cfg.lsh_word, cfg.lsh_content)
    group = [x.family if x.family >= 0 else -1 - i for i, x in enumerate(data)]
    cross = [(a, b) for a, b in zip(edges.a.tolist(), edges.b.tolist()) if group[a] != group[b]]
    reuse = 0
    for a, b in cross:
        ta, tb = tokens(data[a].doc.text), tokens(data[b].doc.text)
        wa, wb = set(word_shingles(ta).tolist()), set(word_shingles(tb).tolist())
        ca, cb = set(content_pairs(ta).tolist()), set(content_pairs(tb).tolist())
        cw = len(wa & wb) / max(min(len(wa), len(wb)), 1)
        cc = len(ca & cb) / max(min(len(ca), len(cb)), 1)
        if cw >= 0.3 or cc >= 0.35:
            reuse += 1
    fp_examples = [(data[a].doc.id, data[b].doc.id) for a, b in fps[:15]]
    fn_kinds: Counter = Counter()
    for a, b in tp_set - pp_set:
        kinds = tuple(sorted(data[i].relation or "original" for i in (a, b)))
        fn_kinds[kinds] += 1
    return {
        "docs": len(docs), "families": len(true_g), "with_metadata": with_metadata,
        "seconds": round(secs, 1), "pair_precision": round(precision, 4),
        "pair_recall": round(recall, 4), "true_pairs": len(tp_set), "pred_pairs": len(pp_set),
        "original_identified": round(found / max(len(true_g), 1), 4),
        "original_or_identical_twin": round(found_or_twin / max(len(true_g), 1), 4),
        "relation_confusion": {f"{k[0]} -> {k[1]}": v for k, v in sorted(conf.items())},
        "relation_accuracy": round(sum(v for k, v in conf.items() if k[0] == k[1])
                                   / max(sum(conf.values()), 1), 4),
        "false_positive_pairs": len(fps),
        "cross_group_edges": len(cross), "cross_group_edges_with_real_reuse": reuse,
        "fp_examples": fp_examples,
        "missed_pairs_by_kind": {" & ".join(k): v for k, v in fn_kinds.most_common()},
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--families", type=int, default=500)
    ap.add_argument("--distractors", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-metadata", action="store_true")
    args = ap.parse_args()
    res = evaluate(args.families, args.distractors, args.seed, not args.no_metadata,
                   ProvenanceConfig())
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
