"""Build the unseen-pivot test set: Apertium round trips through Galician and Esperanto.

The translation model is trained on Apertium round trips through Spanish and Catalan
(``/work/shared/datasets/mt-roundtrip``). This script makes round trips through pivots the model
never saw (``en-gl | gl-en`` and ``en-eo | eo-en``) from AllSides articles of publishers held out of
training (the media-split valid/test files), so the test is unseen in pivot *and* in publisher.

Not run in CI: it needs Debian's Apertium packages::

    apt-get update && apt-get install -y apertium apertium-eng-spa apertium-eng-cat \
        apertium-en-gl apertium-eo-en

Usage::

    nice python benchmarks/translation/build_apertium_pivot.py --n 150 \
        --out /tmp/translation_pivot.jsonl

The output holds article texts, so it is written outside the repository (default under /tmp).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

DATA = Path("/work/shared/datasets")
PIVOTS = {"gl": ("en-gl", "gl-en"), "eo": ("en-eo", "eo-en")}


def apertium(mode: str, text: str) -> str:
    """One Apertium pass, unknown-word marks removed (``-u``) as in mt-roundtrip."""
    out = subprocess.run(
        ["apertium", "-u", mode],
        input=text,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(f"apertium {mode} failed: {out.stderr[:300]}")
    return out.stdout


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=150, help="articles per pivot")
    ap.add_argument("--max-chars", type=int, default=6000, help="truncate articles (speed)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", default="/tmp/translation_pivot.jsonl")
    args = ap.parse_args(argv)
    if shutil.which("apertium") is None:
        print("apertium is not installed; see the module docstring", file=sys.stderr)
        return 3
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from data import heldout_news

    rows = heldout_news("test") + heldout_news("valid")
    rng = random.Random(args.seed)
    rng.shuffle(rows)
    with open(args.out, "w", encoding="utf-8") as fh:
        i = 0
        for pivot, (fwd, back) in PIVOTS.items():
            for row in rows[i : i + args.n]:
                text = row["text"][: args.max_chars]
                mt = apertium(back, apertium(fwd, text))
                rec = {
                    "id": row["id"],
                    "source": row["source"],
                    "pivot": pivot,
                    "text_original": text,
                    "text_mt": mt.strip(),
                }
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            i += args.n
            print(f"pivot {pivot}: {args.n} articles", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
