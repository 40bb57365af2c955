"""Build features/data/attribution/given_names.txt: given names, for the author chooser's
person-likeness feature (features/attribution/chooser.py, fourth round).

Source: the ``authors`` field of allsides-baly2020 (author names only, no article text;
Apache-2.0). Every author string is split into names at ",", ";" and " and "; a name of 2-3
capitalised alphabetic words gives its first word. A word is kept when it opens at least
``MIN_COUNT`` names and opens names at least as often as it ends one (surnames and
outlet words such as "Associated", "Fox", "Staff" fail that test).

    python benchmarks/attribution/build_given_names.py [/work/shared/datasets]
"""

from __future__ import annotations

import collections
import re
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "features" / "data" / "attribution" / "given_names.txt"
MIN_COUNT = 3
_WORD = re.compile(r"^[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+$")
#: opening words of organisation bylines that pass the shape test
_NOT_NAMES = {"The", "Associated", "Staff", "Editorial", "News", "Press", "Daily", "Editors",
              "Opinion", "Guest", "Special", "Board", "National", "Washington", "New", "Fox"}


def build(datasets: Path) -> list[str]:
    df = pd.read_parquet(datasets / "allsides-baly2020" / "allsides_articles.parquet",
                         columns=["authors"])
    first: collections.Counter[str] = collections.Counter()
    last: collections.Counter[str] = collections.Counter()
    for value in df["authors"].dropna():
        for name in re.split(r",|;|\band\b", str(value)):
            words = name.split()
            if 2 <= len(words) <= 3 and all(_WORD.match(w) for w in words):
                first[words[0]] += 1
                last[words[-1]] += 1
    return sorted(w for w, n in first.items()
                  if n >= MIN_COUNT and n >= last[w] and w not in _NOT_NAMES)


def main(argv: list[str]) -> int:
    datasets = Path(argv[1]) if len(argv) > 1 else Path("/work/shared/datasets")
    names = build(datasets)
    header = [
        "# Given names (first words of person names), for the attribution author chooser.",
        "# Built by benchmarks/attribution/build_given_names.py from the `authors` field of",
        "# allsides-baly2020 (Apache-2.0; author names only, no article text): first words of",
        f"# 2-3-word capitalised names opening at least {MIN_COUNT} names and opening names at",
        "# least as often as ending one. English-language outlets: mostly English",
        "# given names. One name a line.",
    ]
    OUT.write_text("\n".join(header + names) + "\n", encoding="utf-8")
    print(f"{len(names)} given names -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
