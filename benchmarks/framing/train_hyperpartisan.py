"""Train and cross-validate the article-level hyperpartisan model of ``framing.partisan.v1``.

Usage::

    nice python benchmarks/framing/train_hyperpartisan.py [--vocab 3000] [--C 10] [--write]

Data: SemEval-2019 Task 4 by-article training set (645 articles, ../shared/datasets); the
vocabulary's document frequencies and idf also use a seeded sample of AllSides media-split *train*
articles (unlabelled use: it makes the vocabulary general news vocabulary, not SemEval topics).

Model: tokens from ``features.framing.partisan.tokens`` (the detector's own tokenizer), the
``--vocab`` most frequent tokens (document frequency >= 3), sublinear tf-idf with L2 norm, plus the
detector's dense rates (standardised), logistic regression. Cross-validation is grouped by
publisher (host of the article URL), 10 folds, so no publisher is in both train and test.
``--write`` refits on all 645 articles and writes features/data/framing/hyperpartisan_model.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from data import SEMEVAL, load_allsides, load_semeval

from features.framing.partisan import DATA_DIR, PartisanFraming

DENSE = ("loaded_rate", "name_calling_rate", "derogatory_rate", "hyperbole_rate",
         "scare_quote_rate", "first_person_rate", "exclamation_rate", "caps_rate",
         "question_rate")


def featurise(texts: list[str]) -> tuple[list[list[str]], np.ndarray]:
    det = PartisanFraming()
    toks, dense = [], []
    for t in texts:
        _, d, tk, _ = det.analyse(t)
        toks.append(tk)
        dense.append([d[n] for n in DENSE])
    return toks, np.array(dense, dtype=float)


def build_vocab(token_lists: list[list[str]], size: int) -> tuple[list[str], np.ndarray]:
    df: Counter[str] = Counter()
    for tk in token_lists:
        df.update(set(tk))
    vocab = [t for t, n in df.most_common() if n >= 3][:size]
    n = len(token_lists)
    idf = np.array([math.log((1 + n) / (1 + df[t])) + 1.0 for t in vocab])
    return vocab, idf


def tfidf(token_lists: list[list[str]], vocab: list[str], idf: np.ndarray) -> sp.csr_matrix:
    index = {t: i for i, t in enumerate(vocab)}
    rows, cols, vals = [], [], []
    for r, tk in enumerate(token_lists):
        c = Counter(t for t in tk if t in index)
        v = {index[t]: (1 + math.log(k)) * idf[index[t]] for t, k in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        for j, x in v.items():
            rows.append(r)
            cols.append(j)
            vals.append(x / norm)
    return sp.csr_matrix((vals, (rows, cols)), shape=(len(token_lists), len(vocab)))


class Model:
    def __init__(self, C: float, dense_weight: float) -> None:
        self.C, self.dense_weight = C, dense_weight

    def fit(self, X: sp.csr_matrix, D: np.ndarray, y: np.ndarray) -> Model:
        self.mu = D.mean(0)
        self.sd = D.std(0) + 1e-9
        self.lr = LogisticRegression(C=self.C, max_iter=5000)
        self.lr.fit(self._stack(X, D), y)
        return self

    def _stack(self, X: sp.csr_matrix, D: np.ndarray) -> sp.csr_matrix:
        Z = (D - self.mu) / self.sd * self.dense_weight
        return sp.hstack([X, sp.csr_matrix(Z)]).tocsr()

    def predict(self, X: sp.csr_matrix, D: np.ndarray) -> np.ndarray:
        return self.lr.predict_proba(self._stack(X, D))[:, 1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--vocab", type=int, default=3000)
    ap.add_argument("--C", type=float, default=3.0)
    ap.add_argument("--dense-weight", type=float, default=0.3,
                    help="scale of the standardised dense rates (acts as their regularisation)")
    ap.add_argument("--allsides-vocab-docs", type=int, default=6000)
    ap.add_argument("--folds", type=int, default=10)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--predictions", help="write out-of-fold predictions (id, publisher, p) here")
    args = ap.parse_args(argv)

    arts = load_semeval()
    y = np.array([a.label for a in arts])
    groups = [a.publisher for a in arts]
    toks, D = featurise([a.title + "\n" + a.text for a in arts])
    extra = load_allsides("train")
    random.Random(0).shuffle(extra)
    extra_toks, _ = featurise([a.title + "\n" + a.text for a in extra[: args.allsides_vocab_docs]])
    vocab, idf = build_vocab(toks + extra_toks, args.vocab)
    X = tfidf(toks, vocab, idf)

    oof = np.zeros(len(y))
    fold_acc = []
    for tr, te in GroupKFold(n_splits=args.folds).split(X, y, groups):
        m = Model(args.C, args.dense_weight).fit(X[tr], D[tr], y[tr])
        oof[te] = m.predict(X[te], D[te])
        fold_acc.append(float(((oof[te] >= 0.5) == y[te]).mean()))
    pred = oof >= 0.5
    res = {
        "accuracy": float((pred == y).mean()),
        "f1_hyperpartisan": float(f1_score(y, pred)),
        "roc_auc": float(roc_auc_score(y, oof)),
        "fold_accuracy_min": min(fold_acc), "fold_accuracy_max": max(fold_acc),
        "n": len(y), "positives": int(y.sum()), "publishers": len(set(groups)),
    }
    print(json.dumps({"args": vars(args), "cv_grouped_by_publisher": res}, indent=1))
    if args.predictions:
        with open(args.predictions, "w") as fh:
            fh.writelines(f"{a.id}\t{a.publisher}\t{a.label}\t{p:.5f}\n" for a, p in zip(arts, oof))

    if args.write:
        m = Model(args.C, args.dense_weight).fit(X, D, y)
        coef = m.lr.coef_[0]
        sha = hashlib.sha256(
            (SEMEVAL / "articles-training-byarticle-20181122.xml").read_bytes()).hexdigest()
        out = {
            "model": "framing.partisan.v1 hyperpartisan logistic regression",
            "trained_on": "semeval2019-hyperpartisan articles-training-byarticle-20181122.xml "
                          "(645 articles, CC BY 4.0); vocabulary df also over "
                          f"{args.allsides_vocab_docs} AllSides media-split train articles",
            "training_sha256": sha,
            "command": "nice python benchmarks/framing/train_hyperpartisan.py "
                       f"--vocab {args.vocab} --C {args.C} --dense-weight {args.dense_weight} --write",
            "cv_grouped_by_publisher": res,
            "vocabulary": vocab,
            "idf": [round(float(v), 6) for v in idf],
            "coef": [round(float(v), 6) for v in coef[: len(vocab)]],
            "dense_names": list(DENSE),
            "dense_mean": [float(v) for v in m.mu],
            "dense_scale": [float(v / args.dense_weight) for v in m.sd],
            "dense_coef": [float(v) for v in coef[len(vocab):]],
            "intercept": float(m.lr.intercept_[0]),
        }
        path = DATA_DIR / "hyperpartisan_model.json"
        path.write_text(json.dumps(out, ensure_ascii=False) + "\n", encoding="utf8")
        print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
