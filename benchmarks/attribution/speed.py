"""Throughput of the attribution detectors on text input, one process, one core.

    nice python benchmarks/attribution/speed.py [N]

Texts: the first N (default 2,000) articles of allsides-baly2020 (``content_original``), scored
as plain text. Prints docs/s per detector and for both together (median and best of 5 passes), measured
in process CPU time (the machine is shared; wall time would count other users' load).
"""

from __future__ import annotations

import statistics
import sys
import time

import pandas as pd

from features.attribution import detectors
from scorer.document import Document


def main(argv: list[str]) -> int:
    n = int(argv[1]) if len(argv) > 1 else 2000
    df = pd.read_parquet("/work/shared/datasets/allsides-baly2020/allsides_articles.parquet",
                         columns=["content_original"]).head(n)
    docs = [Document(text=t or "", language="en") for t in df["content_original"]]
    mean_chars = sum(len(d.text) for d in docs) / len(docs)
    dets = detectors()
    for d in docs[:50]:
        for det in dets:
            det(d)
    rows = []
    for label, chosen in [(det.name, [det]) for det in dets] + [("both", dets)]:
        times = []
        for _ in range(5):
            t0 = time.process_time()
            for d in docs:
                for det in chosen:
                    det(d)
            times.append(time.process_time() - t0)
        rows.append((label, len(docs) / statistics.median(times), len(docs) / min(times)))
    # calibration: PERFORMANCE.md measured findall(r"\w+") at 4,800 docs/s on ~7 KB documents on
    # this machine when it was quiet; the ratio tells how loaded the machine is now
    import re

    word = re.compile(r"\w+")
    ctimes = []
    for _ in range(5):
        t0 = time.process_time()
        for d in docs:
            word.findall(d.text)
        ctimes.append(time.process_time() - t0)
    calib = len(docs) / min(ctimes) * mean_chars / 7000
    print(f"{len(docs)} documents, mean {mean_chars:,.0f} characters")
    print(f"calibration: findall(\\w+) at {calib:,.0f} docs/s per 7 KB "
          f"(PERFORMANCE.md, quiet machine: 4,800)")
    print("| detector | docs/s (median of 5) | docs/s (best of 5) |")
    for label, rate, best in rows:
        print(f"| {label} | {rate:,.0f} | {best:,.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
