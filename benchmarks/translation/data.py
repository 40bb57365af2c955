"""Loaders for the translation benchmark data (read from /work/shared/datasets, never copied).

- ``roundtrip()``: mt-roundtrip pairs (Apertium via Spanish/Catalan), one row per text, label 1 for
  the round trip and 0 for its original, ``group`` = AllSides id (a pair never straddles a split).
- ``wmt_docs()``: WMT21 document-level English texts: machine translation (1), human translation
  and English originals (0); ``group`` = language pair + source document.
- ``clean_news(split)``: AllSides articles of the publisher-disjoint media split.
- ``heldout_news(split)``: ``clean_news`` of the valid/test media split minus any outlet name that
  also occurs in the train split (the media split shares a few names such as "Guest Writer"), so
  these publishers are truly unseen.
"""

from __future__ import annotations

import json
import lzma
from functools import lru_cache
from pathlib import Path

import pandas as pd

DATA = Path("/work/shared/datasets")


def roundtrip() -> list[dict]:
    rows = []
    with lzma.open(DATA / "mt-roundtrip/allsides_roundtrip.jsonl.xz", "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            base = {"group": "rt:" + r["id"], "source": r["source"], "pivot": r["pivot"]}
            rows.append({**base, "text": r["text_original"], "label": 0, "kind": "rt_original"})
            rows.append({**base, "text": r["text_mt"], "label": 1, "kind": "rt_mt"})
    return rows


def wmt_docs() -> list[dict]:
    d = pd.read_csv(
        DATA / "wmt21-news-systems/wmt21_en_docs_segments.tsv.xz",
        sep="\t",
        quoting=3,
        keep_default_na=False,
    )
    d["text"] = d["text"].astype(str).str.strip('"').str.replace('""', '"')
    rows = []
    for (lp, doc, kind, system), g in d.groupby(["lp", "doc_id", "kind", "system"], sort=True):
        g = g.sort_values("seg_id")
        text = " ".join(t for t in g["text"] if t)
        rows.append(
            {
                "group": f"wmt:{lp.split('-')[0] if kind != 'human_original' else 'en'}:{doc}",
                "text": text,
                "label": int(kind == "machine_translation"),
                "kind": kind,
                "system": system,
                "lp": lp,
            }
        )
    return rows


@lru_cache(maxsize=1)
def _allsides() -> pd.DataFrame:
    df = pd.read_parquet(
        DATA / "allsides-baly2020/allsides_articles.parquet",
        columns=["ID", "source", "content_original"],
    )
    return df


def _split_ids(split: str) -> set[str]:
    s = pd.read_csv(DATA / f"allsides-baly2020/data/splits/media/{split}.tsv", sep="\t")
    return set(s["ID"])


def clean_news(split: str) -> list[dict]:
    df = _allsides()
    m = df[df["ID"].isin(_split_ids(split))]
    m = m[m["content_original"].fillna("").str.len() >= 300]
    return [
        {"id": i, "source": s, "text": t, "label": 0, "kind": "clean_news", "group": "as:" + i}
        for i, s, t in zip(m["ID"], m["source"], m["content_original"])
    ]


def heldout_news(split: str) -> list[dict]:
    train_sources = {r["source"] for r in clean_news("train")}
    return [r for r in clean_news(split) if r["source"] not in train_sources]


def split_of(group: str, test_share: int = 5) -> str:
    """Deterministic train/test assignment of a group (1 in ``test_share`` goes to test)."""
    import zlib

    return "test" if zlib.crc32(group.encode("utf-8")) % test_share == 0 else "train"


_ARTICLES = {"the", "a", "an"}
_PREP_SWAP = {
    "in": "on",
    "on": "in",
    "at": "in",
    "to": "for",
    "for": "to",
    "of": "from",
    "with": "by",
    "by": "with",
    "into": "in",
    "about": "of",
}
_AGREE_SWAP = {
    "is": "are",
    "are": "is",
    "was": "were",
    "were": "was",
    "has": "have",
    "have": "has",
    "does": "do",
    "do": "does",
}


def learner_errors(text: str, seed: int, rate: float = 1.0) -> str:
    """Human news rewritten with typical non-native (learner) errors, as *human* negatives.

    Drops articles, swaps prepositions, breaks subject-verb agreement and drops plural/3rd-person
    "s" at rates seen in learner corpora (roughly 1 article in 4, 1 preposition in 6). This keeps
    the profile model from equating "imperfect English" with "machine translation".
    """
    import random as _random

    rng = _random.Random(seed)
    out = []
    for tok in text.split(" "):
        low = tok.lower()
        r = rng.random()
        if low in _ARTICLES and r < 0.25 * rate:
            continue
        if low in _PREP_SWAP and r < 0.17 * rate:
            tok = _PREP_SWAP[low] if tok.islower() else _PREP_SWAP[low].capitalize()
        elif low in _AGREE_SWAP and r < 0.2 * rate:
            tok = _AGREE_SWAP[low] if tok.islower() else _AGREE_SWAP[low].capitalize()
        elif len(tok) > 4 and tok.islower() and tok.endswith("s") and r < 0.05 * rate:
            tok = tok[:-1]
        out.append(tok)
    return " ".join(out)
