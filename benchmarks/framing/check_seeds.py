"""Acceptance check on ../shared/seeds: seed 004 must have the highest framing score of the five,
with spans on "Kyiv regime" and "Ukronazis"; seed 000 must score below 0.5.

Usage: python benchmarks/framing/check_seeds.py   (exit 0 = pass)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from features.framing import detectors
from scorer.document import Document

SEEDS = Path("/work/shared/seeds")


def main() -> int:
    scores, spans = {}, {}
    for path in sorted(SEEDS.glob("0*.txt")):
        text = path.read_text(encoding="utf8")
        doc = Document(text=text, id=path.name, language="en")
        results = [d(doc) for d in detectors()]
        scores[path.name[:3]] = max(r.score for r in results if r.score is not None)
        spans[path.name[:3]] = [(e.code, text[e.span.start:e.span.end])
                                for r in results for e in r.evidence if e.span]
        print(f"{path.name}  framing score {scores[path.name[:3]]:.3f}  "
              f"{len(spans[path.name[:3]])} spans: {spans[path.name[:3]][:12]}")
    flagged = {s for _, s in spans["004"]}
    ok = (max(scores, key=scores.__getitem__) == "004" and scores["000"] < 0.5
          and "Kyiv regime" in flagged and any(s.startswith("Ukronazis") for s in flagged))
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
