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

from data import clean_news, learner_errors, roundtrip, split_of, wmt_docs

from features.translation import profile as P

MODEL_PATH = ROOT / "features/data/translation/profile_model.json"


def load_rows(n_news: int, seed: int, n_learner: int = 0) -> list[dict]:
    rt = roundtrip()
    rt_ids = {r["group"][3:] for r in rt}
    pool = [r for r in clean_news("train") if r["id"] not in rt_ids]
    picked = random.Random(seed).sample(pool, min(n_news + n_learner, len(pool)))
    news, learner = picked[:n_news], picked[n_news:]
    rows = []
    for r in rt:
        rows.append({**r, "src": "rt", "split": split_of(r["group"])})
    for r in wmt_docs():
        rows.append({**r, "src": "wmt", "split": split_of(r["group"], 3)})
    for r in news:
        rows.append({**r, "src": "news", "split": "train"})
    for i, r in enumerate(learner):
        rows.append(
            {
                **r,
                "text": learner_errors(r["text"], seed * 100003 + i),
                "src": "learner",
                "split": "train",
            }
        )
    return rows


def featurize(rows: list[dict]) -> tuple[list[dict[int, int]], np.ndarray, np.ndarray]:
    counts, ntok, dense = [], [], []
    for r in rows:
        c, n, d = P.profile(r["text"])
        counts.append(c)
        ntok.append(n)
        dense.append(d)
    return counts, np.array(ntok, dtype=float), np.array(dense, dtype=float)


def matrix(
    counts: list[dict[int, int]], ntok: np.ndarray, dense: np.ndarray, vocab: dict[int, int]
) -> sparse.csr_matrix:
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
    ap.add_argument(
        "--learner",
        type=int,
        default=1500,
        help="clean news rewritten with learner errors (human negatives)",
    )
    ap.add_argument("--learner-weight", type=float, default=1.0)
    ap.add_argument(
        "--shrink-tokens",
        type=float,
        default=400.0,
        help="rt-head logit shrinkage: weight n/(n+k) for a sample of n tokens",
    )
    ap.add_argument(
        "--neural-cap",
        type=float,
        default=2.0,
        help="the neural head adds cap*tanh(logit/4) to the logit",
    )
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--out", default=str(MODEL_PATH))
    args = ap.parse_args(argv)

    t0 = time.time()
    rows = load_rows(args.news, args.seed, args.learner)
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
    sd = np.sqrt(
        np.asarray(X[tr].power(2).mean(axis=0)).ravel()
        - np.asarray(X[tr].mean(axis=0)).ravel() ** 2
    )
    sd[sd < 1e-6] = 1.0
    Xs = X @ sparse.diags(1.0 / sd)

    # Two heads on the same profile. "rt": rule-based MT (round trips) vs clean and learner
    # news; "neural": WMT21 neural MT vs human translations/originals plus the same negatives.
    # Each (source, label) cell gets the same total weight (WMT scaled by --wmt-weight).
    src = np.array([r["src"] for r in rows])
    heads = {}
    cells_all = {}
    for head, use in (("rt", ("rt", "news", "learner")), ("neural", ("wmt", "news", "learner"))):
        w = np.zeros(len(rows))
        for s in use:
            for lab in (0, 1):
                m = tr & (src == s) & (y == lab)
                if not m.sum():
                    continue
                cells_all[(s, lab)] = m
                total = 1000.0 * (args.wmt_weight if s == "wmt" else 1.0)
                if s == "learner":
                    total = 1000.0 * args.learner_weight
                w[m] = total / m.sum()
        fit = w > 0
        clf = LogisticRegression(C=args.C, max_iter=3000)
        clf.fit(Xs[fit], y[fit], sample_weight=w[fit])
        heads[head] = (clf.coef_.ravel() / sd, float(clf.intercept_[0]))
    cells = cells_all

    # Held-out AUCs of each head alone.
    te = ~tr
    metrics = {}
    logits = {h: X @ c + b for h, (c, b) in heads.items()}
    for h, logit in logits.items():
        for s in ("rt", "wmt"):
            m = te & (src == s)
            metrics[f"{h}_head_{s}_test_auc"] = round(float(roc_auc_score(y[m], logit[m])), 4)
    print(metrics, file=sys.stderr)
    news_rt = logits["rt"][src == "news"]
    shrink_mu = float(np.median(news_rt))

    nv = len(keys)
    model = {
        "format": "credscore.translation.profile/2",
        "symbols_sha": symbols_sha(),
        "sample_chars": P.SAMPLE_CHARS,
        "dense_names": list(P.DENSE_NAMES),
        "keys": keys,
        "names": [P.key_name(k) for k in keys],
        "heads": {
            h: {
                "bias": b,
                "weights": [round(float(x), 6) for x in c[:nv]],
                "dense_weights": [round(float(x), 6) for x in c[nv:]],
            }
            for h, (c, b) in heads.items()
        },
        # Combination (see features/translation/detector.py): the rt head's logit is shrunk
        # toward the clean-news median for short samples, the neural head enters bounded.
        "shrink_tokens": args.shrink_tokens,
        "shrink_mu": round(shrink_mu, 4),
        "neural_cap": args.neural_cap,
        "training": {
            "command": "nice python benchmarks/translation/train.py "
            + " ".join(argv or sys.argv[1:]),
            "data": "mt-roundtrip (train split by article), wmt21-news-systems docs (train split by "
            "source document), allsides-baly2020 media-split train news (extra negatives, "
            "and a disjoint sample rewritten with learner errors as human negatives)",
            "counts": {f"{s}_{lab}": int(m.sum()) for (s, lab), m in cells.items()},
            "params": {
                "C": args.C,
                "min_df": args.min_df,
                "news": args.news,
                "learner": args.learner,
                "learner_weight": args.learner_weight,
                "wmt_weight": args.wmt_weight,
                "seed": args.seed,
            },
            "head_metrics": metrics,
        },
    }
    Path(args.out).write_text(json.dumps(model, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {args.out}: {nv} n-grams", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
