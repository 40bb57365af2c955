"""Text bylines against allsides-baly2020's silver ``authors`` field.

    nice python benchmarks/attribution/eval_silver_authors.py [N] [SEED]

``content_original`` was produced by newspaper3k, which usually strips the byline from the body,
so this measures (a) how often a byline survives in the text and is found, and (b) precision:
when the detector names an author, is it one of the silver authors (case-insensitive, any of the
comma-separated names; a match of the last name counts as "partial").
"""

from __future__ import annotations

import sys

import pandas as pd

from features.attribution.credits import CreditsDetector
from scorer.document import Document


def main(argv: list[str]) -> int:
    n = int(argv[1]) if len(argv) > 1 else 5000
    seed = int(argv[2]) if len(argv) > 2 else 7
    df = pd.read_parquet("/work/shared/datasets/allsides-baly2020/allsides_articles.parquet",
                         columns=["authors", "content_original"]).sample(n=n, random_state=seed)
    det = CreditsDetector()
    found = exact = partial = with_gold = found_with_gold = found_without_gold = 0
    for authors, text in zip(df["authors"].fillna(""), df["content_original"].fillna("")):
        gold = [a.strip().lower() for a in authors.split(",") if a.strip()]
        byline = det(Document(text=text, language="en")).extras["byline"]
        with_gold += bool(gold)
        if not byline:
            continue
        found += 1
        if not gold:
            found_without_gold += 1
            continue
        found_with_gold += 1
        names = [p.strip().lower() for p in byline.replace(" and ", ",").split(",") if p.strip()]
        if any(nm in gold for nm in names):
            exact += 1
        elif any(nm.split()[-1] in " ".join(gold) for nm in names if nm.split()):
            partial += 1
    print(f"articles: {n} (seed {seed}); with silver authors: {with_gold}")
    print(f"text byline found: {found} ({found / n:.3f}); on articles with silver authors: "
          f"{found_with_gold}; on articles without: {found_without_gold}")
    if found_with_gold:
        print(f"precision vs silver (exact name): {exact / found_with_gold:.3f}; "
              f"exact or last-name: {(exact + partial) / found_with_gold:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
