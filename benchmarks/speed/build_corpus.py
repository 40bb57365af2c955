"""Build the speed-benchmark corpus: ~5 KB news documents as text and as full HTML pages.

Source: /work/shared/datasets/allsides-baly2020 (Apache-2.0) article texts, mt-roundtrip (Apertium
round trips of AllSides articles) for machine-translated variants, and spam payloads built from
judol-id-gambling-comments (MIT), php-spam-filter word lists (GPL-3.0, words only) and UT1
gambling domains (CC BY-SA 4.0). The texts stay outside the repository: the output goes to
work_data/speed/ (git-ignored).

Each document is cut at paragraph (else sentence) boundaries to about ``--target`` characters.
Variants (fixed seed): ``clean`` (most), ``spam`` (payload lines injected into the article: an
Indonesian gambling comment, an English pharma/gambling pitch with a link, or a keyword stuffing
block; in HTML some go into a hidden ``display:none`` block), ``mt`` (the Apertium round trip).

Outputs (JSONL, one object per line):
    corpus_text.jsonl  {"id", "text", "url", "title", "published", "variant"}
    corpus_html.jsonl  {"id", "html", "url", "variant"}

The HTML template is a realistic news page: head meta tags and JSON-LD, a navigation bar with
about 40 links, breadcrumbs, byline and date, the article, a related-stories block, a newsletter
box, a cookie banner, inline scripts and a link-heavy footer, in one of three layouts (A: semantic
``<article>`` markup; B: div soup with a sidebar and reader comments; C: a legacy table layout
with ``<br>``-separated paragraphs). Pages are about 10-15 KB, smaller than many real pages
(which carry 50-300 KB of scripts and styles), so HTML figures are on the optimistic side.

Usage: python benchmarks/speed/build_corpus.py [--n 6000] [--out work_data/speed]
"""

from __future__ import annotations

import argparse
import html as htmlmod
import json
import lzma
import random
import re
from pathlib import Path

DATA = Path("/work/shared/datasets")
REPO = Path(__file__).resolve().parents[2]

_SENT_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")

# Templates written for this benchmark; words and domains are filled in from the data sets.
_PITCHES = (
    "Buy {drug} online without prescription, lowest price guaranteed at {domain}.",
    "Cheap {drug} and {drug2} shipped overnight, order now from {domain} today!",
    "Best {game} bonus of the year: sign up at {domain} and claim 200 free spins.",
    "Win big tonight with {game} at {domain}, instant withdrawals and VIP rewards.",
)
_GAMES = ("online casino", "poker", "slots", "sports betting", "roulette", "blackjack")


def cut(text: str, target: int) -> str:
    """About ``target`` characters of ``text``, ending on a paragraph or sentence boundary."""
    paras = [p.strip() for p in text.split("\n") if p.strip()]
    out: list[str] = []
    size = 0
    for p in paras:
        if size + len(p) > target * 1.1 and size >= target * 0.8:
            break
        if size + len(p) > target * 1.1:
            sents = _SENT_END.split(p)
            for s in sents:
                if size + len(s) > target * 1.1 and size >= target * 0.6:
                    break
                out.append(s)
                size += len(s) + 1
            break
        out.append(p)
        size += len(p) + 2
    return "\n\n".join(out)


def load_payloads(rng: random.Random) -> dict[str, list[str]]:
    import pandas as pd

    judol = pd.read_csv(DATA / "judol-id-gambling-comments/judol_comments.csv")
    comments = [c for c in judol.loc[judol["label"] == 1, "comment"].astype(str)
                if 40 <= len(c) <= 300]
    php = DATA / "spam-wordlists/php-spam-filter"
    drugs = [w.strip() for w in (php / "blacklist-medication.txt").read_text().splitlines()
             if w.strip().isalpha()]
    domains = [d.strip() for d in
               (DATA / "ut1-blacklists/blacklists/gambling/domains").read_text().splitlines()
               if d.strip() and not d.startswith("#")]
    rng.shuffle(comments)
    return {"judol": comments[:5000], "drugs": drugs, "domains": domains[:20000]}


def spam_line(rng: random.Random, pay: dict[str, list[str]]) -> tuple[str, str]:
    kind = rng.choice(("judol", "pitch", "pitch", "stuffing"))
    if kind == "judol":
        return kind, rng.choice(pay["judol"])
    if kind == "pitch":
        return kind, rng.choice(_PITCHES).format(
            drug=rng.choice(pay["drugs"]), drug2=rng.choice(pay["drugs"]),
            game=rng.choice(_GAMES), domain=rng.choice(pay["domains"]))
    words = rng.sample(pay["drugs"], 6) + [rng.choice(_GAMES) for _ in range(3)]
    return kind, " ".join(words) + " " + " ".join(rng.sample(pay["domains"], 3))


def inject(text: str, rng: random.Random, pay: dict[str, list[str]]) -> tuple[str, list[str]]:
    paras = text.split("\n\n")
    lines = [spam_line(rng, pay) for _ in range(rng.choice((1, 1, 2, 3)))]
    for _, line in lines:
        paras.insert(rng.randint(1, max(1, len(paras))), line)
    return "\n\n".join(paras), [line for _, line in lines]


def page(doc: dict, rng: random.Random, hidden: list[str]) -> str:
    """A realistic news page around the document text."""
    esc = htmlmod.escape
    site = doc["site"]
    sections = ["World", "US", "Politics", "Business", "Tech", "Science", "Health", "Sports",
                "Entertainment", "Style", "Travel", "Opinion", "Video", "Podcasts", "Weather"]
    nav = "".join(f'<li><a href="/{s.lower()}">{s}</a></li>' for s in sections)
    nav += "".join(f'<li><a href="/{s.lower()}/{k}">{s} {k}</a></li>'
                   for s in sections[:5] for k in ("latest", "analysis", "live", "photos", "more"))
    paras = doc["text"].split("\n\n")
    body = []
    for i, p in enumerate(paras):
        body.append(f"<p>{esc(p)}</p>")
        if i == 3:
            body.append('<aside class="inline-ad"><span>Advertisement</span>'
                        '<div id="ad-slot-2" data-ad="mid"></div></aside>')
        if i == 5:
            body.append('<figure><img src="/img/photo.jpg" alt="">'
                        "<figcaption>A file photo. (Staff photographer)</figcaption></figure>")
    if hidden:
        block = "".join(f"<a href=\"https://{esc(h.split()[-1].strip('.!'))}/\">{esc(h)}</a> "
                        for h in hidden)
        body.insert(rng.randint(1, len(body)), f'<div style="display:none">{block}</div>')
    related = "".join(
        f'<li><a href="/story/{rng.randrange(10**6)}">Related story headline number {k} about '
        f"the news of the day</a></li>" for k in range(8))
    footer_links = "".join(f'<a href="/{w}">{w.replace("-", " ").title()}</a> '
                           for w in ("about-us", "contact", "careers", "advertise", "privacy",
                                     "terms-of-use", "cookie-settings", "accessibility",
                                     "corrections", "newsletters", "archive", "sitemap",
                                     "rss", "help", "licensing", "ethics-policy"))
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                     "headline": doc["title"], "datePublished": doc["published"],
                     "author": [{"@type": "Person", "name": a} for a in doc["authors"]],
                     "publisher": {"@type": "Organization", "name": site}})
    byline = (f'<div class="byline">By <span class="author">{esc(", ".join(doc["authors"]))}'
              "</span></div>") if doc["authors"] else ""
    head = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{esc(doc["title"])} | {esc(site)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{esc(doc["text"][:150])}">
<meta property="og:title" content="{esc(doc["title"])}">
<meta property="og:type" content="article">
<meta property="og:url" content="{esc(doc["url"])}">
<meta property="og:site_name" content="{esc(site)}">
<meta name="author" content="{esc(", ".join(doc["authors"]))}">
<meta property="article:published_time" content="{esc(doc["published"])}">
<link rel="canonical" href="{esc(doc["url"])}">
<link rel="stylesheet" href="/static/css/main.css">
<script type="application/ld+json">{ld}</script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}
gtag('js',new Date());gtag('config','UA-000000-1');var cfg={{"section":"news","ads":true,
"slots":["top","mid","bottom"],"experiments":{{"a":1,"b":0}}}};</script>
<style>body{{font-family:Georgia,serif;margin:0}}.nav li{{display:inline;margin:0 6px}}
.byline{{color:#555}}.related li{{margin:4px 0}}footer{{background:#222;color:#eee}}</style>
</head>"""
    layout = rng.choice("ABC")
    if layout == "A":  # modern semantic markup
        return head + f"""<body>
<div id="cookie-banner"><p>We use cookies to improve your experience and for advertising.
<button>Accept all</button> <button>Manage settings</button></p></div>
<header><a class="logo" href="/">{esc(site)}</a><nav><ul class="nav">{nav}</ul></nav>
<form action="/search"><input name="q" placeholder="Search"></form></header>
<div class="breadcrumbs"><a href="/">Home</a> &rsaquo; <a href="/politics">Politics</a></div>
<main><article>
<h1>{esc(doc["title"])}</h1>
{byline}
<time datetime="{esc(doc["published"])}">{esc(doc["published"])}</time>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a>
<a href="#">Email</a></div>
<div class="article-body">
{chr(10).join(body)}
</div>
</article>
<section class="related"><h2>More from {esc(site)}</h2><ul>{related}</ul></section>
<section class="newsletter"><h2>Get the morning briefing</h2><p>Sign up for our newsletter and
get the day's top stories in your inbox.</p><form><input type="email"><button>Sign up</button>
</form></section></main>
<footer><div class="links">{footer_links}</div>
<p>&copy; 2024 {esc(site)}. All rights reserved.</p></footer>
<script src="/static/js/app.js" async></script>
</body></html>
"""
    if layout == "B":  # div soup with a sidebar and reader comments
        comments = "".join(
            f'<div class="comment"><span class="user">reader{k}</span><p>{c}</p></div>'
            for k, c in enumerate(("Thanks for the report, very informative.",
                                   "I disagree with the premise of this piece.",
                                   "Does anyone know when the vote is scheduled?")))
        return head + f"""<body><div id="page">
<div class="top-bar"><a href="/">{esc(site)}</a> <div class="menu">{nav.replace("li>", "span>")}
</div></div>
<div id="content"><div class="story">
<h1 class="headline">{esc(doc["title"])}</h1>
<div class="meta">{byline} <span class="date">{esc(doc["published"])}</span></div>
<div class="story-body">
{chr(10).join(body)}
</div>
<div class="tags">Tags: <a href="/t/politics">politics</a> <a href="/t/us">us</a></div>
</div>
<div id="sidebar"><h3>Most read</h3><ol>{related}</ol></div>
<div id="comments"><h3>Comments (3)</h3>{comments}</div></div>
<div id="footer">{footer_links}<br>&copy; {esc(site)}</div>
</div><script src="/static/js/app.js"></script></body></html>
"""
    text_cells = "<br><br>".join(esc(p) for p in paras)  # legacy table layout, <br> paragraphs
    if hidden:
        hidden_block = "".join(b for b in body if b.startswith('<div style="display:none">'))
        text_cells = text_cells + hidden_block
    return head + f"""<body><table width="100%"><tr><td colspan="2" class="masthead">
<a href="/">{esc(site)}</a></td></tr>
<tr><td class="left" width="180" valign="top">{nav.replace("li>", "div>")}</td>
<td class="content" valign="top"><font size="5"><b>{esc(doc["title"])}</b></font><br>
{byline}<i>{esc(doc["published"])}</i><br><br>
{text_cells}
<br><br><b>Related:</b><ul>{related}</ul></td></tr>
<tr><td colspan="2" class="footer">{footer_links}</td></tr></table></body></html>
"""

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=6000, help="documents (default 6000)")
    ap.add_argument("--target", type=int, default=5000, help="characters per document")
    ap.add_argument("--spam", type=float, default=0.1, help="share of spam variants")
    ap.add_argument("--mt", type=float, default=0.1, help="share of machine-translated variants")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", default=str(REPO / "work_data" / "speed"))
    args = ap.parse_args()
    import pandas as pd

    rng = random.Random(args.seed)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    df = pd.read_parquet(DATA / "allsides-baly2020/allsides_articles.parquet")
    df = df[df["content_original"].str.len() >= args.target * 0.9].sample(
        frac=1.0, random_state=args.seed)
    mt_rows = []
    with lzma.open(DATA / "mt-roundtrip/allsides_roundtrip.jsonl.xz", "rt") as fh:
        for line in fh:
            row = json.loads(line)
            if len(row["text_mt"]) >= args.target * 0.9:
                mt_rows.append(row)
    rng.shuffle(mt_rows)
    by_id = {r["ID"]: r for r in df.to_dict(orient="records")}
    n_mt = min(int(args.n * args.mt), len(mt_rows))
    n_spam = int(args.n * args.spam)
    pay = load_payloads(rng)
    counts = {"clean": 0, "spam": 0, "mt": 0}
    used: set[str] = set()
    docs: list[dict] = []
    for row in mt_rows[:n_mt]:
        meta = by_id.get(row["id"], {})
        docs.append({"src": row["id"], "variant": "mt", "text": cut(row["text_mt"], args.target),
                     "meta": meta, "url": row.get("url")})
        used.add(row["id"])
    for rec in by_id.values():
        if len(docs) >= args.n:
            break
        if rec["ID"] in used:
            continue
        variant = "spam" if counts["spam"] < n_spam and rng.random() < 0.15 else "clean"
        if variant == "clean" and args.n - len(docs) <= n_spam - counts["spam"]:
            variant = "spam"
        counts[variant] += 1
        docs.append({"src": rec["ID"], "variant": variant,
                     "text": cut(rec["content_original"], args.target), "meta": rec,
                     "url": rec.get("url")})
    counts["mt"] = n_mt
    rng.shuffle(docs)
    sizes = []
    with (out / "corpus_text.jsonl").open("w") as ft, (out / "corpus_html.jsonl").open("w") as fh:
        for i, d in enumerate(docs):
            meta = d["meta"] or {}
            text = d["text"]
            hidden: list[str] = []
            if d["variant"] == "spam":
                if rng.random() < 0.3:  # hidden-link injection: only in the HTML page
                    hidden = [spam_line(rng, pay)[1] for _ in range(rng.choice((1, 2)))]
                    text_doc = text
                else:
                    text, _ = inject(text, rng, pay)
                    text_doc = text
            else:
                text_doc = text
            authors = [a.strip() for a in str(meta.get("authors") or "").split(",") if a.strip()]
            info = {"text": text_doc, "title": str(meta.get("title") or ""),
                    "url": d["url"] or str(meta.get("url") or ""),
                    "published": str(meta.get("date") or ""), "authors": authors[:3],
                    "site": str(meta.get("source") or "News").split(" - ")[0]}
            rid = f"speed-{i:05d}"
            if hidden:
                d["variant"] = "spam_hidden"  # clean text; the payload is only in the page
            ft.write(json.dumps({"id": rid, "text": text_doc, "url": info["url"] or None,
                                 "title": info["title"] or None,
                                 "published": info["published"] or None,
                                 "variant": d["variant"]}) + "\n")
            fh.write(json.dumps({"id": rid, "html": page(info, rng, hidden),
                                 "url": info["url"] or None, "variant": d["variant"]}) + "\n")
            sizes.append(len(text_doc))
    sizes.sort()
    print(json.dumps({"docs": len(docs), "variants": counts, "chars_p50": sizes[len(sizes) // 2],
                      "chars_mean": sum(sizes) / len(sizes), "out": str(out)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
