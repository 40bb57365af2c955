"""Scraper copies vs their originals: every copy must get a higher attribution score.

    nice python benchmarks/attribution/eval_scraper_copies.py [N] [SEED]

Originals: N (default 1,500) articles drawn with SEED (default 13) from the publisher-disjoint
test split of allsides-baly2020 (``data/splits/media/test.tsv``), ``content_original`` as text.
Copies are built the way aggregators publish wire and partner copy, by one to three edits:

- lead tag: "(UPDATE) ", "(UPDATE 2) ", "UPDATE 1-", "(REFILE) ", "BREAKING: " before the text;
- credit line appended: "Author: Agence France-Presse", "Source: Reuters", "Credit: AP", ...
  (the allsides originals are not wire dispatches, so the credit is a foreign one);
- scraper tail appended: "Go to Source", "Read more at <url>", "The post <title> appeared first
  on <site>.", "Originally published by <site>", ...;
- "held_out" phrasings (not in the marker lexicon): "Continue reading the original story on
  <site>", "Full article: <url>", "This story was automatically imported from <site>", "Content
  sourced from <site>". They were caught 0% before the generic tail-line rule was written after
  seeing that result, so they are no longer a clean hold-out;
- "fresh" phrasings written after that rule and never used for tuning: "Article courtesy of
  <site>", "h/t <site>", "[Source: <site>]", "Story continues at <url>", "Visit <site> for the full
  report.", "Click here for more: <url>".

Score = the report's attribution signal score (max of non-None detector scores).
Prints ROC-AUC (copies positive), the share of pairs where copy > original, per edit family.
"""

from __future__ import annotations

import random
import sys
from collections import defaultdict

import pandas as pd
from sklearn.metrics import roc_auc_score

from features.attribution import detectors
from scorer.document import Document

ROOT = "/work/shared/datasets/allsides-baly2020"
SITES = ["dailynewsfeed.example", "worldheadlines.example", "newsnow24.example", "topstory.example"]
LEAD = ["(UPDATE) ", "(UPDATE 2) ", "UPDATE 1-", "(REFILE) ", "BREAKING: ", "(CORRECTED) "]
CREDIT = ["Author: Agence France-Presse", "Source: Reuters", "Credit: AP", "Author: AFP",
          "Source: Associated Press", "Via: Reuters"]
TAIL = ["Go to Source", "Read more at https://{site}/news/{n}", ("The post {title} appeared first "
        "on {site}."), "Originally published by {site}", "Read the full article at https://{site}/",
        "This article was republished automatically from {site}."]
#: Written after the tail-line rule was added (see the report): never used to tune anything.
FRESH = ["Article courtesy of {site}", "h/t {site}", "[Source: {site}]",
         "Story continues at https://{site}/story/{n}", "Visit {site} for the full report.",
         "Click here for more: https://{site}/{n}"]
HELD_OUT = ["Continue reading the original story on {site}", "Full article: https://{site}/{n}",
            "This story was automatically imported from {site}.", "Content sourced from {site}"]


def make_copy(text: str, title: str, rng: random.Random) -> tuple[str, list[str]]:
    families = rng.sample(["lead", "credit", "tail", "held_out", "fresh"], k=rng.randint(1, 3))
    site = rng.choice(SITES)
    n = rng.randint(1000, 99999)
    fill = {"site": site, "n": n, "title": (title or "News")[:80]}
    out = text.strip()
    for fam in families:
        if fam == "lead":
            out = rng.choice(LEAD) + out
        elif fam == "credit":
            out = out + "\n" + rng.choice(CREDIT)
        elif fam == "tail":
            out = out + "\n" + rng.choice(TAIL).format(**fill)
        elif fam == "fresh":
            out = out + "\n" + rng.choice(FRESH).format(**fill)
        else:
            out = out + "\n" + rng.choice(HELD_OUT).format(**fill)
    return out, families


def signal(dets, doc: Document) -> float:
    scores = [r.score for r in (d(doc) for d in dets) if r.score is not None]
    return max(scores) if scores else 0.0


def main(argv: list[str]) -> int:
    n = int(argv[1]) if len(argv) > 1 else 1500
    seed = int(argv[2]) if len(argv) > 2 else 13
    ids = pd.read_csv(f"{ROOT}/data/splits/media/test.tsv", sep="\t")["ID"]
    df = pd.read_parquet(f"{ROOT}/allsides_articles.parquet",
                         columns=["ID", "title", "content_original"])
    df = df[df["ID"].isin(set(ids)) & (df["content_original"].str.len() > 300)]
    df = df.sample(n=min(n, len(df)), random_state=seed)
    rng = random.Random(seed)
    dets = detectors()
    y, s = [], []
    copy_fams: list[list[str]] = []
    by_family: dict[str, list[int]] = defaultdict(list)
    wins = ties = 0
    for title, text in zip(df["title"], df["content_original"]):
        orig = signal(dets, Document(text=text, language="en"))
        copy_text, fams = make_copy(text, title, rng)
        copy = signal(dets, Document(text=copy_text, language="en"))
        y += [0, 1]
        s += [orig, copy]
        copy_fams.append(fams)
        win = copy > orig
        wins += win
        ties += copy == orig
        for f in fams:
            by_family[f].append(int(win))
        if len(fams) == 1:
            by_family[fams[0] + "_only"].append(int(win))
    pairs = len(df)
    print(f"originals: {pairs} (allsides media-split test, seed {seed})")
    print(f"ROC-AUC copies vs originals: {roc_auc_score(y, s):.4f}")
    print(f"pairs with copy > original: {wins / pairs:.4f} (ties {ties})")
    origs = s[0::2]
    copies = s[1::2]
    issue = [c for c, f in zip(copies, copy_fams) if set(f) <= {"lead", "credit", "tail"}]
    fresh = [c for c, f in zip(copies, copy_fams) if "fresh" in f]
    print(f"ROC-AUC, copies with the issue's edits only (lead/credit/tail, {len(issue)}): "
          f"{roc_auc_score([0] * len(origs) + [1] * len(issue), origs + issue):.4f}")
    print(f"ROC-AUC, copies with a fresh phrasing ({len(fresh)}): "
          f"{roc_auc_score([0] * len(origs) + [1] * len(fresh), origs + fresh):.4f}")
    for fam, v in sorted(by_family.items()):
        print(f"  {fam:14s} copy > original in {sum(v) / len(v):.3f} of {len(v)} copies")
    orig_scores = s[0::2]
    print(f"original score: mean {sum(orig_scores) / pairs:.3f}, "
          f"share > 0.5: {sum(x > 0.5 for x in orig_scores) / pairs:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
