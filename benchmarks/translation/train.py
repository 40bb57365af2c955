"""Train the function-word profile model of ``features/data/translation/profile_model.json``.

Data (read from /work/shared/datasets, see ``data.py``), train side of each split only:
- mt-roundtrip: Apertium round trips (label 1) and their originals (label 0), split by article;
- wmt21-news-systems: neural MT into English (1) vs human translations and English originals (0),
  split by language pair + source document (the hard case);
- allsides-baly2020: clean human news from the media-split *train* publishers (0), extra negatives.

Features are ``features.translation.profile``: relative frequencies of function-word /
word-shape / punctuation n-grams (vocabulary = keys in >= ``--min-df`` training documents) plus a
few dense rates. A logistic regression is fitted on standardised features and the scaling is
folded into the stored weights, so inference is a dot product over a dict.

    nice python benchmarks/translation/train.py
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from data import clean_news, roundtrip, split_of, wmt_docs  # noqa: E402

from features.translation import profile as P  # noqa: E402

MODEL_PATH = ROOT / "features/data/translation/profile_model.json"


def load_rows(n_news: int, seed: int) -> list[dict]:
    rt = roundtrip()
    rt_ids = {r["group"][3:] for r in rt}
    news = [r for r in clean_news("train") if r["id"] not in rt_ids]
    news = random.Random(seed).sample(news, min(n_news, len(news)))
    rows = []
    for r in rt:
        rows.append({**r, "src": "rt", "split": split_of(r["group"])})
    for r in wmt_docs():
        rows.append({**r, "src": "wmt", "split": split_of(r["group"], 3)})
    for r in news:
        rows.append({**r, "src": "news", "split": "train"})
    return rows


def featurize(rows: list[dict]) -> tuple[list[dict[int, int]], np.ndarray, np.ndarray]:
    counts, ntok, dense = [], [], []
    for r in rows:
        c, n, d = P.profile(r["text"])
        counts.append(c)
        ntok.append(n)
        dense.append(d)
    return counts, np.array(ntok, dtype=float), np.array(dense, dtype=float)


def matrix(counts: list[dict[int, int]], ntok: np.ndarray, dense: np.ndarray,
           vocab: dict[int, int]) -> sparse.csr_matrix:
    indptr, indices, data = [0], [], []
    for c, n in zip(counts, ntok):
        for k, v in c.items():
            j = vocab.get(k)
            if j is not None:
                indices.append(j)
                data.append(v / max(n, 1.0))
        indptr.append(len(indices))
    X = sparse.csr_matrix((data, indices, indptr), shape=(len(counts), len(vocab)))
    return sparse.hstack([X, sparse.csr_matrix(dense)], format="csr")


def symbols_sha() -> str:
    return hashlib.sha256("\n".join(P.SYMBOLS).encode()).hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--news", type=int, default=3000)
    ap.add_argument("--min-df", type=int, default=100)
    ap.add_argument("--C", type=float, default=0.003)
    ap.add_argument("--wmt-weight", type=float, default=4.0, help="weight of WMT vs round trips")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--out", default=str(MODEL_PATH))
    args = ap.parse_args(argv)

    t0 = time.time()
    rows = load_rows(args.news, args.seed)
    counts, ntok, dense = featurize(rows)
    print(f"featurised {len(rows)} docs in {time.time() - t0:.1f}s", file=sys.stderr)
    y = np.array([r["label"] for r in rows])
    tr = np.array([r["split"] == "train" for r in rows])

    df: dict[int, int] = {}
    for c, t in zip(counts, tr):
        if t:
            for k in c:
                df[k] = df.get(k, 0) + 1
    keys = sorted(k for k, v in df.items() if v >= args.min_df)
    vocab = {k: i for i, k in enumerate(keys)}
    X = matrix(counts, ntok, dense, vocab)
    sd = np.sqrt(np.asarray(X[tr].power(2).mean(axis=0)).ravel() - np.asarray(X[tr].mean(axis=0)).ravel() ** 2)
    sd[sd < 1e-6] = 1.0
    Xs = X @ sparse.diags(1.0 / sd)

    # Weights: each (source, label) cell sums to the same total, WMT cells scaled by --wmt-weight.
    src = np.array([r["src"] for r in rows])
    w = np.ones(len(rows))
    cells = {}
    for s in ("rt", "wmt", "news"):
        for lab in (0, 1):
            m = tr & (src == s) & (y == lab)
            if m.sum():
                cells[(s, lab)] = m
    for (s, lab), m in cells.items():
        total = 1000.0 * (args.wmt_weight if s == "wmt" else 1.0)
        if s == "news":
            total = 1000.0
        w[m] = total / m.sum()
    clf = LogisticRegression(C=args.C, max_iter=3000)
    clf.fit(Xs[tr], y[tr], sample_weight=w[tr])
    coef = clf.coef_.ravel() / sd
    bias = float(clf.intercept_[0])

    # Report held-out AUCs of the profile model alone.
    logit = X @ coef + bias
    te = ~tr
    metrics = {}
    for s in ("rt", "wmt"):
        m = te & (src == s)
        metrics[f"{s}_test_auc"] = round(float(roc_auc_score(y[m], logit[m])), 4)
        m2 = tr & (src == s)
        metrics[f"{s}_train_auc"] = round(float(roc_auc_score(y[m2], logit[m2])), 4)
    print(metrics, file=sys.stderr)

    nv = len(keys)
    model = {
        "format": "credscore.translation.profile/1",
        "symbols_sha": symbols_sha(),
        "sample_chars": P.SAMPLE_CHARS,
        "bias": bias,
        "dense_names": list(P.DENSE_NAMES),
        "dense_weights": [round(float(x), 6) for x in coef[nv:]],
        "keys": keys,
        "names": [P.key_name(k) for k in keys],
        "weights": [round(float(x), 6) for x in coef[:nv]],
        "training": {
            "command": "nice python benchmarks/translation/train.py " + " ".join(argv or sys.argv[1:]),
            "data": "mt-roundtrip (train split by article), wmt21-news-systems docs (train split by "
                    "source document), allsides-baly2020 media-split train news (extra negatives)",
            "counts": {f"{s}_{lab}": int(m.sum()) for (s, lab), m in cells.items()},
            "params": {"C": args.C, "min_df": args.min_df, "news": args.news,
                       "wmt_weight": args.wmt_weight, "seed": args.seed},
            "profile_only_metrics": metrics,
        },
    }
    Path(args.out).write_text(json.dumps(model, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {args.out}: {nv} n-grams", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
