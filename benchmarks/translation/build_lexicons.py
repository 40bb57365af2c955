"""Build the calque lexicon of ``features/data/translation/calques.txt`` from the data sets.

A calque here is an English compound rendered in the word order of a Romance (or similar)
language: "North Korea" -> "Korea of the North", "member states" -> "states members",
"climate change" -> "change of climate". The script

1. collects frequent two-word compounds ``A B`` (no function words) from clean human news
   (AllSides media-split train, capped sample);
2. generates their inverted forms ``B of A``, ``B of the A`` and ``B A``;
3. counts each inverted form in human text (that news sample plus the *train* originals of
   mt-roundtrip) and in machine translation (the *train* round trips of mt-roundtrip and the WMT21
   machine translations of train documents);
4. keeps forms never seen in human text and seen at least ``--min-mt`` times in MT (swapped
   ``B A`` forms need twice that), minus forms starting with a word that also heads ordinary
   English "X of Y" phrases (``_RISKY_FIRST``, e.g. "Democrat of California"), plus the
   hand-written seed list ``calques_seed.txt``.

Test documents (``data.split_of``) are never read, so the round-trip evaluation stays honest.

    nice python benchmarks/translation/build_lexicons.py
"""

from __future__ import annotations

import argparse
import collections
import random
import re
import sys
from pathlib import Path

import ahocorasick_rs

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import itertools

from data import clean_news, roundtrip, split_of, wmt_docs

from features.translation.profile import FUNCTION_WORDS

_WORD = re.compile(r"[A-Za-z]+")
#: First words of inverted forms that are also ordinary English ("Democrat of California" is
#: New York Times style; "a minority of House members"): mined forms starting so are dropped.
_RISKY_FIRST = frozenset(
    {
        "democrat",
        "democrats",
        "republican",
        "republicans",
        "independent",
        "minority",
        "majority",
        "member",
        "members",
        "leader",
        "leaders",
        "candidate",
        "relief",
        "status",
        "campaign",
        "administration",
        "intelligence",
        "staff",
    }
)
_STOP = set(FUNCTION_WORDS) | {"mr", "ms", "mrs", "s", "t", "said", "says"}


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--news", type=int, default=30000, help="clean news articles sampled")
    ap.add_argument("--top", type=int, default=6000, help="compounds considered")
    ap.add_argument("--min-mt", type=int, default=2)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", default=str(ROOT / "features/data/translation/calques.txt"))
    args = ap.parse_args(argv)

    rng = random.Random(args.seed)
    news = clean_news("train")
    rt = [r for r in roundtrip() if split_of(r["group"]) == "train"]
    rt_ids = {r["group"][3:] for r in roundtrip()}
    news = [r for r in news if r["id"] not in rt_ids]
    news = rng.sample(news, min(args.news, len(news)))
    human = [r["text"] for r in news] + [r["text"] for r in rt if r["label"] == 0]
    mt = [r["text"] for r in rt if r["label"] == 1]
    mt += [r["text"] for r in wmt_docs() if r["label"] == 1 and split_of(r["group"]) == "train"]

    compounds: collections.Counter[tuple[str, str]] = collections.Counter()
    for r in news:
        w = words(r["text"])
        for a, b in itertools.pairwise(w):
            if a.lower() in _STOP or b.lower() in _STOP or len(a) < 3 or len(b) < 3:
                continue
            if a.isupper() or b.isupper():
                continue
            compounds[(a, b)] += 1
    top = [ab for ab, _ in compounds.most_common(args.top)]

    cands: dict[str, tuple[str, str]] = {}
    for a, b in top:
        # Keep capitalisation of the parts: "North Korea" -> "Korea of the North".
        for form, kind in ((f"{b} of {a}", "of"), (f"{b} of the {a}", "of"), (f"{b} {a}", "swap")):
            cands.setdefault(form.lower(), (f"{a} {b}", kind))

    forms = list(cands)
    automaton = ahocorasick_rs.AhoCorasick(forms)  # standard match kind: overlapping hits

    def count(texts: list[str]) -> collections.Counter[str]:
        c: collections.Counter[str] = collections.Counter()
        for t in texts:
            low = " ".join(words(t)).lower()  # words only, single spaces: n-gram boundaries
            for idx, s, e in automaton.find_matches_as_indexes(low, overlapping=True):
                if (s == 0 or low[s - 1] == " ") and (e == len(low) or low[e] == " "):
                    c[forms[idx]] += 1
        return c

    hc, mc = count(human), count(mt)
    kept = []
    for form, (orig, kind) in cands.items():
        if form.split(" ", 1)[0] in _RISKY_FIRST:
            continue
        need = args.min_mt * (2 if kind == "swap" else 1)
        if hc.get(form, 0) == 0 and mc.get(form, 0) >= need:
            kept.append((form, orig, mc[form]))
    kept.sort(key=lambda x: (-x[2], x[0]))

    seed_file = ROOT / "features/data/translation/calques_seed.txt"
    seed = [
        ln.split("\t")
        for ln in seed_file.read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    seen = {k[0] for k in kept}
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write(
            "# Calques: English compounds in a foreign word order, typical of machine translation.\n"
            "# Built by benchmarks/translation/build_lexicons.py (see its docstring) from\n"
            "# /work/shared/datasets: allsides-baly2020 (Apache-2.0; media-split train, "
            f"{len(news)} articles\n"
            "# sampled) for compounds and human counts; mt-roundtrip (derived from AllSides; train\n"
            "# split only) and wmt21-news-systems (train documents) for MT counts. Kept: never in\n"
            f"# human text, >= {args.min_mt} times in MT ({2 * args.min_mt} for swapped forms); plus\n"
            "# calques_seed.txt (hand-written). Mined forms starting with a word of _RISKY_FIRST\n"
            "# (ordinary English such as 'Democrat of California') are dropped.\n"
            "# Format: calque<TAB>English original<TAB>MT count.\n"
            "# Matching is case-insensitive on whole words.\n"
        )
        for form, orig, n in kept:
            fh.write(f"{form}\t{orig.lower()}\t{n}\n")
        for row in seed:
            if row[0] not in seen:
                fh.write(f"{row[0]}\t{row[1]}\tseed\n")
    print(f"{len(kept)} mined calques + {len(seed)} seed -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
