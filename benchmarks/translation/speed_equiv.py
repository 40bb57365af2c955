"""Equivalence + speed check for ``translation.mt.v1`` (used while optimising the hot path).

Superseded for before/after reports by ``speed_compare.py`` (old and new code in one process, the
whole speed corpus); this script keeps ``HOSTILE``, the hostile fixtures both use.

    python benchmarks/translation/speed_equiv.py save /tmp/mt_base.pkl     # before a change
    python benchmarks/translation/speed_equiv.py compare /tmp/mt_base.pkl  # after a change

Texts: 1,400 allsides-baly2020 articles (seed 7, cut to ~5 KB as in benchmarks/speed) plus 500
mt-roundtrip machine translations (text_mt, cut likewise), the /work/shared/seeds texts and
hostile fixtures written here. Compares every DetectorResult field (features within 1e-9, evidence
identical, score within 1e-9, extras equal) and reports CPU ms per document (time.process_time,
median of 3 passes).

Measured 2026-11-22 (2 shared cores, load ~2-3, so figures are noisy), 1,924 texts:
- a573a86 (before): save run median 0.457 ms/doc (passes 0.501, 0.457, 0.373).
- 2ccbeeb (after): compare run median 0.311 ms/doc (passes 0.286, 0.311, 0.347), 0 differ.
- Interleaved A/B in one process (old package copy vs new, 7 passes each): old median 0.391 /
  min 0.352, new median 0.284 / min 0.247 ms/doc. The profile part (``profile.fast_logits``)
  alone: 0.23-0.25 -> 0.13-0.15 ms/doc; ``artifacts.find_all`` (unchanged) ~0.07 ms/doc.
"""

from __future__ import annotations

import json
import lzma
import math
import pickle
import random
import statistics
import sys
import time
from pathlib import Path

import pandas as pd

from features.translation.detector import MachineTranslationDetector
from scorer.document import Document

SHARED = Path("/work/shared")

#: Hostile fixtures (written here): empty, emoji, RTL, binary-looking, artifact-dense texts.
HOSTILE: tuple[str, ...] = (
    "",
    " ",
    "\n\t ",
    "a",
    "The",
    "THE The the tHe",
    "İstanbul İİİ. the THE. Of",
    "😀 " * 300,
    "مرحبا بالعالم " * 50,
    "\x00\x01\x02\xff" * 200,
    "COVID- 19 don' t 3. 5 percent Seoul -based the Institute. for National Security " * 20,
    "Korea of the North states members hasta la vista que the " * 30,
    "The The The of Of OF of. of, of; '' ’s 's 're n't ’ll ’d " * 40,
    "This article was machine translated. " * 5,
    "word " * 2000,
    "x" * 10000,
    "A. B. C. d. e. f. " * 100,
    "1.2.3 4,5,6 -7 +8 " * 100,
    "said the " * 600 + "Mr. Smith. and. the. " * 50,
    "the plan también the people and TAMBIÉN según the MÁS word más here " * 20,
    "Kelvin \u212a: korea of the north and the \u212aorea of the north, también " * 10,
    "no-break\u00a0space The\u2009thin The\u3000wide of\x1cfile. then. \u0663 . ٣ " * 30,
    "He didn’ t go. . She went. . . then. .. and. . x the Institute. for " * 20,
    "lone \udc80 surrogate. then the korea of the north plan " * 20,
    "İstanbul \udc80 korea of the north, the plan también the people " * 20,
)


def texts() -> list[str]:
    rng = random.Random(7)
    df = pd.read_parquet(
        SHARED / "datasets/allsides-baly2020/allsides_articles.parquet",
        columns=["content_original"],
    )
    arts = [t for t in df["content_original"].tolist() if isinstance(t, str) and t.strip()]
    out = [t[:5200] for t in rng.sample(arts, 1400)]
    rows = []
    with lzma.open(SHARED / "datasets/mt-roundtrip/allsides_roundtrip.jsonl.xz", "rt") as fh:
        for line in fh:
            rows.append(json.loads(line)["text_mt"])
    out += [t[:5200] for t in rng.sample(rows, 500)]
    out += [
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted((SHARED / "seeds").glob("*.txt"))
        if p.name != "README.md"
    ]
    out += HOSTILE
    return out


def result_tuple(r):
    return (r.detector, dict(r.features), tuple(r.evidence), r.score, dict(r.extras))


def run(det, docs):
    return [result_tuple(det(d)) for d in docs]


def bench(det, docs, passes=3):
    times = []
    for _ in range(passes):
        t0 = time.process_time()
        for d in docs:
            det(d)
        times.append((time.process_time() - t0) / len(docs) * 1000.0)
    return statistics.median(times), times


def same(a, b) -> list[str]:
    errs = []
    if a[0] != b[0]:
        errs.append("detector")
    if a[1].keys() != b[1].keys():
        errs.append("feature keys")
    for k in a[1]:
        x, y = a[1][k], b[1].get(k)
        if y is None or not (abs(x - y) <= 1e-9 or (math.isnan(x) and math.isnan(y))):
            errs.append(f"feature {k}: {x!r} vs {y!r}")
    if a[2] != b[2]:
        errs.append(f"evidence {a[2]!r} vs {b[2]!r}")
    if (a[3] is None) != (b[3] is None) or (a[3] is not None and abs(a[3] - b[3]) > 1e-9):
        errs.append(f"score {a[3]!r} vs {b[3]!r}")
    if a[4] != b[4]:
        errs.append(f"extras {a[4]!r} vs {b[4]!r}")
    return errs


def main() -> None:
    mode, path = sys.argv[1], sys.argv[2]
    det = MachineTranslationDetector()
    docs = [Document(text=t, language="en") for t in texts()]
    res = run(det, docs)
    if mode == "save":
        Path(path).write_bytes(pickle.dumps(res))
        print(f"saved {len(res)} results to {path}")
    else:
        base = pickle.loads(Path(path).read_bytes())
        bad = 0
        for i, (a, b) in enumerate(zip(base, res, strict=True)):
            errs = same(a, b)
            if errs:
                bad += 1
                if bad <= 5:
                    print(i, errs[:3])
        print(f"compared {len(res)}: {bad} differ")
    med, ts = bench(det, docs)
    print(
        f"CPU ms/doc: median {med:.4f} (passes {', '.join(f'{t:.4f}' for t in ts)}), "
        f"{len(docs)} docs"
    )


if __name__ == "__main__":
    main()
