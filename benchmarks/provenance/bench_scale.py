"""Throughput and memory of provenance clustering on 100,000 documents.

    nice python -m benchmarks.provenance.bench_scale --docs 100000 --jobs 2

Corpus: every AllSides article (37,554), the 2,391 Apertium round trips from mt-roundtrip, and
derived copies of random articles up to ``--docs`` (prefix copies of 35-100%, shuffled copies with
dropped sentences, credited copies). Times the signature phase (``--jobs`` processes) and the
LSH/verification/labelling phase (one process) apart, and reports peak resident memory of the
main process and of the workers, plus a recall check: the share of derived copies and round trips
put in the same family as their source article.
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import random
import re
import resource
import time
from collections import Counter

import pandas as pd

from benchmarks.provenance.families import SHARED
from scorer.document import Document
from scorer.provenance import ProvenanceConfig, cluster_texts_signatures, compute_signatures

_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def corpus(n_docs: int, seed: int) -> tuple[list[Document], dict[int, int]]:
    """Documents and, for every derived document, the index of its source article."""
    arts = pd.read_parquet(SHARED / "allsides-baly2020" / "allsides_articles.parquet",
                           columns=["ID", "content_original"])
    texts = arts.content_original.tolist()
    ids = arts.ID.tolist()
    del arts
    pos = {a: i for i, a in enumerate(ids)}
    docs = [Document(text=t, id=i) for t, i in zip(texts, ids)]
    source: dict[int, int] = {}
    with lzma.open(SHARED / "mt-roundtrip" / "allsides_roundtrip.jsonl.xz", "rt") as fh:
        for line in fh:
            r = json.loads(line)
            if r["id"] in pos:
                source[len(docs)] = pos[r["id"]]
                docs.append(Document(text=r["text_mt"], id="mt-" + r["id"]))
    rnd = random.Random(seed)
    k = 0
    while len(docs) < n_docs:
        src = rnd.randrange(len(texts))
        paras = [p for p in texts[src].split("\n") if p.strip()]
        kind = rnd.random()
        if kind < 0.4:
            body = "\n".join(paras[: max(2, int(len(paras) * rnd.uniform(0.35, 1.0)))])
        elif kind < 0.7:
            rnd.shuffle(paras)
            body = "\n".join(" ".join(s for s in _SENT.split(p) if rnd.random() > 0.25) or p
                             for p in paras)
        else:
            body = texts[src] + "\n\nSource: " + rnd.choice(("Reuters", "AP", "AFP"))
        source[len(docs)] = src
        docs.append(Document(text=body, id=f"copy-{k}"))
        k += 1
    return docs[:n_docs], {i: s for i, s in source.items() if i < n_docs}


def _cpu() -> float:
    """CPU seconds used by this process and its finished children (the machine is shared, so
    wall time alone over-states the cost)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    ch = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + ch.ru_utime + ch.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    t0 = time.perf_counter()
    docs, source = corpus(args.docs, args.seed)
    t_load = time.perf_counter() - t0
    text_mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    rss_loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cfg = ProvenanceConfig(jobs=args.jobs)
    t1, c1 = time.perf_counter(), _cpu()
    sigs = compute_signatures([d.text for d in docs], cfg)
    t_sig, c_sig = time.perf_counter() - t1, _cpu() - c1
    t2, c2 = time.perf_counter(), _cpu()
    recs = cluster_texts_signatures(docs, sigs, cfg)
    t_clu, c_clu = time.perf_counter() - t2, _cpu() - c2
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rss_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    joined = sum(1 for i, s in source.items()
                 if recs[i]["cluster_id"] is not None and recs[i]["cluster_id"] == recs[s]["cluster_id"])
    roles = Counter(r["role"] for r in recs)
    rels = Counter(r["relation"] for r in recs if r["relation"])
    sig_mb = len(sigs) * 2 * cfg.num_perm * 4 / 1e6
    print(json.dumps({
        "docs": len(docs), "text_mb": round(text_mb, 1), "jobs": args.jobs,
        "load_s": round(t_load, 1), "signatures_s": round(t_sig, 1),
        "cluster_s": round(t_clu, 1), "total_s": round(t_sig + t_clu, 1),
        "signatures_cpu_s": round(c_sig, 1), "cluster_cpu_s": round(c_clu, 1),
        "wall_s_if_cpu_split_on_2_cores": round(c_sig / max(args.jobs, 1) + c_clu, 1),
        "load_average_at_end": [round(x, 1) for x in os.getloadavg()],
        "docs_per_s": round(len(docs) / (t_sig + t_clu), 1),
        "peak_rss_main_mb": round(rss), "rss_after_loading_mb": round(rss_loaded),
        "peak_rss_worker_mb": round(rss_children), "signature_arrays_mb": round(sig_mb, 1),
        "derived_joined_to_source": round(joined / max(len(source), 1), 4),
        "derived": len(source), "roles": dict(roles), "relations": dict(rels),
    }, indent=1))


if __name__ == "__main__":
    main()
