"""Blind check of spam.injected: payload variants and clean texts never used before (issue 3).

    python benchmarks/spam/blind_check.py build --out /tmp/credscore-spam-blind [--seed 101]
    python benchmarks/spam/blind_check.py build --out /tmp/credscore-spam-blind2 --seed 202 \
        --ad-half heldout                                  # second blind set (round 4)
    nice python benchmarks/spam/blind_check.py eval --data /tmp/credscore-spam-blind [--json F]

Why: the benchmark's "held-out" groups (commerce, wp_blacklist, the glued placement) were looked
at while tuning in earlier rounds, so their figures are tuned, not blind. This set was designed
and frozen (commit of this file) and evaluated once on the detector as it was BEFORE this round's
changes; that first figure is the blind one. Nothing here may enter a lexicon, the line model's
training or a threshold.

Payload families (none ever injected, read by the lexicon builder or the line-model trainer):
- ``wp_other``: WordPress comment-blacklist entries that the benchmark's wp_blacklist family
  filters OUT (its filter keeps only plain lower-case ASCII phrases): hyphenated slugs
  ("vuitton-wallet", "online-sabong"), entries with digits, and non-Latin entries (Russian,
  Korean, Japanese...). URL fragments (with / ? = @ _ or a dot) are dropped. 4-8 entries joined
  by " ", ", " or " | ".
- ``ad_domains``: UT1 ``publicite`` (advertising) domains as link lists, in the four formats of
  the benchmark's gambling_links family (the lexicon only knows gambling domains).
- ``adult_terms``: WordPress reference ``searchterms.txt`` (profanity/adult search terms), 4-8
  terms joined like wp_other.
- ``commerce_redraw`` / ``wp_redraw``: the benchmark's held-out commerce and wp_blacklist items
  drawn again with another seed into other host articles and other positions. The ITEMS were
  seen while tuning (not blind in vocabulary), the combinations and positions are new.

Placements: the benchmark's five (top, bottom, middle, both_edges, glued) and two new glued
variants: ``glued_tail`` (payload appended to the end of a paragraph after its last sentence)
and ``glued_sentence`` (payload capitalised and closed with a full stop, inserted between two
sentences of a paragraph, like a sentence of its own).

Hosts: allsides-baly2020 media-split TEST articles (the benchmark's pools) shuffled with another
seed. Clean texts for a blind false-positive rate (never evaluated before in this project's spam
benchmark): horne2017-fakenewsdata1 article bodies (Buzzfeed and Random political news: real,
fake and satire bodies; none is injected spam) and WMT21 English documents (English originals and
human reference translations, segments joined three to a paragraph).
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import re
import sys
import zipfile
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from build_benchmark import _SENT_END, allsides, inject, make_payload, payload_sources
from common import SHARED, split_of

FAMILIES = ("wp_other", "ad_domains", "adult_terms", "commerce_redraw", "wp_redraw")
PLACEMENTS = ("top", "bottom", "middle", "both_edges", "glued", "glued_tail", "glued_sentence")
_ITEM_OK = re.compile(r"[^\s/?=.@_:&%#+]{2,}(?:[- ][^\s/?=.@_:&%#+]+)*")


def sources(ad_half: str = "all") -> dict[str, list[str]]:
    wp_all = [w.strip() for w in (SHARED / "spam-wordlists" / "wordpress-comment-blacklist"
                                  / "blacklist.txt").read_text(errors="replace").splitlines()]
    used = {w for w in wp_all if re.fullmatch(r"[a-z][a-z ]{4,30}[a-z]", w)}
    wp_other = sorted({w for w in wp_all if w and w not in used and _ITEM_OK.fullmatch(w)
                       and 4 <= len(w) <= 32 and any(c.isalpha() for c in w)})
    ads = [d.strip().lower() for d in (SHARED / "ut1-blacklists" / "blacklists" / "publicite"
                                       / "domains").read_text(errors="replace").splitlines()
           if d.strip() and not d.startswith("#") and "." in d]
    if ad_half != "all":  # "heldout": only the half an advertising-domain lexicon may not read
        ads = [d for d in ads if split_of(d) == ad_half]
    terms = [t.strip() for t in (SHARED / "spam-wordlists" / "wordpress-comment-blacklist"
                                 / "reference" / "searchterms.txt").read_text(
        errors="replace").splitlines()]
    terms = sorted({t for t in terms if t and not t.startswith("#") and len(t) >= 3})
    bench = payload_sources()
    return {"wp_other": wp_other, "ad_domains": sorted(set(ads)), "adult_terms": terms,
            "commerce_redraw": bench["commerce"]["heldout"],
            "wp_redraw": bench["wp_blacklist"]["heldout"]}


def payload(family: str, items: list[str], rng: random.Random) -> str:
    if family in ("wp_other", "adult_terms"):
        return rng.choice([" ", ", ", " | "]).join(rng.sample(items, rng.randint(4, 8)))
    if family == "ad_domains":
        return make_payload("gambling_links", items, rng)
    if family == "commerce_redraw":
        return make_payload("commerce", items, rng)
    if family == "wp_redraw":
        return make_payload("wp_blacklist", items, rng)
    raise ValueError(family)


def place(text: str, pay: str, placement: str, rng: random.Random
          ) -> tuple[str, list[list[int]]] | None:
    text = text.strip()
    if placement == "glued_tail":
        ends = [m.start() for m in re.finditer(r"(?<=[a-z0-9][.!?])\n\s*\n", text)]
        if not ends:
            return None
        pos = ends[rng.randrange(len(ends))]  # right after the final punctuation
        new = text[:pos] + " " + pay + text[pos:]
        return new, [[pos + 1, pos + 1 + len(pay)]]
    if placement == "glued_sentence":
        sent = pay[:1].upper() + pay[1:].rstrip(" .,|") + "."
        cands = [m.end() for m in _SENT_END.finditer(text)]
        if not cands:
            return None
        pos = cands[rng.randrange(len(cands))]
        new = text[:pos] + sent + " " + text[pos:]
        return new, [[pos, pos + len(sent)]]
    return inject(text, pay, placement, rng)


def horne_texts() -> list[tuple[str, str]]:
    z = zipfile.ZipFile(SHARED / "horne2017-fakenewsdata1" / "Horne2017_FakeNewsData.zip")
    out = []
    for name in sorted(z.namelist()):
        parts = name.split("/")
        if not name.endswith(".txt") or len(parts) < 4 or parts[-2].endswith("_titles"):
            continue
        raw = z.read(name).decode("cp1252", errors="replace").replace("\r\n", "\n").strip()
        if len(raw) >= 400:
            out.append((f"horne-{parts[-3][:6]}-{parts[-2]}-{parts[-1][:-4]}", raw))
    return out


def wmt_texts() -> list[tuple[str, str]]:
    d = pd.read_csv(SHARED / "wmt21-news-systems" / "wmt21_en_docs_segments.tsv.xz", sep="\t",
                    quoting=3)
    d = d[d.kind.isin(["human_original", "human_translation"])]
    out = []
    for (lp, doc), g in d.groupby(["lp", "doc_id"], sort=True):
        g = g[g.system == g.system.iloc[0]]
        segs = [str(t) for t in g.sort_values("seg_id").text]
        paras = [" ".join(segs[i:i + 3]) for i in range(0, len(segs), 3)]
        text = "\n\n".join(paras)
        if len(text) >= 400:
            out.append((f"wmt-{lp}-{doc}", text))
    return out


def build(args: argparse.Namespace) -> int:
    rng = random.Random(args.seed)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    art = allsides()
    test = art[art.media_split == "test"].sample(frac=1.0, random_state=args.seed)
    hosts = [(f"allsides-{r}", t) for r, t in zip(test.ID, test.content_original)
             if isinstance(t, str) and len(t) >= 500]
    src = sources(args.ad_half)
    rows = []
    k = 0
    for family in FAMILIES:
        for placement in PLACEMENTS:
            made = 0
            while made < args.per_cell:
                doc_id, text = hosts[k % len(hosts)]
                k += 1
                res = place(text, payload(family, src[family], rng), placement, rng)
                if res is None:
                    continue
                new, gold = res
                for a, b in gold:
                    assert new[a:b].strip() == new[a:b]
                rows.append({"id": f"{doc_id}~{family}~{placement}~{made}", "text": new,
                             "family": family, "placement": placement, "gold": gold})
                made += 1
    clean = [{"id": i, "text": t, "family": "clean", "placement": "none", "gold": []}
             for i, t in horne_texts() + wmt_texts()]
    for name, data in (("injected.jsonl", rows), ("clean.jsonl", clean)):
        with open(out / name, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in data)
        print(f"{name}: {len(data)}")
    print({f: len(v) for f, v in src.items()}, "items per family")
    return 0


def evaluate(args: argparse.Namespace) -> int:
    from evaluate import load, prf, run

    data = Path(args.data)
    inj = load(data / "injected.jsonl")
    clean = load(data / "clean.jsonl")
    p_inj, p_clean = run(inj), run(clean)
    res: dict[str, object] = {}
    fp_any = sum(1 for s, c, _ in p_clean if c) / max(1, len(p_clean))
    fp_05 = sum(1 for s, _, _ in p_clean if s >= 0.5) / max(1, len(p_clean))
    codes = collections.Counter(c for _, ch, cs in p_clean if ch for c in cs)
    res["clean"] = {"docs": len(clean), "fp_any_span": fp_any, "fp_score_0.5": fp_05,
                    "codes": dict(codes)}
    print(f"blind clean: {len(clean)} docs, any span {fp_any:.2%}, score>=0.5 {fp_05:.2%} "
          f"codes {dict(codes)}")

    def group(key) -> dict[str, dict[str, float]]:
        g: dict[str, list[int]] = collections.defaultdict(list)
        for i, r in enumerate(inj):
            g[key(r)].append(i)
        out = {}
        for name in sorted(g):
            idx = g[name]
            rows = [inj[i] for i in idx]
            preds = [p_inj[i] for i in idx]
            p, r, f = prf(rows, preds)
            rec = sum(1 for _, ch, _ in preds if ch) / len(idx)
            rec5 = sum(1 for s, _, _ in preds if s >= 0.5) / len(idx)
            out[name] = {"docs": len(idx), "P": p, "R": r, "F1": f, "recall_any": rec,
                         "recall_0.5": rec5}
            print(f"  {name:36s} {len(idx):4d}  P {p:.3f} R {r:.3f} F1 {f:.3f}  "
                  f"doc recall any span {rec:6.1%}  score>=0.5 {rec5:6.1%}")
        return out

    print("by family")
    res["family"] = group(lambda r: r["family"])
    print("by placement")
    res["placement"] = group(lambda r: r["placement"])
    print("blind families (without the redraws) by placement")
    res["blind_family_placement"] = group(
        lambda r: ("blind / " if "redraw" not in r["family"] else "redraw / ") + r["placement"])
    print("by family and placement")
    res["family_placement"] = group(lambda r: f"{r['family']} / {r['placement']}")
    print("all")
    res["all"] = group(lambda r: "all")
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("--out", default="/tmp/credscore-spam-blind")
    b.add_argument("--seed", type=int, default=101)
    b.add_argument("--per-cell", type=int, default=30)
    b.add_argument("--ad-half", default="all", choices=("all", "heldout"),
                   help="ad_domains items: all UT1 publicite domains (blind set 1, seed 101) or "
                        "only the held-out half of split_of (blind set 2, seed 202), so that a "
                        "lexicon built from the train half cannot see them")
    e = sub.add_parser("eval")
    e.add_argument("--data", default="/tmp/credscore-spam-blind")
    e.add_argument("--json", default="")
    args = ap.parse_args(argv)
    return build(args) if args.cmd == "build" else evaluate(args)


if __name__ == "__main__":
    raise SystemExit(main())
