"""Synthetic provenance families from clean AllSides articles (evaluation data builder).

Each family: one clean article (the original) and 2-5 copies drawn from
- ``syndicated``: full or partial (first 35-75% of paragraphs) copy with a credit naming the
  original's outlet ("Source: X", "Originally published by X", "By AUTHOR, X", ...);
- ``misattributed``: the same, but the credit names a different outlet or a wire agency;
- ``scraped``: full or partial copy with no credit, sometimes with a scraper marker;
- ``machine_translated_copy``: the article's Apertium round trip from mt-roundtrip (es or ca pivot);
- ``rewrite``: paragraphs shuffled and 15-35% of sentences dropped.
Copies get page furniture at random (share buttons, "Advertisement", headlines of other articles).
Distractors: other AllSides articles on the same topic, preferably published within two days of
the original (different articles on the same events, like seed 004).

``with_metadata=True`` gives every document a ``published`` date (copies 0-3 days after the
original, 30% of copies undated), a ``site_name`` and a URL; ``False`` gives text only.
Article texts are read from ../shared at run time; nothing is written into the project.
"""

from __future__ import annotations

import json
import lzma
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from scorer.document import Document

SHARED = Path(__file__).resolve().parents[3] / "shared" / "datasets"
AGGREGATORS = ("dailynewsfeed.net", "worldnewsnow.info", "topstories24.com", "newshub-live.org",
               "breakingwire.today", "infoportal-news.com", "globalheadlines.site")
WIRES = ("Associated Press", "Reuters", "AFP", "Bloomberg", "UPI")
CREDIT_TEMPLATES = ("Source: {src}", "This article originally appeared in {src}.",
                    "Originally published by {src}.", "By {author}, {src}",
                    "Republished from {src}.")
FURNITURE = ("Share this article", "Advertisement", "Sign up for our newsletter",
             "Follow us on Facebook and Twitter", "Related posts:", "Tags: news, politics")
MARKERS = ("Continue reading", "Read the full article", "Source link", "Go to Source")
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


@dataclass(frozen=True, slots=True)
class Labelled:
    doc: Document
    family: int          # -1 for distractors
    is_original: bool
    relation: str | None


def load(n_families: int, seed: int) -> tuple[pd.DataFrame, list[dict]]:
    arts = pd.read_parquet(SHARED / "allsides-baly2020" / "allsides_articles.parquet",
                           columns=["ID", "topic", "source", "url", "date", "authors", "title",
                                    "content_original"])
    rows = []
    with lzma.open(SHARED / "mt-roundtrip" / "allsides_roundtrip.jsonl.xz", "rt") as fh:
        for line in fh:
            rows.append(json.loads(line))
    rnd = random.Random(seed)
    rnd.shuffle(rows)
    return arts, rows[:n_families]


def _paras(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def _outlet(source: str) -> str:
    return re.sub(r"\s*[-(].*$", "", source).strip()


def _dated(d: str | None, days: int) -> str | None:
    if not d:
        return None
    try:
        return (date.fromisoformat(d[:10]) + timedelta(days=days)).isoformat()
    except ValueError:
        return None


def build(n_families: int = 500, n_distractors: int = 3, seed: int = 0,
          with_metadata: bool = True) -> list[Labelled]:
    """The evaluation collection, shuffled."""
    arts, rows = load(n_families, seed)
    rnd = random.Random(seed + 1)
    by_id = arts.set_index("ID")
    used = {r["id"] for r in rows}
    pool = arts[~arts.ID.isin(used)]
    by_topic = {t: g for t, g in pool.groupby("topic")}
    sources = sorted({_outlet(s) for s in arts.source.unique()})
    other_titles = arts.title.dropna().sample(2000, random_state=seed).tolist()
    out: list[Labelled] = []
    taken: set[str] = set()
    for fam, r in enumerate(rows):
        meta_row = by_id.loc[r["id"]]
        src = _outlet(str(meta_row["source"]))
        author = (str(meta_row["authors"]).split(",")[0].strip() or "Staff") \
            if isinstance(meta_row["authors"], str) else "Staff"
        d0 = str(meta_row["date"]) if isinstance(meta_row["date"], str) else None
        orig_text = r["text_original"]
        paras = _paras(orig_text)

        def doc(text: str, kind: str, k: int, site: str | None, url: str | None,
                days: int | None, fam: int = fam, d0: str | None = d0) -> Document:
            if not with_metadata:
                return Document(text=text, id=f"f{fam}-{kind}-{k}")
            return Document(text=text, id=f"f{fam}-{kind}-{k}", url=url,
                            published=_dated(d0, days) if days is not None else None,
                            metadata={"site_name": site} if site else {})

        out.append(Labelled(doc(orig_text, "orig", 0, src, str(meta_row["url"]), 0), fam, True,
                            None))
        kinds = ["syndicated", "scraped", "misattributed", "machine_translated_copy", "rewrite"]
        for k in range(rnd.randint(2, 5)):
            kind = rnd.choice(kinds)
            if kind == "machine_translated_copy":
                body = r["text_mt"]
            elif kind == "rewrite":
                ps = paras[:]
                rnd.shuffle(ps)
                kept = []
                for p in ps:
                    ss = [s for s in _SENT.split(p) if rnd.random() > rnd.uniform(0.15, 0.35)]
                    if ss:
                        kept.append(" ".join(ss))
                body = "\n\n".join(kept)
            else:
                frac = 1.0 if rnd.random() < 0.5 else rnd.uniform(0.35, 0.75)
                body = "\n\n".join(paras[:max(2, int(len(paras) * frac))])
            lines = [body]
            if kind in ("syndicated", "misattributed"):
                credited = src if kind == "syndicated" else rnd.choice(
                    [s for s in sources + list(WIRES) if s != src])
                credit = rnd.choice(CREDIT_TEMPLATES).format(src=credited, author=author)
                if credit.startswith("By ") or rnd.random() < 0.4:
                    lines.insert(0, credit)
                else:
                    lines.append(credit)
            if kind == "scraped" and rnd.random() < 0.4:
                lines.append(rnd.choice(MARKERS))
            if rnd.random() < 0.5:
                lines.insert(0, rnd.choice(FURNITURE))
                lines.append("\n".join(rnd.sample(other_titles, 3)))
            site = rnd.choice(AGGREGATORS)
            days = None if rnd.random() < 0.3 else rnd.randint(0, 3)
            out.append(Labelled(doc("\n\n".join(lines), kind, k, site, f"https://{site}/p/{fam}-{k}",
                                    days), fam, False, kind))
        # distractors: same topic, close in time when possible
        topic = by_topic.get(meta_row["topic"])
        if topic is not None and n_distractors:
            cand = topic
            if d0:
                lo, hi = _dated(d0, -2) or "", _dated(d0, 2) or "9999"
                near = topic[(topic.date >= lo) & (topic.date <= hi)]
                if len(near) >= n_distractors:
                    cand = near
            cand = cand[~cand.ID.isin(taken)]
            for _, a in cand.sample(min(n_distractors, len(cand)), random_state=fam).iterrows():
                taken.add(a.ID)
                d = (Document(text=a.content_original, id=f"x-{a.ID}", url=a.url,
                              published=a.date, metadata={"site_name": _outlet(a.source)})
                     if with_metadata else Document(text=a.content_original, id=f"x-{a.ID}"))
                out.append(Labelled(d, -1, False, None))
    rnd.shuffle(out)
    return out
