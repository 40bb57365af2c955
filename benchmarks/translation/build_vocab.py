"""Build ``features/data/translation/english_vocab.txt``: lowercase English words of human news.

The profile model maps a lowercase word outside this list to the shape ``<O>`` ("unknown
word"): machine translation through a pivot leaves source-language words behind ("quan",
"gubernia"), which native copy rarely contains. Words are taken from clean human news only
(AllSides media-split *train* articles, Apache-2.0), kept when they occur in at least
``--min-docs`` articles. No article text is stored, only the word list.

    nice python benchmarks/translation/build_vocab.py
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from data import clean_news, roundtrip

_WORD = re.compile(r"[A-Za-z]+")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-docs", type=int, default=3)
    ap.add_argument("--out", default=str(ROOT / "features/data/translation/english_vocab.txt"))
    args = ap.parse_args(argv)
    rt_ids = {r["group"][3:] for r in roundtrip()}
    df: collections.Counter[str] = collections.Counter()
    n = 0
    for r in clean_news("train"):
        if r["id"] in rt_ids:  # keep round-trip originals out: their MT twins are test data
            continue
        n += 1
        df.update({w.lower() for w in _WORD.findall(r["text"])})
    words = sorted(w for w, c in df.items() if c >= args.min_docs)
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write(
            "# Lowercase English words of human news (one per line), for the <O> unknown-word\n"
            "# shape of features/translation/profile.py. Built by benchmarks/translation/\n"
            f"# build_vocab.py from allsides-baly2020 (Apache-2.0), media-split train, {n} articles\n"
            f"# (mt-roundtrip originals excluded); words in >= {args.min_docs} articles.\n"
        )
        fh.write("\n".join(words) + "\n")
    print(f"{len(words)} words -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
