"""Loaders for the framing benchmark data in ../shared/datasets (evaluation/training only).

Nothing here is imported by the detectors: it reads the shared data sets to build lexicons,
train the hyperpartisan model and evaluate it. Texts stay in memory and are never written into
the project.
"""

from __future__ import annotations

import html
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

DATASETS = Path(os.environ.get("CREDSCORE_DATASETS", "/work/shared/datasets"))
SEMEVAL = DATASETS / "semeval2019-hyperpartisan"
ALLSIDES = DATASETS / "allsides-baly2020"


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    text: str
    label: int  # 1 = hyperpartisan / partisan
    publisher: str
    url: str


def publisher_of(url: str) -> str:
    """Host without ``www.``: the SemEval publisher (group for cross-validation)."""
    host = urlparse(url).netloc.lower()
    return host.removeprefix("www.")


_WS = re.compile(r"[ \t]+")


def _element_text(el: ET.Element) -> str:
    """Plain text of an article element: paragraphs become lines, markup is dropped."""
    parts: list[str] = []

    def walk(node: ET.Element) -> None:
        if node.tag == "p":
            parts.append("\n")
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if node.tag == "p":
            parts.append("\n")

    walk(el)
    text = html.unescape("".join(parts))
    lines = [_WS.sub(" ", ln).strip() for ln in text.split("\n")]
    return "\n".join(ln for ln in lines if ln)


def load_semeval() -> list[Article]:
    """The 645 SemEval-2019 Task 4 by-article training articles with labels and publishers."""
    truth = {}
    for el in ET.parse(SEMEVAL / "ground-truth-training-byarticle-20181122.xml").getroot():
        truth[el.get("id")] = (1 if el.get("hyperpartisan") == "true" else 0, el.get("url") or "")
    out = []
    for el in ET.parse(SEMEVAL / "articles-training-byarticle-20181122.xml").getroot():
        aid = el.get("id") or ""
        label, url = truth[aid]
        out.append(Article(aid, el.get("title") or "", _element_text(el), label,
                           publisher_of(url), url))
    return out


def load_allsides(split: str) -> list[Article]:
    """AllSides media split (``train``/``valid``/``test``); label 1 = left or right, 0 = center.

    ``Article.label`` here is *partisan outlet* (AllSides leaning left or right), a distant label:
    AllSides rates outlets, not articles. The leaning itself is kept in ``publisher`` as
    ``"<leaning>|<source>"`` so callers can split left/right.
    """
    import pandas as pd

    ids = pd.read_csv(ALLSIDES / "data" / "splits" / "media" / f"{split}.tsv", sep="\t")
    df = pd.read_parquet(ALLSIDES / "allsides_articles.parquet",
                         columns=["ID", "source", "bias_text", "title", "content_original", "url"])
    df = df[df.ID.isin(set(ids.ID))]
    out = []
    for row in df.itertuples(index=False):
        text = row.content_original or ""
        out.append(Article(row.ID, row.title or "", text,
                           0 if row.bias_text == "center" else 1,
                           f"{row.bias_text}|{row.source}", row.url or ""))
    return out


#: The speed benchmark's corpus (benchmarks/speed/build_corpus.py; git-ignored).
SPEED_CORPUS = Path(__file__).resolve().parents[2] / "work_data" / "speed"


def speed_html_documents(limit: int) -> list:
    """The first ``limit`` HTML pages of the speed corpus, prepared as the scorer prepares them
    (main text extracted, language set) without loading any detector."""
    import json

    from scorer.document import Document
    from scorer.scoring import Scorer

    scorer = Scorer(detectors=[])  # ``prepare`` only: no other detector is loaded
    docs = []
    with open(SPEED_CORPUS / "corpus_html.jsonl", encoding="utf8") as fh:
        for line in fh:
            if len(docs) >= limit:
                break
            r = json.loads(line)
            docs.append(scorer.prepare(Document(text="", html=r["html"], url=r.get("url"),
                                                id=r["id"])))
    return docs
