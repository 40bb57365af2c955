"""Seed acceptance for ``translation.mt.v1`` (issue 4, "Done when").

Seed 002 must have the highest translation score of the five seeds and be above the threshold,
with spans on its artifacts; seeds 000 and 001 must be below the threshold. Reads
/work/shared/seeds (never copied into the project). Exit code 0 when accepted, 1 otherwise.

    python benchmarks/translation/check_seeds.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from features.translation import MachineTranslationDetector
from scorer.document import Document

SEEDS = Path("/work/shared/seeds")


def main() -> int:
    det = MachineTranslationDetector()
    scores: dict[str, float] = {}
    threshold = 0.5
    for path in sorted(SEEDS.glob("0*.txt")):
        text = path.read_text(encoding="utf-8")
        result = det(Document(text=text, language="en"))
        threshold = float(result.extras["threshold"])
        scores[path.name[:3]] = result.score or 0.0
        spans = [(e.code, text[e.span.start : e.span.end]) for e in result.evidence if e.span]
        print(f"{path.name}: score {result.score:.4f} spans {spans}")
    ok = (
        max(scores, key=lambda k: scores[k]) == "002"
        and scores["002"] >= threshold
        and scores["000"] < threshold
        and scores["001"] < threshold
    )
    print(f"threshold {threshold:.4f}: {'ACCEPTED' if ok else 'NOT ACCEPTED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
