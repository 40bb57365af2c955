"""CPU cost of spam.injected.v1 in two built trees, turn about in one process (compiled builds).

    git archive 6d59d70 | tar -x -C /tmp/old && (cd /tmp/old && python setup.py build_ext --inplace)
    # /tmp/new: a copy of this tree, built the same way (never build inside the checkout)
    nice python benchmarks/spam/speed_compiled.py /tmp/old /tmp/new --docs 500 --rounds 5
    CREDSCORE_PURE_PYTHON=1 nice python benchmarks/spam/speed_compiled.py /tmp/old /tmp/new

speed_injected.py imports the baseline's sources under another package name, which compiled
modules cannot do. Here each tree's ``features``/``scorer`` packages are imported in turn from
its own directory (the modules of the first are dropped from ``sys.modules`` before the second
is imported; the first tree's detector keeps its own module objects), so both compiled builds
run side by side. The calls alternate document by document (the order flips every document and
every round), timed with ``time.thread_time``; the script prints each round's mean ms per
document and the median over rounds of the new/old ratio.

Corpus: the first ``--docs`` texts of work_data/speed/corpus_text.jsonl, document language from
the first tree's ``features.lang.detect`` (not timed), detectors warmed up on 100 documents.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "work_data" / "speed" / "corpus_text.jsonl"


def _rows(n: int) -> list[dict]:
    rows = []
    with open(CORPUS, encoding="utf-8") as fh:
        for line in fh:
            rows.append(json.loads(line))
            if len(rows) >= n:
                break
    return rows


def _load(tree: str, rows: list[dict], langs: list[str] | None
          ) -> tuple[str, object, list, list[str]]:
    for name in [k for k in sys.modules if k in ("features", "scorer")
                 or k.startswith(("features.", "scorer."))]:
        del sys.modules[name]
    sys.path.insert(0, tree)
    try:
        from features import lang
        from features.spam import injected
        from scorer.document import Document
    finally:
        sys.path.remove(tree)
    if langs is None:
        langs = [lang.detect(r["text"]) for r in rows]
    docs = [Document(text=r["text"], id=r["id"], language=la) for r, la in zip(rows, langs)]
    det = injected.InjectedSpamDetector()
    for d in docs[:100]:
        det(d)
    return injected.__file__, det, docs, langs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    rows = _rows(args.docs)
    old_file, old_det, old_docs, langs = _load(args.old, rows, None)
    new_file, new_det, new_docs, _ = _load(args.new, rows, langs)
    print(f"old: {old_file}\nnew: {new_file}")
    clock = time.thread_time
    ratios = []
    for r in range(args.rounds):
        spent = {"old": 0.0, "new": 0.0}
        for i in range(len(rows)):
            pair = (("old", old_det, old_docs), ("new", new_det, new_docs))
            for name, det, docs in (pair if (i + r) % 2 == 0 else pair[::-1]):
                t0 = clock()
                det(docs[i])
                spent[name] += clock() - t0
        old_ms, new_ms = (spent[k] / len(rows) * 1000 for k in ("old", "new"))
        ratios.append(new_ms / old_ms)
        print(f"round {r}: old {old_ms:.4f} ms/doc, new {new_ms:.4f} ms/doc, "
              f"new/old {ratios[-1]:.3f}")
    print(f"median new/old over {args.rounds} rounds: {statistics.median(ratios):.3f}")


if __name__ == "__main__":
    main()
