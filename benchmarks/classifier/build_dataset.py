"""Build the credibility classifier's labelled documents from ``../shared/datasets``.

Output (git-ignored cache): ``work_data/classifier/docs-<seed>-<limit>.jsonl.gz``, one JSON object
per document: ``id, text, url, title, label (1 = low credibility, 0 = credible), group
(publisher: registered domain or dataset-specific), dataset, kind, pair (id of the clean original
a corrupted copy was made from), split (train/valid/test)``. Texts stay in the cache; only this
builder is committed.

Labels (distant supervision, see reports/evaluation.md):

* allsides-baly2020, semeval2019-hyperpartisan, fakenewscorpus-sample: the publisher's aggregate
  reliability from ``features/data/source/domain_ratings.tsv``: low (1) below 0.4, credible (0)
  from 0.6, dropped between. fakenewscorpus rows without a rating use their OpenSources type.
* horne2017: Fake and Satire -> 1, Real -> 0. The BuzzFeed half (articles fact-checked one by
  one) is always test: it is the closest thing here to the acceptance data.
* 30% of all documents (both classes) get page furniture a crawler captures (menus,
  ADVERTISEMENT markers, related links, footers, double-space-flattened paragraphs).
* corrupted copies of clean (label 0) AllSides articles, label 1, same group and split as the
  original: ``spam`` (real gambling payloads: judol comments + UT1 gambling domains in
  train/valid and half of test; php-spam-filter and WordPress-blacklist keyword stuffing in the
  other half of test, kind ``spam_unseen_payloads``: a payload family never trained on), ``mt`` (mt-roundtrip's Apertium round trips) and
  ``scraper`` (the first 25-60% of the text, an "(UPDATE)" lead sometimes, and a
  "Go to Source / Author: <other agency>" credit).

Splits are by publisher group (sha256 of the group name: 65% train, 15% valid, 20% test), so no
publisher is on two sides. Half the documents (chosen per pair, seeded) lose their URL so the
model learns content features and works on plain text.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import logging
import lzma
import random
import re
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

REPO = Path(__file__).resolve().parents[2]
DEFAULT_DATA = REPO.parent / "shared" / "datasets"
CACHE_DIR = REPO / "work_data" / "classifier"

LOW, HIGH = 0.4, 0.6
PER_PUBLISHER = 40  # cap per publisher: a few big outlets must not dominate the fit
MT_PER_PUBLISHER = 30
CAPTURE_SHARE = 0.3
AGENCIES = ("Agence France-Presse", "Reuters", "Associated Press", "Bloomberg", "Xinhua",
            "Deutsche Presse-Agentur", "United Press International", "Kyodo News")

logger = logging.getLogger(__name__)
csv.field_size_limit(sys.maxsize)


def split_of(group: str) -> str:
    """Publisher-grouped split from a salted hash (stable across seeds and runs)."""
    h = int(hashlib.sha256(f"credscore-split-v1:{group}".encode()).hexdigest()[:8], 16) / 2**32
    return "train" if h < 0.65 else "valid" if h < 0.80 else "test"


def _rng(seed: int, key: str) -> random.Random:
    return random.Random(f"{seed}:{key}")


def _rating(url: str | None) -> tuple[str | None, float | None, tuple[str, ...]]:
    from features.source.domain import DomainPrior
    from scorer.document import Document

    r = DomainPrior()(Document(text="", url=url))
    agg = r.features["reliability"] + 0.5 if r.features["rated"] else None
    os_types = tuple(str(r.extras["ratings"].get("opensources", "")).split("|"))
    return r.extras["domain"], agg, os_types


def _label(agg: float | None) -> int | None:
    if agg is None:
        return None
    return 1 if agg < LOW else 0 if agg >= HIGH else None


# -- sources ----------------------------------------------------------------------------------
def allsides(data: Path, seed: int) -> list[dict[str, Any]]:
    import pandas as pd

    df = pd.read_parquet(data / "allsides-baly2020/allsides_articles.parquet",
                         columns=["ID", "source", "url", "source_url", "title",
                                  "content_original"])
    df = df[df.content_original.str.len() >= 500]
    out: list[dict[str, Any]] = []
    groups: dict[str, str] = {}
    for source, pub in df.groupby("source", sort=True):
        first = pub.iloc[0]
        url0 = first.url if isinstance(first.url, str) and first.url else first.source_url
        domain, agg, _ = _rating(url0)
        if _label(agg) is not None:
            groups[str(source)] = domain or f"allsides:{source}"
    df = df[df.source.isin(list(groups))].copy()
    df["group"] = df.source.map(groups)
    for group, pub in df.groupby("group", sort=True):
        domain, agg, _ = _rating(pub.iloc[0].url or pub.iloc[0].source_url)
        label = _label(agg)
        pub = pub.sample(n=min(len(pub), PER_PUBLISHER), random_state=seed).sort_values("ID")
        for row in pub.itertuples():
            out.append({"id": f"allsides:{row.ID}", "text": row.content_original,
                        "url": row.url or None, "title": row.title, "label": label,
                        "group": group, "dataset": "allsides",
                        "kind": "clean"})
    return out


def semeval(data: Path) -> list[dict[str, Any]]:
    root = data / "semeval2019-hyperpartisan"
    urls: dict[str, str] = {}
    for el in ET.parse(root / "ground-truth-training-byarticle-20181122.xml").getroot():
        urls[el.get("id", "")] = el.get("url", "")
    out: list[dict[str, Any]] = []
    for el in ET.parse(root / "articles-training-byarticle-20181122.xml").getroot():
        aid = el.get("id", "")
        paras = ["".join(p.itertext()).strip() for p in el.iter("p")]
        text = "\n\n".join(p for p in paras if p)
        if len(text) < 300:
            continue
        domain, agg, _ = _rating(urls.get(aid))
        label = _label(agg)
        if label is None:
            continue
        out.append({"id": f"semeval:{aid}", "text": text, "url": urls.get(aid) or None,
                    "title": el.get("title"), "label": label,
                    "group": domain or f"semeval:{aid}", "dataset": "semeval", "kind": "clean"})
    return out


_FNC_LOW = {"fake", "conspiracy", "junksci", "unreliable", "hate", "satire", "rumor"}


def fakenews(data: Path) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    per_domain: dict[str, int] = {}
    with open(data / "fakenewscorpus-sample/news_sample.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            text = row.get("content") or ""
            if len(text) < 300:
                continue
            url = row.get("url") or row.get("domain")
            domain, agg, _ = _rating(url)
            label = _label(agg)
            if label is None:
                t = (row.get("type") or "").strip()
                label = 1 if t in _FNC_LOW else 0 if t == "reliable" else None
            if label is None:
                continue
            group = domain or row.get("domain") or "fakenews:unknown"
            per_domain[group] = per_domain.get(group, 0) + 1
            if per_domain[group] > 2 * PER_PUBLISHER:
                continue
            out.append({"id": f"fakenews:{row['id']}", "text": text, "url": url,
                        "title": row.get("title"), "label": label, "group": group,
                        "dataset": "fakenewscorpus", "kind": "clean"})
    return out


def horne(data: Path) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    with zipfile.ZipFile(data / "horne2017-fakenewsdata1/Horne2017_FakeNewsData.zip") as z:
        for name in sorted(z.namelist()):
            m = re.match(r"Public Data/(Buzzfeed|Random)[^/]*/(Fake|Real|Satire)/([^/]+)\.txt$",
                         name)
            if not m:
                continue
            part, cls, stem = m.groups()
            text = z.read(name).decode("utf-8", errors="replace").strip()
            if len(text) < 200:
                continue
            out.append({"id": f"horne:{part}:{cls}:{stem}", "text": text, "url": None,
                        "title": None, "label": 0 if cls == "Real" else 1,
                        "group": f"horne:{part.lower()}:{cls.lower()}", "dataset": f"horne-{part.lower()}",
                        "kind": "clean"})
    return out


def mt_pairs(data: Path) -> Iterator[dict[str, Any]]:
    with lzma.open(data / "mt-roundtrip/allsides_roundtrip.jsonl.xz", "rt",
                   encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


# -- corruptions --------------------------------------------------------------------------------
def load_payloads(data: Path) -> dict[str, list[str]]:
    """Real spam payloads: family A (train/valid) and family B (test only)."""
    judol: list[str] = []
    with open(data / "judol-id-gambling-comments/judol_comments.csv", newline="",
              encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["label"].strip() == "1" and 15 <= len(row["comment"]) <= 300:
                judol.append(row["comment"].replace("\n", " ").strip())
    gambling = [ln.strip() for ln in (data / "ut1-blacklists/blacklists/gambling/domains")
                .read_text(encoding="utf-8", errors="replace").splitlines()
                if ln.strip() and not ln.strip()[0].isdigit()]
    words: list[str] = []
    for fam in ("gambling", "medication", "merchandise", "services", "trading"):
        for ln in (data / f"spam-wordlists/php-spam-filter/blacklist-{fam}.txt").read_text(
                encoding="utf-8", errors="replace").splitlines():
            ln = ln.strip()
            if ln and not ln.startswith("#") and re.fullmatch(r"[A-Za-z][A-Za-z0-9 '\-]{2,40}", ln):
                words.append(ln)
    for ln in (data / "spam-wordlists/wordpress-comment-blacklist/blacklist.txt").read_text(
            encoding="utf-8", errors="replace").splitlines():
        ln = ln.strip()
        if re.fullmatch(r"[a-z]{5,20}", ln):
            words.append(ln)
    return {"judol": judol, "gambling_domains": gambling, "keywords": words}


def spam_payload(rng: random.Random, payloads: dict[str, list[str]], family: str) -> str:
    dom = rng.choice(payloads["gambling_domains"])
    if family == "A":
        parts = rng.sample(payloads["judol"], k=rng.randint(1, 3))
        if rng.random() < 0.6:
            parts.append(dom)
        return " ".join(parts)
    kws = rng.sample(payloads["keywords"], k=rng.randint(4, 10))
    if rng.random() < 0.7:
        kws.append(dom)
    return " ".join(kws)


def inject_spam(text: str, rng: random.Random, payloads: dict[str, list[str]],
                family: str) -> str:
    paras = text.split("\n")
    where = rng.choice(("start", "end", "both", "middle"))
    if where in ("start", "both"):
        paras.insert(0, spam_payload(rng, payloads, family))
    if where in ("end", "both"):
        paras.append(spam_payload(rng, payloads, family))
    if where == "middle":
        paras.insert(rng.randint(1, max(1, len(paras) - 1)), spam_payload(rng, payloads, family))
    return "\n".join(paras)


_MENUS = ("Home  World  U.S.  Politics  Business  Tech  Science  Health  Sports  Opinion",
          "Menu  Search  Sign in  Subscribe", "Skip to content", "Latest News  Local  Weather  Video",
          "News | Sport | Business | Culture | Travel", "Toggle navigation  Sections  Newsletters")
_FOOTERS = ("Copyright {year}. All rights reserved.", "Share this article", "Comments (0)",
            "Terms of Use  Privacy Policy  Contact Us  About Us", "Follow us on social media",
            "This material may not be published, broadcast, rewritten or redistributed.",
            "Sign up for our newsletter", "Advertise with us")


def capture_noise(text: str, rng: random.Random, titles: list[str]) -> str:
    """Page furniture a crawler captures with the article: menus, ADVERTISEMENT markers, related
    links, footers, paragraphs flattened with double spaces. Applied to both classes alike, so
    the model learns that furniture is not a credibility signal."""
    paras = [p for p in text.split("\n") if p.strip()]
    out: list[str] = []
    if rng.random() < 0.5:
        out.append(rng.choice(_MENUS))
    every = rng.randint(2, 5)
    ads = rng.random() < 0.5
    for i, para in enumerate(paras):
        out.append(para)
        if ads and i % every == every - 1 and i < len(paras) - 1:
            out.append("ADVERTISEMENT")
    if rng.random() < 0.5 and titles:
        out.append(rng.choice(("Related", "Related Articles", "More Stories", "Read more")))
        out.extend(rng.sample(titles, k=min(len(titles), rng.randint(2, 4))))
    if rng.random() < 0.6:
        out.extend(f.format(year=rng.randint(2012, 2022))
                   for f in rng.sample(_FOOTERS, k=rng.randint(1, 3)))
    return ("  " if rng.random() < 0.5 else "\n").join(out)


def scrape_copy(text: str, rng: random.Random) -> str:
    paras = [p for p in text.split("\n") if p.strip()]
    keep = max(1, int(len(paras) * rng.uniform(0.25, 0.6)))
    body = paras[:keep]
    if len(body) == 1 and len(body[0]) > 800:  # one long paragraph: cut by characters
        body = [body[0][: int(len(body[0]) * rng.uniform(0.25, 0.6))]]
    if rng.random() < 0.5:
        body[0] = "(UPDATE) " + body[0]
    agency = rng.choice(AGENCIES)
    tail = rng.choice((f"Go to Source\nAuthor: {agency}", f"Go to Source\nAuthor: {agency}\n",
                       f"Source link\nAuthor: {agency}", f"Go to Source\nCredit: {agency}"))
    sep = "\n\n" if rng.random() < 0.5 else "\n"
    return sep.join(body) + "\n" + tail


# -- assembly -----------------------------------------------------------------------------------
def build(data: Path, seed: int = 0, limit: int | None = None, n_spam: int = 1000,
          n_mt: int = 1000, n_scraper: int = 1000) -> list[dict[str, Any]]:
    docs = allsides(data, seed) + semeval(data) + fakenews(data) + horne(data)
    by_id = {d["id"]: d for d in docs}
    # MT pairs: the original (clean, if its publisher is credible) and its round trip.
    mt_docs: list[dict[str, Any]] = []
    pairs = list(mt_pairs(data))
    _rng(seed, "mt").shuffle(pairs)
    label_cache: dict[str, tuple[str | None, int | None]] = {}
    per_group: dict[str, int] = {}
    for p in pairs:
        if len(mt_docs) >= 2 * n_mt:
            break
        src = p.get("source") or ""
        if src not in label_cache:
            domain, agg, _ = _rating(p.get("url"))
            label_cache[src] = (domain, _label(agg))
        domain, label = label_cache[src]
        if label != 0 or not p.get("text_mt") or len(p["text_original"]) < 500:
            continue
        oid = f"allsides:{p['id']}"
        group = domain or f"allsides:{src}"
        if per_group.get(group, 0) >= MT_PER_PUBLISHER:
            continue
        per_group[group] = per_group.get(group, 0) + 1
        if oid not in by_id:
            orig = {"id": oid, "text": p["text_original"], "url": p.get("url"), "title": None,
                    "label": 0, "group": group, "dataset": "allsides", "kind": "clean"}
            by_id[oid] = orig
            mt_docs.append(orig)
        mt_docs.append({"id": f"mt:{p['pivot']}:{p['id']}", "text": p["text_mt"],
                        "url": p.get("url"), "title": None, "label": 1, "group": group,
                        "dataset": "corrupted", "kind": "mt", "pair": oid})
    docs += mt_docs
    for d in docs:
        d.setdefault("pair", None)
        d["split"] = "test" if d["dataset"] == "horne-buzzfeed" else split_of(d["group"])

    payloads = load_payloads(data)
    clean = sorted((d for d in docs if d["dataset"] == "allsides" and d["label"] == 0
                    and d["kind"] == "clean"), key=lambda d: d["id"])
    _rng(seed, "corrupt").shuffle(clean)
    extra: list[dict[str, Any]] = []
    for d in clean[:n_spam]:
        rng = _rng(seed, "spam:" + d["id"])
        # Test copies: half the training payload family, half a family never trained on.
        fam = "B" if d["split"] == "test" and rng.random() < 0.5 else "A"
        extra.append({**d, "id": "spam:" + d["id"], "text": inject_spam(d["text"], rng, payloads,
                      fam), "label": 1, "dataset": "corrupted",
                      "kind": "spam" if fam == "A" else "spam_unseen_payloads", "pair": d["id"]})
    for d in clean[n_spam:n_spam + n_scraper]:
        rng = _rng(seed, "scraper:" + d["id"])
        extra.append({**d, "id": "scraper:" + d["id"], "text": scrape_copy(d["text"], rng),
                      "label": 1, "dataset": "corrupted", "kind": "scraper", "pair": d["id"],
                      "title": None})
    docs += extra
    # Page furniture on 30% of all documents (decided per document, both classes alike).
    titles = sorted({d["title"] for d in docs if d.get("title")})
    for d in docs:
        rng = _rng(seed, "capture:" + d["id"])
        if rng.random() < CAPTURE_SHARE:
            d["text"] = capture_noise(d["text"], rng, rng.sample(titles, k=min(8, len(titles))))
            d["captured"] = True
    # Half of the documents lose their URL (decided per original, so a pair agrees).
    for d in docs:
        key = d["pair"] or d["id"]
        if d["url"] and _rng(seed, "url:" + key).random() < 0.5:
            d["url"] = None
    docs.sort(key=lambda d: d["id"])
    if limit:
        docs = _limit(docs, limit, seed)
    return docs


def _limit(docs: list[dict[str, Any]], limit: int, seed: int) -> list[dict[str, Any]]:
    """A seeded subsample that keeps pairs together."""
    keys = sorted({d["pair"] or d["id"] for d in docs})
    _rng(seed, "limit").shuffle(keys)
    chosen: set[str] = set()
    count = 0
    per_key: dict[str, int] = {}
    for d in docs:
        k = d["pair"] or d["id"]
        per_key[k] = per_key.get(k, 0) + 1
    for k in keys:
        if count >= limit:
            break
        chosen.add(k)
        count += per_key[k]
    return [d for d in docs if (d["pair"] or d["id"]) in chosen]


def cache_path(seed: int, limit: int | None) -> Path:
    return CACHE_DIR / f"docs-{seed}-{limit or 'all'}.jsonl.gz"


def load_or_build(data: Path, seed: int = 0, limit: int | None = None,
                  rebuild: bool = False) -> tuple[list[dict[str, Any]], str]:
    """The cached documents (built on first use) and the cache file's sha256."""
    path = cache_path(seed, limit)
    if rebuild or not path.exists():
        docs = build(data, seed, limit)
        path.parent.mkdir(parents=True, exist_ok=True)
        buf = io.BytesIO()
        with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as gz:
            for d in docs:
                gz.write((json.dumps(d, ensure_ascii=False, sort_keys=True) + "\n").encode())
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(buf.getvalue())
        tmp.replace(path)
        logger.info("built %d documents -> %s", len(docs), path)
    raw = path.read_bytes()
    sha = hashlib.sha256(gzip.decompress(raw)).hexdigest()
    docs = [json.loads(line) for line in gzip.decompress(raw).decode().splitlines()]
    return docs, sha


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the classifier's labelled documents.")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    docs, sha = load_or_build(args.data_dir, args.seed, args.limit, args.rebuild)
    from collections import Counter

    print(f"{len(docs)} documents, sha256 {sha}")
    print(Counter((d["split"], d["label"]) for d in docs))
    print(Counter((d["dataset"], d["kind"], d["label"]) for d in docs))
    print(f"groups: {len({d['group'] for d in docs})}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
