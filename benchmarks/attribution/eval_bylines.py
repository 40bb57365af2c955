"""Byline extraction on trafilatura-evalset (real HTML pages with a gold author; "" = none).

    nice python benchmarks/attribution/eval_bylines.py [--order jsonld,markup,meta,extractor] [--dump F]

Each page goes through ``scorer.io.html.extract(html, url)`` and then the attribution credits
detector with ``Document(text=..., html=..., url=..., metadata=...)``; its ``byline`` extra is
compared with the gold ``author``. Pages whose evaldata entry has no ``author`` key are skipped
(they have no gold), as are entries whose HTML file is missing from the archive.

Metrics: "has author" accuracy (prediction non-empty == gold non-empty); exact match (whitespace
normalised, over all pages, "" == "" counts); exact match on pages with a gold author; a
normalised match (case, accents kept, punctuation and separators ignored, author order ignored).
"""

from __future__ import annotations

import argparse
import json
import lzma
import re
import sys
import tarfile
import time
from pathlib import Path

from features.attribution import markup
from features.attribution.credits import CreditsDetector
from scorer.document import Document
from scorer.io.html import decode_html, extract

DATA = Path("/work/shared/datasets/trafilatura-evalset")


def gold_author(value: object) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return " ".join(str(value or "").split())


def norm(name: str) -> frozenset[str]:
    parts = re.split(r"\s*(?:;|,|\band\b|\bund\b|&)\s*", name.casefold())
    return frozenset(" ".join(re.sub(r"[^\w\s]", " ", p).split()) for p in parts if p.strip())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--order", default=",".join(markup.ORDER))
    ap.add_argument("--dump", default=None, help="write per-page predictions (JSON) here")
    args = ap.parse_args(argv)
    order = tuple(args.order.split(","))
    det = CreditsDetector()

    gold = json.loads((DATA / "evaldata.json").read_text(encoding="utf-8"))
    pages: dict[str, bytes] = {}
    with lzma.open(DATA / "eval_html.tar.xz") as xz, tarfile.open(fileobj=xz) as tar:
        for member in tar:
            if member.isfile():
                f = tar.extractfile(member)
                if f is not None:
                    pages[Path(member.name).name] = f.read()

    rows = []
    t0 = time.perf_counter()
    for url, entry in gold.items():
        if "author" not in entry or entry.get("file") not in pages:
            continue
        html = decode_html(pages[entry["file"]])
        text, meta = extract(html, url if url.startswith("http") else None)
        doc = Document(text=text, html=html, url=url, metadata=meta, language="und")
        if order != markup.ORDER:
            pred = markup.author_from_document(doc, order)
            if pred is None:
                pred = det(Document(text=text, language="und")).extras["byline"]
        else:
            pred = det(doc).extras["byline"]
        cands = markup.author_candidates(html)
        cands["extractor"] = meta.get("author")
        rows.append({"file": entry["file"], "gold": gold_author(entry["author"]),
                     "pred": " ".join((pred or "").split()), "cands": cands})
    elapsed = time.perf_counter() - t0

    n = len(rows)
    has = sum(bool(r["gold"]) == bool(r["pred"]) for r in rows)
    exact = sum(r["gold"] == r["pred"] for r in rows)
    with_gold = [r for r in rows if r["gold"]]
    exact_g = sum(r["gold"] == r["pred"] for r in with_gold)
    normed = sum(norm(r["gold"]) == norm(r["pred"]) for r in rows)
    tp = sum(bool(r["gold"]) and bool(r["pred"]) for r in rows)
    fp = sum(not r["gold"] and bool(r["pred"]) for r in rows)
    fn = sum(bool(r["gold"]) and not r["pred"] for r in rows)
    print(f"pages: {n} ({len(with_gold)} with a gold author), order={','.join(order)}, "
          f"{elapsed:.0f}s")
    print(f"has-author accuracy: {has / n:.3f}  (tp {tp}, fp {fp}, fn {fn})")
    print(f"exact match, all pages: {exact / n:.3f}")
    print(f"exact match, pages with gold author: {exact_g / max(1, len(with_gold)):.3f}")
    print(f"normalised match, all pages: {normed / n:.3f}")
    if args.dump:
        Path(args.dump).write_text(json.dumps(rows, ensure_ascii=False, indent=1),
                                   encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
