"""framing.partisan.v1 CPU time per document, two built trees taken in turns (speed work).

    nice python benchmarks/framing/turnabout_trees.py OLD_TREE NEW_TREE [--docs 800] [--rounds 5]
        [--html]

Each round runs one process per tree (``PYTHONPATH`` = the tree, so its compiled modules are
imported), alternating which goes first; a process times the detector over the first ``--docs``
texts of work_data/speed/corpus_text.jsonl (or the extracted text of corpus_html pages with
``--html``) with ``time.process_time``, best of three passes after 50 warm-up calls. Prints
each round's ms per document and the median new/old ratio: the machine is shared and its
speed drifts, so only the turn-about ratio means much.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys

CHILD = r"""
import json, sys, time
from features.framing.partisan import PartisanFraming
from scorer.document import Document
from scorer.scoring import Scorer
root, n, html = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
docs = []
kind = "html" if html else "text"
prep = Scorer(detectors=[]) if html else None
with open(root + "/work_data/speed/corpus_" + kind + ".jsonl", encoding="utf-8") as fh:
    for line in fh:
        if len(docs) >= n:
            break
        r = json.loads(line)
        if html:
            docs.append(prep.prepare(Document(text="", html=r["html"], url=r.get("url"),
                                              id=r["id"])))
        else:
            docs.append(Document(text=r["text"], id=r["id"], language="en"))
det = PartisanFraming()
for d in docs[:50]:
    det(d)
best = []
for _ in range(3):
    t = time.process_time()
    for d in docs:
        det(d)
    best.append((time.process_time() - t) / len(docs) * 1e3)
print(min(best))
"""


def run(tree: str, docs: int, html: bool) -> float:
    env = dict(os.environ, PYTHONPATH=tree, OPENBLAS_NUM_THREADS="1")
    out = subprocess.run([sys.executable, "-c", CHILD, tree, str(docs), "1" if html else "0"],
                         env=env, cwd=tree, check=True, capture_output=True, text=True).stdout
    return float(out.split()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--docs", type=int, default=800)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--html", action="store_true")
    a = ap.parse_args()
    ratios = []
    for r in range(a.rounds):
        order = [a.old, a.new] if r % 2 == 0 else [a.new, a.old]
        t = {tree: run(tree, a.docs, a.html) for tree in order}
        ratios.append(t[a.new] / t[a.old])
        print(f"round {r + 1}: old {t[a.old]:.4f} ms  new {t[a.new]:.4f} ms  "
              f"ratio {ratios[-1]:.3f}", flush=True)
    print(f"median ratio new/old {statistics.median(ratios):.3f} over {a.rounds} rounds")


if __name__ == "__main__":
    main()
