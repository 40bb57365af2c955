"""Does adding AllSides media-split *train* articles help the hyperpartisan model? (probe)

    nice python benchmarks/framing/allsides_probe.py [--n 1500]

Label mapping (decided before the run): an AllSides train article counts as hyperpartisan (1) when
its outlet is rated "left" or "right" by MBFC (mbfc-baly lists; "-center" ratings are excluded),
and as not hyperpartisan (0) when AllSides and MBFC both rate the outlet "center"; other articles
are dropped. A seeded sample of ``--n`` of them is added to the *training* folds only, with sample
weight w. Fixed protocol (no choice on test folds): C and dense_weight of the shipped model, the
same outer 10 SemEval folds grouped by publisher, w in (0, 0.05, 0.2) all reported.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_hyperpartisan as T
from data import DATASETS, load_allsides, publisher_of

from features.framing.partisan import DATA_DIR


def mbfc() -> dict[str, str]:
    out = {}
    for part in ("emnlp18", "acl2020"):
        m = pd.read_csv(DATASETS / f"mbfc-baly/data/{part}/corpus.tsv", sep="\t")
        for host, b in zip(m.source_url_normalized, m.bias):
            out[str(host).lower().removeprefix("www.")] = str(b)
    return out


def rating(host: str, table: dict[str, str]) -> str | None:
    parts = host.split(".")
    for i in range(len(parts) - 1):
        if ".".join(parts[i:]) in table:
            return table[".".join(parts[i:])]
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1500)
    args = ap.parse_args(argv)
    meta = json.loads((DATA_DIR / "hyperpartisan_model.json").read_text())
    c, dw, names = meta["C"], meta["dense_weight"], tuple(meta["dense_names"])
    _arts, y, groups, X, D, vocab, idf = T.semeval_matrices(3000, names)
    table = mbfc()
    pool = []
    for a in load_allsides("train"):
        b = rating(publisher_of(a.url), table) if a.url else None
        lean = a.publisher.split("|")[0]
        if b in ("left", "right"):
            pool.append((a, 1))
        elif b == "center" and lean == "center":
            pool.append((a, 0))
    random.Random(3).shuffle(pool)
    pool = pool[: args.n]
    toks, dicts, _ = T.featurise([a.title + "\n" + a.text for a, _ in pool], names)
    XA = T.tfidf(toks, vocab, idf)
    DA = T.add_token_style(toks, dicts, vocab, names)
    ya = np.array([lab for _, lab in pool])
    print(f"AllSides rows: {len(ya)}, share labelled 1: {ya.mean():.2f}")
    for w in (0.0, 0.05, 0.2):
        oof = np.zeros(len(y))
        for tr, te in GroupKFold(n_splits=10).split(X, y, groups):
            m = T.Model(c, dw)
            Dt = np.vstack([D[tr], DA]) if w else D[tr]
            m.mu, m.sd = Dt.mean(0), Dt.std(0) + 1e-9
            Xt = sp.vstack([X[tr], XA]).tocsr() if w else X[tr]
            yt = np.concatenate([y[tr], ya]) if w else y[tr]
            sw = np.concatenate([np.ones(len(tr)), np.full(len(ya), w)]) if w else None
            m.lr = LogisticRegression(C=c, max_iter=5000)
            m.lr.fit(m._stack(Xt, Dt), yt, sample_weight=sw)
            oof[te] = m.predict(X[te], D[te])
        print(f"weight {w}: SemEval grouped-CV accuracy {((oof >= 0.5) == y).mean():.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
