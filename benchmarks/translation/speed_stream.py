"""Turn-about CPU time of ``translation.mt.v1``: a baseline archive against the working tree.

    rm -rf /tmp/mt_base && mkdir -p /tmp/mt_base && git archive 82e1bf2 | tar -x -C /tmp/mt_base
    nice python benchmarks/translation/speed_stream.py --before /tmp/mt_base

Both packages run in one process on the same prepared documents (``work_data/speed/
corpus_text.jsonl`` through ``CredibilityFilter.load().scorer.prepare``, as the crawl filter
feeds the detector). After a warm-up over the first ``--warm`` documents (both memos fill as in a
running crawl), two measurements over the next ``--n`` documents, timed with
``time.thread_time`` in chunks of ``--chunk`` documents, the version going first alternating
chunk by chunk so the shared machine's load drifts over both alike:

- stream: each document seen for the first time (as in a crawl: memo misses, cold caches);
- repeat: ``--rounds`` more passes, fastest round per chunk (best case: memo and caches warm).

Reported: ms per document of each version and the median over chunks of the after/before ratio.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from speed_compare import load_before  # noqa: E402

from features.translation.detector import MachineTranslationDetector  # noqa: E402


def prepared(limit: int) -> list:
    from scorer import CredibilityFilter

    f = CredibilityFilter.load()
    out = []
    with (ROOT / "work_data/speed/corpus_text.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            out.append(f.scorer.prepare(f.document(text=r["text"], url=r.get("url"))))
            if len(out) >= limit:
                break
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", type=Path, required=True)
    ap.add_argument("--warm", type=int, default=2000)
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--chunk", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args(argv)
    old, new = load_before(args.before)(), MachineTranslationDetector()
    docs = prepared(args.warm + args.n)
    for d in docs[: args.warm]:
        old(d)
        new(d)
    part = docs[args.warm :]
    chunks = [part[i : i + args.chunk] for i in range(0, len(part), args.chunk)]
    tt = time.thread_time
    n = len(part)

    def timed(det, chunk) -> float:
        t0 = tt()
        for d in chunk:
            det(d)
        return tt() - t0

    def show(label: str, a: list[float], b: list[float]) -> None:
        ratio = statistics.median(y / x for x, y in zip(a, b))
        print(
            f"{label}: before {sum(a) / n * 1e3:.3f} ms/doc, after {sum(b) / n * 1e3:.3f} ms/doc; "
            f"median chunk ratio after/before {ratio:.3f}",
            flush=True,
        )

    ta, tb = [0.0] * len(chunks), [0.0] * len(chunks)
    for j, c in enumerate(chunks):
        first, second = ((old, ta), (new, tb)) if j % 2 == 0 else ((new, tb), (old, ta))
        for det, acc in (first, second):
            acc[j] = timed(det, c)
    show(f"stream ({n} documents, each new)", ta, tb)
    ra, rb = [float("inf")] * len(chunks), [float("inf")] * len(chunks)
    for rnd in range(args.rounds):
        for j, c in enumerate(chunks):
            pair = ((old, ra), (new, rb)) if (rnd + j) % 2 == 0 else ((new, rb), (old, ra))
            for det, acc in pair:
                acc[j] = min(acc[j], timed(det, c))
    show(f"repeat (fastest of {args.rounds} rounds)", ra, rb)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
