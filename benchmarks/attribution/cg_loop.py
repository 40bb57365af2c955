"""Instruction counts of both attribution detectors (second speed round, 2026-11-23).

    python benchmarks/attribution/compare_outputs.py prepare /tmp/attr_docs.pkl
    python benchmarks/attribution/cg_loop.py split /tmp/attr_docs.pkl /tmp/attr   # -> /tmp/attr_{html,text}300.pkl
    cd TREE && PYTHONPATH=TREE valgrind --tool=callgrind --collect-atstart=no \
        --toggle-collect=filter_next --callgrind-out-file=OUT.cg \
        /root/.pyenv/versions/3.11.7/bin/python3.11 /work/main/benchmarks/attribution/cg_loop.py \
        run /tmp/attr {html,text} 200
    callgrind_annotate --inclusive=yes OUT.cg

``run``: a warm-up over 20 other documents, then N documents through both detectors inside
``list(filter(one, docs))``: ``--toggle-collect=filter_next`` counts exactly that loop (nothing
in the detectors calls ``filter``), so "Collected" / N is the cost per document.

``interleave``: old (a ``git archive`` tree, loaded as a renamed package) and new code on the
same documents, passes interleaved in one process; each pass starts cold (``re.purge()``, the
``clean_author`` cache cleared), as in a pipeline where every document is new:

    CREDSCORE_PURE_PYTHON=1 python benchmarks/attribution/cg_loop.py interleave /tmp/attr OLD_TREE html 300 5
"""

from __future__ import annotations

import pickle
import re
import statistics
import sys
import time
from pathlib import Path


def split(src: str, prefix: str) -> int:
    with open(src, "rb") as fh:
        docs = pickle.load(fh)
    for kind in ("html", "text"):
        part = [d for d in docs if (d.html is not None) == (kind == "html")][:300]
        with open(f"{prefix}_{kind}300.pkl", "wb") as fh:
            pickle.dump(part, fh)
    return 0


def _docs(prefix: str, kind: str) -> list:
    with open(f"{prefix}_{kind}300.pkl", "rb") as fh:
        return pickle.load(fh)


def run(prefix: str, kind: str, n: int) -> int:
    import features.attribution as pkg

    docs = _docs(prefix, kind)
    dets = pkg.detectors()
    for d in docs[-20:]:
        for det in dets:
            det(d)

    def one(d: object) -> bool:
        for det in dets:
            det(d)
        return False

    list(filter(one, docs[:n]))
    return 0


def interleave(prefix: str, old_tree: str, kind: str, n: int, passes: int) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import compare_outputs as co

    import features.attribution as new
    from features.attribution import markup

    docs = _docs(prefix, kind)[:n]
    old = co._old_package(old_tree)
    sides = {"old": (old.detectors(), []), "new": (new.detectors(), [])}
    for dets, _ in sides.values():
        for d in docs[:30]:
            for det in dets:
                det(d)
    for _ in range(passes):
        for dets, times in sides.values():
            re.purge()
            markup._CLEANED.clear()
            t0 = time.thread_time()
            for d in docs:
                for det in dets:
                    det(d)
            times.append((time.thread_time() - t0) / len(docs) * 1000)
    for name, (_, times) in sides.items():
        print(f"{kind} {name}: best {min(times):.4f} median {statistics.median(times):.4f} ms/doc"
              f" ({len(docs)} documents, {passes} interleaved passes)")
    print(f"ratio of medians new/old {statistics.median(sides['new'][1]) / statistics.median(sides['old'][1]):.3f}")
    return 0


def main(argv: list[str]) -> int:
    if argv[1] == "split":
        return split(argv[2], argv[3])
    if argv[1] == "run":
        return run(argv[2], argv[3], int(argv[4]))
    return interleave(argv[2], argv[3], argv[4], int(argv[5]), int(argv[6]))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
