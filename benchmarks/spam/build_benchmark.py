"""Build the injected-spam benchmark from /work/shared/datasets (output stays outside the repo).

    python benchmarks/spam/build_benchmark.py --out /tmp/credscore-spam-bench [--seed 13]

Writes four JSONL files (one document per line: id, text, language, family, placement, split,
gold = list of [start, end) character spans of injected text, html optional):

- clean.jsonl       clean articles: allsides-baly2020 media-split TEST articles (publishers disjoint
                    from the train split the English vocabulary was counted on) and SemEval-2019
                    hyperpartisan training articles (text of their <p> elements).
- injected.jsonl    the same kind of clean articles (a disjoint sample) with real payloads injected.
- hard_negatives.jsonl  legitimate articles about casinos, betting, lotteries, pharmacies/drugs,
                    and articles carrying non-English passages, found in allsides by keyword counts.
- html.jsonl        SemEval articles rendered as HTML pages, half with a hidden link block of UT1
                    gambling domains (held-out half), half clean.

Payload families (benchmarks/spam/common.py FAMILIES):
- judol: 1-3 gambling-promotion comments (label 1) of judol-id-gambling-comments.
- gambling_links: 3-8 UT1 gambling domains as a link list (several formats).
- pharma: php-spam-filter medication terms in keyword-list or shop-phrase templates.
- commerce: php-spam-filter merchandise/services/trading phrases (NOT seen by the lexicon).
- wp_blacklist: WordPress comment-blacklist phrases (NOT seen by the lexicon).
For judol and gambling_links the "dev" split uses the train half of the source (the half the
lexicon builder saw) and "heldout" uses the other half. pharma is "dev" only (its terms are in
the lexicon); commerce and wp_blacklist are "heldout" only. The "glued" placement (payload inside
a paragraph, between two sentences) was not used while tuning thresholds on the dev split.

Placements: top (first line), bottom (last line), middle (own paragraph), both_edges (the same
line first and last, as in seed 004), glued.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from build_lexicons import expand_regex, php_lines
from common import SHARED, split_of

PLACEMENTS = ("top", "bottom", "middle", "both_edges", "glued")
_SENT_END = re.compile(r"(?<=[a-z0-9][.!?]) (?=[A-Z])")


# -- sources -----------------------------------------------------------------------------------
def allsides() -> pd.DataFrame:
    art = pd.read_parquet(SHARED / "allsides-baly2020" / "allsides_articles.parquet",
                          columns=["ID", "title", "source", "content_original"])
    test = pd.read_csv(SHARED / "allsides-baly2020" / "data" / "splits" / "media" / "test.tsv",
                       sep="\t")
    test_ids = set(test.ID)
    art["media_split"] = ["test" if i in test_ids else "other" for i in art.ID]
    return art


def semeval() -> list[tuple[str, str, str]]:
    """(id, text, html) of the SemEval training articles."""
    root = ET.parse(SHARED / "semeval2019-hyperpartisan"
                    / "articles-training-byarticle-20181122.xml").getroot()
    out = []
    for a in root:
        paras = [" ".join("".join(p.itertext()).split()) for p in a.iter("p")]
        paras = [p for p in paras if p]
        if len(paras) < 3:
            continue
        title = a.get("title", "")
        body = "".join(f"<p>{_esc(p)}</p>" for p in paras)
        html = (f"<html><head><title>{_esc(title)}</title></head><body><h1>{_esc(title)}</h1>"
                f"<article>{body}</article></body></html>")
        out.append((f"semeval-{a.get('id')}", "\n\n".join(paras), html))
    return out


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def payload_sources() -> dict[str, dict[str, list[str]]]:
    judol = pd.read_csv(SHARED / "judol-id-gambling-comments" / "judol_comments.csv")
    comments = [" ".join(str(c).split()) for c in judol[judol.label == 1].comment]
    comments = [c for c in dict.fromkeys(comments) if len(c) >= 25]
    domains = [d.strip().lower() for d in (SHARED / "ut1-blacklists" / "blacklists" / "gambling"
                                           / "domains").read_text(errors="replace").splitlines()
               if d.strip() and not d.startswith("#")]
    pharma = sorted({p for pat in php_lines("blacklist-medication.txt")
                     for p in expand_regex(pat)})
    commerce = sorted({p for name in ("blacklist-merchandise.txt", "blacklist-services.txt",
                                      "blacklist-trading.txt")
                       for pat in php_lines(name) for p in expand_regex(pat)})
    wp = [w.strip() for w in (SHARED / "spam-wordlists" / "wordpress-comment-blacklist"
                              / "blacklist.txt").read_text(errors="replace").splitlines()]
    wp = sorted({w for w in wp if re.fullmatch(r"[a-z][a-z ]{4,30}[a-z]", w)})
    return {
        "judol": {"dev": [c for c in comments if split_of(c) == "train"],
                  "heldout": [c for c in comments if split_of(c) == "heldout"]},
        "gambling_links": {"dev": [d for d in domains if split_of(d) == "train"],
                           "heldout": [d for d in domains if split_of(d) == "heldout"]},
        "pharma": {"dev": pharma},
        "commerce": {"heldout": commerce},
        "wp_blacklist": {"heldout": wp},
    }


# -- payloads ----------------------------------------------------------------------------------
def make_payload(family: str, items: list[str], rng: random.Random) -> str:
    if family == "judol":
        return " ".join(rng.sample(items, rng.randint(1, 3)))
    if family == "gambling_links":
        doms = rng.sample(items, rng.randint(3, 8))
        fmt = rng.randrange(4)
        if fmt == 0:
            return " ".join(f"https://{d}/" for d in doms)
        if fmt == 1:
            return " | ".join(doms)
        if fmt == 2:
            return ", ".join(f"http://www.{d}" for d in doms)
        return " ".join(f"{d.split('.')[0].replace('-', ' ')} https://{d}" for d in doms)
    if family == "pharma":
        t = rng.sample(items, 4)
        return rng.choice([
            " ".join(t),
            f"buy {t[0]} online, {t[1]} without prescription, cheap {t[2]}",
            f"{t[0]} | {t[1]} | {t[2]} | {t[3]}",
            f"order {t[0]} and {t[1]} from our pharmacy with fast delivery",
        ])
    if family == "commerce":
        t = rng.sample(items, 4)
        return rng.choice([
            " ".join(t),
            f"{t[0]} | {t[1]} | {t[2]} | {t[3]}",
            f"best {t[0]} and {t[1]} deals, {t[2]} sale",
        ])
    if family == "wp_blacklist":
        return rng.choice([" ", ", ", " | "]).join(rng.sample(items, rng.randint(4, 8)))
    raise ValueError(family)


def inject(text: str, payload: str, placement: str, rng: random.Random
           ) -> tuple[str, list[list[int]]] | None:
    text = text.strip()
    if placement == "top":
        return payload + "\n" + text, [[0, len(payload)]]
    if placement == "bottom":
        start = len(text) + 1
        return text + "\n" + payload, [[start, start + len(payload)]]
    if placement == "both_edges":
        end_start = len(payload) + 1 + len(text) + 1
        return (payload + "\n" + text + "\n" + payload,
                [[0, len(payload)], [end_start, end_start + len(payload)]])
    breaks = [m.end() for m in re.finditer(r"\n\s*\n", text)]
    if placement == "middle":
        if not breaks:
            return None
        pos = breaks[len(breaks) // 2 + rng.randint(-1, 1) if len(breaks) > 2 else 0]
        new = text[:pos] + payload + "\n\n" + text[pos:]
        return new, [[pos, pos + len(payload)]]
    if placement == "glued":
        cands = [m.end() for m in _SENT_END.finditer(text)]
        if not cands:
            return None
        pos = cands[rng.randrange(len(cands))]
        new = text[:pos] + payload + " " + text[pos:]
        return new, [[pos, pos + len(payload)]]
    raise ValueError(placement)


# -- hard negatives ----------------------------------------------------------------------------
_TOPIC_RE = re.compile(r"\b(casinos?|gambling|sports ?betting|sportsbooks?|betting|lottery|"
                       r"poker|slot machines?|pharmac(?:y|ies|ist)|viagra|opioids?|"
                       r"prescription drugs?)\b", re.IGNORECASE)
_ES_RE = re.compile(r"\b(que|los|las|del|por|una|para|con|está|señor|también)\b")


def hard_negatives(art: pd.DataFrame, exclude: set[str], limit: int = 200
                   ) -> list[dict[str, object]]:
    rows = []
    for rid, text in zip(art.ID, art.content_original):
        if rid in exclude:
            continue
        topic = len(_TOPIC_RE.findall(text))
        spanish = len(_ES_RE.findall(text))
        kind = None
        if topic >= 6:
            kind = "gambling_pharma_topic"
        elif spanish >= 25:
            kind = "foreign_passages"
        if kind:
            rows.append({"id": f"allsides-{rid}", "text": text, "language": "en",
                         "family": kind, "placement": "none", "split": "hard", "gold": []})
    rows.sort(key=lambda r: str(r["id"]))
    return rows[:limit]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default="/tmp/credscore-spam-bench")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--clean", type=int, default=2000, help="clean allsides articles")
    ap.add_argument("--per-cell", type=int, default=60, help="injected docs per family x "
                    "placement x split")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    art = allsides()
    test = art[art.media_split == "test"].sample(frac=1.0, random_state=args.seed)
    sem = semeval()
    rng.shuffle(sem)
    pool = [(f"allsides-{r}", t) for r, t in zip(test.ID, test.content_original)]
    clean_docs = pool[: args.clean] + [(i, t) for i, t, _ in sem[:250]]
    inject_pool = pool[args.clean:] + [(i, t) for i, t, _ in sem[250:500]]

    def dump(name: str, rows: list[dict[str, object]]) -> None:
        with open(out / name, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        print(f"{name}: {len(rows)}")

    dump("clean.jsonl", [{"id": i, "text": t, "language": "en", "family": "clean",
                          "placement": "none", "split": "clean", "gold": []}
                         for i, t in clean_docs])

    sources = payload_sources()
    rows = []
    k = 0
    for family, splits in sources.items():
        for split, items in splits.items():
            for placement in PLACEMENTS:
                made = 0
                while made < args.per_cell:
                    doc_id, text = inject_pool[k % len(inject_pool)]
                    k += 1
                    payload = make_payload(family, items, rng)
                    res = inject(text, payload, placement, rng)
                    if res is None:
                        continue
                    new, gold = res
                    rows.append({"id": f"{doc_id}~{family}~{placement}~{made}", "text": new,
                                 "language": "en", "family": family, "placement": placement,
                                 "split": split, "gold": gold})
                    made += 1
    dump("injected.jsonl", rows)

    exclude = {i.split("-", 1)[1] for i, _ in clean_docs + inject_pool if i.startswith("allsides")}
    dump("hard_negatives.jsonl", hard_negatives(art, exclude))

    html_rows = []
    held = sources["gambling_links"]["heldout"]
    for j, (doc_id, text, html) in enumerate(sem[500:]):
        if j % 2:
            doms = rng.sample(held, rng.randint(3, 8))
            links = " ".join(f'<a href="https://{d}/">{d.split(".")[0]}</a>' for d in doms)
            style = rng.choice(["display:none", "position:absolute;left:-9999px",
                                "font-size:0", "visibility:hidden"])
            html = html.replace("</article>", f'</article><div style="{style}">{links}</div>')
            split = "hidden_links"
        else:
            split = "clean_html"
        html_rows.append({"id": doc_id, "text": text, "html": html, "language": "en",
                          "family": "hidden_html", "placement": "hidden", "split": split,
                          "gold": []})
    dump("html.jsonl", html_rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
