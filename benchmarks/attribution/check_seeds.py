"""Acceptance check on the five seed documents (../shared/seeds), issue 5's "Done when".

    python benchmarks/attribution/check_seeds.py [SEEDS_DIR]

Checks: seed 000's byline is "KIM TONG-HYUNG" and its dateline "SEOUL, South Korea (AP) —" are
found (as spans and extras); seed 000 has the lowest attribution score of the five; seed 001 has a
``scraper_marker`` span and "AFP" among its credits. Prints each seed's extras, score and spans;
exits 1 if a check fails.
"""

from __future__ import annotations

import sys
from pathlib import Path

from features.attribution import detectors
from scorer.document import Document


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path("/work/shared/seeds")
    dets = detectors()
    rows = {}
    for path in sorted(root.glob("0*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = Document(text=text, id=path.stem, language="en")
        results = [d(doc) for d in dets]
        score = max(r.score for r in results if r.score is not None)
        extras: dict = {}
        spans = []
        for r in results:
            for k, v in r.extras.items():
                extras.setdefault(k, v)
            spans += [(e.code, text[e.span.start:e.span.end]) for e in r.evidence if e.span]
        rows[path.stem[:3]] = (score, extras, spans)
        print(f"{path.stem}: score {score:.3f} byline={extras.get('byline')!r} "
              f"dateline={extras.get('dateline')!r} credits={extras.get('credits')}")
        for code, snippet in spans:
            print(f"    {code:20s} {snippet[:80]!r}")
    s000, e000, sp000 = rows["000"]
    _s001, e001, sp001 = rows["001"]
    checks = {
        "000 byline KIM TONG-HYUNG": e000["byline"] == "KIM TONG-HYUNG"
        and ("byline", "By KIM TONG-HYUNG") in sp000,
        "000 dateline": e000["dateline"] == "SEOUL, South Korea (AP) —"
        and ("dateline", "SEOUL, South Korea (AP) —") in sp000,
        "000 lowest score": all(s000 < v[0] for k, v in rows.items() if k != "000"),
        "001 scraper_marker span": any(c == "scraper_marker" for c, _ in sp001),
        "001 credits AFP": "AFP" in e001["credits"],
    }
    for name, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
