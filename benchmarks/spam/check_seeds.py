"""Acceptance check on /work/shared/seeds: spam spans of each seed (004 must have both casino
lines, 000-003 none).  Run:  python benchmarks/spam/check_seeds.py"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from features import lang
from features.spam import detectors
from scorer.document import Document

SEEDS = Path("/work/shared/seeds")


def main() -> int:
    ok = True
    for path in sorted(SEEDS.glob("0*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = Document(text=text, id=path.stem, language=lang.detect(text))
        spans = []
        scores = []
        for det in detectors():
            res = det(doc)
            scores.append(res.score)
            spans += [(e.code, e.span.start, e.span.end) for e in res.evidence if e.span]
        print(f"{path.name}: lang={doc.language} scores={scores} spans={len(spans)}")
        for code, s, e in spans:
            print(f"   {code:26s} [{s},{e}) {text[s:e][:90]!r}")
        if path.name.startswith("004"):
            lines = [i for i, ln in enumerate(text.splitlines()) if "casino siteleri" in ln]
            starts = {s for _, s, _ in spans}
            found = sum(1 for s in starts if text[s:].startswith("casino siteleri"))
            ok &= found >= 2 and len(lines) >= 2
        else:
            ok &= not spans
    print("ACCEPT" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
